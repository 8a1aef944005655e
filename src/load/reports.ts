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
  const reported = await q
    .orderBy('source_format').orderBy('reporter_iso3').orderBy('partner_iso3').orderBy('flow').orderBy('product_code').orderBy('year')
    .limit(filter.limit ?? 10_000)
    .execute()
  if (filter.product === undefined || !/^\d{2}(\d{2})?$/.test(filter.product)) return reported
  // An HS chapter or heading: sources that report only six-digit rows (BACI, Comext CN8) have
  // it as a roll-up; a series the source reports itself keeps the source's own figures.
  const seriesOf = (r: Pick<YoyRow, 'source_format' | 'reporter_code' | 'partner_code' | 'flow' | 'product_code'>) =>
    JSON.stringify([r.source_format, r.reporter_code, r.partner_code, r.flow, r.product_code])
  const own = new Set(reported.map(seriesOf))
  const rolled = (await queryRollupYoy(wh, { ...filter, product: filter.product })).filter((r) => !own.has(seriesOf(r)))
  return [...reported, ...rolled].slice(0, filter.limit ?? 10_000)
}

/**
 * Year over year of an HS chapter or heading summed from six-digit rows (reporting.product_rollup),
 * in the columns of reporting.trade_yoy and by the same rules: annual rows, the newest
 * classification when a year has two, the previous calendar year or NULL.
 */
async function queryRollupYoy(wh: Warehouse, filter: YoyFilter & { readonly product: string }): Promise<YoyRow[]> {
  const where = [sql`product_code = ${filter.product}`, sql`period = year::text`]
  if (filter.reporter !== undefined) where.push(sql`(reporter_iso3 = ${filter.reporter.toUpperCase()} or reporter_code = ${filter.reporter})`)
  if (filter.partner !== undefined) where.push(sql`(partner_iso3 = ${filter.partner.toUpperCase()} or partner_code = ${filter.partner})`)
  if (filter.flow !== undefined) where.push(sql`flow = ${filter.flow.toUpperCase()}`)
  const { rows } = await sql<YoyRow>`
    with picked as (
      select distinct on (source_format, reporter_code, partner_code, flow, product_code, year)
             source_format, classification, reporter_code, reporter_iso3, partner_code, partner_iso3, flow, product_code,
             year, value_usd, net_mass_t
      from reporting.product_rollup
      where ${sql.join(where, sql` and `)}
      order by source_format, reporter_code, partner_code, flow, product_code, year, classification desc
    ),
    paired as (
      select p.*, lag(year) over w as prev_year, lag(value_usd) over w as prev_value_usd,
             lag(net_mass_t) over w as prev_net_mass_t, lag(classification) over w as prev_classification
      from picked p
      window w as (partition by source_format, reporter_code, partner_code, flow, product_code order by year)
    )
    select source_format, reporter_code, reporter_iso3, partner_code, partner_iso3, flow, product_code, year, classification,
           case when prev_year = year - 1 then prev_classification end as classification_prev,
           value_usd,
           case when prev_year = year - 1 then prev_value_usd end as value_usd_prev,
           case when prev_year = year - 1 and prev_value_usd <> 0
                then round((value_usd - prev_value_usd) * 100 / prev_value_usd, 2) end as value_yoy_pct,
           net_mass_t,
           case when prev_year = year - 1 then prev_net_mass_t end as net_mass_t_prev,
           case when prev_year = year - 1 and prev_net_mass_t <> 0
                then round((net_mass_t - prev_net_mass_t) * 100 / prev_net_mass_t, 2) end as net_mass_yoy_pct
    from paired
    order by source_format, reporter_iso3, partner_iso3, flow, product_code, year
    limit ${filter.limit ?? 10_000}`.execute(wh.db)
  return rows
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
