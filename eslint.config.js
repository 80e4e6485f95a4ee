import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// Import boundaries (ARCHITECTURE.md §1, §6): 'electron' only in src/main/electron and src/preload;
// nothing from Node or src/main in the renderer; src/shared stays free of Node, DOM and Electron.
const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'child_process', 'net', 'http', 'crypto'];
const restrict = (patterns) => ['error', { patterns }];

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/main/**/*.ts'],
    ignores: ['src/main/electron/**', 'src/main/index.ts'],
    rules: {
      'no-restricted-imports': restrict([
        { group: ['electron'], message: 'Only src/main/electron may import electron.' },
      ]),
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': restrict([
        {
          group: ['electron', 'react', 'react-dom', ...nodeBuiltins],
          message: 'src/shared imports no Node, DOM, React or Electron.',
        },
        {
          group: ['**/main/**', '**/renderer/**'],
          message: 'src/shared depends on nothing else in src.',
        },
      ]),
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': restrict([
        {
          group: ['electron', ...nodeBuiltins],
          message: 'The renderer runs in a sandboxed window: no Node or Electron.',
        },
        {
          group: ['**/main/**', '**/preload/**'],
          message: 'The renderer reaches the main process only through the contract.',
        },
      ]),
    },
  },
);
