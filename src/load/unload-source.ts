import { sql } from 'kysely'
import type { Warehouse, WarehouseTx } from './warehouse.ts'
import { FACT_COLUMNS, FACT_KEY } from './trade-flow-table.ts'
import { MERGE_LOCK } from './load-trade-source.ts'

/** A loaded source as `unload` finds it. */
export interface LoadedSource {
  readonly fileId: number
  readonly path: string
  readonly sha256: string
  readonly member: string
  readonly format: string
  readonly rowsLoaded: number
  readonly rowsRejected: number
}

/** What unloading one source removed and gave back. */
export interface UnloadedSource extends LoadedSource {
  /** Its rows removed from core.trade_fact. */
  readonly rowsRemoved: number
  /** Its rejects removed from etl.rejected_row. */
  readonly rejectsRemoved: number
  /** Rows of earlier files it had replaced, back in core.trade_fact (changed and identical values). */
  readonly rowsRestored: number
  /** History rows about it removed (its own values that later files replaced). */
  readonly historyRemoved: number
}

/** Loaded sources (trade files, archive members, side tables) with these bytes, or at this path. */
export async function findSources(wh: Pick<Warehouse, 'db'>, by: { readonly sha256: string } | { readonly path: string }): Promise<LoadedSource[]> {
  let query = wh.db.selectFrom('etl.source_file')
    .select(['file_id', 'path', 'sha256', 'member', 'format', 'rows_loaded', 'rows_rejected'])
    .where('format', '<>', 'reference')
    .orderBy('file_id')
  query = 'sha256' in by
    ? query.where('sha256', '=', by.sha256.toLowerCase())
    // A zip's members are named path!member.
    : query.where((eb) => eb.or([eb('path', '=', by.path), eb(eb.fn('left', ['path', sql.lit(by.path.length + 1)]), '=', `${by.path}!`)]))
  const rows = await query.execute()
  return rows.map((r) => ({ fileId: r.file_id, path: r.path, sha256: r.sha256, member: r.member, format: r.format, rowsLoaded: r.rows_loaded, rowsRejected: r.rows_rejected }))
}

const KEY = sql.raw(FACT_KEY.join(', '))
const KEY_MATCH = (a: string, b: string) => sql.raw(FACT_KEY.map((c) => `${a}.${c} = ${b}.${c}`).join(' and '))
const FACT_COLUMNS_SQL = sql.raw(FACT_COLUMNS.join(', '))

/**
 * Removes the sources in one transaction, under the loads' advisory lock (no load runs beside
 * it): their rows, their rejects, their etl.source_file rows, and the history rows about them.
 * A row of an earlier file that a source had replaced comes back: with its old values from
 * core.trade_flow_revision, or as it was when the values were identical (core.trade_fact_
 * superseded). If a later file replaced the source's row in turn, that later row stays and the
 * earlier file's history now names the later file as what replaced it. All or nothing.
 */
export async function unloadSources(wh: Warehouse, sources: readonly LoadedSource[]): Promise<UnloadedSource[]> {
  return wh.transaction(async (tx) => {
    await sql`select pg_advisory_xact_lock(hashtext(${MERGE_LOCK}))`.execute(tx.db)
    const done: UnloadedSource[] = []
    for (const source of sources) done.push({ ...source, ...await unloadOne(tx, source.fileId) })
    // Comtrade slices whose file is gone are no longer loaded: the next run fetches them again.
    await sql`delete from etl.comtrade_slice c where not exists (select 1 from etl.source_file s where s.sha256 = c.file_sha256)`.execute(tx.db)
    return done
  })
}

async function unloadOne(tx: WarehouseTx, fileId: number): Promise<Omit<UnloadedSource, keyof LoadedSource>> {
  await sql`drop table if exists pg_temp.unloaded_fact`.execute(tx.db)
  await sql`create temp table unloaded_fact (like core.trade_fact) on commit drop`.execute(tx.db)
  const removed = await sql`
    with d as (delete from core.trade_fact where file_id = ${fileId} returning *)
    insert into pg_temp.unloaded_fact select * from d`.execute(tx.db)
  // The key of every revision row, as ids (revisions keep codes).
  const revisionIds = sql`
    select r.ctid as rid, r.file_id, r.line, r.superseded_by_file_id, r.value, r.currency, r.net_mass_t, r.quantity,
           dp.period_id, dr.country_id as reporter_id, dpa.country_id as partner_id, dpr.product_id, ds.series_id
    from core.trade_flow_revision r
    join core.dim_period dp on dp.period = r.period
    join core.dim_country dr on dr.code = r.reporter_code
    join core.dim_country dpa on dpa.code = r.partner_code
    join core.dim_product dpr on dpr.code = r.product_code
    join core.dim_series ds on (ds.source_format, ds.classification, ds.flow, ds.partner2_code, ds.customs_code, ds.mot_code)
                             = (r.source_format, r.classification, r.flow, r.partner2_code, r.customs_code, r.mot_code)
    -- Identical replacements are core.trade_fact_superseded's (sql/0061); older warehouses kept
    -- them here too.
    where r.change <> 'unchanged'`

  // Keys this file had taken over and a later file took from it: the earlier file's history now
  // names the later file (read before this file's own history goes, below).
  await sql`
    with mine as (
      select ${KEY}, superseded_by_file_id from core.trade_fact_superseded where file_id = ${fileId}
      union all
      select ${KEY}, superseded_by_file_id from (${revisionIds}) r where r.file_id = ${fileId}
    )
    update core.trade_fact_superseded h set superseded_by_file_id = m.superseded_by_file_id
    from mine m where h.superseded_by_file_id = ${fileId} and ${KEY_MATCH('h', 'm')}`.execute(tx.db)
  await sql`
    with mine as (
      select ${KEY}, superseded_by_file_id from core.trade_fact_superseded where file_id = ${fileId}
      union all
      select ${KEY}, superseded_by_file_id from (${revisionIds}) r where r.file_id = ${fileId}
    ), moved as (
      select r.rid, m.superseded_by_file_id from (${revisionIds}) r join mine m on ${KEY_MATCH('r', 'm')}
      where r.superseded_by_file_id = ${fileId}
    )
    update core.trade_flow_revision t set superseded_by_file_id = moved.superseded_by_file_id
    from moved where t.ctid = moved.rid`.execute(tx.db)

  // Keys this file still held: the earlier file's row comes back. The columns history does not
  // keep (year, breakdown flag, ISO3 as written, unit, flag) are the key's, as this file gave them.
  const restoredChanged = await sql`
    insert into core.trade_fact (${FACT_COLUMNS_SQL})
    select u.period_id, u.reporter_id, u.partner_id, u.product_id, u.series_id, u.year, u.is_primary, u.reporter_iso3, u.partner_iso3,
           r.value, r.currency, r.net_mass_t, r.quantity, u.quantity_unit, u.flag, r.file_id, r.line
    from pg_temp.unloaded_fact u join (${revisionIds}) r on ${KEY_MATCH('r', 'u')}
    where r.superseded_by_file_id = ${fileId}`.execute(tx.db)
  const restoredSame = await sql`
    insert into core.trade_fact (${FACT_COLUMNS_SQL})
    select u.period_id, u.reporter_id, u.partner_id, u.product_id, u.series_id, u.year, u.is_primary, u.reporter_iso3, u.partner_iso3,
           u.value, u.currency, u.net_mass_t, u.quantity, u.quantity_unit, u.flag, h.file_id, h.line
    from pg_temp.unloaded_fact u join core.trade_fact_superseded h on ${KEY_MATCH('h', 'u')}
    where h.superseded_by_file_id = ${fileId}`.execute(tx.db)
  const history = await sql<{ n: number }>`
    with a as (delete from core.trade_flow_revision where file_id = ${fileId} or superseded_by_file_id = ${fileId} returning 1),
         b as (delete from core.trade_fact_superseded where file_id = ${fileId} or superseded_by_file_id = ${fileId} returning 1)
    select (select count(*)::int from a) + (select count(*)::int from b) as n`.execute(tx.db)
  const restored = Number(restoredChanged.numAffectedRows ?? 0) + Number(restoredSame.numAffectedRows ?? 0)
  const rejects = await sql`delete from etl.rejected_row where file_id = ${fileId}`.execute(tx.db)
  await tx.db.deleteFrom('etl.source_file').where('file_id', '=', fileId).execute()
  return {
    rowsRemoved: Number(removed.numAffectedRows ?? 0),
    rejectsRemoved: Number(rejects.numAffectedRows ?? 0),
    rowsRestored: restored,
    historyRemoved: (history.rows[0]?.n ?? 0) - restored,
  }
}
