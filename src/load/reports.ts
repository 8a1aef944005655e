import { sql, type Selectable } from 'kysely'
import type { Database } from './schema.ts'
import type { Warehouse } from './warehouse.ts'

export interface YoyFilter {
  readonly reporter?: string | undefined
  readonly partner?: string | undefined
  readonly product?: string | undefined
  readonly flow?: string | undefined
  readonly limit?: number | undefined
}

/** A row of reporting.trade_yoy as the view gives it. */
export type YoyRow = Selectable<Database['reporting.trade_yoy']>

/** reporting.trade_yoy filtered; reporter and partner match an ISO3 or the source's code. */
export async function queryYoy(wh: Warehouse, filter: YoyFilter): Promise<YoyRow[]> {
  let q = wh.db.selectFrom('reporting.trade_yoy').selectAll()
  if (filter.reporter !== undefined) {
    const r = filter.reporter.toUpperCase()
    q = q.where((eb) => eb.or([eb('reporter_iso3', '=', r), eb('reporter_code', '=', filter.reporter as string)]))
  }
  if (filter.partner !== undefined) {
    const p = filter.partner.toUpperCase()
    q = q.where((eb) => eb.or([eb('partner_iso3', '=', p), eb('partner_code', '=', filter.partner as string)]))
  }
  if (filter.product !== undefined) q = q.where('product_code', '=', filter.product)
  if (filter.flow !== undefined) q = q.where('flow', '=', filter.flow.toUpperCase())
  return q
    .orderBy('source_format').orderBy('reporter_iso3').orderBy('partner_iso3').orderBy('flow').orderBy('product_code').orderBy('year')
    .limit(filter.limit ?? 10_000)
    .execute()
}

export interface StatusReport {
  readonly engine: string
  readonly runs: readonly { run_id: number; job: string; status: string; started_at: Date; finished_at: Date | null; error: string | null }[]
  readonly files: readonly { file_id: number; path: string; format: string; layout: string; rows_read: number; rows_loaded: number; rows_rejected: number; loaded_at: Date }[]
  readonly rejects: readonly { reason: string; rows: number; example_file: string; example_line: number }[]
  readonly unknownCodes: readonly { source_format: string; code: string; role: string; rows: number }[]
  readonly freshness: readonly { source_format: string; files: number; rows: number; first_year: number; last_year: number; last_loaded_at: Date }[]
}

/** What an operator asks after a cron run: did it run, what came in, what was rejected, how fresh. */
export async function queryStatus(wh: Warehouse): Promise<StatusReport> {
  const runs = await wh.db.selectFrom('etl.run').select(['run_id', 'job', 'status', 'started_at', 'finished_at', 'error']).orderBy('run_id', 'desc').limit(10).execute()
  const files = await wh.db.selectFrom('etl.source_file')
    .select(['file_id', 'path', 'format', 'layout', 'rows_read', 'rows_loaded', 'rows_rejected', 'loaded_at'])
    .where('format', '<>', 'reference')
    .orderBy('file_id', 'desc').limit(20).execute()
  // Reasons are grouped by their text up to the first ':' (the detail after it varies per row).
  const rejects = await sql<StatusReport['rejects'][number]>`
    select split_part(r.reason, ':', 1) as reason, count(*)::int as rows,
           min(s.path) as example_file, min(r.line) as example_line
    from etl.rejected_row r join etl.source_file s using (file_id)
    group by 1 order by rows desc limit 20`.execute(wh.db)
  const unknownCodes = await sql<StatusReport['unknownCodes'][number]>`
    select source_format, code, role, count(*)::int as rows from (
      select f.source_format, f.reporter_code as code, 'reporter' as role from core.trade_flow f
      where f.reporter_iso3 is null and not exists (select 1 from core.country c where c.code = f.reporter_code)
      union all
      select f.source_format, f.partner_code, 'partner' from core.trade_flow f
      where f.partner_iso3 is null and not exists (select 1 from core.country c where c.code = f.partner_code)
    ) u group by 1, 2, 3 order by rows desc limit 50`.execute(wh.db)
  const freshness = await sql<StatusReport['freshness'][number]>`
    select f.source_format, count(distinct f.file_id)::int as files, count(*)::int as rows,
           min(f.year)::int as first_year, max(f.year)::int as last_year, max(s.loaded_at) as last_loaded_at
    from core.trade_flow f join etl.source_file s using (file_id)
    group by 1 order by 1`.execute(wh.db)
  return { engine: wh.engine, runs, files, rejects: rejects.rows, unknownCodes: unknownCodes.rows, freshness: freshness.rows }
}
