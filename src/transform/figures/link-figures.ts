/**
 * Reads, for each figure, what its sentence says it is about: the year (and sub-year period),
 * the countries and the direction of trade, the commodity, and whether it is a level, a change
 * against an earlier period, or a share of something. Rules, not a model: each one is small,
 * named, and tested against the labelled corpus in fixtures/figures-corpus/.
 */
import { findCommodityMentions, type CommodityMention } from './commodity-lexicon.ts'
import { findCountryMentions, type CountryMention } from './country-lexicon.ts'
import type { Figure, FigureFlow, FigureKind, FigureMeasure } from './figure.ts'
import type { FoundFigure } from './find-figures.ts'
import { findPeriods, periodText, type PeriodMention } from './find-periods.ts'
import { lastWords } from './last-words.ts'
import { splitSentences, type Sentence } from './split-sentences.ts'

/** What linking adds to a found figure: the Figure's link fields (period is named apart). */
export interface LinkedFigure
  extends FoundFigure,
    Pick<Figure, 'year' | 'reporter' | 'partner' | 'flow' | 'commodity' | 'hsCode' | 'measure' | 'changeFrom' | 'changeDirection' | 'shareOf' | 'shareOfCountry' | 'base'> {
  readonly linkedPeriod?: string
  /** "to Italy, India and Israel": every partner of a list (partner is then left out). */
  readonly partners?: readonly string[]
}

export interface LinkOptions {
  /** The article's date, 'YYYY-MM-DD'. */
  readonly published?: string
}

/** Kinds that are quantities of trade: they get countries, flow and commodity. */
const TRADE_KINDS: ReadonlySet<FigureKind> = new Set(['mass', 'money', 'volume', 'volume_rate', 'percent', 'rank', 'comparison'])

const INCREASE = 'increase[ds]?|increasing|rise|rises|rising|rose|risen|grow|grows|grew|grown|growing|growth|gain(?:s|ed)?|jump(?:s|ed)?|surge(?:s|d)?|soar(?:s|ed)?|climb(?:s|ed)?|up|higher|expand(?:s|ed)?|expansion|boost(?:s|ed)?|advance[ds]?|increment|widen(?:s|ed|ing)?'
const DECREASE = 'decrease[ds]?|decreasing|decline[ds]?|declining|drop(?:s|ped)?|fall|falls|fell|fallen|falling|down|lower|plunge[ds]?|slump(?:s|ed)?|shr[iau]nk(?:s)?|contract(?:s|ed|ion)|reduc(?:e|ed|es|tion)|cut|dip(?:s|ped)?|slid|slide|slip(?:s|ped)?|eas(?:e|es|ed)|edg(?:e|es|ed)\\s+down|tumble[ds]?|sank|sink(?:s)?|los(?:e|es|t)|shed|narrow(?:s|ed|ing)?'
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
const COMPARATIVE_AFTER_RE = /^\s*([Mm]ore|[Hh]igher|[Gg]reater|[Aa]bove|[Ll]ess|[Ll]ower|[Bb]elow|[Ff]ewer)\s+(?:than(?![\p{L}])|(?:the\s+)?(?:[Ss]ame|[Pp]revious|prior|year-earlier|year-ago|corresponding)\s|(?:January|February|March|April|May|June|July|August|September|October|November|December|(?:in\s+)?(?:19|20)\d\d)(?![\p{L}\p{N}])|(?:the\s+)?(?:US)?[$€£]\s?\d)/u
const YOY_AFTER_RE = /^\s*(?:year-on-year|year-over-year|y\/y|yoy|on the year|on an annual basis|annually)(?![\p{L}])/iu
const INCREASE_WORD_RE = new RegExp(`^(?:${INCREASE})$`, 'i')
/** Verbs of change (not the adverbs "up", "higher" or nouns "growth"): "grew $23.2 billion" is a change. */
const CHANGE_VERB_RE = /^(?:increased|rose|risen|grew|grown|gained|jumped|surged|soared|climbed|expanded|advanced|widened|decreased|declined|dropped|fell|fallen|plunged|slumped|shrank|shrunk|contracted|dipped|slid|slipped|eased|tumbled|sank|lost|shed|narrowed)$/
const SUPPLY_VERBS = new Set(['supply', 'supplies', 'supplied', 'sold', 'sell', 'sells', 'shipped', 'deliver', 'delivers', 'delivered', 'provides', 'provided', 'provide'])

/** "40% of Israel's oil needs": what a percent is a share of, up to the end of the phrase. */
const SHARE_OF_RE = /^\s+of\s+((?:the\s+)?[^,.;:()—–"“”]+?)(?=\s*(?:[,.;:()—–"“”]|$)|\s+(?:with|through|via|in|during|for|from|since|while|which|that|and|according|as|by|compared|against|last|this|next|was|were|is|are|has|have|had)(?![\p{L}]))/u
const SHARE_OF_EXPORTS_RE = /(?<![\p{L}])(?:exports?|sales|shipments|supplies|deliveries|production|output)(?![\p{L}])/iu
const SHARE_OF_IMPORTS_RE = /(?<![\p{L}])(?:imports?|needs|demand|consumption|purchases|market|requirements)(?![\p{L}])/iu
const SHARE_WORD_AFTER_RE = /^\s+(?:share|stake|market\s+share)(?![\p{L}])/iu

const PREVIOUS_YEAR_RE = /previous\s+year|prior\s+year|preceding\s+year|year\s+earlier|a\s+year\s+ago|year-on-year|year-over-year|\by\/y\b|\byoy\b|last\s+year|on\s+the\s+year|on\s+an\s+annual\s+basis|annual(?:ly)?\b/iu

const EXPORT_WORDS = 'export(?:s|ed|ing|er|ers)?|shipped(?!\\s+in\\b)|shipments?|shipping|suppl(?:y|ies|ied|ier|iers|ying)|sold|sells?|selling|overseas\\s+sales|foreign\\s+sales|deliver(?:s|ed|ies|y|ing)|sent|sends|outbound|outflows?'
const IMPORT_WORDS = 'import(?:s|ed|ing|er|ers)?|bought|buys?|buying|buyers?|purchas(?:e|es|ed|ing)|procured?|received|receives|receiving|shipped\\s+in|arrivals|inbound|inflows?|intake'
const PRODUCTION_WORDS = 'produc(?:e|es|ed|ing|tion|er|ers)|output|harvest(?:s|ed)?|crops?|mined|extract(?:ed|ion)|pump(?:s|ed|ing)|exploitation|throughput|crush(?:ed)?|generat(?:ed|ion)'
const CONSUMPTION_WORDS = 'consum(?:e|es|ed|ing|ption)|demand|domestic\\s+sales|local\\s+sales|burn(?:s|ed|ing)?'
const TRANSIT_WORDS = 'transit(?:ed)?|transshipment|transhipment|re-?exports?'
const STOCK_WORDS = 'stocks?|stockpiles?|inventor(?:y|ies)|reserves|storage'
const FLOW_WORD_RE = new RegExp(
  `(?<![\\p{L}-])(?:(${TRANSIT_WORDS})|(${EXPORT_WORDS})|(${IMPORT_WORDS})|(${PRODUCTION_WORDS})|(${CONSUMPTION_WORDS})|(${STOCK_WORDS}))(?![\\p{L}])`,
  'giu',
)
const FLOW_OF_GROUP: readonly FigureFlow[] = ['transit', 'X', 'M', 'production', 'consumption', 'stocks']
const NOT_A_DETERMINER = '(?!(?:the|a|an|its|their|this|that|these|those)\\s)'
const EXPORTER_AFTER_RE = new RegExp(`^(?:'s?)?\\s+(?:${NOT_A_DETERMINER}[\\p{L}-]+\\s+){0,3}?(?:${EXPORT_WORDS})(?![\\p{L}])`, 'iu')
const IMPORTER_AFTER_RE = new RegExp(`^(?:'s?)?\\s+(?:${NOT_A_DETERMINER}[\\p{L}-]+\\s+){0,3}?(?:${IMPORT_WORDS})(?![\\p{L}])`, 'iu')

interface YearMention {
  readonly pos: number
  readonly end: number
  readonly year: number
  readonly period?: string
  /** "compared with 2021": a base year, not what the figure is about. */
  readonly base: 'strict' | 'loose' | 'since' | 'none'
  /** The start of the base figure this year belongs to ("from 2.1 Mt in 2021"). */
  readonly owner?: number
}

interface RoleMention {
  readonly start: number
  readonly end: number
  readonly iso3: string
  readonly role: 'origin' | 'destination'
  /** "to Italy, India and Israel": the countries of the list this mention heads. */
  readonly list?: readonly string[]
}

interface Roles {
  readonly origin?: string
  readonly destination?: string
  readonly mentions: readonly RoleMention[]
  readonly unassigned: readonly string[]
}

interface FlowWord {
  readonly start: number
  readonly flow: FigureFlow
}

interface SentenceFacts {
  readonly sentence: Sentence
  readonly years: readonly YearMention[]
  readonly countries: readonly CountryMention[]
  readonly roles: Roles
  readonly commodities: readonly CommodityMention[]
  readonly flows: readonly FlowWord[]
  readonly periods: readonly PeriodMention[]
  /** What the sentence says of the year, read once for all its figures. */
  readonly thisYear: boolean
  readonly lastYear: boolean
  readonly previousYear: boolean
  /** "deficit", "surplus", "trade balance": figures that are a balance, not one flow. */
  readonly balance: boolean
}

/**
 * What the article has said so far about the figures that follow: its subject country and
 * partner, the flow, the commodity and the year. Each sentence's own words come first; what
 * it leaves out it inherits from here, until the text names something else.
 */
interface DocContext {
  reporter?: string
  partner?: string
  flow?: FigureFlow
  commodity?: CommodityMention['commodity']
  year?: number
  period?: string
}

/** Fills the link fields of every figure from its sentence and the article so far; figures stay in order. */
export function linkFigures(text: string, figures: readonly FoundFigure[], options: LinkOptions = {}): LinkedFigure[] {
  const sentences = splitSentences(text)
  const bySentence = assignSentences(sentences, figures)
  const members = new Map<number, number[]>()
  figures.forEach((_, j) => {
    const i = bySentence[j] ?? -1
    const list = members.get(i)
    if (list === undefined) members.set(i, [j])
    else list.push(j)
  })
  // Lexicon and keyword scans run once over the whole text (a big alternation is cheap per
  // character but costly to start, so once per sentence would be ten times slower).
  const countries = bucket(sentences, findCountryMentions(text))
  const commodities = bucket(sentences, findCommodityMentions(text))
  const flows = bucket(
    sentences,
    [...text.matchAll(FLOW_WORD_RE)].map((m): FlowWord => ({ start: m.index, flow: FLOW_OF_GROUP[m.slice(1).findIndex((g) => g !== undefined)] ?? 'X' })),
  )
  const periods = bucket(sentences, findPeriods(text))
  const facts = new Map<number, SentenceFacts>()
  const factsOf = (i: number): SentenceFacts | undefined => {
    const sentence = sentences[i]
    if (sentence === undefined) return undefined
    let read = facts.get(i)
    if (read === undefined) {
      const own = (members.get(i) ?? []).map((j) => figures[j]).filter((f): f is FoundFigure => f !== undefined)
      read = readFacts(text, sentence, own, countries.get(i) ?? [], commodities.get(i) ?? [], flows.get(i) ?? [], periods.get(i) ?? [])
      facts.set(i, read)
    }
    return read
  }
  const published = readPublished(options.published, figures)
  const captions = captionParagraphs(text, sentences)
  const out: LinkedFigure[] = figures.slice()
  const ctx: DocContext = {}
  for (let i = 0; i < sentences.length; i++) {
    const here = factsOf(i)
    if (here === undefined) continue
    const previous = i > 0 && sentences[i - 1]?.paragraph === here.sentence.paragraph ? factsOf(i - 1) : undefined
    const linked: LinkedFigure[] = []
    let main: LinkedFigure | undefined
    for (const j of members.get(i) ?? []) {
      const f = figures[j]
      if (f === undefined || f.kind === 'date' || f.kind === 'year') continue
      const own = linkOne(text, f, here, previous, main)
      const l = TRADE_KINDS.has(f.kind) || f.kind === 'price' ? inherit(text, own, here, ctx, published) : own
      out[j] = l
      linked.push(l)
      if (l.base !== true) main = l
    }
    if (!captions.has(here.sentence.paragraph)) updateContext(text, ctx, here, linked)
  }
  return out
}

/** The article's date: given, or a full date on its first lines ("date 2019-12-06"). */
function readPublished(given: string | undefined, figures: readonly FoundFigure[]): { year: number; month: number } | undefined {
  const iso = given ?? figures.find((f) => f.kind === 'date' && f.start < 300 && /^\d{4}-\d{2}-\d{2}$/.test(f.date ?? ''))?.date
  const m = /^(\d{4})-(\d{2})/.exec(iso ?? '')
  return m === null ? undefined : { year: Number(m[1]), month: Number(m[2]) }
}

/**
 * Photo captions and credits: a paragraph after the first of one line that does not end a
 * sentence, or that credits a photo. They name dates and people, not what the article is about.
 */
function captionParagraphs(text: string, sentences: readonly Sentence[]): Set<number> {
  const out = new Set<number>()
  const byParagraph = new Map<number, Sentence[]>()
  for (const s of sentences) byParagraph.set(s.paragraph, [...(byParagraph.get(s.paragraph) ?? []), s])
  for (const [p, list] of byParagraph) {
    if (p === 0) continue
    const body = text.slice(list[0]?.start ?? 0, list[list.length - 1]?.end ?? 0)
    if (/(?:^|\s)(?:Photo|Photograph|Image|Picture|File photo)\s*:|\((?:Photo|Image)\b/i.test(body)) out.add(p)
    else if (list.length === 1 && body.length < 240 && !/[.!?:"”’)]\s*$/.test(body) && !body.includes('\n')) out.add(p)
  }
  return out
}

/** What later figures inherit: the links of this sentence's figures, else its own mentions. */
function updateContext(text: string, ctx: DocContext, here: SentenceFacts, linked: readonly LinkedFigure[]): void {
  const trade = linked.filter((l) => TRADE_KINDS.has(l.kind) && l.base !== true && l.measure !== 'share')
  const last = trade[trade.length - 1]
  if (last !== undefined) {
    if (last.reporter !== undefined) {
      ctx.reporter = last.reporter
      ctx.partner = last.partner
      if (last.partners !== undefined) ctx.partner = undefined
    } else if (last.partner !== undefined) ctx.partner = last.partner
    if (last.flow !== undefined) ctx.flow = last.flow
    if (last.year !== undefined) {
      ctx.year = last.year
      ctx.period = last.linkedPeriod
    }
    const named = here.commodities[here.commodities.length - 1]
    if (named !== undefined) ctx.commodity = named.commodity
    return
  }
  // A sentence without trade figures (a title, a lede) sets the subject when it says who trades.
  const flow = here.flows[0]?.flow
  // "The United States ran a deficit of ...": before any reporter is known, the one country a
  // sentence names first, as its subject, is the article's.
  if (ctx.reporter === undefined && here.roles.mentions.length === 0) {
    const subject = here.countries[0]
    if (subject !== undefined && subject.form === 'name' && /^(?:[\p{Lu}][\p{L}-]*\s+){0,2}$|^[^,]*,\s*$/u.test(text.slice(here.sentence.start, subject.start).replace(/^[\p{Lu}\s.,-]+?\s+-\s+/u, ''))) ctx.reporter = subject.iso3
  }
  const { origin, destination } = here.roles
  if (flow !== undefined && (origin !== undefined || destination !== undefined)) {
    const reporter = flow === 'M' ? destination : origin
    const partner = flow === 'M' ? origin : destination
    if (reporter !== undefined) {
      ctx.reporter = reporter
      ctx.partner = partner
    } else if (partner !== undefined) ctx.partner = partner
    ctx.flow = flow
  }
  if (here.commodities.length > 0 && (flow !== undefined || origin !== undefined || destination !== undefined)) ctx.commodity = here.commodities[0]?.commodity
  if (flow !== undefined || here.commodities.length > 0) {
    const years = new Set(here.years.filter((y) => y.base === 'none').map((y) => y.year))
    if (years.size === 1) {
      ctx.year = [...years][0]
      ctx.period = undefined
    }
  }
}

const BALANCE_RE = /(?<![\p{L}])(?:deficit|surplus|trade\s+balance|trade\s+gap)(?![\p{L}])/iu
const THIS_YEAR_RE = /(?<![\p{L}])(?:this|the\s+current)\s+(?:year|fiscal(?:\s+year)?)(?![\p{L}])|(?<![\p{L}])so\s+far\s+this\s+year/iu
/** "last year" as the figure's year, not as a base ("the same period last year", "from last year"). */
const LAST_YEAR_RE = /(?<![\p{L}])(?<!(?:same\s+[\p{L}]+|from|than|over|against|with|versus|vs\.?|on)\s+)last\s+(?:year|fiscal(?:\s+year)?)(?![\p{L}])/iu

/**
 * Fills what the sentence did not say from the article: the year (or the article's date for
 * "this year", "last year", months without a year), the countries and flow, the commodity.
 */
function inherit(text: string, l: LinkedFigure, here: SentenceFacts, ctx: DocContext, published: { year: number; month: number } | undefined): LinkedFigure {
  const out: { -readonly [K in keyof LinkedFigure]: LinkedFigure[K] } = { ...l }
  if (l.base !== true) {
    const period = nearest(here.periods.filter((p) => (p.end <= l.start || p.start >= l.end) && !isBasePeriod(text, p)), l.start)
    if (out.year === undefined) {
      const hint = period?.yearHint ?? (here.thisYear ? 'this' : here.lastYear && l.measure !== 'change' ? 'last' : undefined)
      if (period?.lastMonth === true && published !== undefined) {
        const month = published.month === 1 ? 12 : published.month - 1
        out.year = published.month === 1 ? published.year - 1 : published.year
        out.linkedPeriod = periodText(out.year, month, month)
      } else if (hint !== undefined && published !== undefined) {
        out.year = hint === 'this' ? published.year : published.year - 1
      } else if (period !== undefined && here.years.every((y) => y.base !== 'none')) {
        const year = ctx.year ?? (published === undefined ? undefined : period.fromMonth > published.month ? published.year - 1 : published.year)
        if (year !== undefined) out.year = year
      } else if (here.years.every((y) => y.base !== 'none') && ctx.year !== undefined) {
        out.year = ctx.year
        if (ctx.period !== undefined && here.years.length === 0) out.linkedPeriod = ctx.period
      }
    }
    if (out.year !== undefined && out.linkedPeriod === undefined && period !== undefined && period.lastMonth !== true) {
      out.linkedPeriod = periodText(out.year, period.fromMonth, period.toMonth)
    }
    if (out.measure === 'change' && out.changeFrom === undefined && out.year !== undefined && here.previousYear) out.changeFrom = out.year - 1
  }
  if (out.commodity === undefined && here.commodities.length === 0 && ctx.commodity !== undefined) {
    out.commodity = ctx.commodity.name
    if (ctx.commodity.hsCode !== '') out.hsCode = ctx.commodity.hsCode
  }
  if (l.kind !== 'price' && l.base !== true && ctx.reporter !== undefined && ctx.flow !== undefined) {
    // "China was the biggest buyer, taking 5.9 Mt" in an article on Indonesia's exports: the
    // same trade seen from the article's side, Indonesia's exports to China.
    const other = ctx.flow === 'X' ? 'M' : ctx.flow === 'M' ? 'X' : undefined
    // Not "Brazil's soybean exports": a possessive names the country's total, not a trade with the reporter.
    const possessive = here.countries.some((c) => c.iso3 === out.reporter && /^'s?(?![\p{L}])/u.test(text.slice(c.end, c.end + 2)))
    if (other !== undefined && out.flow === other && !possessive && out.reporter !== undefined && out.reporter !== ctx.reporter && out.partner === undefined && out.partners === undefined) {
      out.partner = out.reporter
      out.reporter = ctx.reporter
      out.flow = ctx.flow
    }
    // "Thailand came second with 189 thousand tons": no flow word, one country named in the
    // clause: the partner of the article's reporter and flow.
    if ((out.flow === undefined || out.flow === other) && out.reporter === undefined && out.partner === undefined && here.roles.mentions.length === 0 && (ctx.flow === 'X' || ctx.flow === 'M')) {
      const partner = clausePartner(text, here, l, ctx.reporter)
      if (partner !== undefined) {
        out.reporter = ctx.reporter
        out.flow = ctx.flow
        out.partner = partner
      }
    }
  }
  // A trade balance has no flow: its reporter is the country the sentence or the article is about.
  if (out.reporter === undefined && out.flow === undefined && l.kind === 'money' && here.balance) {
    const own = here.roles.mentions.length === 0 && here.roles.unassigned.length === 1 ? here.roles.unassigned[0] : undefined
    const reporter = own ?? (here.roles.unassigned.length === 0 && here.roles.mentions.length === 0 ? ctx.reporter : undefined)
    if (reporter !== undefined) out.reporter = reporter
  }
  if (out.reporter === undefined && l.kind !== 'price') {
    const noCountries = here.roles.mentions.length === 0 && here.roles.unassigned.length === 0
    const flow = out.flow ?? (noCountries ? ctx.flow : undefined)
    if (flow !== undefined && ctx.reporter !== undefined && ctx.reporter !== out.partner && (noCountries || out.partner !== undefined || out.partners !== undefined)) {
      out.reporter = ctx.reporter
      out.flow = flow
      // The partner carries over only while the flow does: "Imports ..." after exports to Italy is no import from Italy.
      if (out.partner === undefined && noCountries && flow === ctx.flow && ctx.partner !== undefined && out.partners === undefined) out.partner = ctx.partner
    }
  }
  return out
}

/** "below May", "compared with March", "from April": a period named as the base of a comparison. */
function isBasePeriod(text: string, p: PeriodMention): boolean {
  const words = lastWords(text, p.start, 3, 32)
  const w = words[words.length - 1] ?? ''
  if (p.fromMonth !== p.toMonth) return false
  if (w === 'in' && BASE_PERIOD_WORDS.has(words[words.length - 2] ?? '')) return true
  return BASE_PERIOD_WORDS.has(w) || ((w === 'with' || w === 'to') && (words[words.length - 2] === 'compared' || words[words.length - 2] === 'relative'))
}
const BASE_PERIOD_WORDS = new Set(['from', 'than', 'against', 'versus', 'vs', 'below', 'above', 'since'])

/** The one country named (without a role) in the figure's clause, not the reporter itself. */
function clausePartner(text: string, here: SentenceFacts, f: FoundFigure, reporter: string): string | undefined {
  const names = here.countries.filter((c) => c.form === 'name' && c.iso3 !== reporter && here.roles.unassigned.includes(c.iso3))
  const before = names.filter((c) => c.end <= f.start && sameClause(text, c.end, f.start))
  const pick = before[before.length - 1] ?? names.find((c) => c.start >= f.end && sameClause(text, f.end, c.start))
  return pick?.iso3
}

/** Whether nothing between a and b starts another clause (";", ", and", ", but", "and South Korea"). */
function sameClause(text: string, a: number, b: number): boolean {
  return !/[;]|,\s*(?:and|but|while)\s|\band\s+\p{Lu}/u.test(text.slice(a, b))
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

/** Words right before a level that make it the base of a comparison: "from 2.9 Mt", "against $5bn". */
const BASE_BEFORE = new Set(['from', 'against', 'versus', 'vs', 'over', 'than', 'above', 'below'])
const PRE_BASE_SOFT = new Set(['the', 'a', 'revised', 'previous', 'preliminary', 'initial'])

function isBaseFigure(text: string, f: FoundFigure, earlier: readonly FoundFigure[]): boolean {
  if (f.prior === true) return true
  if (f.kind === 'percent' || f.kind === 'date' || f.kind === 'year') return false
  const all = lastWords(text, f.start, 5)
  // "than the revised $55.3 billion": articles and revision words stand between.
  let k = all.length
  while (k > 0 && PRE_BASE_SOFT.has(all[k - 1] ?? '')) k--
  const words = all.slice(0, k)
  const w = words[words.length - 1] ?? ''
  const w1 = words[words.length - 2] ?? ''
  const compared = BASE_BEFORE.has(w) || ((w === 'with' || w === 'to') && (w1 === 'compared' || w1 === 'relative'))
  return compared && earlier.some((e) => e.kind === f.kind && e.prior !== true)
}

function readFacts(
  text: string,
  sentence: Sentence,
  figures: readonly FoundFigure[],
  countries: readonly CountryMention[],
  commodities: readonly CommodityMention[],
  flows: readonly FlowWord[],
  periods: readonly PeriodMention[],
): SentenceFacts {
  const years: YearMention[] = []
  // Only a level after an earlier figure of its kind can be a base: the cheap test first.
  const bases = figures.filter((f, k) => (f.prior === true || k > 0) && isBaseFigure(text, f, figures.slice(0, k)))
  for (const f of figures) {
    if (f.kind !== 'year' && f.kind !== 'date') continue
    if (f.kind === 'date' && /^\d{4}\/\d{4}$/.test(f.date ?? '')) continue
    // "from 2.1 Mt in 2021": the year belongs to the base figure before it.
    const owner = bases.find((b) => b.end <= f.start && /^\s*(?:in|of|during)\s+(?:the\s+(?:same\s+period\s+of\s+)?)?$/i.test(text.slice(b.end, f.start)))
    const base = owner === undefined ? baseYearKind(text, f.start) : 'strict'
    years.push({ pos: f.start, end: f.end, year: Number(f.valueExact), ...(f.period === undefined ? {} : { period: f.period }), base, ...(owner === undefined ? {} : { owner: owner.start }) })
  }
  const body = text.slice(sentence.start, sentence.end)
  return {
    sentence, years, countries, roles: readRoles(text, sentence, countries, commodities), commodities, flows, periods,
    thisYear: THIS_YEAR_RE.test(body), lastYear: LAST_YEAR_RE.test(body), previousYear: PREVIOUS_YEAR_RE.test(body), balance: BALANCE_RE.test(body),
  }
}

function readRoles(text: string, sentence: Sentence, countries: readonly CountryMention[], commodities: readonly CommodityMention[]): Roles {
  let origin: string | undefined
  let destination: string | undefined
  const unassigned: string[] = []
  const mentions: { start: number; end: number; iso3: string; role: 'origin' | 'destination'; list?: string[] }[] = []
  let head: (typeof mentions)[number] | undefined
  let headEnd = -1
  for (const c of countries) {
    // "to Italy, India and Israel": a name right after a role mention, joined by a comma or
    // "and", is one more country of the same list.
    if (head !== undefined && c.form === 'name' && /^\s*(?:,\s*(?:and\s+)?|and\s+|&\s*)(?:the\s+)?$/.test(text.slice(headEnd, c.start))) {
      head.list = [...(head.list ?? [head.iso3]), c.iso3]
      headEnd = c.end
      continue
    }
    head = undefined
    const words = lastWords(text, c.start, 2, 24)
    const last = words[words.length - 1] === 'the' ? words[words.length - 2] : words[words.length - 1]
    const after = text.slice(c.end, Math.min(sentence.end, c.end + 60))
    const between = last === 'between'
    let role: 'origin' | 'destination' | undefined
    if (between) role = undefined
    else if (last === 'from') role = 'origin'
    else if (c.form === 'name' && (last === 'to' || last === 'into' || last === 'towards' || last === 'toward' || last === 'for')) role = 'destination'
    else if (c.form === 'name' && last !== undefined && SUPPLY_VERBS.has(last)) role = 'destination'
    else if (EXPORTER_AFTER_RE.test(after)) role = 'origin'
    else if (IMPORTER_AFTER_RE.test(after)) role = 'destination'
    else if (c.form === 'demonym' && commodities.some((m) => m.start >= c.end && /^\s+(?:[\p{L}-]+\s+)?$/u.test(text.slice(c.end, m.start)))) role = 'origin'
    if (role === 'origin') origin ??= c.iso3
    else if (role === 'destination') destination ??= c.iso3
    else if (c.form === 'name' && !between) unassigned.push(c.iso3)
    if (role !== undefined) {
      const m = { start: c.start, end: c.end, iso3: c.iso3, role }
      mentions.push(m)
      if (last === 'to' || last === 'from' || last === 'into') {
        head = m
        headEnd = c.end
      }
    }
  }
  return {
    ...(origin === undefined ? {} : { origin }),
    ...(destination === undefined ? {} : { destination }),
    mentions,
    unassigned: unassigned.filter((iso3) => iso3 !== origin && iso3 !== destination),
  }
}

/**
 * The mention of a role that a figure is about: the first one after it in its clause ("5 Mt
 * to Italy, 2 Mt to India"), else the nearest one before it ("exports to Italy rose to 5 Mt").
 */
function pickRole(text: string, mentions: readonly RoleMention[], role: 'origin' | 'destination', f: FoundFigure): RoleMention | undefined {
  const candidates = mentions.filter((m) => m.role === role)
  const end = f.afterEnd ?? f.end
  if (candidates.length <= 1) {
    const only = candidates[0]
    return only !== undefined && only.start >= end && /,\s*(?:and|but|while)\s|;|\bwhile\b/.test(text.slice(end, only.start)) ? undefined : only
  }
  const after = candidates.find((m) => m.start >= end && !/[,;]|\band\b|\bwhile\b/.test(text.slice(end, m.start)))
  if (after !== undefined) return after
  const before = candidates.filter((m) => m.end <= f.start)
  return before[before.length - 1] ?? candidates[0]
}

function linkOne(text: string, f: FoundFigure, here: SentenceFacts, previous: SentenceFacts | undefined, main: LinkedFigure | undefined): LinkedFigure {
  const out: { -readonly [K in keyof LinkedFigure]: LinkedFigure[K] } = { ...f }
  const after = text.slice(f.afterEnd ?? f.end, Math.min(here.sentence.end, (f.afterEnd ?? f.end) + 120))
  const isBase = main !== undefined && isBaseFigure(text, f, [main])

  // Measure first: a change figure reads "from 2021" as its base, not as its year.
  const read = f.multiple !== undefined ? { measure: 'change' as const, direction: f.multiple } : readMeasure(f, wordsBefore(text, f), after)
  const measure = f.kind === 'rank' ? { measure: 'rank' as const } : f.kind === 'comparison' ? { measure: 'comparison' as const } : read.measure === 'level' && f.kind === 'percent' ? (coordinatedChange(text, f, main) ?? read) : read
  out.measure = isBase ? 'level' : measure.measure
  if (isBase) out.base = true
  if (measure.direction !== undefined && !isBase) out.changeDirection = measure.direction
  if (measure.shareOf !== undefined) {
    out.shareOf = measure.shareOf
    const country = here.countries.find((c) => c.start >= f.end && c.start < f.end + 120 && after.includes(text.slice(c.start, c.end)))
    if (country !== undefined && measure.shareOf.includes(text.slice(country.start, country.end))) out.shareOfCountry = country.iso3
  }

  const year = isBase ? baseYear(text, f, here, main) : pickYear(f, here, previous, measure.measure === 'change')
  if (year !== undefined) {
    out.year = year.year
    if (year.period !== undefined) out.linkedPeriod = year.period
  }
  if (measure.measure === 'change' && !isBase) {
    const base = here.years.find((y) => y.pos > f.start && (y.base === 'strict' || y.base === 'loose') && y.year !== year?.year) ?? here.years.find((y) => y.base === 'strict' && y.year !== year?.year)
    if (base !== undefined) out.changeFrom = base.year
    else if (year !== undefined && here.previousYear) out.changeFrom = year.year - 1
  }

  if (!TRADE_KINDS.has(f.kind) && f.kind !== 'price') return out
  // A share names its commodity before the figure ("Coal accounts for 40% of electricity
  // generation"); what follows "of" is the whole it is a share of.
  const preceding = measure.measure === 'share' ? here.commodities.filter((c) => c.start < f.start) : []
  const endOfAmount = f.afterEnd ?? f.end
  const ofAfter = measure.measure === 'share' ? undefined : here.commodities.find((c) => c.start >= endOfAmount && /^\s+of\s+(?:the\s+)?$/.test(text.slice(endOfAmount, c.start)))
  const commodity = ofAfter ?? nearest(preceding.length > 0 ? preceding : here.commodities, f.numberStart)
  if (commodity !== undefined) {
    out.commodity = commodity.commodity.name
    if (commodity.commodity.hsCode !== '') out.hsCode = commodity.commodity.hsCode
  }
  if (f.kind === 'price') return out
  if (isBase && main !== undefined) {
    // A base figure is the same series as the figure it is compared with.
    for (const k of ['reporter', 'partner', 'flow', 'commodity', 'hsCode'] as const) if (main[k] !== undefined) (out as Record<string, unknown>)[k] = main[k]
    return out
  }
  // Flow words inside the phrase a share is of ("of Israel's oil needs") say what the whole is.
  const afterStart = f.afterEnd ?? f.end
  const shareSpan = measure.shareOf === undefined ? undefined : [afterStart, afterStart + after.indexOf(measure.shareOf) + measure.shareOf.length]
  const flowWord = flowWordOf(here.flows.filter((w) => shareSpan === undefined || w.start < (shareSpan[0] ?? 0) || w.start >= (shareSpan[1] ?? 0)), f)
  const originMention = pickRole(text, here.roles.mentions, 'origin', f)
  const destinationMention = pickRole(text, here.roles.mentions, 'destination', f)
  // A role named only in another clause ("..., and South Korea bought 3.1 Mt") is not this figure's.
  let origin = originMention?.iso3 ?? (here.roles.mentions.some((m) => m.role === 'origin') ? undefined : here.roles.origin)
  let destination = destinationMention?.iso3 ?? (here.roles.mentions.some((m) => m.role === 'destination') ? undefined : here.roles.destination)
  const list = destinationMention?.list ?? originMention?.list
  // "40% of Israel's oil needs / imports": the country of the whole is the importer;
  // "41% of Azerbaijan's exports": it is the exporter.
  if (out.shareOfCountry !== undefined && measure.shareOf !== undefined) {
    if (SHARE_OF_EXPORTS_RE.test(measure.shareOf)) origin ??= out.shareOfCountry
    else if (SHARE_OF_IMPORTS_RE.test(measure.shareOf)) destination ??= out.shareOfCountry
  }
  const flow = flowWord?.flow ?? (origin !== undefined && destination !== undefined ? 'X' : undefined)
  // One country, no roles, a trade verb: the country is the subject ("Vietnam earned $1.55bn from selling crude").
  if ((flow === 'X' || flow === 'M') && origin === undefined && destination === undefined && here.roles.unassigned.length === 1) {
    if (flow === 'X') origin = here.roles.unassigned[0]
    else destination = here.roles.unassigned[0]
  }
  if (flow !== undefined && flow !== 'X' && flow !== 'M') {
    // Production, consumption, transit, stocks: the country they happen in, no partner.
    const where = origin ?? destination ?? here.roles.unassigned[0] ?? here.countries.find((c) => c.form === 'demonym')?.iso3
    out.flow = flow
    if (where !== undefined) out.reporter = where
    return out
  }
  // One side named by its role, the other only mentioned: "Azerbaijan covers 18% of Israel's
  // needs" gives the importer by role and the exporter by elimination.
  const spare = here.roles.unassigned.find((iso3) => iso3 !== origin && iso3 !== destination && here.countries.some((c) => c.iso3 === iso3 && sameClause(text, c.end <= f.start ? c.end : f.end, c.end <= f.start ? f.start : c.start)))
  if (spare !== undefined && (origin === undefined) !== (destination === undefined) && (flowWord !== undefined || measure.shareOf !== undefined)) {
    if (origin === undefined) origin = spare
    else destination = spare
  }
  if (flow === undefined) return out
  out.flow = flow
  const reporter = flow === 'X' ? origin : destination
  const partner = flow === 'X' ? destination : origin
  if (reporter !== undefined) out.reporter = reporter
  const listed = list !== undefined && list.length > 1 && (flow === 'X' ? destinationMention : originMention)?.list === list
  if (listed) out.partners = list
  else if (partner !== undefined && partner !== reporter) out.partner = partner
  return out
}

/**
 * "grew $6.4 billion, or 1.8%", "exports were down 17.5% and imports 13.8%": a percent joined by
 * "or"/"and" (and at most three words, no verb) to a change before it is the same kind of change.
 */
function coordinatedChange(text: string, f: FoundFigure, main: LinkedFigure | undefined): MeasureRead | undefined {
  if (main === undefined || main.measure !== 'change' || main.changeDirection === undefined) return undefined
  const between = text.slice(main.afterEnd ?? main.end, f.start)
  const m = /^\s*,?\s*(?:or|and)\s+((?:[\p{L}-]+\s+){0,3})$/u.exec(between)
  if (m === null) return undefined
  const words = (m[1] ?? '').trim().split(/\s+/).filter((w) => w !== '')
  if (words.some((w) => STATE_VERBS.has(w.toLowerCase()) || CHANGE_WORD_RE.test(w) || w.toLowerCase() === 'by')) return undefined
  return { measure: 'change', direction: main.changeDirection }
}

/**
 * The year of a base figure: one written right after it ("from 2.1 Mt in 2021"), else, when
 * the sentence compares with the previous year, the year before the main figure's.
 */
function baseYear(text: string, f: FoundFigure, here: SentenceFacts, main: LinkedFigure): YearMention | undefined {
  const own = here.years.find((y) => y.owner === f.start)
  if (own !== undefined) return own
  // "from a revised $63.4 billion in July": a month right after the base, in the main figure's year (or the one before).
  const month = here.periods.find((p) => p.start >= f.end && p.fromMonth === p.toMonth && p.fromMonth > 0 && /^\s*(?:in|of|for)\s+$/.test(text.slice(f.end, p.start)))
  if (month !== undefined && main.year !== undefined) {
    const mainMonth = /^\d{4}-(\d{2})/.exec(main.linkedPeriod ?? '')?.[1]
    const year = mainMonth !== undefined && month.fromMonth > Number(mainMonth) ? main.year - 1 : main.year
    return { pos: month.start, end: month.end, year, base: 'none', period: periodText(year, month.fromMonth, month.toMonth) }
  }
  if (main.year !== undefined && (f.prior === true || here.previousYear)) {
    const year = main.year - 1
    const period = main.linkedPeriod?.replace(/\d{4}/g, String(year))
    return { pos: -1, end: -1, year, base: 'none', ...(period === undefined ? {} : { period }) }
  }
  return undefined
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
    const comparative = COMPARATIVE_AFTER_RE.exec(after) ?? /^\s*(more|less|fewer)(?=\s+\p{L})(?!\s+(?:of|or|and)\s)/u.exec(after)
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
  if ((w === 'up' || w === 'down') && !/^ma(?:de|ke|kes|king)$/.test(w1)) return changeOf(w, negative)
  // A change verb right before the amount ("the deficit grew $23.2 billion"); "rose to $2bn" has "to" between.
  if (w !== 'up' && w !== 'down' && CHANGE_VERB_RE.test(w)) return changeOf(w, negative)
  const comparative = COMPARATIVE_AFTER_RE.exec(after)
  if (comparative !== null) return { measure: 'change', direction: /^(more|higher|greater|above)$/i.test(comparative[1] ?? '') !== negative ? 'increase' : 'decrease' }
  if (byOf) {
    const word = before.slice(Math.max(0, n - 4), n - 1).find((x) => CHANGE_WORD_RE.test(x))
    if (word !== undefined) return changeOf(word, negative)
  }
  const afterWord = /^\s*(?:(?:production|output|export|import|supply)\s+)?(increase|rise|jump|gain|growth|drop|decline|fall|decrease|reduction|cut)(?![\p{L}])/iu.exec(after)
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
  // "on the same month of 2018", "the same period of 2020", "by the same date of 2022": the base of a comparison.
  if ((words[n - 1] === 'of' || words[n - 1] === 'in') && /^(?:period|periods|month|months|quarter|half|time|day|date|week)$/.test(words[n - 2] ?? '') && words[n - 3] === 'same') return 'strict'
  const w = words[n - 1] ?? ''
  const w1 = words[n - 2] ?? ''
  if (w === 'against' || w === 'versus' || w === 'vs' || w === 'than' || w === 'above' || w === 'below' || (w === 'in' && w1 === 'than')) return 'strict'
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
  // The year of the sentence before, only if that sentence speaks of trade ("In 1998 a pipeline opened" is no context).
  if (previous === undefined || (previous.flows.length === 0 && previous.commodities.length === 0)) return undefined
  const earlier = previous.years.filter((y) => y.base === 'none')
  const distinct = new Set(earlier.map((y) => y.year))
  return distinct.size === 1 ? earlier[earlier.length - 1] : undefined
}

/**
 * The flow word a figure is about: the nearest one before it in its sentence (the subject and
 * verb come first: "Coal imports climbed to 1.2 Mt as power demand surged"), else the nearest after.
 */
function flowWordOf(words: readonly FlowWord[], f: FoundFigure): FlowWord | undefined {
  // "the 500,000-bpd production cut": a flow word glued to a hyphenated amount is its own.
  const glued = words.find((w) => w.start > f.end && w.start <= f.end + 1)
  if (glued !== undefined) return glued
  const before = words.filter((w) => w.start < f.numberStart)
  return before[before.length - 1] ?? words.find((w) => w.start >= f.numberStart)
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
