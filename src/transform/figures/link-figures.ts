/**
 * Reads, for each figure, what its sentence says it is about: the year (and sub-year period),
 * the countries and the direction of trade, the commodity, and whether it is a level, a change
 * against an earlier period, or a share of something. Rules, not a model: each one is small,
 * named, and tested against the labelled corpus in fixtures/figures-corpus/.
 */
import { findCommodityMentions, type CommodityMention } from './commodity-lexicon.ts'
import { findCountryMentions, type CountryMention } from './country-lexicon.ts'
import type { Figure, FigureKind, FigureMeasure } from './figure.ts'
import type { FoundFigure } from './find-figures.ts'
import { lastWords } from './last-words.ts'
import { splitSentences, type Sentence } from './split-sentences.ts'

/** What linking adds to a found figure: the Figure's link fields (period is named apart). */
export interface LinkedFigure
  extends FoundFigure,
    Pick<Figure, 'year' | 'reporter' | 'partner' | 'flow' | 'commodity' | 'hsCode' | 'measure' | 'changeFrom' | 'changeDirection' | 'shareOf' | 'shareOfCountry'> {
  readonly linkedPeriod?: string
}

/** Kinds that are quantities of trade: they get countries, flow and commodity. */
const TRADE_KINDS: ReadonlySet<FigureKind> = new Set(['mass', 'money', 'volume', 'volume_rate', 'percent'])

const INCREASE = 'increase[ds]?|increasing|rise|rises|rising|rose|risen|grow|grows|grew|grown|growing|growth|gain(?:s|ed)?|jump(?:s|ed)?|surge(?:s|d)?|soar(?:s|ed)?|climb(?:s|ed)?|up|higher|expand(?:s|ed)?|expansion|boost(?:s|ed)?|advance[ds]?|increment'
const DECREASE = 'decrease[ds]?|decreasing|decline[ds]?|declining|drop(?:s|ped)?|fall|falls|fell|fallen|falling|down|lower|plunge[ds]?|slump(?:s|ed)?|shr[iau]nk(?:s)?|contract(?:s|ed|ion)|reduc(?:e|ed|es|tion)|cut|dip(?:s|ped)?|slid|slide|tumble[ds]?|sank|sink(?:s)?'
/** Words that may stand between a change word and the figure: "rose by an impressive 5%". */
const SOFT = new Set([
  'a', 'an', 'further', 'another', 'additional', 'impressive', 'significant', 'sharp', 'massive', 'modest', 'slight', 'substantial',
  'whopping', 'record', 'staggering', 'estimated', 'healthy', 'robust', 'strong', 'marked', 'dramatic', 'steep', 'solid', 'only', 'just',
])
const CHANGE_WORD_RE = new RegExp(`^(?:${INCREASE}|${DECREASE})$`, 'i')
const SHARE_VERBS = new Set(['covers', 'cover', 'covered', 'covering', 'supplies', 'supplied', 'supply', 'provides', 'provide', 'provided', 'meets', 'met', 'represents', 'represented', 'comprises', 'comprised'])
const STATE_VERBS = new Set(['was', 'is', 'were', 'are', 'at', 'reached', 'hit', 'to', 'of', 'stood', 'amounted', 'totalled', 'totaled'])
/** "33.8% increase", "5% higher", "12-percent rise", "5% year-on-year". */
const CHANGE_AFTER_RE = new RegExp(`^\\s*(?:(?:year-on-year|year-over-year|y/y|yoy|annual|on-year)\\s+)?(${INCREASE}|${DECREASE})(?![\\p{L}])`, 'iu')
/** "28% more than in 2022", "5% lower than a year earlier": a change against what follows. */
const COMPARATIVE_AFTER_RE = /^\s*(more|higher|greater|above|less|lower|below|fewer)\s+than(?![\p{L}])/iu
const YOY_AFTER_RE = /^\s*(?:year-on-year|year-over-year|y\/y|yoy|on the year|on an annual basis|annually)(?![\p{L}])/iu
const INCREASE_WORD_RE = new RegExp(`^(?:${INCREASE})$`, 'i')
const SUPPLY_VERBS = new Set(['supply', 'supplies', 'supplied', 'sold', 'sell', 'sells', 'shipped', 'deliver', 'delivers', 'delivered', 'provides', 'provided', 'provide'])

/** "40% of Israel's oil needs": what a percent is a share of, up to the end of the phrase. */
const SHARE_OF_RE = /^\s+of\s+((?:the\s+)?[^,.;:()—–"“”]+?)(?=\s*(?:[,.;:()—–"“”]|$)|\s+(?:with|through|via|in|during|for|from|since|while|which|that|and|according|as|by|compared|against|last|this|next|was|were|is|are|has|have|had)(?![\p{L}]))/u
const SHARE_OF_EXPORTS_RE = /(?<![\p{L}])(?:exports?|sales|shipments|supplies|deliveries|production|output)(?![\p{L}])/iu
const SHARE_OF_IMPORTS_RE = /(?<![\p{L}])(?:imports?|needs|demand|consumption|purchases|market|requirements)(?![\p{L}])/iu
const SHARE_WORD_AFTER_RE = /^\s+(?:share|stake|market\s+share)(?![\p{L}])/iu

const PREVIOUS_YEAR_RE = /previous\s+year|prior\s+year|preceding\s+year|year\s+earlier|a\s+year\s+ago|year-on-year|year-over-year|\by\/y\b|\byoy\b|last\s+year|on\s+the\s+year|on\s+an\s+annual\s+basis|annual(?:ly)?\b/iu

const EXPORT_WORDS = 'export(?:s|ed|ing|er|ers)?|shipped|shipments?|shipping|suppl(?:y|ies|ied|ier|iers|ying)|sold|sells?|sales|deliver(?:s|ed|ies|y|ing)|sent|sends'
const IMPORT_WORDS = 'import(?:s|ed|ing|er|ers)?|bought|buys?|buying|purchas(?:e|es|ed|ing)|procured?|received|receives'
const FLOW_WORD_RE = new RegExp(`(?<![\\p{L}])(?:(${EXPORT_WORDS})|(${IMPORT_WORDS}))(?![\\p{L}])`, 'giu')
const EXPORTER_AFTER_RE = new RegExp(`^(?:'s?)?\\s+(?:[\\p{L}-]+\\s+){0,3}?(?:${EXPORT_WORDS})(?![\\p{L}])`, 'iu')
const IMPORTER_AFTER_RE = new RegExp(`^(?:'s?)?\\s+(?:[\\p{L}-]+\\s+){0,3}?(?:${IMPORT_WORDS})(?![\\p{L}])`, 'iu')

interface YearMention {
  readonly pos: number
  readonly end: number
  readonly year: number
  readonly period?: string
  /** "compared with 2021": a base year, not what the figure is about. */
  readonly base: 'strict' | 'loose' | 'since' | 'none'
}

interface Roles {
  readonly origin?: string
  readonly destination?: string
  readonly unassigned: readonly string[]
}

interface FlowWord {
  readonly start: number
  readonly flow: 'X' | 'M'
}

interface SentenceFacts {
  readonly sentence: Sentence
  readonly years: readonly YearMention[]
  readonly countries: readonly CountryMention[]
  readonly roles: Roles
  readonly commodities: readonly CommodityMention[]
  readonly flows: readonly FlowWord[]
}

/** Fills the link fields of every figure from its sentence; figures stay in order. */
export function linkFigures(text: string, figures: readonly FoundFigure[]): LinkedFigure[] {
  const sentences = splitSentences(text)
  const bySentence = assignSentences(sentences, figures)
  const members = new Map<number, FoundFigure[]>()
  figures.forEach((f, j) => {
    const i = bySentence[j] ?? -1
    const list = members.get(i)
    if (list === undefined) members.set(i, [f])
    else list.push(f)
  })
  // Lexicon and keyword scans run once over the whole text (a big alternation is cheap per
  // character but costly to start, so once per sentence would be ten times slower).
  const countries = bucket(sentences, findCountryMentions(text))
  const commodities = bucket(sentences, findCommodityMentions(text))
  const flows = bucket(
    sentences,
    [...text.matchAll(FLOW_WORD_RE)].map((m): FlowWord => ({ start: m.index, flow: m[1] !== undefined ? 'X' : 'M' })),
  )
  const facts = new Map<number, SentenceFacts>()
  const factsOf = (i: number): SentenceFacts | undefined => {
    const sentence = sentences[i]
    if (sentence === undefined) return undefined
    let read = facts.get(i)
    if (read === undefined) {
      read = readFacts(text, sentence, members.get(i) ?? [], countries.get(i) ?? [], commodities.get(i) ?? [], flows.get(i) ?? [])
      facts.set(i, read)
    }
    return read
  }
  return figures.map((f, j) => {
    const i = bySentence[j] ?? -1
    const here = factsOf(i)
    if (here === undefined || f.kind === 'date' || f.kind === 'year') return f
    const previous = i > 0 && sentences[i - 1]?.paragraph === here.sentence.paragraph ? factsOf(i - 1) : undefined
    return linkOne(text, f, here, previous)
  })
}

function sentenceAt(sentences: readonly Sentence[], pos: number): number {
  let lo = 0
  let hi = sentences.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    const s = sentences[mid]
    if (s === undefined) break
    if (pos < s.start) hi = mid - 1
    else if (pos >= s.end) lo = mid + 1
    else return mid
  }
  return -1
}

function assignSentences(sentences: readonly Sentence[], figures: readonly FoundFigure[]): number[] {
  return figures.map((f) => sentenceAt(sentences, f.start))
}

function bucket<T extends { readonly start: number }>(sentences: readonly Sentence[], items: readonly T[]): Map<number, T[]> {
  const out = new Map<number, T[]>()
  for (const item of items) {
    const i = sentenceAt(sentences, item.start)
    const list = out.get(i)
    if (list === undefined) out.set(i, [item])
    else list.push(item)
  }
  return out
}

function readFacts(
  text: string,
  sentence: Sentence,
  figures: readonly FoundFigure[],
  countries: readonly CountryMention[],
  commodities: readonly CommodityMention[],
  flows: readonly FlowWord[],
): SentenceFacts {
  const years: YearMention[] = []
  for (const f of figures) {
    if (f.kind !== 'year' && f.kind !== 'date') continue
    if (f.kind === 'date' && /^\d{4}\/\d{4}$/.test(f.date ?? '')) continue
    const base = baseYearKind(text, f.start)
    years.push({ pos: f.start, end: f.end, year: Number(f.valueExact), ...(f.period === undefined ? {} : { period: f.period }), base })
  }
  return { sentence, years, countries, roles: readRoles(text, sentence, countries, commodities), commodities, flows }
}

function readRoles(text: string, sentence: Sentence, countries: readonly CountryMention[], commodities: readonly CommodityMention[]): Roles {
  let origin: string | undefined
  let destination: string | undefined
  const unassigned: string[] = []
  for (const c of countries) {
    const words = lastWords(text, c.start, 2, 24)
    const last = words[words.length - 1] === 'the' ? words[words.length - 2] : words[words.length - 1]
    const after = text.slice(c.end, Math.min(sentence.end, c.end + 60))
    const between = last === 'between'
    let role: 'origin' | 'destination' | undefined
    if (between) role = undefined
    else if (last === 'from') role = 'origin'
    else if (c.form === 'name' && (last === 'to' || last === 'into' || last === 'towards' || last === 'toward')) role = 'destination'
    else if (c.form === 'name' && last !== undefined && SUPPLY_VERBS.has(last)) role = 'destination'
    else if (EXPORTER_AFTER_RE.test(after)) role = 'origin'
    else if (IMPORTER_AFTER_RE.test(after)) role = 'destination'
    else if (c.form === 'demonym' && commodities.some((m) => m.start >= c.end && /^\s+(?:[\p{L}-]+\s+)?$/u.test(text.slice(c.end, m.start)))) role = 'origin'
    if (role === 'origin') origin ??= c.iso3
    else if (role === 'destination') destination ??= c.iso3
    else if (c.form === 'name' && !between) unassigned.push(c.iso3)
  }
  return {
    ...(origin === undefined ? {} : { origin }),
    ...(destination === undefined ? {} : { destination }),
    unassigned: unassigned.filter((iso3) => iso3 !== origin && iso3 !== destination),
  }
}

function linkOne(text: string, f: FoundFigure, here: SentenceFacts, previous: SentenceFacts | undefined): LinkedFigure {
  const out: { -readonly [K in keyof LinkedFigure]: LinkedFigure[K] } = { ...f }
  const after = text.slice(f.afterEnd ?? f.end, Math.min(here.sentence.end, (f.afterEnd ?? f.end) + 120))

  // Measure first: a change figure reads "from 2021" as its base, not as its year.
  const measure = readMeasure(f, wordsBefore(text, f), after)
  out.measure = measure.measure
  if (measure.direction !== undefined) out.changeDirection = measure.direction
  if (measure.shareOf !== undefined) {
    out.shareOf = measure.shareOf
    const country = here.countries.find((c) => c.start >= f.end && c.start < f.end + 120 && after.includes(text.slice(c.start, c.end)))
    if (country !== undefined && measure.shareOf.includes(text.slice(country.start, country.end))) out.shareOfCountry = country.iso3
  }

  const year = pickYear(f, here, previous, measure.measure === 'change')
  if (year !== undefined) {
    out.year = year.year
    if (year.period !== undefined) out.linkedPeriod = year.period
  }
  if (measure.measure === 'change') {
    const base = here.years.find((y) => y.pos > f.start && (y.base === 'strict' || y.base === 'loose') && y.year !== year?.year) ?? here.years.find((y) => y.base === 'strict' && y.year !== year?.year)
    if (base !== undefined) out.changeFrom = base.year
    else if (year !== undefined && PREVIOUS_YEAR_RE.test(text.slice(here.sentence.start, here.sentence.end))) out.changeFrom = year.year - 1
  }

  if (!TRADE_KINDS.has(f.kind)) return out
  // A share names its commodity before the figure ("Coal accounts for 40% of electricity
  // generation"); what follows "of" is the whole it is a share of.
  const preceding = measure.measure === 'share' ? here.commodities.filter((c) => c.start < f.start) : []
  const commodity = nearest(preceding.length > 0 ? preceding : here.commodities, f.numberStart)
  if (commodity !== undefined) {
    out.commodity = commodity.commodity.name
    if (commodity.commodity.hsCode !== '') out.hsCode = commodity.commodity.hsCode
  }
  const flowWord = nearest(here.flows, f.numberStart)
  let origin = here.roles.origin
  let destination = here.roles.destination
  // "40% of Israel's oil needs / imports": the country of the whole is the importer;
  // "41% of Azerbaijan's exports": it is the exporter.
  if (out.shareOfCountry !== undefined && measure.shareOf !== undefined) {
    if (SHARE_OF_EXPORTS_RE.test(measure.shareOf)) origin ??= out.shareOfCountry
    else if (SHARE_OF_IMPORTS_RE.test(measure.shareOf)) destination ??= out.shareOfCountry
  }
  // One side named by its role, the other only mentioned: "Azerbaijan covers 18% of Israel's
  // needs" gives the importer by role and the exporter by elimination.
  const spare = here.roles.unassigned.find((iso3) => iso3 !== origin && iso3 !== destination)
  if (spare !== undefined && (origin === undefined) !== (destination === undefined) && (flowWord !== undefined || measure.shareOf !== undefined)) {
    if (origin === undefined) origin = spare
    else destination = spare
  }
  const flow = flowWord?.flow ?? (origin !== undefined && destination !== undefined ? 'X' : undefined)
  if (flow === undefined) return out
  const reporter = flow === 'X' ? origin : destination
  const partner = flow === 'X' ? destination : origin
  if (reporter === undefined && partner === undefined) return out
  if (reporter !== undefined) out.reporter = reporter
  if (partner !== undefined && partner !== reporter) out.partner = partner
  out.flow = flow
  return out
}

interface MeasureRead {
  readonly measure: FigureMeasure
  readonly direction?: 'increase' | 'decrease'
  readonly shareOf?: string
}

/** Words before the figure, without its qualifier ("nearly") and soft words ("an impressive"). */
function wordsBefore(text: string, f: FoundFigure): string[] {
  const words = lastWords(text, f.start, 10)
  let n = words.length
  if (f.qualifier !== undefined) n -= Math.min(n, f.qualifier.split(' ').length)
  while (n > 0 && SOFT.has(words[n - 1] ?? '')) n--
  return words.slice(0, n)
}

function readMeasure(f: FoundFigure, before: readonly string[], after: string): MeasureRead {
  const negative = f.valueExact.startsWith('-')
  const n = before.length
  const w = before[n - 1] ?? ''
  const w1 = before[n - 2] ?? ''
  const byOf = w === 'by' || w === 'of'
  if (f.kind === 'percent') {
    const changeAfter = CHANGE_AFTER_RE.exec(after)
    const wordBefore = CHANGE_WORD_RE.test(w) ? w : byOf && CHANGE_WORD_RE.test(w1) ? w1 : undefined
    if (changeAfter !== null || f.points === true || YOY_AFTER_RE.test(after)) return changeOf(changeAfter?.[1] ?? wordBefore, negative)
    const comparative = COMPARATIVE_AFTER_RE.exec(after)
    if (comparative !== null) {
      const up = /^(more|higher|greater|above)$/i.test(comparative[1] ?? '')
      return { measure: 'change', direction: up !== negative ? 'increase' : 'decrease' }
    }
    const shareOf = SHARE_OF_RE.exec(after)
    if (shareOf !== null) return { measure: 'share', shareOf: (shareOf[1] ?? '').trim() }
    const share =
      (w === 'for' && w1.startsWith('account')) ||
      (w === 'up' && /^ma(?:ke|kes|de|king)$/.test(w1)) ||
      (w === 'of' && w1 === 'share') ||
      SHARE_VERBS.has(w) ||
      (STATE_VERBS.has(w) && before.includes('share') && !before.some((x) => CHANGE_WORD_RE.test(x) && x !== 'up')) ||
      SHARE_WORD_AFTER_RE.test(after)
    if (share) return { measure: 'share' }
    if (wordBefore !== undefined) return changeOf(wordBefore, negative)
    return { measure: 'level' }
  }
  // Mass and money change only with "by"/"of" ("rose by $1bn", "cut output by 2 million b/d")
  // or "up"/"down" right before; "rose to $2bn" is a level.
  if (w === 'up' || w === 'down') return changeOf(w, negative)
  if (byOf) {
    const word = before.slice(Math.max(0, n - 4), n - 1).find((x) => CHANGE_WORD_RE.test(x))
    if (word !== undefined) return changeOf(word, negative)
  }
  const afterWord = /^\s*(increase|rise|jump|gain|growth|drop|decline|fall|decrease|reduction|cut)(?![\p{L}])/iu.exec(after)
  if (afterWord !== null) return changeOf(afterWord[1], negative)
  return { measure: 'level' }
}

/**
 * Whether a year is the base of a comparison: "compared with 2021", "than in 2021", "versus 2021"
 * ('strict'), or "from 2021", "over 2021", "on 2021" ('loose': a base only for a change figure).
 */
function baseYearKind(text: string, start: number): 'strict' | 'loose' | 'since' | 'none' {
  if (/(?:^|[^\p{L}])vs\.\s*$/u.test(text.slice(Math.max(0, start - 6), start))) return 'strict'
  const words = lastWords(text, start, 6, 48)
  let n = words.length
  if (words[n - 1] === 'year') n--
  if (words[n - 1] === 'the') n--
  else if ((words[n - 1] === 'of' || words[n - 1] === 'in') && words[n - 2] === 'period' && words[n - 3] === 'same' && words[n - 4] === 'the') n -= 4
  const w = words[n - 1] ?? ''
  const w1 = words[n - 2] ?? ''
  if (w === 'against' || w === 'versus' || w === 'vs' || w === 'than' || (w === 'in' && w1 === 'than')) return 'strict'
  if ((w === 'with' || w === 'to') && (w1 === 'compared' || w1 === 'relative')) return 'strict'
  if (w === 'from' || w === 'over' || w === 'on') return 'loose'
  // "the lowest since 2015": a landmark, neither the figure's year nor the base of a change.
  if (w === 'since') return 'since'
  return 'none'
}

function changeOf(word: string | undefined, negative: boolean): MeasureRead {
  if (word === undefined) return negative ? { measure: 'change', direction: 'decrease' } : { measure: 'change' }
  const increase = INCREASE_WORD_RE.test(word)
  return { measure: 'change', direction: increase !== negative ? 'increase' : 'decrease' }
}

function pickYear(f: FoundFigure, here: SentenceFacts, previous: SentenceFacts | undefined, isChange: boolean): YearMention | undefined {
  const usable = (y: YearMention): boolean => y.base === 'none' || (!isChange && y.base === 'loose')
  const candidates = here.years.filter(usable)
  if (candidates.length > 0) {
    // Distance is the gap between the two spans, so "3.4bn in 2021 and 2.9bn in 2022" gives
    // each amount the year written right after it.
    const gap = (y: YearMention): number => (y.pos >= f.end ? y.pos - f.end : Math.max(0, f.start - y.end))
    return candidates.reduce((best, y) => {
      const d = gap(y)
      const bestD = gap(best)
      return d < bestD || (d === bestD && y.pos < best.pos) ? y : best
    })
  }
  if (previous === undefined) return undefined
  const earlier = previous.years.filter((y) => y.base === 'none')
  const distinct = new Set(earlier.map((y) => y.year))
  return distinct.size === 1 ? earlier[earlier.length - 1] : undefined
}

function nearest<T extends { readonly start: number }>(items: readonly T[], at: number): T | undefined {
  let best: T | undefined
  let bestD = Infinity
  for (const item of items) {
    const d = Math.abs(item.start - at)
    if (d < bestD) {
      best = item
      bestD = d
    }
  }
  return best
}
