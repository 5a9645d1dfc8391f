// Shared test configuration: every workspace package runs its tests against the
// sources of the packages it imports (the "source" export condition), so unit
// tests never depend on a stale build.
import { defineConfig } from 'vitest/config';

const conditions = ['source', 'node', 'development|production'];

export default defineConfig({
  resolve: { conditions },
  // Tests run in Vite's server-side environment, which has its own resolver settings.
  ssr: { resolve: { conditions } },
  test: {
    root: process.cwd(),
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['**/*.int.test.ts', '**/node_modules/**', '**/dist/**'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    reporters: ['default', ['json', { outputFile: '.test-results.json' }]],
  },
});
