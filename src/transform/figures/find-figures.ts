/**
 * Finds the figures in the clean view of a text, without linking them to years or countries.
 * One left-to-right pass over number tokens; at each, sticky patterns read what is written
 * before (currency, qualifier) and after (scale, unit, count noun). Every pattern is anchored and
 * bounded, so the pass is linear in the text.
 */
import { parseDecimal } from '../decimal.ts'
import { COUNT_UNIT, convertToCanonical, findCurrencyPrefix, findScale, findUnit, type ScaleEntry, type UnitEntry } from '../units/index.ts'
import type { FigureKind } from './figure.ts'
import { findDates } from './find-dates.ts'
import { lastWords } from './last-words.ts'
import { NUMBER_WORDS, parseNumberWords } from './number-words.ts'
import { CURRENCY_PREFIX_RE, PERCENT_HYPHEN_RE, SCALE_SYMBOL_RE, SCALE_WORD_RE, UNIT_SYMBOL_RE, UNIT_WORD_RE } from './unit-patterns.ts'

/** A figure before linking; offsets are into the clean view. */
export interface FoundFigure {
  readonly kind: FigureKind
  readonly valueExact: string
  readonly unit: string
  readonly start: number
  readonly end: number
  /** Where the number itself starts (after a currency prefix): the linker looks around it. */
  readonly numberStart: number
  readonly qualifier?: string
  readonly date?: string
  /** For dates: the sub-year period they name, if any. */
  readonly period?: string
  /** "percentage points": a percent that is a change by construction. */
  readonly points?: boolean
  /** The first number of a range ("18" in "18-19%") reads its context after the range. */
  readonly afterEnd?: number
}

const TOKEN_RE = new RegExp(
  `(?<![\\p{L}\\p{N}_.,])([+-]?)(\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?)|(?<![\\p{L}\\p{N}_-])(${NUMBER_WORDS})(?![\\p{L}\\p{N}])`,
  'giu',
)
/** The same token pattern, anchored: reads the second number of a range. */
const TOKEN_AT_RE = new RegExp(TOKEN_RE.source, 'iuy')

/** Words before a figure that say how exact it is; matched on whole words, longest first. */
const QUALIFIERS: ReadonlySet<string> = new Set([
  'slightly more than', 'slightly less than', 'more than', 'less than', 'fewer than', 'up to', 'at least', 'at most', 'close to',
  'just over', 'just under', 'just above', 'just below', 'well over', 'well above', 'well below', 'nearly', 'almost', 'about', 'around',
  'approximately', 'roughly', 'some', 'over', 'under', 'above', 'below', 'upwards of', 'in excess of', 'an estimated', 'estimated',
  'circa', 'as much as', 'as many as', 'as high as', 'as little as', 'as few as', 'more or less', 'an approximate',
])

/** Things counted in trade and defence news; the unit of a count is the thing. */
const COUNT_NOUNS = [
  'ships', 'vessels', 'boats', 'tankers', 'warships', 'frigates', 'corvettes', 'submarines', 'cargoes', 'cargos', 'shipments', 'containers',
  'wagons', 'railcars', 'trucks', 'lorries', 'cars', 'vehicles', 'buses', 'tractors', 'drones', 'aircraft', 'planes', 'airplanes', 'jets',
  'fighters', 'helicopters', 'satellites', 'missiles', 'rockets', 'rifles', 'guns', 'howitzers', 'tanks', 'launchers', 'systems',
  'wells', 'rigs', 'platforms', 'refineries', 'pipelines', 'terminals', 'ports', 'plants', 'factories', 'mines', 'farms', 'greenhouses',
  'hospitals', 'schools', 'companies', 'firms', 'enterprises', 'businesses', 'banks', 'startups', 'countries', 'nations', 'cities',
  'villages', 'projects', 'agreements', 'contracts', 'deals', 'memorandums', 'memoranda', 'documents', 'visits', 'flights', 'routes',
  'people', 'persons', 'workers', 'employees', 'jobs', 'tourists', 'visitors', 'students', 'residents', 'refugees', 'migrants',
  'soldiers', 'troops', 'specialists', 'experts', 'delegations', 'households', 'families', 'cattle', 'sheep', 'heads', 'units',
  'stations', 'turbines', 'panels', 'locomotives', 'products', 'brands', 'members', 'branches', 'offices', 'stores', 'shops',
]
const SINGULAR_NOUNS = COUNT_NOUNS.flatMap((n) => {
  if (n === 'people' || n === 'cattle' || n === 'sheep' || n === 'aircraft' || n === 'memoranda') return n === 'people' ? ['person'] : []
  if (n.endsWith('ies')) return [`${n.slice(0, -3)}y`]
  if (/(?:ches|shes|sses|xes)$/.test(n) || n === 'buses') return [n.slice(0, -2)]
  return [n.slice(0, -1)]
})
const COUNT_STOPWORDS =
  'of|the|a|an|and|or|to|in|on|at|for|with|by|from|that|which|who|were|was|are|is|be|been|have|has|had|per|than|as|more|less|its|their|his|her|this|these|those|other|between|over|under|into|about|after|before|since|until|while|not|no|also|only|each|every|all|both|times|years?|months?|days?|weeks?|hours?|decades?|percent|thousand|million|billion|trillion|tons?|tonnes?|barrels?'
const MODIFIER = `(?!(?:${COUNT_STOPWORDS})(?![\\p{L}\\p{N}'-]))(?!\\d+(?![\\p{L}\\p{N}'-]))[\\p{L}\\p{N}]+(?:['-][\\p{L}\\p{N}]+)*`
const COUNT_RE = new RegExp(`(?:\\s+${MODIFIER}){0,3}?\\s+(${[...COUNT_NOUNS, ...SINGULAR_NOUNS].sort((a, b) => b.length - a.length).join('|')})(?![\\p{L}\\p{N}-])`, 'iuy')
const SINGULAR = new Set(SINGULAR_NOUNS)
const INVARIANT_NOUNS = new Set(['aircraft', 'cattle', 'sheep'])

const SOURCING_AFTER_RE = /^\s+(?:familiar\s+with|close\s+to|with\s+(?:direct\s+)?knowledge|briefed\s+on|who\s+(?:spoke|asked|declined))/iu
/** Words before a number that make it a reference to things already counted, not a figure. */
const DETERMINER_RE = /(?:^|[^\p{L}])(?:the|these|those|its|their|our|his|her|both|all|each|every|first|last|next|same|other)\s+$/iu
/**
 * A capitalised word right before a number makes the number part of a name ("Boeing 737 jets",
 * "Route 66"), unless the word is one that starts sentences or phrases ("Some 40 ships").
 */
const MODEL_NAME_BEFORE_RE = /(?:^|[^\p{L}\p{N}])(?!(?:Some|About|Nearly|Over|Around|Almost|Only|Just|Another|Roughly|Approximately|Exactly|More|Fewer|Less|Up|Of|In|At|By|For|With|All|And|But|While|When|After|Before|During|On|To|From|Since|Last|This|That|Total|Overall|Meanwhile|Today|Yesterday|Then|Now|Also|Here|There|We|They|It|He|She|I|Our|Their|Its|His|Her|January|February|March|April|May|June|July|August|September|October|November|December)\s)\p{Lu}[\p{L}\p{N}-]*\s+$/u
/** Prefixes that may join a year with a hyphen: "mid-2023", "pre-2020". */
const YEAR_PREFIX_RE = /(?:^|[^\p{L}])(?:mid|early|late|pre|post|end|year-end|fiscal)-$/iu
/** Unit prices and ratios ("$80 per barrel", "$450/t", "3 t per hectare") have no kind: skipped. */
const PER_UNIT_RE = /^\s*(?:(?:per|a|an)\s+|\/\s*)(?:barrel|bbl|tonne|ton|metric ton|t|kg|kilogram|kilo|unit|head|share|ounce|oz|mmbtu|MMBtu|btu|litre|liter|gallon|kwh|kWh|mwh|MWh|cubic metre|cubic meter|thousand cubic metres|thousand cubic meters|1,000 cubic metres|1,000 cubic meters|tcm|hectare|ha|acre|capita|person|inhabitant)s?(?![\p{L}\p{N}])/iu
/** Mass or volume per day has no kind (bbl/d is its own unit): skipped rather than mislabelled. */
const PER_DAY_RE = /^\s*(?:of\s+(?:[\p{L}-]+\s+){0,3}?)?(?:(?:per|a)\s+day|\/\s*day|daily)(?![\p{L}\p{N}])/iu
const OIL_EQUIVALENT_RE = /^\s*of\s+oil\s+equivalent\b/iu
const RANGE_RE = /\s*(?:-|–|—|to|and)\s*/y

interface Suffix {
  readonly end: number
  readonly scale?: ScaleEntry
  readonly unit?: UnitEntry
  /** The counted noun, when there is no unit. */
  readonly noun?: string
}

interface NumberToken {
  readonly start: number
  readonly end: number
  /** Written with thousands separators ("2,000"): never a year. */
  readonly grouped: boolean
  readonly value: string
  readonly word: boolean
  readonly sign: string
}

/** Every figure in `text` (a clean view), in text order, with dates but without links. */
export function findFigures(text: string): FoundFigure[] {
  const figures: FoundFigure[] = []
  const dates = findDates(text)
  for (const d of dates) {
    figures.push({
      kind: 'date',
      valueExact: String(d.year),
      unit: 'date',
      start: d.start,
      end: d.end,
      numberStart: d.start,
      date: d.date,
      ...(d.period === undefined ? {} : { period: d.period }),
    })
  }
  let dateIndex = 0
  let skipUntil = -1
  TOKEN_RE.lastIndex = 0
  for (let m = TOKEN_RE.exec(text); m !== null; m = TOKEN_RE.exec(text)) {
    const token = readToken(m)
    if (token === null || token.start < skipUntil) continue
    while (dateIndex < dates.length && (dates[dateIndex]?.end ?? 0) <= token.start) dateIndex++
    const date = dates[dateIndex]
    if (date !== undefined && date.start < token.end && token.start < date.end) continue
    const found = readFigure(text, token)
    for (const f of found.figures) figures.push(f)
    if (found.consumedTo > token.end) {
      skipUntil = found.consumedTo
      TOKEN_RE.lastIndex = Math.max(TOKEN_RE.lastIndex, found.consumedTo)
    }
  }
  return figures.sort((a, b) => a.start - b.start)
}

function readToken(m: RegExpExecArray): NumberToken | null {
  if (m[2] !== undefined) {
    const sign = m[1] ?? ''
    const value = parseDecimal(m[2].replace(/,/g, ''))
    if (value === null) return null
    return { start: m.index + sign.length, end: m.index + m[0].length, value, word: false, sign, grouped: m[2].includes(',') }
  }
  const words = m[3] ?? ''
  const n = parseNumberWords(words)
  if (n === null) return null
  return { start: m.index, end: m.index + m[0].length, value: String(n), word: true, sign: '', grouped: false }
}

interface ReadResult {
  readonly figures: readonly FoundFigure[]
  /** Where the last consumed number ends (a range consumes its second number too). */
  readonly consumedTo: number
}

const NONE: ReadResult = { figures: [], consumedTo: 0 }

function readFigure(text: string, token: NumberToken): ReadResult {
  const before = text.slice(Math.max(0, token.start - 16), token.start)
  const after = text.slice(token.end, token.end + 2)
  // Part of a code or model name: COVID-19, TAR-2, F-16, a phone number 555-0134.
  if (/[\p{L}\p{N}][-/]$/u.test(before) && !YEAR_PREFIX_RE.test(before)) return NONE
  // A group of a longer run of digits: +994 12 345 67 89.
  if (/\d[ \t]$/.test(before)) return NONE
  // Section and list numbers: 3.2.1, 1,2,3.
  if (/^[.,]\d/.test(after)) return NONE

  const currency = readCurrencyPrefix(text, token)
  const suffix = readSuffix(text, token.end, token.word)
  const range = suffix.unit === undefined && suffix.noun === undefined ? readRange(text, token, suffix, currency) : null
  if (range !== null) return range

  const figure = buildFigure(text, token, suffix, currency)
  if (figure === null) return NONE
  return { figures: [figure], consumedTo: figure.end }
}

interface CurrencyPrefix {
  readonly unit: UnitEntry
  readonly start: number
}

function readCurrencyPrefix(text: string, token: NumberToken): CurrencyPrefix | null {
  if (token.word) return null
  const from = Math.max(0, token.start - token.sign.length - 10)
  const before = text.slice(from, token.start - token.sign.length)
  const m = CURRENCY_PREFIX_RE.exec(before)
  if (m === null) return null
  const unit = findCurrencyPrefix(m[1] ?? '')
  if (unit === undefined) return null
  return { unit, start: from + m.index + (m[0].length - m[0].trimStart().length) }
}

function readSuffix(text: string, pos: number, word: boolean): Suffix {
  let at = pos
  let scale: ScaleEntry | undefined
  // "2.289 million", "$410m", "US$ 5 bn"; word numbers take only scale words ("two million").
  const scaleMatch = stickyAt(SCALE_WORD_RE, text, at) ?? (word ? null : stickyAt(SCALE_SYMBOL_RE, text, at))
  if (scaleMatch !== null) {
    scale = findScale(scaleMatch[1] ?? '')
    if (scale !== undefined) at += scaleMatch[0].length
  }
  const hyphen = stickyAt(PERCENT_HYPHEN_RE, text, at)
  const words = hyphen === null ? stickyAt(UNIT_WORD_RE, text, at) : null
  const symbols = hyphen === null ? stickyAt(UNIT_SYMBOL_RE, text, at) : null
  const best = hyphen ?? longest(words, symbols)
  if (best !== null) {
    const unit = findUnit(best[1] ?? '')
    if (unit !== undefined) return { end: at + best[0].length, ...(scale === undefined ? {} : { scale }), unit }
  }
  const count = stickyAt(COUNT_RE, text, at)
  if (count !== null) return { end: at + count[0].length, ...(scale === undefined ? {} : { scale }), noun: (count[1] ?? '').toLowerCase() }
  return { end: at, ...(scale === undefined ? {} : { scale }) }
}

function buildFigure(text: string, token: NumberToken, suffix: Suffix, currency: CurrencyPrefix | null): FoundFigure | null {
  const rest = text.slice(suffix.end, suffix.end + 40)
  const value = token.sign === '-' ? negate(token.value) : token.value
  const start = currency?.start ?? token.start - token.sign.length
  const qualifier = readQualifier(text, start)

  if (currency !== null) {
    // "$5 billion dollars": a currency word after a currency sign is part of the same figure.
    if (suffix.unit !== undefined && suffix.unit.dimension !== 'money') return null
    const end = suffix.unit === undefined ? suffixEndWithoutUnit(text, token, suffix) : suffix.end
    if (PER_UNIT_RE.test(text.slice(end, end + 40))) return null
    return figure('money', convertToCanonical(value, currency.unit, suffix.scale), currency.unit.canonical, start, end, token, qualifier)
  }

  if (suffix.unit !== undefined) {
    const unit = suffix.unit
    // "$80 per barrel", "7.33 barrels per tonne", "3.5 tonnes per hectare": ratios, not amounts.
    if (PER_UNIT_RE.test(rest)) return null
    if ((unit.dimension === 'mass' || unit.dimension === 'volume') && (PER_DAY_RE.test(rest) || OIL_EQUIVALENT_RE.test(rest))) return null
    const points = unit.id === 'percent' && /point/i.test(text.slice(token.end, suffix.end))
    const f = figure(unit.dimension, convertToCanonical(value, unit, suffix.scale), unit.canonical, start, suffix.end, token, qualifier)
    return points ? { ...f, points: true } : f
  }

  if (suffix.noun !== undefined) {
    if (token.sign !== '' || DETERMINER_RE.test(text.slice(Math.max(0, start - 12), start))) return null
    // "Boeing 737 jets", "Route 66": a number right after a name is part of the name.
    if (qualifier === undefined && MODEL_NAME_BEFORE_RE.test(text.slice(Math.max(0, start - 24), start))) return null
    if (isYearLike(token) && suffix.scale === undefined) return yearFigure(text, token)
    const scaled = suffix.scale === undefined ? value : convertToCanonical(value, COUNT_UNIT, suffix.scale)
    if (!INVARIANT_NOUNS.has(suffix.noun) && SINGULAR.has(suffix.noun) !== (scaled === '1')) return null
    if (!/^\d+$/.test(scaled)) return null
    // "two people familiar with the matter": a sourcing idiom, not a count.
    if (SOURCING_AFTER_RE.test(text.slice(suffix.end, suffix.end + 24))) return null
    return figure('count', scaled, COUNT_UNIT.canonical, start, suffix.end, token, qualifier)
  }

  if (isYearLike(token) && suffix.scale === undefined) return yearFigure(text, token)
  return null
}

/** A scale symbol read after a currency figure belongs to it ("$410m"); trailing spaces do not. */
function suffixEndWithoutUnit(text: string, token: NumberToken, suffix: Suffix): number {
  if (suffix.scale === undefined) return token.end
  let end = suffix.end
  while (end > token.end && /\s/.test(text[end - 1] ?? '')) end--
  return end
}

function figure(kind: FigureKind, valueExact: string, unit: string, start: number, end: number, token: NumberToken, qualifier: string | undefined): FoundFigure {
  return { kind, valueExact, unit, start, end, numberStart: token.start, ...(qualifier === undefined ? {} : { qualifier }) }
}

/**
 * A year on its own ("In 1998,", "by 2030") is a figure of kind 'year', unless it sits in a
 * run of digits (a phone number) or after a sign. Years inside dates are dates, not years.
 */
function yearFigure(text: string, token: NumberToken): FoundFigure | null {
  if (token.sign !== '') return null
  const before = text.slice(Math.max(0, token.start - 3), token.start)
  const after = text.slice(token.end, token.end + 3)
  if (/\d[ .]?$|[#№§$€£+]$/.test(before) || /^[ .]?\d|^s\b/.test(after) || /^-\p{L}/u.test(after)) return null
  return { kind: 'year', valueExact: token.value, unit: 'year', start: token.start, end: token.end, numberStart: token.start }
}

function isYearLike(token: NumberToken): boolean {
  if (token.word || token.grouped || !/^\d{4}$/.test(token.value)) return false
  const n = Number(token.value)
  return n >= 1900 && n <= 2100
}

/**
 * "18-19%", "$2-3 billion", "between 5 and 7 ships", "from 2 million to 3 million tons": the
 * first number takes the unit (and scale, if it has none of its own) of the second.
 */
function readRange(text: string, token: NumberToken, suffix: Suffix, currency: CurrencyPrefix | null): ReadResult | null {
  const connector = stickyAt(RANGE_RE, text, suffix.end)
  if (connector === null) return null
  const word = connector[0].trim().toLowerCase()
  if (word === 'and' && !/between\s+(?:\S+\s+)?$/i.test(text.slice(Math.max(0, token.start - 20), token.start))) return null
  const m = stickyAt(TOKEN_AT_RE, text, suffix.end + connector[0].length)
  if (m === null) return null
  const second = readToken(m)
  if (second === null || second.sign !== '' || second.word !== token.word) return null
  if (isYearLike(token) && !isYearLike(second)) return null
  const secondSuffix = readSuffix(text, second.end, second.word)
  if (secondSuffix.unit === undefined && secondSuffix.noun === undefined && currency === null) return null
  if (secondSuffix.unit === undefined && secondSuffix.noun === undefined && secondSuffix.scale === undefined) return null
  const firstSuffix: Suffix = {
    end: suffix.end,
    ...(suffix.scale ?? secondSuffix.scale ? { scale: suffix.scale ?? secondSuffix.scale } : {}),
    ...(secondSuffix.unit === undefined ? {} : { unit: secondSuffix.unit }),
    ...(secondSuffix.noun === undefined ? {} : { noun: secondSuffix.noun }),
  }
  const first = buildFigure(text, token, firstSuffix, currency)
  const secondCurrency = currency === null ? null : { unit: currency.unit, start: second.start }
  const last = buildFigure(text, second, secondSuffix, secondCurrency)
  if (first === null || last === null) return null
  return { figures: [{ ...first, end: suffixEndWithoutUnit(text, token, suffix), afterEnd: last.end }, last], consumedTo: last.end }
}

function readQualifier(text: string, start: number): string | undefined {
  const tail = text.slice(Math.max(0, start - 9), start)
  if (/(?:^|[^\p{L}])approx\.\s*$/u.test(tail)) return 'approx.'
  if (/~\s*$/.test(tail)) return '~'
  const words = lastWords(text, start, 3, 32)
  for (let n = Math.min(3, words.length); n >= 1; n--) {
    const phrase = words.slice(words.length - n).join(' ')
    if (QUALIFIERS.has(phrase)) return phrase
  }
  return undefined
}

function stickyAt(re: RegExp, text: string, at: number): RegExpExecArray | null {
  re.lastIndex = at
  return re.exec(text)
}

function longest(a: RegExpExecArray | null, b: RegExpExecArray | null): RegExpExecArray | null {
  if (a === null) return b
  if (b === null) return a
  return b[0].length > a[0].length ? b : a
}

function negate(value: string): string {
  return value === '0' ? value : value.startsWith('-') ? value.slice(1) : `-${value}`
}
