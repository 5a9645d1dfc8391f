// One lint configuration for every workspace package.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/src/gen/**', '**/node_modules/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  { languageOptions: { globals: globals.node } },
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Only a service composition root (src/main.ts) or a config module reads the environment.' },
      ],
    },
  },
  {
    files: ['**/src/main.ts', '**/src/config.ts', 'scripts/**', 'load-tests/**', '**/*.test.ts', 'test/**'],
    rules: { 'no-restricted-properties': 'off', 'no-console': 'off' },
  },
);
