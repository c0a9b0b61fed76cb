// Lint rules: the typescript-eslint recommended set, no import cycles (the generator's kernel recurses
// through its per-type generators on purpose, so only worker/mock/generate/ may form cycles), and
// the house limits: files of at most 300 lines and functions of at most 80 in the shipped code.
import importX from 'eslint-plugin-import-x';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const shipped = ['worker/**/*.ts', 'cli/**/*.mjs', 'dashboard/**/*.js'];

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      '.wrangler/',
      '.corpus/',
      '.clients/',
      'corpus-results/',
      'dist/',
      // What scripts/build-cli-package.mjs copies and bundles into the package (git-ignored).
      'packages/cli/cli/',
      'packages/cli/prebuilt/',
      'test-results/',
      'bench/.prism/',
      'worker/ingest/generated/',
      'test/workers/generated/',
      'worker/env.generated.d.ts',
    ],
  },
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver': { node: { extensions: ['.ts', '.mjs', '.js'] } } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Only our own modules can form a cycle; not parsing node_modules keeps the rule fast.
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  { files: ['worker/mock/generate/**/*.ts'], rules: { 'import-x/no-cycle': 'off' } },
  {
    files: shipped,
    rules: {
      'max-lines': ['error', { max: 300, skipBlankLines: true, skipComments: true }],
      'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true }],
    },
  },
);
