// Integration tests (`*.int.test.ts`): real servers, so longer timeouts and
// one file at a time. Run with `npm run test:int`.
import { defineConfig } from 'vitest/config';
import shared from '../../vitest.shared.ts';

export default defineConfig({
  resolve: shared.resolve,
  ssr: shared.ssr,
  test: {
    root: import.meta.dirname,
    include: ['test/**/*.int.test.ts'],
    testTimeout: 90_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
