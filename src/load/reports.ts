import { CompiledQuery, sql, type Kysely, type Selectable } from 'kysely'
import type { Database } from './schema.ts'
import type { Warehouse } from './warehouse.ts'

export interface YoyFilter {
  /** ISO3, the source's code, or the name (case-insensitive) of the reporter. */
  readonly reporter?: string | undefined
  readonly partner?: string | undefined
  readonly product?: string | undefined
  readonly flow?: string | undefined
}

/** A row of reporting.trade_yoy as the view gives it. */
export type YoyRow = Selectable<Database['reporting.trade_yoy']>

/** Rows a cursor fetch brings at a time: memory stays bounded whatever the result's size. */
const YOY_BATCH = 5000

/**
 * The country codes a filter names: the code itself, and the codes whose ISO3 (a file's, else
 * core.country's) or name it is. Resolved first so that the query filters reporting.trade_yoy on
 * its codes, which apply to core.dim_country before any fact is read (sql/0060), rather than an
 * OR across the view's columns.
 */
async function resolveCountryCodes(db: Kysely<Database>, text: string): Promise<string[]> {
  const rows = await sql<{ code: string }>`
    select d.code from core.dim_country d left join core.country c on c.code = d.code
    where d.code = ${text} or coalesce(d.file_iso3, c.iso3) = upper(${text}) or c.iso3 = upper(${text}) or lower(c.name) = lower(${text})`.execute(db)
  return rows.rows.map((r) => r.code)
}

/**
 * reporting.trade_yoy filtered, every row, in batches through a cursor (one transaction, so
 * the rows are one snapshot): `onBatch` is awaited before the next fetch, so a slow reader (a
 * pipe) holds the query back instead of rows piling up in memory. Resolves to the rows sent.
 */
export async function streamYoy(wh: Warehouse, filter: YoyFilter, onBatch: (rows: readonly YoyRow[]) => Promise<void> | void): Promise<number> {
  return wh.transaction(async (tx) => {
    const db = tx.db
    let q = db.selectFrom('reporting.trade_yoy').selectAll()
    if (filter.reporter !== undefined) q = q.where('reporter_code', 'in', [...await resolveCountryCodes(db, filter.reporter), filter.reporter])
    if (filter.partner !== undefined) q = q.where('partner_code', 'in', [...await resolveCountryCodes(db, filter.partner), filter.partner])
    if (filter.product !== undefined) q = q.where('product_code', '=', filter.product)
    if (filter.flow !== undefined) q = q.where('flow', '=', filter.flow.toUpperCase())
    const query = q
      .orderBy('source_format').orderBy('reporter_iso3').orderBy('partner_iso3').orderBy('flow').orderBy('product_code').orderBy('year')
      .orderBy('reporter_code').orderBy('partner_code')
      .compile()
    // A cursor of the compiled query, its parameters bound as usual (DECLARE takes them on both engines).
    await db.executeQuery(CompiledQuery.raw(`declare yoy_rows no scroll cursor for ${query.sql}`, [...query.parameters]))
    // An HS chapter or heading: sources that report only six-digit rows (BACI, Comext CN8) have
    // it as a roll-up; a series the source reports itself keeps the source's own figures.
    const rollup = filter.product !== undefined && /^\d{2}(\d{2})?$/.test(filter.product)
    const seriesOf = (r: Pick<YoyRow, 'source_format' | 'reporter_code' | 'partner_code' | 'flow' | 'product_code'>) =>
      JSON.stringify([r.source_format, r.reporter_code, r.partner_code, r.flow, r.product_code])
    const own = new Set<string>()
    let sent = 0
    for (;;) {
      const batch = await sql<YoyRow>`fetch ${sql.raw(String(YOY_BATCH))} from yoy_rows`.execute(db)
      if (batch.rows.length === 0) break
      sent += batch.rows.length
      if (rollup) for (const r of batch.rows) own.add(seriesOf(r))
      await onBatch(batch.rows)
      if (batch.rows.length < YOY_BATCH) break
    }
    await sql`close yoy_rows`.execute(db)
    if (rollup) {
      const rolled = (await queryRollupYoy(db, { ...filter, product: filter.product as string }))
        .filter((r) => !own.has(seriesOf(r)))
        .map((r): YoyRow => ({ ...r, value: r.value_usd, currency: r.value_usd === null ? null : 'USD', value_prev: r.value_usd_prev, reporter_name: null, partner_name: null, product_description: null }))
      for (let from = 0; from < rolled.length; from += YOY_BATCH) await onBatch(rolled.slice(from, from + YOY_BATCH))
      sent += rolled.length
    }
    return sent
  })
}

/** reporting.trade_yoy filtered, up to `limit` rows (the run's printed report). */
export async function queryYoy(wh: Warehouse, filter: YoyFilter, limit = 1000): Promise<{ rows: YoyRow[]; total: number }> {
  const rows: YoyRow[] = []
  const total = await streamYoy(wh, filter, (batch) => {
    for (const r of batch) if (rows.length < limit) rows.push(r)
  })
  return { rows, total }
}

/** The columns of reporting.trade_yoy a roll-up has (no source currency or names of its own). */
type RollupYoyRow = Omit<YoyRow, 'value' | 'currency' | 'value_prev' | 'reporter_name' | 'partner_name' | 'product_description'>

/**
 * Year over year of an HS chapter or heading summed from six-digit rows (reporting.product_rollup),
 * in the columns of reporting.trade_yoy and by the same rules: annual rows, the newest
 * classification when a year has two, the previous calendar year or NULL.
 */
async function queryRollupYoy(db: Kysely<Database>, filter: YoyFilter & { readonly product: string }): Promise<RollupYoyRow[]> {
  const where = [sql`product_code = ${filter.product}`, sql`period = year::text`]
  if (filter.reporter !== undefined) where.push(sql`(reporter_iso3 = ${filter.reporter.toUpperCase()} or reporter_code = ${filter.reporter})`)
  if (filter.partner !== undefined) where.push(sql`(partner_iso3 = ${filter.partner.toUpperCase()} or partner_code = ${filter.partner})`)
  if (filter.flow !== undefined) where.push(sql`flow = ${filter.flow.toUpperCase()}`)
  const { rows } = await sql<RollupYoyRow>`
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
    order by source_format, reporter_iso3, partner_iso3, flow, product_code, year`.execute(db)
  return rows
}

export interface StatusReport {
  readonly engine: string
  readonly runs: readonly { run_id: number; job: string; status: string; started_at: Date; finished_at: Date | null; error: string | null }[]
  readonly files: readonly { file_id: number; path: string; format: string; layout: string; rows_read: number; rows_loaded: number; rows_rejected: number; loaded_at: Date }[]
  readonly rejects: readonly { reason: string; rows: number; example_file: string; example_line: number }[]
  readonly unknownCodes: readonly { source_format: string; code: string; role: string; rows: number }[]
  readonly freshness: readonly { source_format: string; files: number; rows: number; first_year: number; last_year: number; last_loaded_at: Date }[]
  /**
   * The first load into an empty warehouse holds core.trade_fact exclusively until it commits
   * (it builds the key after its COPY, load-trade-source.ts): the fact counts are left out (empty
   * above) instead of waiting for it, and this names the file it is loading.
   */
  readonly firstLoad: { readonly path: string; readonly since: Date } | null
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
  const firstLoad = await firstLoadInProgress(wh)
  if (firstLoad !== null) return { engine: wh.engine, runs, files, rejects: rejects.rows, unknownCodes: [], freshness: [], firstLoad }
  // Both read core.trade_fact on ids and decode the few result rows, rather than decoding every
  // fact through core.trade_flow first: on 1M BACI rows embedded 712 -> 327 ms and
  // 1157 -> 242 ms, which is most of what `status` costs on a large warehouse.
  const unknownCodes = await sql<StatusReport['unknownCodes'][number]>`
    with unmapped as (
      select d.country_id, d.code from core.dim_country d
      where not exists (select 1 from core.country c where c.code = d.code)
    ), counted as (
      select f.series_id, f.reporter_id as country_id, 'reporter' as role, count(*) as n
      from core.trade_fact f where f.reporter_id in (select country_id from unmapped) and f.reporter_iso3 is null group by 1, 2
      union all
      select f.series_id, f.partner_id, 'partner', count(*)
      from core.trade_fact f where f.partner_id in (select country_id from unmapped) and f.partner_iso3 is null group by 1, 2
    )
    select s.source_format, u.code, c.role, sum(c.n)::int as rows
    from counted c join unmapped u using (country_id) join core.dim_series s using (series_id)
    group by 1, 2, 3 order by rows desc, 2, 3, 1 limit 50`.execute(wh.db)
  const freshness = await sql<StatusReport['freshness'][number]>`
    with per_file as (
      select f.series_id, f.file_id, count(*) as n, min(f.year) as first_year, max(f.year) as last_year
      from core.trade_fact f group by 1, 2
    )
    select s.source_format, count(distinct p.file_id)::int as files, sum(p.n)::int as rows,
           min(p.first_year)::int as first_year, max(p.last_year)::int as last_year, max(sf.loaded_at) as last_loaded_at
    from per_file p join core.dim_series s using (series_id) join etl.source_file sf using (file_id)
    group by 1 order by 1`.execute(wh.db)
  return { engine: wh.engine, runs, files, rejects: rejects.rows, unknownCodes: unknownCodes.rows, freshness: freshness.rows, firstLoad: null }
}

/** What a load's session names itself (load-trade-source.ts sets it for its transaction). */
const LOADING_APPLICATION = /^trade-etl loading (.*)$/

/**
 * Another session holds core.trade_fact exclusively (a first load, the only one that does): the
 * file it records, from the load's own session in pg_stat_activity. Never true on the embedded
 * engine, whose one session answers between transactions.
 */
async function firstLoadInProgress(wh: Warehouse): Promise<StatusReport['firstLoad']> {
  if (wh.engine !== 'server') return null
  const held = await sql<{ application: string; since: Date }>`
    select a.application_name as application, a.xact_start as since
    from pg_locks l join pg_stat_activity a using (pid)
    where l.locktype = 'relation' and l.relation = 'core.trade_fact'::regclass and l.mode = 'AccessExclusiveLock'
      -- This database's table: warehouses cloned from one template share its relation ids.
      and l.database = (select oid from pg_database where datname = current_database())
      and l.granted and l.pid <> pg_backend_pid()
    limit 1`.execute(wh.db)
  const holder = held.rows[0]
  if (holder === undefined) return null
  const loading = LOADING_APPLICATION.exec(holder.application)
  return { path: loading?.[1] ?? `a file (session ${holder.application || 'without a name'})`, since: holder.since }
}
