import { sql, type Kysely } from 'kysely'
import type { CheckResult, Observation, PartnerRanking } from '../transform/check/index.ts'
import type { Database } from './schema.ts'
import type { Warehouse } from './warehouse.ts'

/** What a figure is about: shared by article figures and published figures. */
export interface FigureAbout {
  readonly value: string
  readonly unit: string
  readonly qualifier?: string | undefined
  readonly year?: number | undefined
  readonly period?: string | undefined
  readonly reporter?: string | undefined
  readonly partner?: string | undefined
  readonly flow?: string | undefined
  readonly commodity?: string | undefined
  readonly hsCode?: string | undefined
}

/** An article figure as stored: the columns of core.article_figure, camel-cased. */
export interface StoredFigure extends FigureAbout {
  readonly kind: string
  readonly text: string
  readonly start?: number | undefined
  readonly end?: number | undefined
  readonly measure?: string | undefined
  readonly changeFrom?: number | undefined
  readonly changeDirection?: string | undefined
  readonly shareOf?: string | undefined
  readonly shareOfCountry?: string | undefined
  readonly date?: string | undefined
}

export interface ArticleMeta {
  readonly sha256: string
  readonly path: string
  readonly sourceKind: 'text' | 'html' | 'claims'
  readonly url?: string | undefined
  readonly title?: string | undefined
  readonly published?: string | undefined
}

export async function findArticle(db: Kysely<Database>, sha256: string): Promise<{ article_id: number; figures: number } | undefined> {
  const r = await sql<{ article_id: number; figures: number }>`
    select a.article_id, (select count(*)::int from core.article_figure f where f.article_id = a.article_id) as figures
    from core.article a where a.sha256 = ${sha256}`.execute(db)
  return r.rows[0]
}

/** Stores an article and its figures in one transaction; returns the article id. */
export async function storeArticle(wh: Warehouse, meta: ArticleMeta, figures: readonly StoredFigure[]): Promise<number> {
  return wh.transaction(async (tx) => {
    const inserted = await sql<{ article_id: number }>`
      insert into core.article (sha256, path, source_kind, url, title, published_on)
      values (${meta.sha256}, ${meta.path}, ${meta.sourceKind}, ${meta.url ?? null}, ${meta.title ?? null}, ${meta.published ?? null})
      returning article_id`.execute(tx.db)
    const articleId = inserted.rows[0]?.article_id as number
    let n = 0
    for (const f of figures) {
      n++
      await sql`
        insert into core.article_figure (article_id, figure_no, kind, value, unit, text, start_offset, end_offset, qualifier,
          year, period, reporter_iso3, partner_iso3, flow, commodity, hs_code, measure, change_from, change_direction,
          share_of, share_of_iso3, date_value)
        values (${articleId}, ${n}, ${f.kind}, ${f.value}, ${f.unit}, ${f.text}, ${f.start ?? null}, ${f.end ?? null},
          ${f.qualifier ?? null}, ${f.year ?? null}, ${f.period ?? null}, ${f.reporter ?? null}, ${f.partner ?? null},
          ${f.flow ?? null}, ${f.commodity ?? null}, ${f.hsCode ?? null}, ${f.measure ?? null}, ${f.changeFrom ?? null},
          ${f.changeDirection ?? null}, ${f.shareOf ?? null}, ${f.shareOfCountry ?? null}, ${f.date ?? null})`.execute(tx.db)
    }
    return articleId
  })
}

export interface PublishedRow extends FigureAbout {
  readonly subject: string
  readonly note?: string | undefined
  readonly sourceUrl: string
}

export async function countPublished(db: Kysely<Database>, sha256: string): Promise<number | undefined> {
  const r = await sql<{ n: number }>`select count(*)::int as n from core.published_figure where file_sha256 = ${sha256}`.execute(db)
  const n = r.rows[0]?.n ?? 0
  return n === 0 ? undefined : n
}

export async function storePublished(wh: Warehouse, file: { sha256: string; path: string; publisher?: string | undefined; released?: string | undefined }, rows: readonly PublishedRow[]): Promise<void> {
  await wh.transaction(async (tx) => {
    for (const r of rows) {
      await sql`
        insert into core.published_figure (file_sha256, path, source_url, publisher, released_on, subject, value, unit, qualifier,
          year, period, reporter_iso3, partner_iso3, flow, commodity, hs_code, note)
        values (${file.sha256}, ${file.path}, ${r.sourceUrl}, ${file.publisher ?? null}, ${file.released ?? null}, ${r.subject},
          ${r.value}, ${r.unit}, ${r.qualifier ?? null}, ${r.year ?? null}, ${r.period ?? null}, ${r.reporter ?? null},
          ${r.partner ?? null}, ${r.flow ?? null}, ${r.commodity ?? null}, ${r.hsCode ?? null}, ${r.note ?? null})`.execute(tx.db)
    }
  })
}

export interface FigureRow {
  readonly article_id: number
  readonly figure_no: number
  readonly article_url: string | null
  readonly kind: string
  readonly value: string
  readonly unit: string
  readonly text: string
  readonly qualifier: string | null
  readonly year: number | null
  readonly reporter_iso3: string | null
  readonly partner_iso3: string | null
  readonly flow: string | null
  readonly commodity: string | null
  readonly hs_code: string | null
  readonly measure: string | null
  readonly change_from: number | null
  readonly change_direction: string | null
  readonly share_of: string | null
  readonly share_of_iso3: string | null
}

/** Figures that say enough to be checked: trade amounts, changes and shares about countries. */
export async function listCheckableFigures(db: Kysely<Database>): Promise<FigureRow[]> {
  const r = await sql<FigureRow>`
    select article_id, figure_no, article_url, kind, value::text, unit, text, qualifier, year, reporter_iso3, partner_iso3,
           flow, commodity, hs_code, measure, change_from, change_direction, share_of, share_of_iso3
    from reporting.article_figure
    where measure is not null and kind in ('mass', 'money', 'percent', 'rank') and (reporter_iso3 is not null or partner_iso3 is not null)
    order by article_id, figure_no`.execute(db)
  return r.rows
}

export interface SeriesQuery {
  readonly reporter: string
  readonly partner: string
  readonly flow: string
  readonly hsCode: string | null
  readonly measure: 'net_mass_t' | 'value_usd'
}

/**
 * Annual amounts of one flow from the trade data, one source per year (sources are never
 * added together): the product's own rows where the file has that level, else the sum of its
 * 6-digit lines. Falls back to the partner's mirror declaration (imports for exports).
 */
export async function queryTradeSeries(db: Kysely<Database>, q: SeriesQuery): Promise<Observation[]> {
  const direct = await seriesRows(db, q.reporter, q.partner, q.flow, q.hsCode, q.measure)
  const mirrorFlow = q.flow === 'X' ? 'M' : q.flow === 'M' ? 'X' : null
  const mirror = mirrorFlow === null ? [] : await seriesRows(db, q.partner, q.reporter, mirrorFlow, q.hsCode, q.measure)
  const byYear = new Map<number, Observation>()
  const mirrorByYear = new Map<number, Observation>()
  // The exporter declares flow X, the importer flow M: a reporter's own row is one of them.
  const own = q.flow === 'X' ? 'exporter' : 'importer'
  const other = q.flow === 'X' ? 'importer' : 'exporter'
  for (const r of direct) {
    if (byYear.has(r.year)) continue
    byYear.set(r.year, {
      year: r.year, value: r.amount, source: r.source_format, declarant: own,
      basis: `${r.source_format}: ${r.rows} row(s) ${q.reporter}->${q.partner} ${q.flow}${q.hsCode ? ` HS ${r.level_used}` : ''}`,
      query: observationQuery(db, r.source_format, q.reporter, q.partner, q.flow, q.hsCode, q.measure, r.year),
    })
  }
  for (const r of mirror) {
    if (mirrorByYear.has(r.year) || mirrorFlow === null) continue
    mirrorByYear.set(r.year, {
      year: r.year, value: r.amount, source: r.source_format, declarant: other,
      basis: `${r.source_format} mirror: ${r.rows} row(s) ${q.partner} ${mirrorFlow === 'M' ? 'imports from' : 'exports to'} ${q.reporter}${q.hsCode ? ` HS ${r.level_used}` : ''}`,
      query: observationQuery(db, r.source_format, q.partner, q.reporter, mirrorFlow, q.hsCode, q.measure, r.year),
    })
  }
  for (const [year, m] of mirrorByYear) {
    const d = byYear.get(year)
    byYear.set(year, d === undefined ? m : { ...d, other: m })
  }
  return [...byYear.values()].sort((a, b) => a.year - b.year)
}

/**
 * The partners of one reporter's flow in one year, largest first, from the preferred source
 * that has them (Comtrade+ > Comtrade > BACI > others): the product's own rows where the source
 * has that level, else its 6-digit lines; World, the EU and other aggregates left out.
 */
export async function queryPartnerRanking(db: Kysely<Database>, q: { reporter: string; partner: string; flow: string; hsCode: string | null; year: number; measure: 'net_mass_t' | 'value_usd' }): Promise<PartnerRanking | undefined> {
  const sources = await sql<{ source_format: string }>`
    select distinct source_format from reporting.trade_flow
    where year = ${q.year} and period = year::text and reporter_iso3 = ${q.reporter} and flow = ${q.flow} and ${sql.ref(q.measure)} is not null
      and product_code like ${`${q.hsCode ?? ''}%`}
    order by 1`.execute(db)
  const order = ['comtrade-plus', 'comtrade', 'baci']
  const source = sources.rows.map((r) => r.source_format).sort((a, b) => (order.indexOf(a) + 1 || 9) - (order.indexOf(b) + 1 || 9))[0]
  if (source === undefined) return undefined
  const ranked = (partner: string) => {
    const col = sql.ref(q.measure)
    const prefix = q.hsCode ?? ''
    const inner = sql`select partner_iso3, case when bool_or(product_code = ${sql.lit(prefix)}) then sum(${col}) filter (where product_code = ${sql.lit(prefix)}) else sum(${col}) filter (where length(product_code) = 6) end as amount from reporting.trade_flow where source_format = ${sql.lit(source)} and year = ${sql.lit(q.year)} and period = year::text and reporter_iso3 = ${sql.lit(q.reporter)} and flow = ${sql.lit(q.flow)} and ${col} is not null and product_code like ${sql.lit(`${prefix}%`)} and partner_iso3 is not null and partner_iso3 not in (select iso3 from reporting.country where is_aggregate and iso3 is not null) and partner_iso3 not in ('W00', 'WLD') group by partner_iso3`
    return { list: sql<{ partner: string; value: string }>`select partner_iso3 as partner, amount::text as value from (${inner}) t where amount is not null order by amount desc, partner_iso3`,
      rank: sql`select rank::int from (select partner_iso3, rank() over (order by amount desc) as rank from (${inner}) t where amount is not null) r where partner_iso3 = ${sql.lit(partner)}` }
  }
  const built = ranked(q.partner)
  const rows = await built.list.execute(db)
  // A partner the data does not list ranks after all that it lists.
  const query = `select coalesce((${built.rank.compile(db).sql}), ${rows.rows.length + 1}) as value`
  return { year: q.year, source, measure: q.measure, partners: rows.rows, query }
}

/**
 * The SQL, with its values written in (kysely's `sql.lit`), that returns one observation: one
 * source's amount of one flow in one year, the product's own rows or the sum of its 6-digit lines.
 */
function observationQuery(db: Kysely<Database>, source: string, reporter: string, partner: string, flow: string, hs: string | null, measure: 'net_mass_t' | 'value_usd', year: number): string {
  const col = sql.ref(measure)
  const prefix = hs ?? ''
  return sql`select case when bool_or(product_code = ${sql.lit(prefix)}) then sum(${col}) filter (where product_code = ${sql.lit(prefix)}) else sum(${col}) filter (where length(product_code) = 6) end as value from reporting.trade_flow where source_format = ${sql.lit(source)} and year = ${sql.lit(year)} and period = year::text and reporter_iso3 = ${sql.lit(reporter)} and partner_iso3 = ${sql.lit(partner)} and flow = ${sql.lit(flow)} and ${col} is not null and product_code like ${sql.lit(`${prefix}%`)}`
    .compile(db).sql
}

async function seriesRows(db: Kysely<Database>, reporter: string, partner: string, flow: string, hs: string | null, measure: 'net_mass_t' | 'value_usd') {
  const col = sql.ref(measure)
  const prefix = hs ?? ''
  const r = await sql<{ source_format: string; year: number; amount: string; rows: number; level_used: string }>`
    with flows as (
      select source_format, year, product_code, ${col} as amount
      from reporting.trade_flow
      where period = year::text and reporter_iso3 = ${reporter} and partner_iso3 = ${partner} and flow = ${flow}
        and ${col} is not null
        and (${hs === null} or product_code like ${`${prefix}%`})
    ), per_source as (
      select source_format, year,
             case when bool_or(product_code = ${prefix}) then sum(amount) filter (where product_code = ${prefix})
                  else sum(amount) filter (where length(product_code) = 6) end as amount,
             case when bool_or(product_code = ${prefix}) then count(*) filter (where product_code = ${prefix})
                  else count(*) filter (where length(product_code) = 6) end::int as rows,
             case when bool_or(product_code = ${prefix}) then ${prefix} else ${`${prefix}xx (6-digit lines)`} end as level_used
      from flows group by source_format, year
    )
    select source_format, year, amount::text, rows, level_used from per_source
    where amount is not null
    order by year, case source_format when 'comtrade-plus' then 1 when 'comtrade' then 2 when 'baci' then 3 else 4 end`.execute(db)
  return r.rows
}

/**
 * Annual amounts from published figures: `subject` ('trade', 'demand', ...), a country, and a
 * product family that contains or is contained in `hsCode` (a release on "crude oil and oil
 * products", HS 27, speaks to a claim about crude oil, HS 2709, and the basis says so).
 */
export async function queryPublishedSeries(db: Kysely<Database>, q: { subject: string; reporter: string | null; partner: string | null; flow: string | null; hsCode: string | null; unit: string }): Promise<Observation[]> {
  const r = await sql<{ published_id: number; year: number; value: string; source_url: string; publisher: string | null; hs_code: string | null; commodity: string | null }>`
    select published_id, year, value::text, source_url, publisher, hs_code, commodity from core.published_figure
    where subject = ${q.subject} and unit = ${q.unit} and year is not null
      and (${q.reporter}::text is null or reporter_iso3 = ${q.reporter})
      and (${q.partner}::text is null or partner_iso3 = ${q.partner})
      and (${q.flow}::text is null or flow is null or flow = ${q.flow})
      and (${q.hsCode}::text is null or hs_code is null or ${q.hsCode} like hs_code || '%' or hs_code like ${q.hsCode} || '%')
    order by year, published_id`.execute(db)
  const seen = new Set<number>()
  const out: Observation[] = []
  for (const row of r.rows) {
    if (seen.has(row.year)) continue
    seen.add(row.year)
    out.push({
      year: row.year, value: row.value, source: 'published', query: sql`select value from core.published_figure where published_id = ${sql.lit(row.published_id)}`.compile(db).sql,
      basis: `published: ${row.publisher ?? 'release'}${row.commodity ? ` (${row.commodity}${row.hs_code ? `, HS ${row.hs_code}` : ''})` : ''} ${row.source_url}`,
    })
  }
  return out
}

/** Replaces the stored checks with this round's (a check is recomputed from scratch each time). */
export async function saveChecks(wh: Warehouse, checks: readonly { articleId: number; figureNo: number; result: CheckResult }[]): Promise<void> {
  await wh.transaction(async (tx) => {
    await sql`delete from core.figure_check`.execute(tx.db)
    for (const { articleId, figureNo, result: c } of checks) {
      await sql`
        insert into core.figure_check (article_id, figure_no, status, claimed, claimed_unit, tolerance_low, tolerance_high,
          recomputed, gap, gap_pct, basis, evidence, missing, implied, inputs, query, declarations)
        values (${articleId}, ${figureNo}, ${c.status}, ${c.claimed}, ${c.claimedUnit}, ${c.toleranceLow}, ${c.toleranceHigh},
          ${c.recomputed}, ${c.gap}, ${c.gapPct}, ${c.basis}, ${c.evidence}, ${c.missing}, ${c.implied},
          ${c.inputs === null ? null : JSON.stringify(c.inputs)}::jsonb, ${c.query}, ${c.declarations === null ? null : JSON.stringify(c.declarations)}::jsonb)`.execute(tx.db)
    }
  })
}

export interface CheckRow {
  readonly article_id: number
  readonly figure_no: number
  readonly article_url: string | null
  readonly text: string
  readonly kind: string
  readonly measure: string | null
  readonly year: number | null
  readonly status: string
  readonly claimed: string
  readonly claimed_unit: string
  readonly recomputed: string | null
  readonly gap: string | null
  readonly gap_pct: string | null
  readonly basis: string | null
  readonly evidence: string | null
  readonly missing: string | null
  readonly implied: string | null
  readonly tolerance_low: string | null
  readonly tolerance_high: string | null
  readonly inputs: unknown
  readonly query: string | null
  readonly declarations: unknown
  readonly change_direction: string | null
  readonly figure_value: string | null
  readonly figure_unit: string | null
  readonly qualifier: string | null
  readonly reporter_iso3: string | null
  readonly partner_iso3: string | null
  readonly flow: string | null
  readonly hs_code: string | null
  readonly commodity: string | null
}

export async function listChecks(db: Kysely<Database>): Promise<CheckRow[]> {
  const r = await sql<CheckRow>`
    select article_id, figure_no, article_url, text, kind, measure, year, status, claimed::text, claimed_unit,
           recomputed::text, gap::text, gap_pct::text, basis, evidence, missing, implied, tolerance_low::text, tolerance_high::text,
           inputs, query, declarations, change_direction, figure_value::text, figure_unit, qualifier, reporter_iso3, partner_iso3, flow,
           hs_code, commodity
    from reporting.figure_check order by article_id, figure_no`.execute(db)
  return r.rows
}

export interface PublishedListRow {
  readonly subject: string
  readonly year: number | null
  readonly reporter_iso3: string | null
  readonly partner_iso3: string | null
  readonly commodity: string | null
  readonly value: string
  readonly unit: string
  readonly qualifier: string | null
  readonly source_url: string
}

export async function listPublished(db: Kysely<Database>): Promise<PublishedListRow[]> {
  const r = await sql<PublishedListRow>`
    select subject, year, reporter_iso3, partner_iso3, commodity, value::text, unit, qualifier, source_url
    from reporting.published_figure order by source_url, subject, year, unit`.execute(db)
  return r.rows
}
