// @ts-check
import js from '@eslint/js'
import tseslint from 'typescript-eslint'

/** Import paths that name another folder of src/ by anything but its index.ts. */
const DEEP_IMPORT = '^(\\.\\./)+(src/)?(load|extract|transform|jobs|cli|config)/(?!([a-z-]+/)?index\\.ts$).+'

/**
 * Query building that belongs in src/load: kysely's builders and the sql tag. Everything else
 * calls a load function (STYLE.md: load is the only place that holds SQL).
 */
const QUERY_SYNTAX = [
  {
    selector: "CallExpression[callee.property.name=/^(selectFrom|insertInto|updateTable|deleteFrom|mergeInto|replaceInto|selectNoFrom|executeQuery)$/]",
    message: 'queries live in src/load: call (or add) a function there',
  },
  {
    selector: "TaggedTemplateExpression[tag.name='sql'], TaggedTemplateExpression[tag.object.name='sql']",
    message: 'SQL lives in src/load and sql/: call (or add) a function there',
  },
]

export default tseslint.config(
  { ignores: ['node_modules', '.trade-etl', 'coverage', 'dist'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // Folders talk to each other through their index.ts only.
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: DEEP_IMPORT, message: "import another folder through its index.ts" }] }],
    },
  },
  {
    // src/jobs and src/cli wire things together: no SQL, no database drivers.
    files: ['src/jobs/**/*.ts', 'src/cli/**/*.ts', 'src/config/**/*.ts', 'src/extract/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [
          { name: 'kysely', message: 'queries live in src/load' },
          { name: 'pg', message: 'the database is reached through src/load' },
          { name: 'pg-copy-streams', message: 'the database is reached through src/load' },
          { name: '@electric-sql/pglite', message: 'the database is reached through src/load' },
        ],
        patterns: [{ regex: DEEP_IMPORT, message: 'import another folder through its index.ts' }],
      }],
      'no-restricted-syntax': ['error', ...QUERY_SYNTAX],
    },
  },
  {
    // src/transform is pure at every depth: same bytes in, same rows out. No file system,
    // hashing, database, logger, or any folder that has them.
    files: ['src/transform/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: ['node:fs', 'node:fs/promises', 'fs', 'fs/promises', 'node:crypto', 'crypto', 'node:child_process', 'node:net', 'node:http', 'node:https',
          'pg', 'pg-copy-streams', 'pino', '@electric-sql/pglite', 'kysely'],
        patterns: [
          { regex: '^(\\.\\./)+(load|extract|jobs|cli|config)(/|$)', message: 'src/transform is pure: no load, extract, jobs, cli or config' },
          { regex: '^(\\.\\./)+log(\\.ts)?$', message: 'src/transform is pure: no logger' },
        ],
      }],
      'no-restricted-syntax': ['error', ...QUERY_SYNTAX],
    },
  },
)
