/**
 * Whether the statistics back a figure up: pure decisions over evidence the caller looked up.
 * Numbers are compared as JS numbers (trade values are far below 2^53 and tolerances are
 * generous next to float error); amounts shown and stored come from the exact inputs.
 */

export type CheckStatus = 'confirmed' | 'differs' | 'insufficient data'

/** What a check needs to know about a figure (a subset of Figure, plus its number in the article). */
export interface CheckableFigure {
  readonly figureNo: number
  readonly kind: string
  readonly value: string
  readonly unit: string
  readonly text: string
  readonly qualifier?: string | null
  readonly year?: number | null
  readonly reporter?: string | null
  readonly partner?: string | null
  readonly flow?: string | null
  readonly hsCode?: string | null
  readonly commodity?: string | null
  readonly measure?: string | null
  readonly changeFrom?: number | null
  readonly changeDirection?: string | null
  readonly shareOf?: string | null
  readonly shareOfCountry?: string | null
}

/** One year's amount of a series, where it came from. */
export interface Observation {
  readonly year: number
  readonly value: string
  readonly basis: string
  /** The source format ('baci', 'comtrade', ...) or 'published'. */
  readonly source?: string
  /** A SQL query returning this amount (one row, column "value"). */
  readonly query?: string
  /** Whose declaration it is, for trade data: the exporter's (flow X) or the importer's (flow M). */
  readonly declarant?: 'exporter' | 'importer'
  /** The other side's declaration of the same flow and year, where the warehouse has it. */
  readonly other?: Observation
}

/** What a recomputation used, as `check --json` prints it (CONTRACT.md). */
export interface CheckInputs {
  readonly source: string | null
  readonly reporter: string | null
  readonly partner: string | null
  readonly product: string | null
  readonly flow: string | null
  readonly years: readonly number[]
  readonly measure: string
  /** Set when a change or share was computed across two sources: say so, never silently. */
  readonly acrossSources?: readonly string[]
}

/** The exporter's and the importer's figures for the year checked, and which one the claim matches. */
export interface Declarations {
  readonly exporter: { readonly value: string; readonly basis: string }
  readonly importer: { readonly value: string; readonly basis: string }
  readonly matches: 'exporter' | 'importer' | 'both' | 'neither'
}

export interface CheckResult {
  readonly status: CheckStatus
  readonly claimed: string
  readonly claimedUnit: string
  readonly toleranceLow: number | null
  readonly toleranceHigh: number | null
  readonly recomputed: string | null
  readonly gap: string | null
  readonly gapPct: string | null
  readonly basis: string | null
  readonly evidence: string | null
  readonly missing: string | null
  readonly implied: string | null
  readonly inputs: CheckInputs | null
  readonly query: string | null
  readonly declarations: Declarations | null
}

/**
 * The range of true values a figure as written allows. The written precision gives half a
 * unit of the last digit ("2.289 million" is 2,288,500 to 2,289,500 t; "40%" 39.5 to 40.5);
 * hedges widen it: "nearly"/"almost" up to 10 % below, "about"/"around" 10 % either side,
 * "more than"/"over" anything above, "less than"/"under"/"up to" anything below.
 */
export function toleranceOf(figure: Pick<CheckableFigure, 'value' | 'text' | 'qualifier'>): { low: number; high: number } {
  const value = Number(figure.value)
  // A decrease is checked as a negative change: "fell nearly 25 %" allows -25.5 to -22.5.
  if (value < 0) {
    const mirrored = toleranceOf({ ...figure, value: String(-value) })
    return { low: -mirrored.high, high: -mirrored.low }
  }
  const half = halfStep(figure.text, value)
  const q = (figure.qualifier ?? '').toLowerCase()
  if (/^(nearly|near|almost|close to|just under|approaching)$/.test(q)) return { low: value * 0.9, high: value + half }
  if (/^(about|around|approximately|roughly|some|circa|an estimated|estimated|nearly about)$/.test(q)) return { low: value * 0.9, high: value * 1.1 }
  if (/^(more than|over|above|exceeding|in excess of|upwards of|at least|just over|just above|well over|well above|slightly more than)$/.test(q)) return { low: value - half, high: Number.POSITIVE_INFINITY }
  if (/^(less than|under|below|up to|at most|fewer than|just below|well below|slightly less than|as much as|as many as|as high as|top)$/.test(q)) return { low: Number.NEGATIVE_INFINITY, high: value + half }
  return { low: value - half, high: value + half }
}

/** Half a unit of the last digit written, in the canonical unit. */
function halfStep(text: string, value: number): number {
  const m = /(\d[\d,]*)(?:\.\s*(\d+))?/.exec(text)
  if (m === null) return Math.abs(value) * 0.005
  const written = Number(`${(m[1] ?? '').replace(/,/g, '')}.${m[2] ?? '0'}`)
  const decimals = m[2]?.length ?? 0
  const scale = written === 0 ? 1 : value / written
  return Math.abs(scale) * 10 ** -decimals / 2
}

function fmt(n: number, digits = 0): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 })
}

function amount(value: number, unit: string): string {
  return unit === '%' ? `${fmt(value, 2)} %` : unit === 't' ? `${fmt(value)} t` : `${fmt(value)} ${unit}`
}

function compare(figure: CheckableFigure, recomputed: number, basis: string, evidence: string, explain: Explanation): CheckResult {
  const { low, high } = toleranceOf(figure)
  const claimed = Number(figure.value)
  const gap = recomputed - claimed
  return {
    status: recomputed >= low && recomputed <= high ? 'confirmed' : 'differs',
    claimed: figure.value,
    claimedUnit: figure.unit,
    toleranceLow: Number.isFinite(low) ? low : null,
    toleranceHigh: Number.isFinite(high) ? high : null,
    recomputed: round(recomputed, figure.unit === '%' ? 4 : 3),
    gap: round(gap, figure.unit === '%' ? 4 : 3),
    gapPct: claimed === 0 ? null : round((gap / claimed) * 100, 2),
    basis,
    evidence,
    missing: null,
    implied: null,
    inputs: explain.inputs,
    query: explain.query ?? null,
    declarations: explain.declarations ?? null,
  }
}

interface Explanation {
  readonly inputs: CheckInputs
  readonly query?: string | undefined
  readonly declarations?: Declarations | null
}

function inputsOf(f: CheckableFigure, used: readonly Observation[], measure: string): CheckInputs {
  const sources = [...new Set(used.map((o) => o.source ?? 'unknown'))]
  return {
    source: sources.join(' + ') || null, reporter: f.reporter ?? null, partner: f.partner ?? null, product: f.hsCode ?? null, flow: f.flow ?? null,
    years: used.map((o) => o.year), measure, ...(sources.length > 1 ? { acrossSources: sources } : {}),
  }
}

/** Both declarations of a level, where the warehouse has both, and which one the claim's range holds. */
function declarationsOf(figure: CheckableFigure, obs: Observation): Declarations | null {
  if (obs.other === undefined || obs.declarant === undefined) return null
  const { low, high } = toleranceOf(figure)
  const fits = (o: Observation): boolean => Number(o.value) >= low && Number(o.value) <= high
  const exporter = obs.declarant === 'exporter' ? obs : obs.other
  const importer = obs.declarant === 'exporter' ? obs.other : obs
  const e = fits(exporter)
  const i = fits(importer)
  return {
    exporter: { value: exporter.value, basis: exporter.basis }, importer: { value: importer.value, basis: importer.basis },
    matches: e && i ? 'both' : e ? 'exporter' : i ? 'importer' : 'neither',
  }
}

function round(n: number, digits: number): string {
  return String(Number(n.toFixed(digits)))
}

function insufficient(figure: CheckableFigure, missing: string, implied: string | null): CheckResult {
  const { low, high } = toleranceOf(figure)
  return {
    status: 'insufficient data', claimed: figure.value, claimedUnit: figure.unit,
    toleranceLow: Number.isFinite(low) ? low : null, toleranceHigh: Number.isFinite(high) ? high : null,
    recomputed: null, gap: null, gapPct: null, basis: null, evidence: null, missing, implied, inputs: null, query: null, declarations: null,
  }
}

function describeSeries(f: Pick<CheckableFigure, 'reporter' | 'partner' | 'flow' | 'hsCode' | 'commodity'>): string {
  const dir = f.flow === 'M' ? `${f.reporter ?? '?'} imports from ${f.partner ?? '?'}` : `${f.reporter ?? '?'} -> ${f.partner ?? '?'}`
  return `${dir}${f.hsCode ? ` HS ${f.hsCode}` : ''}${f.commodity ? ` (${f.commodity})` : ''}`
}

/** A level (an amount in a year) against the series' observation for that year. */
export function checkLevel(figure: CheckableFigure, series: readonly Observation[]): CheckResult {
  if (figure.year == null) return insufficient(figure, 'the text gives no year for this figure', null)
  const obs = series.find((o) => o.year === figure.year)
  if (obs === undefined) {
    const have = series.map((o) => o.year).sort()
    return insufficient(figure,
      `no ${describeSeries(figure)} data for ${figure.year} in the warehouse${have.length > 0 ? ` (it has ${have.join(', ')})` : ''}`, null)
  }
  const declarations = declarationsOf(figure, obs)
  const both = declarations === null ? '' : `; exporter declared ${amount(Number(declarations.exporter.value), figure.unit)}, importer ${amount(Number(declarations.importer.value), figure.unit)} (the claim matches ${declarations.matches})`
  return compare(figure, Number(obs.value), obs.basis, `${figure.year}: ${amount(Number(obs.value), figure.unit)}${both}`, {
    inputs: inputsOf(figure, [obs], figure.unit === 'USD' ? 'value_usd' : 'net_mass_t'), query: obs.query, declarations,
  })
}

/** One year's partners of a reporter's flow, largest first, from one source. */
export interface PartnerRanking {
  readonly year: number
  readonly source: string
  readonly measure: 'net_mass_t' | 'value_usd'
  readonly partners: readonly { readonly partner: string; readonly value: string }[]
  /** SQL returning the named partner's rank (one row, column "value"). */
  readonly query: string
}

/**
 * A rank among partners ("the second largest buyer", "top five suppliers"): the partner's
 * position among all partners of the reporter's flow in the figure's year (aggregates such as
 * World or the EU left out), largest first.
 */
export function checkRank(figure: CheckableFigure, ranking: PartnerRanking | undefined): CheckResult {
  if (figure.year == null) return insufficient(figure, 'the text gives no year for this rank', null)
  if (figure.reporter == null || figure.partner == null) return insufficient(figure, 'the text does not say whose partners the rank is among', null)
  if (ranking === undefined || ranking.partners.length === 0) {
    return insufficient(figure, `no partners of ${figure.reporter} ${figure.flow === 'M' ? 'imports' : 'exports'}${figure.hsCode ? ` HS ${figure.hsCode}` : ''} for ${figure.year} in the warehouse`, null)
  }
  const unit = ranking.measure === 'value_usd' ? 'USD' : 't'
  const at = ranking.partners.findIndex((p) => p.partner === figure.partner)
  const position = at < 0 ? ranking.partners.length + 1 : at + 1
  const top = ranking.partners.slice(0, Math.max(3, Math.min(position, 10))).map((p, i) => `${i + 1}. ${p.partner} ${amount(Number(p.value), unit)}`).join(', ')
  const where = at < 0 ? `${figure.partner} is not among the ${ranking.partners.length} partners` : `${figure.partner} is number ${position} of ${ranking.partners.length}`
  const evidence = `${ranking.year}: ${where} by ${unit === 't' ? 'mass' : 'value'} (${top})`
  const basis = `${ranking.source}: partners of ${figure.reporter} ${figure.flow === 'M' ? 'imports' : 'exports'}${figure.hsCode ? ` HS ${figure.hsCode}` : ''}, aggregates left out`
  return compare(figure, position, basis, evidence, {
    inputs: { source: ranking.source, reporter: figure.reporter, partner: figure.partner, product: figure.hsCode ?? null, flow: figure.flow ?? null, years: [ranking.year], measure: ranking.measure },
    query: ranking.query,
  })
}

/**
 * A change in percent against `changeFrom` (default the year before). Recomputed from the
 * series when both years are there; otherwise the claim's implication is spelled out: with the
 * level quoted beside it, the base-year level it implies (2.289 Mt after +33.8 % implies
 * 1,710,762 t the year before).
 */
export function checkChange(figure: CheckableFigure, series: readonly Observation[], level: CheckableFigure | undefined, seriesUnit: string): CheckResult {
  const year = figure.year
  if (year == null) return insufficient(figure, 'the text gives no year for this change', null)
  const from = figure.changeFrom ?? year - 1
  const signed = figure.changeDirection === 'decrease' ? -Number(figure.value) : Number(figure.value)
  const now = series.find((o) => o.year === year)
  const before = series.find((o) => o.year === from)
  if (now !== undefined && before !== undefined && Number(before.value) !== 0) {
    const pct = ((Number(now.value) - Number(before.value)) / Number(before.value)) * 100
    // Signed: a decrease is claimed as -25 % and recomputed as a negative change.
    const claim = { ...figure, value: signed < 0 ? String(signed) : figure.value }
    const across = now.source !== undefined && before.source !== undefined && now.source !== before.source
    const query = now.query !== undefined && before.query !== undefined
      ? `select (n.value - b.value) / b.value * 100 as value from (${now.query}) n, (${before.query}) b` : undefined
    const measure = seriesUnit === 'USD' ? 'value_usd' : 'net_mass_t'
    return compare(claim, pct, `${now.basis}; ${before.basis}`,
      `${from}: ${amount(Number(before.value), seriesUnit)}, ${year}: ${amount(Number(now.value), seriesUnit)} (${pct >= 0 ? '+' : ''}${fmt(pct, 2)} % by ${seriesUnit === 'USD' ? 'value' : 'mass'})${across ? `; ACROSS TWO SOURCES: ${from} from ${before.source}, ${year} from ${now.source}` : ''}`,
      { inputs: inputsOf(figure, [before, now], measure), query })
  }
  const base = level !== undefined ? Number(level.value) : now !== undefined ? Number(now.value) : undefined
  const implied = base === undefined ? null
    : `${amount(base, seriesUnit)} in ${year} after ${signed >= 0 ? '+' : ''}${fmt(signed, 2)} % implies ${amount(Math.round(base / (1 + signed / 100)), seriesUnit)} in ${from}`
  const missingYears = [now === undefined ? year : undefined, before === undefined ? from : undefined].filter((y) => y !== undefined)
  return insufficient(figure, `no ${describeSeries(figure)} data for ${missingYears.join(' and ')} in the warehouse`, implied)
}

/**
 * A share in percent: the series' amount over a total (e.g. a country's oil needs) for the
 * figure's year, or, when the text gives no year, the latest year both are known.
 */
export function checkShare(figure: CheckableFigure, part: readonly Observation[], whole: readonly Observation[], wholeLabel: string): CheckResult {
  const years = part.map((o) => o.year).filter((y) => whole.some((w) => w.year === y)).sort((a, b) => b - a)
  const year = figure.year ?? years[0]
  const p = part.find((o) => o.year === year)
  const w = whole.find((o) => o.year === year)
  if (year === undefined || p === undefined || w === undefined || Number(w.value) === 0) {
    const missing = [
      part.length === 0 ? `no ${describeSeries(figure)} amounts` : p === undefined && year !== undefined ? `no ${describeSeries(figure)} amount for ${year}` : undefined,
      whole.length === 0 ? `no figure for ${wholeLabel}` : w === undefined && year !== undefined ? `no figure for ${wholeLabel} in ${year}` : undefined,
    ].filter((m) => m !== undefined).join('; ')
    const latest = whole.slice().sort((a, b) => b.year - a.year)[0]
    const implied = latest === undefined ? null
      : `${figure.qualifier ? `${figure.qualifier} ` : ''}${figure.value} % of ${amount(Number(latest.value), 't')} (${wholeLabel}, ${latest.year}) would be ${amount(Math.round(Number(latest.value) * Number(figure.value) / 100), 't')}`
    return insufficient(figure, missing || 'no year with both amounts', implied)
  }
  const pct = (Number(p.value) / Number(w.value)) * 100
  const yearNote = figure.year == null ? ` (the text gives no year; ${year} is the latest with both)` : ''
  const across = p.source !== undefined && w.source !== undefined && p.source !== w.source
  const query = p.query !== undefined && w.query !== undefined ? `select p.value / w.value * 100 as value from (${p.query}) p, (${w.query}) w` : undefined
  return compare(figure, pct, `${p.basis}; ${w.basis}`,
    `${year}: ${amount(Number(p.value), 't')} of ${amount(Number(w.value), 't')} ${wholeLabel} = ${fmt(pct, 2)} %${yearNote}${across ? `; ACROSS TWO SOURCES: the part from ${p.source}, the whole from ${w.source}` : ''}`,
    { inputs: inputsOf(figure, [p, w], 'net_mass_t'), query })
}

