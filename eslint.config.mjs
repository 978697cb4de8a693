// Lint: typescript-eslint's recommended rules plus the project's boundaries (STYLE.md): the core never imports
// `vscode`, no default exports, `import type` for types.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', 'test/integration/processShim.js', '.vscode-test*/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off',
      'no-restricted-syntax': ['error', { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' }],
    },
  },
  // The `npm start` helper is a plain CommonJS extension (never shipped).
  { files: ['scripts/start-helper/**/*.js'], languageOptions: { sourceType: 'commonjs' }, rules: { '@typescript-eslint/no-require-imports': 'off' } },
  // Declarations of bundler-loaded text files must use a default export.
  { files: ['**/*.d.ts'], rules: { 'no-restricted-syntax': 'off' } },
  {
    files: ['src/core/**/*.ts', 'src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'The core and the command line never import vscode (STYLE.md).' }] }],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'The core never imports vscode (STYLE.md).' }],
          patterns: [
            { group: ['node:*', 'fs', 'path', 'os', 'child_process'], message: 'The core runs on the web too: no Node built-ins.' },
            { regex: '(^|/)protocol$', message: 'The core knows nothing of the webview protocol: the protocol imports the core\'s types.' },
          ],
        },
      ],
    },
  },
  // A feature never imports another feature: they meet in extension.shared.ts or through a service.
  {
    files: ['src/features/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: '^\\.\\./(?!\\.\\./)', message: 'A feature never imports another feature (STYLE.md): share through src/services or run its command.' }, { regex: '(^|/)features/', message: 'A feature never imports another feature (STYLE.md).' }] }],
    },
  },
  // Helpers are leaves: they know no service and no feature.
  {
    files: ['src/util/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [], patterns: [{ regex: '(^|/)(services|features)/', message: 'util/ never imports services or features (STYLE.md).' }] }],
    },
  },
);
