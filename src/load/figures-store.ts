import { sql, type Kysely, type NotNull, type QueryCreator, type RawBuilder } from 'kysely'
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
  readonly comparison?: string | undefined
  readonly comparedWith?: readonly string[] | undefined
  readonly combined?: boolean | undefined
  readonly subject?: string | undefined
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
  return db.selectFrom('core.article as a')
    .select((eb) => ['a.article_id', eb.selectFrom('core.article_figure as f').whereRef('f.article_id', '=', 'a.article_id').select(sql<number>`count(*)::int`.as('n')).as('figures')])
    .where('a.sha256', '=', sha256)
    .$narrowType<{ figures: NotNull }>()
    .executeTakeFirst()
}

/** Stores an article and its figures in one transaction; returns the article id. */
export async function storeArticle(wh: Warehouse, meta: ArticleMeta, figures: readonly StoredFigure[]): Promise<number> {
  return wh.transaction(async (tx) => {
    const { article_id: articleId } = await tx.db.insertInto('core.article')
      .values({ sha256: meta.sha256, path: meta.path, source_kind: meta.sourceKind, url: meta.url ?? null, title: meta.title ?? null, published_on: meta.published ?? null })
      .returning('article_id')
      .executeTakeFirstOrThrow()
    // One statement per 500 figures: a long article is not a round trip per number.
    for (let from = 0; from < figures.length; from += 500) {
      await tx.db.insertInto('core.article_figure').values(figures.slice(from, from + 500).map((f, i) => ({
        article_id: articleId, figure_no: from + i + 1, kind: f.kind, value: f.value, unit: f.unit, text: f.text,
        start_offset: f.start ?? null, end_offset: f.end ?? null, qualifier: f.qualifier ?? null, year: f.year ?? null,
        period: f.period ?? null, reporter_iso3: f.reporter ?? null, partner_iso3: f.partner ?? null, flow: f.flow ?? null,
        commodity: f.commodity ?? null, hs_code: f.hsCode ?? null, measure: f.measure ?? null, change_from: f.changeFrom ?? null,
        change_direction: f.changeDirection ?? null, share_of: f.shareOf ?? null, share_of_iso3: f.shareOfCountry ?? null,
        date_value: f.date ?? null, comparison: f.comparison ?? null, compared_iso3: f.comparedWith === undefined ? null : [...f.comparedWith],
        subject_iso3: f.subject ?? null, compared_combined: f.combined ?? null,
      }))).execute()
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
  const r = await db.selectFrom('core.published_figure').select(sql<number>`count(*)::int`.as('n')).where('file_sha256', '=', sha256).executeTakeFirst()
  const n = r?.n ?? 0
  return n === 0 ? undefined : n
}

export async function storePublished(wh: Warehouse, file: { sha256: string; path: string; publisher?: string | undefined; released?: string | undefined }, rows: readonly PublishedRow[]): Promise<void> {
  await wh.transaction(async (tx) => {
    for (let from = 0; from < rows.length; from += 500) {
      await tx.db.insertInto('core.published_figure').values(rows.slice(from, from + 500).map((r) => ({
        file_sha256: file.sha256, path: file.path, source_url: r.sourceUrl, publisher: file.publisher ?? null,
        released_on: file.released ?? null, subject: r.subject, value: r.value, unit: r.unit, qualifier: r.qualifier ?? null,
        year: r.year ?? null, period: r.period ?? null, reporter_iso3: r.reporter ?? null, partner_iso3: r.partner ?? null,
        flow: r.flow ?? null, commodity: r.commodity ?? null, hs_code: r.hsCode ?? null, note: r.note ?? null,
      }))).execute()
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
  readonly comparison: string | null
  readonly compared_iso3: string[] | null
  readonly subject_iso3: string | null
  readonly compared_combined: boolean | null
  /** The article's date, 'YYYY-MM-DD', where known. */
  readonly published_on: string | null
}

/** Figures that say enough to be checked: trade amounts, changes, shares, ranks and comparisons about countries. */
export async function listCheckableFigures(db: Kysely<Database>): Promise<FigureRow[]> {
  return db.selectFrom('reporting.article_figure')
    .select(['article_id', 'figure_no', 'article_url', 'kind', sql<string>`value::text`.as('value'), 'unit', 'text', 'qualifier', 'year',
      'reporter_iso3', 'partner_iso3', 'flow', 'commodity', 'hs_code', 'measure', 'change_from', 'change_direction', 'share_of', 'share_of_iso3',
      'comparison', 'compared_iso3', 'subject_iso3', 'compared_combined', sql<string | null>`to_char(published_on, 'YYYY-MM-DD')`.as('published_on')])
    .where('measure', 'is not', null)
    .where('kind', 'in', ['mass', 'money', 'percent', 'rank', 'comparison'])
    .where((eb) => eb.or([eb('reporter_iso3', 'is not', null), eb('partner_iso3', 'is not', null)]))
    .orderBy('article_id').orderBy('figure_no')
    .$narrowType<{ article_id: NotNull; figure_no: NotNull; kind: NotNull; unit: NotNull; text: NotNull }>()
    .execute()
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
export async function queryTradeSeries(db: Kysely<Database>, q: SeriesQuery, asOf?: string): Promise<Observation[]> {
  const direct = await seriesRows(db, q.reporter, q.partner, q.flow, q.hsCode, q.measure, asOf)
  const mirrorFlow = q.flow === 'X' ? 'M' : q.flow === 'M' ? 'X' : null
  const mirror = mirrorFlow === null ? [] : await seriesRows(db, q.partner, q.reporter, mirrorFlow, q.hsCode, q.measure, asOf)
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
      query: observationQuery(db, r.source_format, q.reporter, q.partner, q.flow, q.hsCode, q.measure, r.year, asOf),
    })
  }
  for (const r of mirror) {
    if (mirrorByYear.has(r.year) || mirrorFlow === null) continue
    mirrorByYear.set(r.year, {
      year: r.year, value: r.amount, source: r.source_format, declarant: other,
      basis: `${r.source_format} mirror: ${r.rows} row(s) ${q.partner} ${mirrorFlow === 'M' ? 'imports from' : 'exports to'} ${q.reporter}${q.hsCode ? ` HS ${r.level_used}` : ''}`,
      query: observationQuery(db, r.source_format, q.partner, q.reporter, mirrorFlow, q.hsCode, q.measure, r.year, asOf),
    })
  }
  for (const [year, m] of mirrorByYear) {
    const d = byYear.get(year)
    byYear.set(year, d === undefined ? m : { ...d, other: m })
  }
  return [...byYear.values()].sort((a, b) => a.year - b.year)
}

type Measure = 'net_mass_t' | 'value_usd'

/**
 * The primary flows now (reporting.trade_flow), or as the warehouse held them at `asOf`
 * (reporting.trade_flow_as_of: what was loaded by then and not yet revised or withdrawn).
 */
function tradeFlowFrom(asOf: string | undefined): RawBuilder<unknown> {
  return asOf === undefined ? sql`reporting.trade_flow` : sql`reporting.trade_flow_as_of(${sql.lit(asOf)}::timestamptz)`
}

/** One flow's rows with a measure present: the product family's rows, or every row without one. */
function flowRows(db: QueryCreator<Database>, reporter: string, partner: string, flow: string, hs: string | null, measure: Measure, literal: boolean, asOf?: string) {
  const v = <T extends string | number>(value: T) => (literal ? sql.lit(value) : value)
  const from = asOf === undefined
    ? db.selectFrom('reporting.trade_flow as tf')
    : db.selectFrom(sql<Database['reporting.trade_flow']>`${tradeFlowFrom(asOf)}`.as('tf')) as unknown as ReturnType<typeof db.selectFrom<'reporting.trade_flow as tf'>>
  return from
    .where(sql<boolean>`period = year::text`)
    .where('reporter_iso3', '=', v(reporter))
    .where('partner_iso3', '=', v(partner))
    .where('flow', '=', v(flow))
    .where(measure, 'is not', null)
    .$if(hs !== null, (qb) => qb.where('product_code', 'like', v(`${hs ?? ''}%`)))
}

/** The product's own rows where the source has that level, else the sum of its 6-digit lines. */
function ownLevel<T>(prefix: unknown, aggregate: RawBuilder<unknown>) {
  return sql<T>`case when bool_or(product_code = ${prefix}) then ${aggregate} filter (where product_code = ${prefix}) else ${aggregate} filter (where length(product_code) = 6) end`
}

/**
 * The partners of one reporter's flow in one year, largest first, from the preferred source
 * that has them (Comtrade+ > Comtrade > BACI > others): the product's own rows where the source
 * has that level, else its 6-digit lines; World, the EU and other aggregates left out.
 */
export async function queryPartnerRanking(db: Kysely<Database>, q: { reporter: string; partner: string; flow: string; hsCode: string | null; year: number; measure: 'net_mass_t' | 'value_usd' }, asOf?: string): Promise<PartnerRanking | undefined> {
  const tf = tradeFlowFrom(asOf)
  const sources = await sql<{ source_format: string }>`
    select distinct source_format from ${tf} tf
    where year = ${q.year} and period = year::text and reporter_iso3 = ${q.reporter} and flow = ${q.flow} and ${sql.ref(q.measure)} is not null
      and product_code like ${`${q.hsCode ?? ''}%`}
    order by 1`.execute(db)
  const order = ['comtrade-plus', 'comtrade', 'baci']
  const source = sources.rows.map((r) => r.source_format).sort((a, b) => (order.indexOf(a) + 1 || 9) - (order.indexOf(b) + 1 || 9))[0]
  if (source === undefined) return undefined
  const ranked = (partner: string) => {
    const col = sql.ref(q.measure)
    const prefix = q.hsCode ?? ''
    const inner = sql`select partner_iso3, case when bool_or(product_code = ${sql.lit(prefix)}) then sum(${col}) filter (where product_code = ${sql.lit(prefix)}) else sum(${col}) filter (where length(product_code) = 6) end as amount from ${tf} tf where source_format = ${sql.lit(source)} and year = ${sql.lit(q.year)} and period = year::text and reporter_iso3 = ${sql.lit(q.reporter)} and flow = ${sql.lit(q.flow)} and ${col} is not null and product_code like ${sql.lit(`${prefix}%`)} and partner_iso3 is not null and partner_iso3 not in (select iso3 from reporting.country where is_aggregate and iso3 is not null) and partner_iso3 not in ('W00', 'WLD') group by partner_iso3`
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
function observationQuery(db: Kysely<Database>, source: string, reporter: string, partner: string, flow: string, hs: string | null, measure: Measure, year: number, asOf?: string): string {
  return flowRows(db, reporter, partner, flow, hs, measure, true, asOf)
    .where('source_format', '=', sql.lit(source))
    .where('year', '=', sql.lit(year))
    .select(ownLevel<string>(sql.lit(hs ?? ''), sql`sum(${sql.ref(measure)})`).as('value'))
    .compile().sql
}

async function seriesRows(db: Kysely<Database>, reporter: string, partner: string, flow: string, hs: string | null, measure: Measure, asOf?: string) {
  const prefix = hs ?? ''
  return db
    .with('flows', (d) => flowRows(d, reporter, partner, flow, hs, measure, false, asOf).select(['source_format', 'year', 'product_code', sql.ref<string>(measure).as('amount')]))
    .with('per_source', (d) => d.selectFrom('flows')
      .select(['source_format', 'year',
        ownLevel<string | null>(prefix, sql`sum(amount)`).as('amount'),
        sql<number>`(${ownLevel(prefix, sql`count(*)`)})::int`.as('rows'),
        sql<string>`case when bool_or(product_code = ${prefix}) then ${prefix} else ${`${prefix}xx (6-digit lines)`} end`.as('level_used')])
      .groupBy(['source_format', 'year']))
    .selectFrom('per_source')
    .select(['source_format', 'year', sql<string>`amount::text`.as('amount'), 'rows', 'level_used'])
    .where('amount', 'is not', null)
    .orderBy('year')
    .orderBy(sql`case source_format when 'comtrade-plus' then 1 when 'comtrade' then 2 when 'baci' then 3 else 4 end`)
    .$narrowType<{ source_format: NotNull; year: NotNull }>()
    .execute()
}

/**
 * Annual amounts from published figures: `subject` ('trade', 'demand', ...), a country, and a
 * product family that contains or is contained in `hsCode` (a release on "crude oil and oil
 * products", HS 27, speaks to a claim about crude oil, HS 2709, and the basis says so).
 */
export async function queryPublishedSeries(db: Kysely<Database>, q: { subject: string; reporter: string | null; partner: string | null; flow: string | null; hsCode: string | null; unit: string }, asOf?: string): Promise<Observation[]> {
  const { reporter, partner, flow, hsCode } = q
  const rows = await db.selectFrom('core.published_figure')
    .select(['published_id', 'year', sql<string>`value::text`.as('value'), 'source_url', 'publisher', 'hs_code', 'commodity'])
    .where('subject', '=', q.subject)
    .where('unit', '=', q.unit)
    .where('year', 'is not', null)
    .$if(asOf !== undefined, (qb) => qb.where(sql<boolean>`loaded_at <= ${asOf ?? ''}::timestamptz`))
    .$if(reporter !== null, (qb) => qb.where('reporter_iso3', '=', reporter))
    .$if(partner !== null, (qb) => qb.where('partner_iso3', '=', partner))
    .$if(flow !== null, (qb) => qb.where((eb) => eb.or([eb('flow', 'is', null), eb('flow', '=', flow)])))
    .$if(hsCode !== null, (qb) => qb.where((eb) => eb.or([
      eb('hs_code', 'is', null),
      eb(eb.val(hsCode), 'like', sql<string>`hs_code || '%'`),
      eb('hs_code', 'like', `${hsCode ?? ''}%`),
    ])))
    .orderBy('year').orderBy('published_id')
    .$narrowType<{ year: NotNull }>()
    .execute()
  const seen = new Set<number>()
  const out: Observation[] = []
  for (const row of rows) {
    if (seen.has(row.year)) continue
    seen.add(row.year)
    out.push({
      year: row.year, value: row.value, source: 'published', query: db.selectFrom('core.published_figure').select('value').where('published_id', '=', sql.lit(row.published_id)).compile().sql,
      basis: `published: ${row.publisher ?? 'release'}${row.commodity ? ` (${row.commodity}${row.hs_code ? `, HS ${row.hs_code}` : ''})` : ''} ${row.source_url}`,
    })
  }
  return out
}

/** Replaces the stored checks with this round's (a check is recomputed from scratch each time). */
export async function saveChecks(wh: Warehouse, checks: readonly { articleId: number; figureNo: number; result: CheckResult; asOfPublished?: AsOfVerdict | null }[]): Promise<void> {
  await wh.transaction(async (tx) => {
    await tx.db.deleteFrom('core.figure_check').execute()
    for (let from = 0; from < checks.length; from += 200) {
      await tx.db.insertInto('core.figure_check').values(checks.slice(from, from + 200).map(({ articleId, figureNo, result: c, asOfPublished }) => ({
        article_id: articleId, figure_no: figureNo, status: c.status, claimed: c.claimed, claimed_unit: c.claimedUnit,
        tolerance_low: c.toleranceLow === null ? null : String(c.toleranceLow), tolerance_high: c.toleranceHigh === null ? null : String(c.toleranceHigh), recomputed: c.recomputed, gap: c.gap, gap_pct: c.gapPct,
        basis: c.basis, evidence: c.evidence, missing: c.missing, implied: c.implied,
        inputs: c.inputs === null ? null : JSON.stringify(c.inputs), query: c.query,
        declarations: c.declarations === null ? null : JSON.stringify(c.declarations),
        sides: c.sides == null ? null : JSON.stringify(c.sides),
        as_of_published: asOfPublished == null ? null : JSON.stringify(asOfPublished),
      }))).execute()
    }
  })
}

/** The verdict on the warehouse as it stood at the end of the article's published day. */
export interface AsOfVerdict {
  /** The article's date, 'YYYY-MM-DD'. */
  readonly published: string
  /** The time the warehouse was read as of (the end of that day, UTC). */
  readonly asOf: string
  readonly status: CheckResult['status']
  readonly recomputed: string | null
  readonly allowed: { readonly low: number | null; readonly high: number | null }
  readonly evidence: string | null
  readonly missing: string | null
  readonly query: string | null
  readonly inputs: CheckResult['inputs']
}

/**
 * Whether a value the warehouse held at `asOf` was revised or withdrawn since: only then can
 * a verdict as of that time differ from today's.
 */
export async function revisedSince(db: Kysely<Database>, asOf: string): Promise<boolean> {
  const r = await sql<{ revised: boolean }>`
    select exists (
      select 1 from core.trade_flow_revision r join etl.source_file s on s.file_id = r.file_id
      where r.change <> 'unchanged' and s.loaded_at <= ${asOf}::timestamptz and r.superseded_at > ${asOf}::timestamptz
    ) as revised`.execute(db)
  return r.rows[0]?.revised === true
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
  readonly comparison: string | null
  readonly compared_iso3: string[] | null
  readonly subject_iso3: string | null
  readonly compared_combined: boolean | null
  readonly sides: unknown
  readonly as_of_published: unknown
  readonly published_on: string | null
}

export async function listChecks(db: Kysely<Database>): Promise<CheckRow[]> {
  const text = (column: 'claimed' | 'recomputed' | 'gap' | 'gap_pct' | 'tolerance_low' | 'tolerance_high' | 'figure_value') => sql<string | null>`${sql.ref(column)}::text`.as(column)
  return db.selectFrom('reporting.figure_check')
    .select(['article_id', 'figure_no', 'article_url', 'text', 'kind', 'measure', 'year', 'status', text('claimed'), 'claimed_unit',
      text('recomputed'), text('gap'), text('gap_pct'), 'basis', 'evidence', 'missing', 'implied', text('tolerance_low'), text('tolerance_high'),
      'inputs', 'query', 'declarations', 'change_direction', text('figure_value'), 'figure_unit', 'qualifier', 'reporter_iso3', 'partner_iso3',
      'flow', 'hs_code', 'commodity', 'comparison', 'compared_iso3', 'subject_iso3', 'compared_combined', 'sides', 'as_of_published',
      sql<string | null>`to_char(published_on, 'YYYY-MM-DD')`.as('published_on')])
    .orderBy('article_id').orderBy('figure_no')
    .$narrowType<{ article_id: NotNull; figure_no: NotNull; text: NotNull; kind: NotNull; status: NotNull; claimed: NotNull; claimed_unit: NotNull }>()
    .execute()
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
  return db.selectFrom('reporting.published_figure')
    .select(['subject', 'year', 'reporter_iso3', 'partner_iso3', 'commodity', sql<string>`value::text`.as('value'), 'unit', 'qualifier', 'source_url'])
    .orderBy('source_url').orderBy('subject').orderBy('year').orderBy('unit')
    .$narrowType<{ subject: NotNull; unit: NotNull; source_url: NotNull }>()
    .execute()
}
