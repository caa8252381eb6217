// @ts-check
// ESLint with typescript-eslint over every TypeScript file: a few rules, each for a bug tsc lets through
// or for one way of writing a thing. Formatting, line length included, is Prettier's (.prettierrc.json).
// Not Biome, though it is one fast tool for both: its promise rules do not use the TypeScript checker, and
// of four unhandled promises planted in an app of this tree (Biome 2.6), they found none; typescript-eslint all four.
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

export default defineConfig(
  { ignores: ['**/node_modules/', '.stack/', 'services/gateway/public/'] },
  {
    files: ['**/*.ts'],
    languageOptions: { parser: tseslint.parser, parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { '@typescript-eslint': tseslint.plugin },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // A promise nobody awaits loses its rejection and runs out of order: a publish or a write that fails unseen.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      // `return promise` inside try skips the catch that maps a failure to its AppError (503, 504, ...).
      '@typescript-eslint/return-await': ['error', 'in-try-catch'],
      // A union switch (an order's status, a message kind) names every case or says what the default means.
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      // verbatimModuleSyntax keeps every import that is not marked `type`: mark types, and mark a whole
      // declaration `import type` rather than each name, or the module is still loaded for nothing.
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-import-type-side-effects': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      eqeqeq: 'error',
      'prefer-const': 'error',
    },
  },
  {
    // The apps log through the kit's pino logger (JSON, with the request id); the console bypasses it.
    files: ['services/*/src/**/*.ts', 'packages/*/src/**/*.ts'],
    // admin.ts is a command-line tool (npm run admin): its output is for the person who ran it.
    ignores: ['packages/testing/**', 'services/customer/src/admin.ts'],
    rules: { 'no-console': 'error' },
  },
);
