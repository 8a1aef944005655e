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
  /** For a comparison: 'ratio', 'more', 'less' or 'overtook'. */
  readonly comparison?: string | null
  /** For a comparison: ISO3 of the other side. */
  readonly comparedWith?: readonly string[] | null
  /** For a comparison against several: added up (true) or each (false). */
  readonly combined?: boolean | null
  /** For a comparison: ISO3 of the country compared (the reporter or the partner). */
  readonly subject?: string | null
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
  /** For a comparison: which side of the flow the other countries replace, who they are, and whether they are added up. */
  readonly compared?: { readonly side: 'reporter' | 'partner'; readonly countries: readonly string[]; readonly combined: boolean }
}

/** Both sides of a comparison as recomputed, each with a query returning its amount. */
export interface ComparisonSides {
  readonly year: number
  readonly unit: 't' | 'USD'
  readonly subject: { readonly country: string; readonly value: string; readonly basis: string; readonly query: string | null }
  readonly other: {
    readonly countries: readonly string[]
    /** Their sum when added up, else the largest of them (the one the subject must beat). */
    readonly value: string
    readonly combined: boolean
    readonly parts: readonly { readonly country: string; readonly value: string; readonly basis: string; readonly query: string | null }[]
    readonly query: string | null
  }
  /** For 'overtook': the year before, where the warehouse has both sides. */
  readonly previous?: { readonly year: number; readonly ratio: string } | null
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
  /** For a comparison: both sides as recomputed. */
  readonly sides?: ComparisonSides | null
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
  if (/^(more than|over|above|exceeding|in excess of|upwards of|at least|no less than|not less than|just over|just above|well over|well above|slightly more than)$/.test(q)) return { low: value - half, high: Number.POSITIVE_INFINITY }
  if (/^(less than|under|below|up to|at most|no more than|not more than|fewer than|just below|well below|slightly less than|as much as|as many as|as high as|top)$/.test(q)) return { low: Number.NEGATIVE_INFINITY, high: value + half }
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
  const { low, high } = figure.measure === 'comparison' ? comparisonRange(figure) : toleranceOf(figure)
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
    ...(explain.sides === undefined ? {} : { sides: explain.sides }),
  }
}

interface Explanation {
  readonly inputs: CheckInputs
  readonly query?: string | undefined
  readonly declarations?: Declarations | null
  readonly sides?: ComparisonSides
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
  const { low, high } = figure.measure === 'comparison' ? comparisonRange(figure) : toleranceOf(figure)
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


/**
 * The ratio (subject over the other side) a comparison allows. "more than X", "overtook X",
 * "ahead of X": above 1; "less than X", "behind X": below 1. A multiple allows half a unit of
 * its last digit ("twice" 1.5 to 2.5, "1.5 times" 1.45 to 1.55, "half" 0.45 to 0.55), and its
 * hedge: "more than twice" 2 and above, "nearly three times" 2.7 to 3, "about" at least 10 %
 * either side, "less than half" 0.5 and below.
 */
export function comparisonRange(figure: Pick<CheckableFigure, 'value' | 'text' | 'qualifier' | 'comparison'>): { low: number; high: number } {
  const v = Number(figure.value)
  if (figure.comparison === 'more' || figure.comparison === 'overtook') return { low: 1, high: Number.POSITIVE_INFINITY }
  if (figure.comparison === 'less') return { low: 0, high: 1 }
  const digits = /(\d+)(?:\.(\d+))?/.exec(figure.text)
  const half = digits !== null ? 10 ** -(digits[2]?.length ?? 0) / 2 : v >= 1 ? 0.5 : v * 0.1
  const q = (figure.qualifier ?? '').toLowerCase()
  if (/^(more than|over|above|at least|just over|well over)$/.test(q)) return { low: v, high: Number.POSITIVE_INFINITY }
  if (/^(less than|under|below|just under|at most)$/.test(q)) return { low: 0, high: v }
  if (/^(nearly|almost|close to|just under|approaching)$/.test(q)) return { low: v * 0.9, high: v }
  if (/^(about|around|approximately|roughly|some)$/.test(q)) return { low: Math.min(v - half, v * 0.9), high: Math.max(v + half, v * 1.1) }
  return { low: v - half, high: v + half }
}

/** What a comparison is checked on: the subject's series and each other country's, in one measure. */
export interface ComparisonData {
  /** Which side of the flow the subject is (the other countries take its place). */
  readonly side: 'reporter' | 'partner'
  readonly unit: 't' | 'USD'
  readonly subject: readonly Observation[]
  readonly others: readonly { readonly country: string; readonly series: readonly Observation[] }[]
}

function flowLabel(f: Pick<CheckableFigure, 'reporter' | 'partner' | 'flow'>, side: 'reporter' | 'partner', country: string): string {
  const reporter = side === 'reporter' ? country : f.reporter ?? '?'
  const partner = side === 'partner' ? country : f.partner ?? 'World'
  return f.flow === 'M' ? `${reporter} imports from ${partner}` : `${reporter}->${partner}`
}

/** Subject over the other side in one year, or why it cannot be computed. */
function ratioIn(data: ComparisonData, year: number, combined: boolean): { s: Observation; parts: { country: string; obs: Observation }[]; other: number; ratio: number } | { missing: string[] } {
  const s = data.subject.find((o) => o.year === year)
  const parts = data.others.map((o) => ({ country: o.country, obs: o.series.find((x) => x.year === year) }))
  const missing = parts.filter((p) => p.obs === undefined).map((p) => p.country)
  if (s === undefined || missing.length > 0) return { missing: [...(s === undefined ? ['subject'] : []), ...missing] }
  const values = parts.map((p) => Number(p.obs?.value))
  const other = combined ? values.reduce((a, b) => a + b, 0) : Math.max(...values)
  if (other === 0) return { missing: parts.map((p) => p.country) }
  return { s, parts: parts.map((p) => ({ country: p.country, obs: p.obs as Observation })), other, ratio: Number(s.value) / other }
}

/**
 * A comparison between the subject and other countries in the same flow, product and year
 * ("Azerbaijan supplied more than twice as much crude to Israel as Kazakhstan" is AZE->ISR over
 * KAZ->ISR): the ratio of the subject's amount to the other side's (their sum when the text
 * adds them up, else the largest of them), against the range the wording allows. "overtook"
 * also needs the subject not to have been ahead the year before, where the warehouse has it.
 */
export function checkComparison(figure: CheckableFigure, data: ComparisonData | undefined): CheckResult {
  if (figure.year == null) return insufficient(figure, 'the text gives no year for this comparison', null)
  const others = figure.comparedWith ?? []
  if (data === undefined || figure.subject == null || others.length === 0) {
    return insufficient(figure, 'the text does not say which flow the comparison is about (the compared country is neither the reporter nor the partner)', null)
  }
  const combined = figure.combined === true
  const year = figure.year
  const now = ratioIn(data, year, combined)
  if ('missing' in now) {
    const names = now.missing.map((c) => (c === 'subject' ? figure.subject ?? '?' : c))
    return insufficient(figure, `no ${names.map((c) => flowLabel(figure, data.side, c)).join(' or ')}${figure.hsCode ? ` HS ${figure.hsCode}` : ''} data for ${year} in the warehouse`, null)
  }
  const amount = (o: Observation): string => (data.unit === 't' ? `${fmt(Number(o.value))} t` : `${fmt(Number(o.value))} USD`)
  const otherQuery = now.parts.every((p) => p.obs.query !== undefined)
    ? now.parts.length === 1 ? now.parts[0]?.obs.query ?? null
      : `select ${combined ? 'sum' : 'max'}(value) as value from (${now.parts.map((p) => `(${p.obs.query})`).join(' union all ')}) x`
    : null
  const query = now.s.query !== undefined && otherQuery !== null ? `select s.value / o.value as value from (${now.s.query}) s, (${otherQuery}) o` : undefined
  let previous: { year: number; ratio: string } | null = null
  let prevNote = ''
  let overtaken = false
  if (figure.comparison === 'overtook') {
    const before = ratioIn(data, year - 1, combined)
    if ('missing' in before) prevNote = `; ${year - 1} not in the warehouse for both sides, so only ${year} is checked`
    else {
      previous = { year: year - 1, ratio: round(before.ratio, 3) }
      overtaken = before.ratio > 1
      prevNote = `; ${year - 1}: ratio ${fmt(before.ratio, 2)}${overtaken ? ` (${figure.subject} was ahead already: nothing to overtake)` : ` (${figure.subject} was not ahead yet)`}`
    }
  }
  const otherLabel = now.parts.length === 1 ? now.parts[0]?.country ?? '' : combined ? `${now.parts.map((p) => p.country).join(' + ')}` : `the largest of ${now.parts.map((p) => p.country).join(', ')}`
  const evidence = `${year} by ${data.unit === 't' ? 'mass' : 'value'}: ${flowLabel(figure, data.side, figure.subject)} ${amount(now.s)}; ${now.parts.map((p) => `${flowLabel(figure, data.side, p.country)} ${amount(p.obs)}`).join('; ')}; ratio ${fmt(now.ratio, 2)} (${figure.subject} / ${otherLabel})${prevNote}`
  const used = [now.s, ...now.parts.map((p) => p.obs)]
  const sources = [...new Set(used.map((o) => o.source ?? 'unknown'))]
  const part = (country: string, o: Observation) => ({ country, value: o.value, basis: o.basis, query: o.query ?? null })
  const sides: ComparisonSides = {
    year, unit: data.unit, subject: part(figure.subject, now.s),
    other: { countries: others, value: String(now.other), combined, parts: now.parts.map((p) => part(p.country, p.obs)), query: otherQuery },
    ...(figure.comparison === 'overtook' ? { previous } : {}),
  }
  const result = compare(figure, now.ratio, used.map((o) => o.basis).join('; '), `${evidence}${sources.length > 1 ? `; ACROSS TWO SOURCES: ${sources.join(', ')}` : ''}`, {
    inputs: {
      source: sources.join(' + '), reporter: figure.reporter ?? null, partner: figure.partner ?? null, product: figure.hsCode ?? null, flow: figure.flow ?? null,
      years: figure.comparison === 'overtook' && previous !== null ? [year - 1, year] : [year], measure: data.unit === 't' ? 'net_mass_t' : 'value_usd',
      compared: { side: data.side, countries: others, combined }, ...(sources.length > 1 ? { acrossSources: sources } : {}),
    },
    query, sides,
  })
  return overtaken ? { ...result, status: 'differs' } : result
}
