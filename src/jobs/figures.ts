import { existsSync } from 'node:fs'
import { TradeEtlError } from '../errors.ts'
import { readTextFile, type Claim, type FileBytes } from '../extract/index.ts'
import {
  countPublished, findArticle, listCheckableFigures, queryPartnerRanking, queryPublishedSeries, queryTradeSeries, revisedSince, saveChecks, storeArticle,
  storePublished, type AsOfVerdict, type FigureRow, type StoredFigure, type Warehouse,
} from '../load/index.ts'
import type { Logger } from '../log.ts'
import { checkChange, checkComparison, checkLevel, checkRank, checkShare, type CheckableFigure, type CheckResult, type ComparisonData, type Observation } from '../transform/check/index.ts'
import type { Figure } from '../transform/figures/index.ts'

export interface ArticleSummary {
  readonly path: string
  readonly figures: number
  readonly skipped: boolean
  readonly note?: string
}

export interface PublishedSummary {
  readonly path: string
  readonly figures: number
  readonly skipped: boolean
}

export interface ArticleInput {
  readonly path: string
  readonly url?: string | undefined
  readonly title?: string | undefined
  readonly published?: string | undefined
  readonly optional?: boolean | undefined
  /** Past MAX_ARTICLE_CHARS: read the first part (at a paragraph break) instead of refusing. */
  readonly truncate?: boolean | undefined
}

/**
 * The largest article text read, in characters (after HTML is stripped): 2,000,000, about 300
 * pages. News articles and statistical releases are far below it; past it a file is a dump or
 * a book, whose "figures" (a 20 MB file gave 701,756) no one could check. Refused unless
 * `truncate` is set.
 */
export const MAX_ARTICLE_CHARS = 2_000_000

export interface ReadArticle {
  readonly file: FileBytes
  readonly sourceKind: 'text' | 'html' | 'claims'
  readonly url?: string | undefined
  readonly title?: string | undefined
  readonly published?: string | undefined
  /** The text offsets refer to: the file, or the page's text with markup stripped. */
  readonly text: string
  readonly figures: readonly StoredFigure[]
  /** Set when the text was cut at MAX_ARTICLE_CHARS: how many characters were read of how many. */
  readonly truncated?: { readonly read: number; readonly total: number }
}

function fromFigure(f: Figure): StoredFigure {
  return {
    kind: f.kind, value: f.valueExact, unit: f.unit, text: f.text, start: f.start, end: f.end, qualifier: f.qualifier,
    year: f.year, period: f.period, reporter: f.reporter, partner: f.partner, flow: f.flow, commodity: f.commodity,
    hsCode: f.hsCode, measure: f.measure, changeFrom: f.changeFrom, changeDirection: f.changeDirection, shareOf: f.shareOf,
    shareOfCountry: f.shareOfCountry, date: f.date, comparison: f.comparison, comparedWith: f.comparedWith, combined: f.combined, subject: f.subject,
  }
}

function fromClaim(c: Claim): StoredFigure {
  return { ...c, value: c.value }
}

/**
 * Reads an article: a claims file (JSON figures with the article's address), an HTML page
 * (markup and page furniture stripped first) or plain text, and extracts its figures.
 */
export async function readArticle(input: ArticleInput): Promise<ReadArticle> {
  const file = await readTextFile(input.path)
  if (/\.json$/i.test(input.path)) {
    const { parseClaimsFile } = await import('../extract/read-figure-files.ts')
    const claims = parseClaimsFile(file)
    return {
      file, sourceKind: 'claims', url: input.url ?? claims.url, title: input.title ?? claims.title,
      published: input.published ?? claims.published, text: '', figures: claims.figures.map(fromClaim),
    }
  }
  // The extractor (its lexicons and patterns, a seventh of the bundle) loads for articles only:
  // every other command skips compiling it.
  const { extractFigures, htmlToText, looksLikeHtml } = await import('../transform/figures/index.ts')
  const html = looksLikeHtml(file.text)
  const full = html ? htmlToText(file.text) : file.text
  let text = full
  if (full.length > MAX_ARTICLE_CHARS) {
    if (input.truncate !== true) {
      throw new TradeEtlError('ARTICLE_TOO_LARGE',
        `the article text is ${full.length.toLocaleString('en-US')} characters, over the limit of ${MAX_ARTICLE_CHARS.toLocaleString('en-US')} (about 300 pages); split the file into articles, or pass --truncate to read only its first ${MAX_ARTICLE_CHARS.toLocaleString('en-US')} characters`,
        { file: input.path })
    }
    const cut = full.lastIndexOf('\n\n', MAX_ARTICLE_CHARS)
    text = full.slice(0, cut > MAX_ARTICLE_CHARS / 2 ? cut : MAX_ARTICLE_CHARS)
  }
  const title = input.title ?? (html ? /<title[^>]*>([^<]*)<\/title>/i.exec(file.text)?.[1]?.trim() : undefined)
  const figures = extractFigures(text, input.published === undefined ? {} : { published: input.published }).map(fromFigure)
  return {
    file, sourceKind: html ? 'html' : 'text', url: input.url, title, published: input.published, text, figures,
    ...(text.length < full.length ? { truncated: { read: text.length, total: full.length } } : {}),
  }
}

/** Loads articles; the same bytes are loaded once. */
export async function loadArticleFiles(wh: Warehouse, inputs: readonly ArticleInput[], log: Logger): Promise<ArticleSummary[]> {
  const out: ArticleSummary[] = []
  for (const input of inputs) {
    if (input.optional === true && !existsSync(input.path)) {
      log.info({ file: input.path }, 'optional article not present, passed over')
      out.push({ path: input.path, figures: 0, skipped: true, note: 'not present (optional)' })
      continue
    }
    const article = await readArticle(input)
    const known = await findArticle(wh.db, article.file.sha256)
    if (known !== undefined) {
      out.push({ path: input.path, figures: known.figures, skipped: true })
      continue
    }
    await storeArticle(wh, { sha256: article.file.sha256, path: input.path, sourceKind: article.sourceKind, url: article.url, title: article.title, published: article.published }, article.figures)
    log.info({ file: input.path, figures: article.figures.length }, 'article loaded')
    out.push({ path: input.path, figures: article.figures.length, skipped: false })
  }
  return out
}

/** Loads figures from statistical releases (JSON or CSV); the same bytes are loaded once. */
export async function loadPublishedFiles(wh: Warehouse, paths: readonly string[], log: Logger): Promise<PublishedSummary[]> {
  const out: PublishedSummary[] = []
  for (const path of paths) {
    const file = await readTextFile(path)
    const known = await countPublished(wh.db, file.sha256)
    if (known !== undefined) {
      out.push({ path, figures: known, skipped: true })
      continue
    }
    const { parsePublishedFile } = await import('../extract/read-figure-files.ts')
    const release = parsePublishedFile(file)
    await storePublished(wh, { sha256: file.sha256, path, publisher: release.publisher, released: release.released },
      release.figures.map((f) => ({ ...f, sourceUrl: f.sourceUrl ?? release.sourceUrl })))
    log.info({ file: path, figures: release.figures.length }, 'published figures loaded')
    out.push({ path, figures: release.figures.length, skipped: false })
  }
  return out
}

function toCheckable(f: FigureRow): CheckableFigure {
  return {
    figureNo: f.figure_no, kind: f.kind, value: f.value, unit: f.unit, text: f.text, qualifier: f.qualifier, year: f.year,
    reporter: f.reporter_iso3, partner: f.partner_iso3, flow: f.flow, hsCode: f.hs_code, commodity: f.commodity,
    measure: f.measure, changeFrom: f.change_from, changeDirection: f.change_direction, shareOf: f.share_of, shareOfCountry: f.share_of_iso3,
    comparison: f.comparison, comparedWith: f.compared_iso3, combined: f.compared_combined, subject: f.subject_iso3,
  }
}

/** Trade data first, published figures for the years it lacks. No partner named: the world. */
async function flowSeries(wh: Warehouse, f: Pick<CheckableFigure, 'reporter' | 'partner' | 'flow' | 'hsCode'>, unit: 't' | 'USD', asOf?: string): Promise<Observation[]> {
  if (f.reporter == null) return []
  const flow = f.flow ?? 'X'
  const partner = f.partner ?? 'W00'
  const trade = await queryTradeSeries(wh.db, { reporter: f.reporter, partner, flow, hsCode: f.hsCode ?? null, measure: unit === 't' ? 'net_mass_t' : 'value_usd' }, asOf)
  const published = await queryPublishedSeries(wh.db, {
    subject: partner === 'W00' ? (flow === 'M' ? 'total_imports' : 'total_exports') : 'trade',
    reporter: f.reporter, partner: partner === 'W00' ? null : partner, flow, hsCode: f.hsCode ?? null, unit,
  }, asOf)
  const years = new Set(trade.map((o) => o.year))
  return [...trade, ...published.filter((o) => !years.has(o.year))].sort((a, b) => a.year - b.year)
}

/**
 * Recomputes every checkable article figure from the warehouse and stores the results in
 * core.figure_check (reporting.figure_check). Levels are checked in their own unit; a change
 * against the same measure as the level quoted beside it (mass when the article gives
 * tonnes); a share as the flow over the total it is a share of.
 */
export async function runChecks(wh: Warehouse, log: Logger): Promise<number> {
  const rows = await listCheckableFigures(wh.db)
  const byArticle = new Map<number, CheckableFigure[]>()
  const publishedOn = new Map<number, string>()
  for (const r of rows) {
    byArticle.set(r.article_id, [...(byArticle.get(r.article_id) ?? []), toCheckable(r)])
    if (r.published_on !== null) publishedOn.set(r.article_id, r.published_on)
  }
  const results: { articleId: number; figureNo: number; result: CheckResult; asOfPublished: AsOfVerdict | null }[] = []
  for (const [articleId, figures] of byArticle) {
    // As of the end of the article's day, where a value the warehouse held then was revised since.
    const published = publishedOn.get(articleId)
    const asOf = published === undefined ? undefined : `${published}T23:59:59.999999Z`
    const then = asOf !== undefined && (await revisedSince(wh.db, asOf)) ? asOf : undefined
    for (const f of figures) {
      const result = await checkOne(wh, f, figures)
      if (result === undefined) continue
      const old = then === undefined || published === undefined ? undefined : await checkOne(wh, f, figures, then)
      results.push({ articleId, figureNo: f.figureNo, result, asOfPublished: old === undefined || published === undefined || then === undefined ? null : asOfVerdict(published, then, old) })
    }
  }
  await saveChecks(wh, results)
  log.info({ checked: results.length }, 'figures checked')
  return results.length
}

const SHARE_OF_EXPORTS = /export|sales|shipments|supplies|deliveries/i
const SHARE_OF_IMPORTS = /import|purchases|buying/i

/**
 * The total a share is of: a country's exports or imports (trade data with the world as
 * partner, else a published total), or its needs, demand or consumption (published demand).
 */
async function shareWhole(wh: Warehouse, f: CheckableFigure, asOf?: string): Promise<{ series: Observation[]; label: string } | undefined> {
  const label = f.shareOf ?? 'the total'
  if (SHARE_OF_EXPORTS.test(label)) {
    const exporter = f.shareOfCountry ?? f.reporter
    if (exporter == null) return undefined
    return { series: await flowSeries(wh, { reporter: exporter, partner: null, flow: 'X', hsCode: f.hsCode ?? null }, 't', asOf), label }
  }
  if (SHARE_OF_IMPORTS.test(label)) {
    const importer = f.shareOfCountry ?? (f.flow === 'M' ? f.reporter : f.partner)
    if (importer == null) return undefined
    return { series: await flowSeries(wh, { reporter: importer, partner: null, flow: 'M', hsCode: f.hsCode ?? null }, 't', asOf), label }
  }
  const of = f.shareOfCountry ?? f.partner
  if (of == null) return undefined
  return { series: await queryPublishedSeries(wh.db, { subject: 'demand', reporter: of, partner: null, flow: null, hsCode: f.hsCode ?? null, unit: 't' }, asOf), label }
}

function asOfVerdict(published: string, asOf: string, r: CheckResult): AsOfVerdict {
  return {
    published, asOf, status: r.status, recomputed: r.recomputed, allowed: { low: r.toleranceLow, high: r.toleranceHigh },
    evidence: r.evidence, missing: r.missing, query: r.query, inputs: r.inputs,
  }
}

/**
 * A comparison: the subject's flow and the same flow with each other country in the subject's
 * place (the reporter's or the partner's), by mass where every side has it, else by value.
 */
async function compareSides(wh: Warehouse, f: CheckableFigure, asOf: string | undefined): Promise<CheckResult> {
  const subject = f.subject
  const side: 'reporter' | 'partner' | undefined = subject == null ? undefined : subject === f.reporter ? 'reporter' : subject === f.partner ? 'partner' : undefined
  if (side === undefined || subject == null || f.year == null) return checkComparison(f, undefined)
  const seriesOf = (country: string, unit: 't' | 'USD') => flowSeries(wh, side === 'reporter' ? { ...f, reporter: country } : { ...f, partner: country }, unit, asOf)
  let first: ComparisonData | undefined
  for (const unit of ['t', 'USD'] as const) {
    const data: ComparisonData = {
      side, unit, subject: await seriesOf(subject, unit),
      others: await Promise.all((f.comparedWith ?? []).map(async (country) => ({ country, series: await seriesOf(country, unit) }))),
    }
    first ??= data
    const year = f.year
    if (data.subject.some((o) => o.year === year) && data.others.every((o) => o.series.some((x) => x.year === year))) return checkComparison(f, data)
  }
  return checkComparison(f, first)
}

async function checkOne(wh: Warehouse, f: CheckableFigure, siblings: readonly CheckableFigure[], asOf?: string): Promise<CheckResult | undefined> {
  if (f.measure === 'level' && (f.unit === 't' || f.unit === 'USD')) {
    return checkLevel(f, await flowSeries(wh, f, f.unit, asOf))
  }
  if (f.measure === 'comparison' && f.kind === 'comparison') return compareSides(wh, f, asOf)
  if (f.measure === 'change' && f.unit === '%') {
    const level = siblings.find((s) => s.measure === 'level' && (s.unit === 't' || s.unit === 'USD') && s.year === f.year
      && s.reporter === f.reporter && s.partner === f.partner && (s.hsCode ?? null) === (f.hsCode ?? null))
    const unit = level?.unit === 'USD' ? 'USD' : 't'
    return checkChange(f, await flowSeries(wh, f, unit, asOf), level, unit)
  }
  if (f.measure === 'rank' && f.kind === 'rank') {
    if (f.reporter == null || f.partner == null || f.year == null) return checkRank(f, undefined)
    const q = { reporter: f.reporter, partner: f.partner, flow: f.flow === 'M' ? 'M' : 'X', hsCode: f.hsCode ?? null, year: f.year }
    // By mass where the data has it (trade news ranks buyers by tonnes), else by value.
    return checkRank(f, (await queryPartnerRanking(wh.db, { ...q, measure: 'net_mass_t' }, asOf)) ?? (await queryPartnerRanking(wh.db, { ...q, measure: 'value_usd' }, asOf)))
  }
  if (f.measure === 'share' && f.unit === '%') {
    const whole = await shareWhole(wh, f, asOf)
    if (whole === undefined) return undefined
    return checkShare(f, await flowSeries(wh, f, 't', asOf), whole.series, whole.label)
  }
  return undefined
}
