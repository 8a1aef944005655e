import { sql, type Kysely } from 'kysely'
import type { CountryRow, ProductRow } from '../transform/index.ts'
import type { Database } from './schema.ts'
import type { Warehouse } from './warehouse.ts'
import { findLoadedSource, MERGE_LOCK } from './load-trade-source.ts'

const BATCH = 1000

/** Writes country codes; 'keep' leaves codes already mapped alone (a side table never overrides). */
export async function upsertCountries(db: Kysely<Database>, rows: readonly CountryRow[], mode: 'replace' | 'keep'): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) {
    const values = rows.slice(i, i + BATCH).map((r) => ({ code: r.code, iso3: r.iso3, name: r.name, source: r.source }))
    await db.insertInto('core.country').values(values)
      .onConflict((oc) => mode === 'keep'
        ? oc.column('code').doNothing()
        : oc.column('code').doUpdateSet((eb) => ({ iso3: eb.ref('excluded.iso3'), name: eb.ref('excluded.name'), source: eb.ref('excluded.source') })))
      .execute()
  }
}

export async function upsertProducts(db: Kysely<Database>, rows: readonly ProductRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) {
    const values = rows.slice(i, i + BATCH).map((r) => ({
      classification: r.classification, code: r.code, level: r.level, parent_code: r.parentCode, description: r.description,
    }))
    await db.insertInto('core.product').values(values)
      .onConflict((oc) => oc.columns(['classification', 'code']).doUpdateSet((eb) => ({
        level: eb.ref('excluded.level'), parent_code: eb.ref('excluded.parent_code'), description: eb.ref('excluded.description'),
      })))
      .execute()
  }
}

/**
 * The bundled reference tables in one transaction, recorded in etl.source_file under their
 * combined sha256 so later runs can tell they are already there.
 */
export async function recordReferenceLoad(
  wh: Warehouse, load: { sha256: string; path: string; countries: readonly CountryRow[]; products: readonly ProductRow[] },
): Promise<boolean> {
  return wh.transaction(async (tx) => {
    // Two processes starting on a fresh warehouse both find no reference data: under the loads'
    // lock the second sees the first's and loads nothing (no duplicate key, no deadlock).
    await sql`select pg_advisory_xact_lock(hashtext(${MERGE_LOCK}))`.execute(tx.db)
    if (await findLoadedSource(tx, load.sha256, '') !== undefined) return false
    await upsertCountries(tx.db, load.countries, 'replace')
    await upsertProducts(tx.db, load.products)
    const rows = load.countries.length + load.products.length
    await tx.db.insertInto('etl.source_file').values({
      sha256: load.sha256, path: load.path, format: 'reference', layout: 'reference', encoding: 'utf-8', bytes: 0,
      rows_read: rows, rows_loaded: rows, rows_rejected: 0, run_id: null,
    }).execute()
    return true
  })
  // The reporting views look names and descriptions up in these tables: without statistics the
  // planner guessed a few rows for 11,756 products and scanned them all once per HS chapter.
  await sql`analyze core.country, core.product`.execute(wh.db)
}

/** A CEPII side table found beside the data, as one source: its rows, its rejects, its record. */
export interface SideTableLoad {
  readonly sha256: string
  readonly member: string
  readonly path: string
  readonly layout: string
  readonly encoding: string
  readonly bytes: number
  readonly runId: number | null
  readonly rowsRead: number
  readonly countries?: readonly CountryRow[]
  readonly products?: readonly ProductRow[]
  readonly rejects: readonly { readonly line: number; readonly reason: string; readonly raw: string }[]
}

/**
 * Loads a side table in one transaction: its rows (codes the warehouse already maps keep their
 * mapping), its rejects in etl.rejected_row, and an etl.source_file row, so a side table is
 * skipped when loaded again and shows in `status` like any source. Under the loads' advisory
 * lock: the same member loaded by two processes at once is loaded once.
 */
export async function recordSideTableLoad(wh: Warehouse, load: SideTableLoad): Promise<{ fileId: number; skipped: boolean }> {
  return wh.transaction(async (tx) => {
    await sql`select pg_advisory_xact_lock(hashtext(${MERGE_LOCK}))`.execute(tx.db)
    const known = await findLoadedSource(tx, load.sha256, load.member)
    if (known !== undefined) return { fileId: known.file_id, skipped: true }
    if (load.countries !== undefined) await upsertCountries(tx.db, load.countries, 'keep')
    if (load.products !== undefined) await upsertProducts(tx.db, load.products)
    const loaded = (load.countries?.length ?? 0) + (load.products?.length ?? 0)
    const { file_id: fileId } = await tx.db.insertInto('etl.source_file').values({
      sha256: load.sha256, member: load.member, path: load.path, format: 'baci', layout: load.layout, encoding: load.encoding, bytes: load.bytes,
      rows_read: load.rowsRead, rows_loaded: loaded, rows_rejected: load.rejects.length, run_id: load.runId,
    }).returning('file_id').executeTakeFirstOrThrow()
    for (let i = 0; i < load.rejects.length; i += BATCH) {
      await tx.db.insertInto('etl.rejected_row')
        .values(load.rejects.slice(i, i + BATCH).map((r) => ({ file_id: fileId, line: r.line, reason: r.reason, raw: r.raw })))
        .execute()
    }
    return { fileId, skipped: false }
  })
}
