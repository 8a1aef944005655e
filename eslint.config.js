// @ts-check
import js from '@eslint/js'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  { ignores: ['node_modules', '.trade-etl', 'coverage', 'dist'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      // src/transform is pure: no database, file system or logger.
      'no-restricted-imports': 'off',
    },
  },
  {
    files: ['src/transform/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: ['node:fs', 'node:fs/promises', 'fs', 'pg', 'pino', '@electric-sql/pglite', 'kysely'],
        patterns: ['../load/*', '../extract/*', '../cli/*', '../load', '../extract', '../cli'],
      }],
    },
  },
)
