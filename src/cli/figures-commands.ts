import { TradeEtlError } from '../errors.ts'
import { findArticle, listChecks, storeArticle, type CheckRow, type Warehouse } from '../load/index.ts'
import type { Logger } from '../log.ts'
import { readArticle, runChecks } from '../jobs/index.ts'
import { formatAmount, renderTable, wrapLine } from './format.ts'
import { tell } from './tell.ts'

type WithWarehouse = <T>(fn: (wh: Warehouse) => Promise<T>) => Promise<T>

/** `figures` options, as commander parsed them. */
export interface FiguresOptions {
  readonly json?: boolean
  readonly load?: boolean
  readonly url?: string
  readonly title?: string
  readonly published?: string
  readonly truncate?: boolean
}

const out = (text: string) => process.stdout.write(`${text}\n`)

/** `trade-etl figures FILE [--json] [--load]`: extraction needs no warehouse unless --load. */
export async function commandFigures(path: string, values: FiguresOptions, log: Logger, withReadyWarehouse: WithWarehouse): Promise<number> {
  let article
  try {
    article = await readArticle({ path, url: values.url, title: values.title, published: values.published, truncate: values.truncate })
  } catch (error) {
    if (error instanceof TradeEtlError && error.code !== 'USAGE') {
      tell(log, 'error', `${error.file ?? path}: ${error.message}`, { file: error.file ?? path, code: error.code, exit: 1 })
      return 1
    }
    throw error
  }
  if (article.truncated !== undefined) {
    tell(log, 'warn', `${path}: read the first ${article.truncated.read.toLocaleString('en-US')} of ${article.truncated.total.toLocaleString('en-US')} characters (--truncate)`, { file: path, ...article.truncated })
  }
  let loaded: { articleId: number; skipped: boolean } | undefined
  if (values.load === true) {
    loaded = await withReadyWarehouse(async (wh) => {
      const known = await findArticle(wh.db, article.file.sha256)
      if (known !== undefined) return { articleId: known.article_id, skipped: true }
      const articleId = await storeArticle(wh, { sha256: article.file.sha256, path, sourceKind: article.sourceKind, url: article.url, title: article.title, published: article.published }, article.figures)
      await runChecks(wh, log)
      return { articleId, skipped: false }
    })
  }
  if (values.json === true) {
    // `value` is a JSON number as the contract says; `valueExact` keeps the exact decimal.
    const figures = article.figures.map((f) => ({ ...f, value: Number(f.value), valueExact: f.value }))
    out(JSON.stringify({ file: path, sha256: article.file.sha256, source: article.sourceKind, figures, ...(loaded === undefined ? {} : { loaded }) }))
    return 0
  }
  out(renderTable(['#', 'kind', 'value', 'unit', 'as written', 'qualifier', 'year', 'link', 'measure', 'at'],
    article.figures.map((f, n) => [n + 1, f.kind, f.kind === 'date' || f.kind === 'year' ? (f.date ?? f.value) : formatAmount(f.value, f.value.includes('.') ? Math.min(f.value.split('.')[1]?.length ?? 0, 4) : 0), f.unit,
      f.text.replace(/\s+/g, ' '), f.qualifier, f.year, [f.reporter, f.partner].filter(Boolean).join('->') + (f.hsCode ? ` HS ${f.hsCode}` : ''),
      f.measure === 'change' ? (f.changeFrom === undefined ? 'change' : `change vs ${f.changeFrom}`) : f.measure === 'share' ? (f.shareOf === undefined ? 'share' : `share of ${f.shareOf}`) : f.measure,
      f.start === undefined ? '' : `${f.start}-${f.end}`])))
  if (loaded !== undefined) out(`\n${loaded.skipped ? 'already loaded as' : 'loaded as'} article ${loaded.articleId}`)
  return 0
}

/** `trade-etl check [--json]`: recompute every checkable figure, then show the results. */
export async function commandCheck(values: { readonly json?: boolean }, log: Logger, withWarehouse: WithWarehouse): Promise<number> {
  const checks = await withWarehouse(async (wh) => {
    await runChecks(wh, log)
    return listChecks(wh.db)
  })
  if (values.json === true) out(JSON.stringify({ checks: checks.map(checkJson) }))
  else printCheckRows(checks)
  return 0
}

const num = (v: string | null): number | null => (v === null ? null : Number(v))

/** A check as CONTRACT.md gives it: figure, status, allowed, recomputed, inputs, query, declarations. */
function checkJson(c: CheckRow): Record<string, unknown> {
  // Stored signed when recomputed, unsigned when not: a decrease is always shown negative.
  const signed = c.change_direction === 'decrease' ? -Math.abs(Number(c.claimed)) : Number(c.claimed)
  return {
    figure: {
      text: c.text, kind: c.kind, value: num(c.figure_value), unit: c.figure_unit, measure: c.measure, year: c.year, qualifier: c.qualifier,
      reporter: c.reporter_iso3, partner: c.partner_iso3, flow: c.flow, hsCode: c.hs_code, commodity: c.commodity, changeDirection: c.change_direction,
      ...(c.measure === 'comparison' ? { comparison: c.comparison, comparedWith: c.compared_iso3, combined: c.compared_combined, subject: c.subject_iso3 } : {}),
    },
    status: c.status,
    claimed: c.measure === 'change' ? signed : Number(c.claimed),
    claimedUnit: c.claimed_unit,
    allowed: { low: num(c.tolerance_low), high: num(c.tolerance_high) },
    recomputed: num(c.recomputed),
    gap: num(c.gap),
    gapPct: num(c.gap_pct),
    inputs: c.inputs,
    query: c.query,
    declarations: c.declarations,
    sides: c.sides,
    asOfPublished: c.as_of_published,
    published: c.published_on,
    evidence: c.evidence,
    basis: c.basis,
    missing: c.missing,
    implied: c.implied,
    articleId: c.article_id,
    figureNo: c.figure_no,
    articleUrl: c.article_url,
  }
}

/** Percentages as "+33.8 %" or "-25 %" (a change), amounts with their unit. */
function claimed(c: CheckRow): string {
  if (c.measure === 'comparison') return comparisonClaim(c)
  if (c.claimed_unit !== '%') return `${formatAmount(c.claimed)} ${c.claimed_unit}`
  if (c.measure !== 'change') return `${c.claimed} %`
  return `${c.change_direction === 'decrease' ? '-' : '+'}${Math.abs(Number(c.claimed))} %`
}

/** "more than 2x KAZ", "> USA + ITA (combined)", "overtook RUS". */
function comparisonClaim(c: CheckRow): string {
  const others = (c.compared_iso3 ?? []).join(c.compared_combined === true ? ' + ' : ', ')
  const who = `${c.subject_iso3 ?? '?'} against ${others}${c.compared_combined === true ? ' combined' : ''}`
  if (c.comparison === 'ratio') return `${c.qualifier ? `${c.qualifier} ` : ''}${Number(c.claimed)}x (${who})`
  return `${c.comparison === 'overtook' ? 'overtook' : c.comparison === 'less' ? 'less than' : 'more than'} (${who})`
}

function allowed(c: CheckRow): string {
  if (c.measure === 'comparison') {
    const show = (v: string | null, fallback: string): string => (v === null ? fallback : String(Number(Number(v).toFixed(3))))
    return `a ratio of ${show(c.tolerance_low, '0')} to ${show(c.tolerance_high, '+inf')}`
  }
  const show = (v: string | null, fallback: string): string => (v === null ? fallback : c.claimed_unit === '%' ? `${Number(v).toFixed(2)}` : formatAmount(String(Math.round(Number(v)))))
  return `${show(c.tolerance_low, '-inf')} to ${show(c.tolerance_high, '+inf')}${c.claimed_unit === '%' ? ' %' : ` ${c.claimed_unit}`}`
}

export function printCheckRows(checks: readonly CheckRow[]): void {
  if (checks.length === 0) {
    out('(no article figures to check: load an article with `trade-etl figures FILE --load` or an articles job)')
    return
  }
  for (const c of checks) {
    out(wrapLine(`[${c.status}] "${c.text}" (${c.measure}${c.year === null ? '' : `, ${c.year}`}) claims ${claimed(c)}; the wording allows ${allowed(c)}`, '        '))
    if (c.recomputed !== null && c.measure === 'comparison') out(wrapLine(`    recomputed ratio ${Number(c.recomputed).toFixed(2)}`, '        '))
    else if (c.recomputed !== null) {
      out(wrapLine(`    recomputed ${c.claimed_unit === '%' ? `${Number(c.recomputed).toFixed(2)} %` : `${formatAmount(c.recomputed)} ${c.claimed_unit}`}; gap ${c.gap_pct === null ? c.gap : `${Number(c.gap_pct) > 0 ? '+' : ''}${c.gap_pct} %`}${c.claimed_unit === '%' ? ` (${Number(c.gap) > 0 ? '+' : ''}${Number(c.gap).toFixed(2)} points)` : ''}`, '        '))
    }
    if (c.evidence !== null) out(wrapLine(`    evidence: ${c.evidence}`, '        '))
    if (c.basis !== null) out(wrapLine(`    from: ${c.basis}`, '        '))
    if (c.missing !== null) out(wrapLine(`    missing: ${c.missing}`, '        '))
    if (c.implied !== null) out(wrapLine(`    implied: ${c.implied}`, '        '))
    if (c.query !== null) out(wrapLine(`    query: ${c.query}`, '        '))
    const then = asOfLine(c)
    if (then !== undefined) out(wrapLine(then, '        '))
  }
}

/** The verdict as of the article's date, when it differs from today's (status or recomputed value). */
function asOfLine(c: CheckRow): string | undefined {
  const a = c.as_of_published as { published?: string; status?: string; recomputed?: string | null; evidence?: string | null; missing?: string | null } | null
  if (a === null || a.status === undefined) return undefined
  if (a.status === c.status && (a.recomputed ?? null) === (c.recomputed === null ? null : String(Number(c.recomputed)))) return undefined
  const value = a.recomputed == null ? '' : c.measure === 'comparison' ? ` ratio ${Number(a.recomputed).toFixed(2)}` : c.claimed_unit === '%' ? ` ${Number(a.recomputed).toFixed(2)} %` : ` ${formatAmount(a.recomputed)} ${c.claimed_unit}`
  return `    as of ${a.published ?? '?'} (the article's date): [${a.status}]${value ? ` recomputed${value}` : ''}; ${a.evidence ?? a.missing ?? ''} (today: [${c.status}]; the data was revised since)`
}

export async function printChecks(wh: Warehouse): Promise<void> {
  out('== Article figures against the warehouse (reporting.figure_check)')
  printCheckRows(await listChecks(wh.db))
}

