import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.vscode-test/**', '.cache/**', '.stryker-tmp/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'smart'],
      'no-restricted-imports': 'off',
    },
  },
  {
    files: ['**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
  {
    // Commands are leaves: only the wiring (src/extension.ts) registers them.
    files: ['src/**/*.ts'],
    ignores: ['src/extension.ts', 'src/commands/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['**/commands/*'], message: 'Only src/extension.ts imports commands.' }] }] },
  },
  {
    // The client, the store and the pure member modules stay free of VS Code: they run (and are
    // tested) in plain Node. Nothing below the features imports commands either.
    files: ['src/asana/**/*.ts', 'src/store/**/*.ts', 'src/members/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: ['vscode'], patterns: [{ group: ['**/commands/*'], message: 'Only src/extension.ts imports commands.' }] },
      ],
    },
  },
  {
    // The flows (what commands decide) and the UI seam they use run in plain Node: VS Code types only.
    files: ['src/flows/**/*.ts', 'src/ui/ui.ts', 'src/ui/asanaProgress.ts', 'src/ui/pickWorkspace.ts', 'src/ui/dismissed.ts'],
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', allowTypeImports: true, message: 'Flows run in plain Node: import VS Code types only.' }],
          patterns: [{ group: ['**/commands/*'], message: 'Only src/extension.ts imports commands.' }],
        },
      ],
    },
  },
);
