import { readdir, readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { Migrator, sql, type Kysely, type Migration, type MigrationProvider, type MigrationResultSet } from 'kysely'
import { TradeEtlError } from '../errors.ts'

/** The project's `sql/` folder: numbered, append-only, plain SQL files. */
export const SQL_DIR = fileURLToPath(new URL('../../sql/', import.meta.url))

const MIGRATION_FILE = /^(\d{4})_[a-z0-9_]+\.sql$/

/** Each `sql/NNNN_verb_object.sql` is one migration; kysely runs pending ones in a transaction. */
export class SqlFileMigrationProvider implements MigrationProvider {
  readonly #dir: string

  constructor(dir: string = SQL_DIR) {
    this.#dir = dir
  }

  async getMigrations(): Promise<Record<string, Migration>> {
    const migrations: Record<string, Migration> = {}
    for (const name of (await readdir(this.#dir)).sort()) {
      if (!MIGRATION_FILE.test(name)) continue
      const text = await readFile(`${this.#dir}/${name}`, 'utf8')
      migrations[name.replace(/\.sql$/, '')] = {
        up: async (db) => {
          await sql.raw(text).execute(db)
        },
      }
    }
    return migrations
  }
}

/**
 * Whether every migration file is recorded as applied, in one query. Every command opens the
 * warehouse through migrateToLatest; kysely's Migrator introspects the catalog and takes its
 * lock first, ~40 ms of a 10-row ingest's ~120 ms of database work (measured with
 * log_statement = all). A missing table, or any name missing or extra, goes to the Migrator,
 * which decides (and reports a recorded migration whose file is gone).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any schema: migrations come before types
async function isUpToDate(db: Kysely<any>): Promise<boolean> {
  const files = (await readdir(SQL_DIR)).filter((n) => MIGRATION_FILE.test(n)).map((n) => n.replace(/\.sql$/, '')).sort()
  // No migration table yet (a new warehouse): the Migrator creates it.
  const table = await sql<{ t: string | null }>`select to_regclass('etl.kysely_migration')::text as t`.execute(db)
  if (table.rows[0]?.t === null || table.rows[0]?.t === undefined) return false
  const applied = await sql<{ names: string[] | null }>`select array_agg(name::text order by name) as names from etl.kysely_migration`.execute(db)
  const names = applied.rows[0]?.names ?? []
  return names.length === files.length && names.every((n, i) => n === files[i])
}

export interface MigrateSummary {
  readonly applied: readonly string[]
}

/** Applies pending migrations; idempotent. Throws MIGRATION_FAILED naming the migration. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any schema: migrations come before types
export async function migrateToLatest(db: Kysely<any>): Promise<MigrateSummary> {
  if (await isUpToDate(db)) return { applied: [] }
  try {
    await sql`create schema if not exists etl`.execute(db)
  } catch (error) {
    // Two processes migrating a new database at once: "if not exists" is not atomic in
    // PostgreSQL (the loser gets a unique violation on pg_namespace). The schema is there then.
    const there = await sql<{ n: number }>`select count(*)::int as n from pg_namespace where nspname = 'etl'`.execute(db)
    if (there.rows[0]?.n !== 1) throw error
  }
  const migrator = new Migrator({
    db,
    provider: new SqlFileMigrationProvider(),
    migrationTableSchema: 'etl',
  })
  const { error, results }: MigrationResultSet = await migrator.migrateToLatest()
  if (error !== undefined) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown'
    throw new TradeEtlError('MIGRATION_FAILED', `migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error })
  }
  return { applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName) }
}
