/**
 * Reads, for each figure, what its sentence says it is about: the year (and sub-year period),
 * the countries and the direction of trade, the commodity, and whether it is a level, a change
 * against an earlier period, or a share of something. Rules, not a model: each one is small,
 * named, and tested against the labelled corpus in fixtures/figures-corpus/.
 */
import { findCommodityMentions, inInstitutionName, type CommodityMention } from './commodity-lexicon.ts'
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
/** A figure that gets countries, flow and commodity: a trade kind, or a count of goods ("274,520 vehicles", "33,535 units to Canada"). */
function isTradeFigure(f: { readonly kind: FigureKind; readonly goods?: boolean }): boolean {
  return TRADE_KINDS.has(f.kind) || (f.kind === 'count' && f.goods === true)
}

const INCREASE = 'increase[ds]?|increasing|rise|rises|rising|rose|risen|grow|grows|grew|grown|growing|growth|gain(?:s|ed|ing)?|jump(?:s|ed|ing)?|surg(?:e|es|ed|ing)|soar(?:s|ed|ing)?|climb(?:s|ed|ing)?|up|higher|expand(?:s|ed|ing)?|expansion|boost(?:s|ed|ing)?|advance[ds]?|advancing|increment|widen(?:s|ed|ing)?|rais(?:e|es|ed|ing)|lift(?:s|ed|ing)?'
const DECREASE = 'decrease[ds]?|decreasing|decline[ds]?|declining|drop(?:s|ped|ping)?|fall|falls|fell|fallen|falling|down|lower|plung(?:e|es|ed|ing)|slump(?:s|ed|ing)?|shr[iau]nk(?:s|ing)?|contract(?:s|ed|ion)|reduc(?:e|ed|es|tion|ing)|cut(?:s|ting)?|dip(?:s|ped|ping)?|slid|slide|slip(?:s|ped|ping)?|eas(?:e|es|ed|ing)|edg(?:e|es|ed|ing)\\s+down|tumble[ds]?|tumbling|sank|sink(?:s|ing)?|los(?:e|es|t|ing)|shed|shedding|narrow(?:s|ed|ing)?'
/** Words that may stand between a change word and the figure: "rose by an impressive 5%". */
const SOFT = new Set([
  'a', 'an', 'further', 'another', 'additional', 'impressive', 'significant', 'sharp', 'massive', 'modest', 'slight', 'substantial',
  'whopping', 'record', 'staggering', 'estimated', 'healthy', 'robust', 'strong', 'marked', 'dramatic', 'steep', 'solid', 'only', 'just',
])
/** Degree words before a soft adjective ("a more modest 4%") and comparatives they make ("a much smaller 2%"). */
const DEGREE = new Set(['more', 'much', 'far', 'less', 'somewhat', 'rather', 'relatively', 'very'])
const SOFT_COMPARATIVES = new Set(['smaller', 'larger', 'bigger', 'slower', 'faster', 'weaker', 'stronger', 'steeper', 'milder'])
const CHANGE_WORD_RE = new RegExp(`^(?:${INCREASE}|${DECREASE})$`, 'i')
const SHARE_VERBS = new Set(['covers', 'cover', 'covered', 'covering', 'supplies', 'supplied', 'supply', 'provides', 'provide', 'provided', 'meets', 'met', 'represents', 'represented', 'comprises', 'comprised'])
const STATE_VERBS = new Set(['was', 'is', 'were', 'are', 'at', 'reached', 'hit', 'to', 'of', 'stood', 'amounted', 'totalled', 'totaled'])
/** "33.8% increase", "5% higher", "12-percent rise", "5% year-on-year". */
const CHANGE_AFTER_RE = new RegExp(`^\\s*(?:(?:year-on-year|year-over-year|y/y|yoy|annual|on-year)\\s+)?(${INCREASE}|${DECREASE})(?![\\p{L}])`, 'iu')
/** "28% more than in 2022", "5% lower than a year earlier", "18.6% below a year earlier", "9% above last year": a change against what follows. */
const COMPARATIVE_AFTER_RE = /^\s*(?:,\s*or\s+(?:[^,;()]|,(?=\d{3}))+?,\s*)?([Mm]ore|[Hh]igher|[Gg]reater|[Aa]bove|[Ll]arger|[Bb]igger|[Ll]ess|[Ll]ower|[Bb]elow|[Uu]nder|[Ss]maller|[Ff]ewer)(?:\s+(?:(?:that|those)\s+of\s+)?(?:than(?![\p{L}])|(?:a|one)\s+(?:year|month|quarter|week)\s+(?:earlier|before|ago)(?![\p{L}])|last\s+(?:year|month|season|campaign|quarter|week)(?![\p{L}])|(?:the\s+)?(?:[Ss]ame|[Pp]revious|prior|year-earlier|year-ago|corresponding)\s|(?:January|February|March|April|May|June|July|August|September|October|November|December|(?:in\s+)?(?:19|20)\d\d)(?![\p{L}\p{N}])|at\s+(?:about\s+|around\s+|nearly\s+|almost\s+|some\s+)?(?:US)?[$€£]?\s?\d|(?:the\s+)?(?:US)?[$€£]?\s?\d|(?:the\s+)?(?:(?:first|second|third|fourth|previous|prior|last)\s+)?(?:quarter|half|month|year|week)(?![\p{L}])|(?:the\s+|its\s+|their\s+)?(?:(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+)?(?:(?:19|20)\d\d\s+)?(?:[\p{L}-]+\s+)?(?:high|low|peak|record|level|average|baseline)(?![\p{L}]))|\s*(?=[.,;)]|$))/u
/** "2.75 per cent short of August 2019", "5% shy of the 2021 level": below the base named after it (a decrease). */
const SHORT_OF_AFTER_RE = /^\s*(short|shy)\s+of\s+(?:the\s+|its\s+|their\s+|a\s+)?(?:(?:US)?[$€£]?\s?\d|(?:January|February|March|April|May|June|July|August|September|October|November|December)(?![\p{L}])|(?:same|previous|prior|year-earlier|year-ago|corresponding|last|record|level|average|target)(?![\p{L}]))/u
const YOY_AFTER_RE = /^\s*(?:year-on-year|year-over-year|y\/y|yoy|on the year|on an annual basis|annually)(?![\p{L}])/iu
/** "month-on-month", "a month earlier": the base is the month before, in the same year unless the figure is January's. */
const MONTH_ON_MONTH_RE = /month-on-month|month-over-month|\bm-o-m\b|\bm\/m\b|(?:from|than)\s+the\s+previous\s+month|a\s+month\s+(?:earlier|before|ago)|on\s+the\s+month/iu
const INCREASE_WORD_RE = new RegExp(`^(?:${INCREASE})$`, 'i')
/** Verbs of change (not the adverbs "up", "higher" or nouns "growth"): "grew $23.2 billion" is a change. */
const CHANGE_VERB_RE = /^(?:increased|rose|risen|grew|grown|gained|jumped|surged|soared|climbed|expanded|advanced|widened|decreased|declined|dropped|fell|fallen|plunged|slumped|shrank|shrunk|contracted|dipped|slid|slipped|eased|tumbled|sank|lost|shed|narrowed)$/
const SUPPLY_VERBS = new Set(['supply', 'supplies', 'supplied', 'sold', 'sell', 'sells', 'shipped', 'deliver', 'delivers', 'delivered', 'provides', 'provided', 'provide'])

/** "40% of Israel's oil needs": what a percent is a share of, up to the end of the phrase. */
const SHARE_OF_RE = /^\s+of\s+((?:the\s+)?[^,.;:()—–"“”]+?)(?=\s*(?:[,.;:()—–"“”]|$)|\s+(?:with|through|via|in|during|for|from|since|while|which|that|and|according|as|by|compared|against|last|this|next|was|were|is|are|has|have|had)(?![\p{L}]))/u
const SHARE_OF_EXPORTS_RE = /(?<![\p{L}])(?:exports?|exported|sales|sold|shipments|shipped|supplies|deliveries|production|output)(?![\p{L}])/iu
const SHARE_OF_IMPORTS_RE = /(?<![\p{L}])(?:imports?|imported|needs|demand|consumption|purchases|purchased|bought|market|requirements)(?![\p{L}])/iu
/** A whole that is one trade: "the kingdom's oil exports", "all the crude shipped", "the wheat it bought". */
const WHOLE_EXPORTS_RE = /(?<![\p{L}])(?:exports|exported|shipments|shipped|sales|sold)(?![\p{L}])/iu
const WHOLE_IMPORTS_RE = /(?<![\p{L}])(?:imports|imported|bought|purchased|purchases)(?![\p{L}])/iu
const SHARE_WORD_AFTER_RE = /^\s+(?:share|stake|market\s+share)(?![\p{L}])/iu

const PREVIOUS_YEAR_RE = /previous\s+year|prior\s+year|preceding\s+year|year\s+earlier|year\s+before|(?:twelve|12)\s+months\s+(?:before|earlier|ago)|(?:last|previous)\s+fiscal|a\s+year\s+ago|year-on-year|year-over-year|\by\/y\b|\byoy\b|last\s+year|on\s+the\s+year|on\s+an\s+annual\s+basis|annual(?:ly)?\b/iu

const EXPORT_WORDS = 'export(?:s|ed|ing|er|ers)?|sales(?=\\s+(?:of\\s+)?(?:[\\p{L}-]+\\s+){0,5}?abroad(?![\\p{L}]))|shipped(?!\\s+in\\b)|shipments?|shipping|suppl(?:y|ies|ied|ier|iers|ying)|sold|sells?|selling|overseas\\s+sales|foreign\\s+sales|(?:crude(?:\\s+oil)?|oil|gas|LNG|coal|copper|grain|wheat)\\s+sales|deliver(?:s|ed|ies|y|ing)|sent|sends|outbound|outflows?|earn(?:s|ed|ing|ings)?(?=[^.;]{0,60}?\\sfrom\\s+(?:its\\s+|their\\s+)?(?:crude|oil|gas|LNG|coal|copper|gold|cocoa|coffee|wheat|grain|soybeans?|iron\\s+ore|exports?|sales)(?![\\p{L}]))'
// "brought in over 91 million USD more": a money amount with its currency written after is
// earnings, not goods brought in, as "brought in $91 million" is (issue 10, twenty-fourth round).
const IMPORT_WORDS = 'import(?:s|ed|ing|er|ers)?|bought|buys?|buying|buyers?|purchas(?:e|es|ed|ing)|procured?|received|receives|receiving|shipped\\s+in|(?:brought|brings|bringing|took|takes|taken)\\s+in(?!\\s+(?:about\\s+|some\\s+|nearly\\s+|almost\\s+|around\\s+|over\\s+)?(?:[$€£¥₹]|\\d[\\d.,]*\\s*(?:million\\s+|billion\\s+|thousand\\s+|mln\\s+|bn\\s+)?(?:USD|US\\s+dollars|dollars|euros|EUR|birr|rupees|yuan)(?![A-Za-z]))|\\s+(?:revenues?|earnings|income|receipts))|arrivals|inbound|inflows?|intake'
const PRODUCTION_WORDS = '(?<!(?:fresh|farm|agricultural|horticultural|garden)\\s+)produc(?:e|es|ed|ing|tion|er|ers)|output|harvest(?:s|ed)?|crops?|mined|extract(?:ed|ion)|pump(?:s|ed|ing)|exploitation|throughput|crush(?:ed)?|generat(?:ed|ion)'
const CONSUMPTION_WORDS = 'consum(?:e|es|ed|ing|ption)|demand|domestic\\s+sales|local\\s+sales|(?:home|domestic|local)\\s+market|burn(?:s|ed|ing)?'
const TRANSIT_WORDS = 'transit(?:ed)?|transshipment|transhipment|re-?exports?'
const STOCK_WORDS = 'stocks?|stockpiles?|inventor(?:y|ies)|reserves|storage'
const FLOW_WORD_RE = new RegExp(
  `(?<![\\p{L}-])(?:(${TRANSIT_WORDS})|(${EXPORT_WORDS})|(${IMPORT_WORDS})|(${PRODUCTION_WORDS})|(${CONSUMPTION_WORDS})|(${STOCK_WORDS}))(?![\\p{L}])`,
  'giu',
)
const FLOW_OF_GROUP: readonly FigureFlow[] = ['transit', 'X', 'M', 'production', 'consumption', 'stocks']
/** "exports from the new harvest", "shipments of this year's crop", "sales out of stocks": a trade noun, then where its goods come from. */
const TRADE_NOUN_OF_SOURCE_RE = new RegExp(`(?<![\\p{L}])(?:${EXPORT_WORDS}|${IMPORT_WORDS})\\s+(?:of|from|out\\s+of)\\s+(?:the\\s+|its\\s+|their\\s+|(?:this|last|next)\\s+(?:year|season)['’]s\\s+)?(?:[\\p{L}-]+\\s+){0,2}?$`, 'iu')

/** A production or stock word that only says where traded goods come from: the trade noun before it is the flow. */
function isSourceOfTrade(text: string, m: RegExpMatchArray): boolean {
  if (m[4] === undefined && m[6] === undefined) return false
  const at = m.index ?? 0
  return TRADE_NOUN_OF_SOURCE_RE.test(text.slice(Math.max(0, at - 60), at))
}
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
  /** "last week", "the previous week": the week before the article's date. */
  readonly lastWeek: boolean
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
  /** The year came from "last year" / "this year" (the article's date), not from a year written out. */
  yearRelative?: boolean
  /** The last part of a year some figure was of ("the first nine months of 2025"): its year and months. */
  span?: { readonly year: number; readonly from: number; readonly to: number }
  /** The last trade (exports or imports) and its reporter: a production sentence in between does not end them. */
  trade?: { readonly flow: 'X' | 'M'; readonly reporter: string }
  /** The partner list of the last trade figure ("sales of gas to Brazil and Argentina"): the next sentence's figures are of the same list. */
  listPartners?: readonly string[]
  /** The partners of the last sentence that named any, in order ("the two buyers" are its last two). */
  partners?: readonly string[]
  /** The last share that is no base: "a year earlier its share was 80%" is its base. */
  share?: LinkedFigure
  /** Reporters of the figures read so far: a country the article has given figures of, not only named. */
  figureReporters?: Set<string>
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
  const commodities = bucket(sentences, resolveGroupAnaphora(text, findCommodityMentions(text)))
  const flows = bucket(
    sentences,
    [...text.matchAll(FLOW_WORD_RE)]
      .filter((m) => !isSourceOfTrade(text, m))
      .map((m): FlowWord => ({ start: m.index, flow: whoseRoleFlow(text, m.index) ?? FLOW_OF_GROUP[m.slice(1).findIndex((g) => g !== undefined)] ?? 'X' }))
      .concat(rankedMarketFlows(text))
      .sort((a, b) => a.start - b.start),
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
    const mains: LinkedFigure[] = []
    for (const j of members.get(i) ?? []) {
      const f = figures[j]
      if (f === undefined || f.kind === 'date' || f.kind === 'year') continue
      const own = withParallelBaseYear(linkOne(text, f, here, previous, main, mains), linked)
      const inherited = isTradeFigure(f) || f.kind === 'price' ? inherit(text, own, here, ctx, published) : own
      const l = shareAfterRank(text, f, linked, whoseClause(text, here, sideOfRank(f.kind === 'percent' ? suppliedShare(text, here, thatShare(text, here, bracketedShare(text, cameFromShare(text, here, yearEarlierShare(text, takenShare(text, inherited, linked), here, ctx)), linked), linked, ctx), ctx) : inherited, linked, ctx), ctx))
      if (l.measure === 'share' && l.base !== true) ctx.share = l
      out[j] = l
      linked.push(l)
      if (l.reporter !== undefined) (ctx.figureReporters ??= new Set()).add(l.reporter)
      if (l.base !== true) {
        main = l
        mains.push(l)
      }
    }
    if (!captions.has(here.sentence.paragraph)) {
      updateContext(text, ctx, here, linked)
      // "1.91 Mt in the first nine months of 2025": a figure's own part of a year, kept until a later year is named.
      for (const l of linked) {
        const span = l.base === true || !isTradeFigure(l) ? null : /^(\d{4})-(\d{2})\/(\d{4})-(\d{2})$/u.exec(l.linkedPeriod ?? '')
        if (span !== null && span[1] === span[3] && Number(span[4]) > Number(span[2])) ctx.span = { year: Number(span[1]), from: Number(span[2]), to: Number(span[4]) }
      }
      if (ctx.span !== undefined && ctx.year !== undefined && ctx.year > ctx.span.year) ctx.span = undefined
      if (linked.length === 0) datedByMonth(text, ctx, here, published)
      const partners = [...new Set(linked.flatMap((l) => (l.base === true ? [] : l.partners ?? (l.partner === undefined ? [] : [l.partner]))))]
      if (partners.length > 0) ctx.partners = partners
    }
  }
  titleYear(out, sentences, bySentence)
  titleRepeats(out, sentences, bySentence)
  if (sentences[1]?.paragraph !== sentences[0]?.paragraph) titleSuppliedShare(text, factsOf(0), out, bySentence)
  const allCountries = [...countries.values()].flat()
  return bracketedConversions(text, readAmbiguousCurrencies(text, pairRespectivelyWithNames(text, pairRespectively(text, listedWith(text, bracketPartners(text, linkRanges(out)), allCountries)), allCountries), allCountries))
}

/**
 * "rose 7.3%, or 48 million NZ dollars (35.52 million US dollars), on January 2016": an amount
 * alone in brackets right after one in another currency is that amount converted, so it is the
 * same figure: the same measure, direction, date, sides and qualifier (issue 10, twenty-third
 * round).
 */
function bracketedConversions(text: string, figures: LinkedFigure[]): LinkedFigure[] {
  return figures.map((f, j) => {
    if (f.kind !== 'money' || !/^\s*\)/u.test(text.slice(f.afterEnd ?? f.end))) return f
    const g = figures.slice(0, j).reverse().find((m) => m.end <= f.start && m.kind !== 'date' && m.kind !== 'year')
    if (g === undefined || g.kind !== 'money' || g.unit === f.unit || !/^\s*\(\s*$/u.test(text.slice(g.afterEnd ?? g.end, f.start))) return f
    const out: { -readonly [K in keyof LinkedFigure]: LinkedFigure[K] } = { ...f }
    for (const k of ['measure', 'changeDirection', 'base', 'year', 'linkedPeriod', 'reporter', 'partner', 'partners', 'flow', 'changeFrom'] as const) {
      if (g[k] === undefined) delete out[k]
      else (out as Record<string, unknown>)[k] = g[k]
    }
    if (f.qualifier === undefined && g.qualifier !== undefined) out.qualifier = g.qualifier
    return out
  })
}

/**
 * "followed by Iraq with", ", the United Arab Emirates with more than", "then China with", "ahead
 * of China with" (issue 10, twenty-first round): a list item's name and "with" before its amount.
 */
const LIST_ITEM_WITH_RE = /(?:followed\s+by|then|ahead\s+of|,|and)\s+(?:the\s+)?$/u
/**
 * "China was the biggest buyer, taking $4.6 billion, followed by Iraq with $2.9 billion, the UAE
 * with more than $2.0 billion and Turkey with $1.8 billion": the items of a list of names "with"
 * amounts continue the trade of the list's first amount, each with its own partner (issue 10,
 * seventeenth round).
 */
function listedWith(text: string, figures: LinkedFigure[], countries: readonly CountryMention[]): LinkedFigure[] {
  const out = figures.slice()
  out.forEach((f, j) => {
    if ((f.kind !== 'money' && f.kind !== 'mass' && f.kind !== 'volume') || f.base === true || f.partners !== undefined) return
    const c = [...countries].reverse().find((m) => m.end <= f.start && m.form === 'name' && /^\s+with\s+(?:(?:more\s+than|over|about|around|nearly|almost|some|just\s+over|less\s+than)\s+)?(?:US|A|C)?[$€£]?\s?$/u.test(text.slice(m.end, f.start)))
    if (c === undefined || !LIST_ITEM_WITH_RE.test(text.slice(Math.max(0, c.start - 16), c.start))) return
    const first = out.slice(0, j).reverse().find((g) => g.kind === f.kind && g.base !== true && g.end <= c.start)
    if (first === undefined || first.reporter === undefined || first.partner === undefined || (first.flow !== 'X' && first.flow !== 'M') || /[.;!?]\s/u.test(text.slice(first.end, f.start)) || first.reporter === c.iso3) return
    out[j] = { ...f, reporter: first.reporter, flow: first.flow, partner: c.iso3 }
  })
  return out
}

/**
 * "mainly from Indonesia (1.54 million mt, up 28%), China (1.32 million mt, up 242%)": a change
 * inside the brackets of a name's amount is that amount's change, with its partner (issue 10,
 * seventeenth round).
 */
function bracketPartners(text: string, out: LinkedFigure[]): LinkedFigure[] {
  return out.map((f, j) => {
    if (f.kind !== 'percent' || f.measure !== 'change' || f.base === true || f.partners !== undefined) return f
    const open = text.lastIndexOf('(', f.start)
    if (open < 0 || text.slice(open, f.start).includes(')') || /[.!?]\s/u.test(text.slice(open, f.start))) return f
    const amount = out.slice(0, j).reverse().find((g) => g.start > open && g.end <= f.start)
    if (amount === undefined || !isTradeFigure(amount) || amount.kind === 'percent' || amount.base === true || amount.partner === undefined || amount.partner === f.partner) return f
    if (amount.reporter !== f.reporter || amount.flow !== f.flow || !/^\s*,\s*(?:[\p{L}-]+\s+){0,3}$/u.test(text.slice(amount.afterEnd ?? amount.end, f.start))) return f
    return { ...f, partner: amount.partner }
  })
}

/**
 * "imports of the cooking oil rose 89.6%" after "sunflower oil", "export earnings from the grain"
 * in an article on rice: a group of goods named with "the" after one of its members stands for
 * that member (the latest named before it).
 */
function resolveGroupAnaphora(text: string, mentions: readonly CommodityMention[]): CommodityMention[] {
  return mentions.map((m, i) => {
    const group = m.commodity.hsCode
    if (group.length !== 2 || !/(?<![\p{L}])the\s+$/iu.test(text.slice(Math.max(0, m.start - 5), m.start))) return m
    const member = mentions.slice(0, i).reverse().find((e) => e.commodity.hsCode.length > 2 && e.commodity.hsCode.startsWith(group))
    return member === undefined ? m : { ...m, commodity: member.commodity }
  })
}

/**
 * "Chile's copper sales to Japan nearly double" over a lede with its period: a change in a title
 * paragraph of one sentence that names no year is about the first dated trade figure after it with
 * the same reporter (no base), and takes its year and period.
 */
function titleYear(out: LinkedFigure[], sentences: readonly Sentence[], bySentence: readonly (number | undefined)[]): void {
  const first = sentences[0]
  if (first === undefined || sentences[1]?.paragraph === first.paragraph) return
  const inTitle = out.filter((_, j) => bySentence[j] === 0)
  if (inTitle.some((f) => f.kind === 'year' || f.kind === 'date' || f.year !== undefined)) return
  for (const [j, f] of out.entries()) {
    if (bySentence[j] !== 0 || !isTradeFigure(f) || f.measure !== 'change' || f.reporter === undefined) continue
    const lead = out.find((g, k) => (bySentence[k] ?? 0) > 0 && isTradeFigure(g) && g.base !== true && g.year !== undefined && g.reporter === f.reporter)
    if (lead?.year === undefined) continue
    out[j] = { ...f, year: lead.year, ...(lead.linkedPeriod === undefined ? {} : { linkedPeriod: lead.linkedPeriod }) }
  }
}

/**
 * "Ghana's cocoa paste exports slip to $442 million" over "Ghana sold $442 million worth ... in
 * 2019": a title amount the body repeats (same kind and value) is that figure, and takes the
 * links the title leaves open from it.
 */
function titleRepeats(out: LinkedFigure[], sentences: readonly Sentence[], bySentence: readonly (number | undefined)[]): void {
  const first = sentences[0]
  if (first === undefined || sentences[1]?.paragraph === first.paragraph) return
  for (const [j, f] of out.entries()) {
    if (bySentence[j] !== 0 || !isTradeFigure(f) || f.kind === 'percent' || f.kind === 'rank') continue
    // "Iran's non-oil trade reaches $35.4 billion in four months" over "$35.445 billion": a
    // title's rounding of a body amount is that amount too (issue 10, seventeenth round).
    const body = out.find((g, k) => (bySentence[k] ?? 0) > 0 && g.kind === f.kind && g.valueExact === f.valueExact && g.unit === f.unit && g.base !== true) ??
      out.find((g, k) => (bySentence[k] ?? 0) > 0 && g.kind === f.kind && g.unit === f.unit && g.base !== true && roundsTo(g.valueExact, f.valueExact))
    if (body === undefined) continue
    const filled: { -readonly [K in keyof LinkedFigure]: LinkedFigure[K] } = { ...f }
    if (f.year === undefined && body.year !== undefined) {
      filled.year = body.year
      if (body.linkedPeriod !== undefined) filled.linkedPeriod = body.linkedPeriod
    }
    if (f.reporter === undefined && body.reporter !== undefined) filled.reporter = body.reporter
    if (f.flow === undefined && body.flow !== undefined) filled.flow = body.flow
    if (f.partner === undefined && f.partners === undefined && body.partner !== undefined && (f.reporter === undefined || f.reporter === body.reporter)) filled.partner = body.partner
    out[j] = filled
  }
}

/** Whether `title` is `body` written with fewer significant digits ("35.4" billion for "35.445" billion). */
function roundsTo(body: string, title: string): boolean {
  const b = Number(body)
  const t = Number(title)
  if (!(t > 0) || !(b > 0) || b === t) return false
  const digits = (v: string): number => v.replace(/^[-0.]+|\.|0+$/gu, '').length
  const kept = digits(title)
  if (kept >= digits(body) || kept < 2) return false
  const scale = 10 ** (Math.floor(Math.log10(b)) - kept + 1)
  return Math.abs(Math.round(b / scale) * scale - t) < scale / 1000
}

/**
 * "Portugal was the second-largest supplier with 21%": a percent right after a rank among one
 * side's suppliers (or buyers), joined by "with", "at" or "taking", is that side's share of the same trade.
 */
function shareAfterRank(text: string, f: FoundFigure, linked: readonly LinkedFigure[], l: LinkedFigure): LinkedFigure {
  const rank = linked[linked.length - 1]
  // "Brazil became the largest supplier to China, pushing Australia into second place": a place
  // with no role noun after a rank in the same sentence is a place in that ranking.
  if (f.kind === 'rank' && !ROLE_NOUN_RE.test(text.slice(f.start, f.end))) {
    const ranking = [...linked].reverse().find((r) => r.kind === 'rank' && r.reporter !== undefined && (r.flow === 'X' || r.flow === 'M'))
    if (ranking?.reporter !== undefined && l.partner !== undefined && l.partner !== ranking.reporter && (l.reporter !== ranking.reporter || l.flow !== ranking.flow)) return { ...l, reporter: ranking.reporter, flow: ranking.flow }
    return l
  }
  if (rank === undefined || rank.kind !== 'rank' || rank.reporter === undefined || rank.partner === undefined || (rank.flow !== 'X' && rank.flow !== 'M')) return l
  // "..., taking 41.7%", "..., accounting for a fifth": a participle of holding a part joins them too.
  // "China was the biggest buyer of Iranian goods, taking $4.6 billion": the rank's goods may come between.
  if (!/^(?:\s+(?:of|for)\s+(?:[\p{L}-]+\s+){0,3}?[\p{L}-]+)?\s*,?\s*(?:with|at|taking|accounting\s+for|making\s+up|holding|capturing|absorbing|with\s+a\s+share\s+of)\s+(?:(?:about|some|nearly|almost|around|over|roughly|just)\s+)?(?:US|A|C)?[$€£]?\s?$/u.test(text.slice(rank.end, f.start))) return l
  if (f.kind !== 'percent') {
    // "Egypt took second place with 17,300 tonnes": an amount joined to a rank by "with" is the
    // ranked country's trade, as the rank reads it.
    if (!isTradeFigure(f) || f.kind === 'rank' || l.base === true || l.measure !== 'level' || l.partners !== undefined) return l
    return { ...l, reporter: rank.reporter, partner: rank.partner, flow: rank.flow }
  }
  const { partners: _partners, changeDirection: _direction, changeFrom: _from, ...rest } = l
  return { ...rest, measure: 'share', reporter: rank.reporter, partner: rank.partner, flow: rank.flow }
}

/**
 * "..., after India, whose ban on exports took some 10 Mt off the market": a figure in a relative
 * clause opened by "whose" after a country is that country's (its flow kept), whatever the country
 * was named for (a landmark a rank is measured against, a partner).
 */
function whoseClause(text: string, here: SentenceFacts, l: LinkedFigure, ctx: DocContext): LinkedFigure {
  if (!isTradeFigure(l) || l.kind === 'rank') return l
  const owner = here.countries.filter((c) => c.form === 'name' && c.end <= l.start && /^\s*,\s*whose\s/u.test(text.slice(c.end, c.end + 10)) && !/[;,]/u.test(text.slice(c.end + text.slice(c.end).indexOf('whose'), l.start)))
  const c = owner[owner.length - 1]
  if (c === undefined || here.countries.some((x) => x.start > c.end && x.end <= l.start)) return l
  // "Argentina, whose shipments rose by 40% to $35 million, came second" in an article on Peru's
  // imports: the clause names the country's trade, which is its trade with the article's
  // country, read from the article's side.
  const trade = ctx.trade
  if (l.base !== true && trade !== undefined && trade.reporter !== c.iso3 && /^\s*,\s*whose\s+(?:[\p{Ll}-]+\s+)?(?:exports?|imports?|shipments|sales|deliveries|supplies|purchases|cargoes)\s/u.test(text.slice(c.end, l.start))) {
    const { partners: _partners, ...rest } = l
    return { ...rest, reporter: trade.reporter, flow: trade.flow, partner: c.iso3 }
  }
  if (c.iso3 === l.reporter) return l
  const { partner, ...rest } = l
  return partner === undefined || partner === c.iso3 ? { ...rest, reporter: c.iso3 } : { ...rest, partner, reporter: c.iso3 }
}

/**
 * "Vietnam was the largest importer of Argentine corn, taking 6 Mt": the amounts after a rank among
 * a country's buyers (or suppliers), read the other way round (Vietnam's imports from Argentina),
 * are of the ranked side (Argentina's exports to Vietnam), unless the article already has a side.
 */
function sideOfRank(l: LinkedFigure, linked: readonly LinkedFigure[], ctx: DocContext): LinkedFigure {
  if (!isTradeFigure(l) || l.kind === 'rank' || l.base === true || l.measure === 'share') return l
  const rank = linked.find((r) => r.kind === 'rank' && r.reporter !== undefined && r.partner !== undefined && (r.flow === 'X' || r.flow === 'M'))
  if (rank === undefined || l.reporter !== rank.partner || l.partner !== rank.reporter || l.flow === undefined || l.flow === rank.flow) return l
  if (ctx.trade !== undefined && (ctx.trade.reporter !== rank.reporter || ctx.trade.flow !== rank.flow)) return l
  return { ...l, reporter: rank.reporter, partner: rank.partner, flow: rank.flow }
}

/**
 * "18-19% of Israel's oil needs", "rose 18-19% in 2023": both amounts of a range are about the
 * same thing. The words before the range say whether it is a change (read on the first), those
 * after what it is a share of (read on the second); each takes what the other has.
 */
function linkRanges(figures: LinkedFigure[]): LinkedFigure[] {
  const out: LinkedFigure[] = figures.slice()
  figures.forEach((f, j) => {
    const second = figures[j + 1]
    if (f.afterEnd === undefined || second === undefined || second.end !== f.afterEnd || second.kind !== f.kind) return
    const first: { -readonly [K in keyof LinkedFigure]: LinkedFigure[K] } = { ...f }
    const last: { -readonly [K in keyof LinkedFigure]: LinkedFigure[K] } = { ...second }
    for (const k of RANGE_LINKS) {
      if (first[k] === undefined && last[k] !== undefined) (first as Record<string, unknown>)[k] = last[k]
      else if (last[k] === undefined && first[k] !== undefined) (last as Record<string, unknown>)[k] = first[k]
    }
    const measure = f.measure === 'change' ? 'change' : second.measure
    if (measure !== undefined) {
      first.measure = measure
      last.measure = measure
    }
    out[j] = first
    out[j + 1] = last
  })
  return out
}
/**
 * "Iraq and Egypt sent 90,000 bpd and 60,000 bpd to Germany respectively": amounts of one kind
 * that share a list of partners, as many as the list and followed by "respectively", take its
 * partners in order.
 */
function pairRespectively(text: string, figures: LinkedFigure[]): LinkedFigure[] {
  const out = figures.slice()
  for (let j = 0; j < out.length; j++) {
    const f = out[j]
    const list = f?.partners
    if (f === undefined || list === undefined || list.length < 2) continue
    // "rose by 14.6pc to 714,236t, by 59.9pc to 357,470t and by 22.9pc to 327,196t, respectively":
    // a change and the amount it leads to, per name, pair as one item (issue 10, eighteenth round).
    const paired = (k: number): boolean => {
      const group = out.slice(j, j + list.length * k)
      if (group.length !== list.length * k || group.some((g, i) => g.kind !== out[j + (i % k)]?.kind || g.partners?.join() !== list.join())) return false
      if (k === 2 && (f.kind === group[1]?.kind || group.some((g, i) => i % 2 === 1 && !/^\s+to\s+$/u.test(text.slice(group[i - 1]?.afterEnd ?? group[i - 1]?.end ?? 0, g.start))))) return false
      const last = group[group.length - 1]
      if (last === undefined || !/^[^.;!?]{0,60}?(?<![\p{L}])respectively(?![\p{L}])/u.test(text.slice(last.afterEnd ?? last.end))) return false
      if (/[.;!?]\s/.test(text.slice(f.end, last.start))) return false
      group.forEach((g, i) => {
        const { partners: _, ...rest } = g
        out[j + i] = { ...rest, partner: list[Math.floor(i / k)] ?? '' }
      })
      j += list.length * k - 1
      return true
    }
    if (!paired(1)) paired(2)
  }
  return out
}

/** Only commas and "and" between two names of a list: "Italy and France", "Peru, Chile and". */
const LIST_JOINER_RE = /^\s*(?:,\s*(?:and\s+)?|and\s+)(?:the\s+)?$/u
/**
 * "Italy and France came next, with 57,000 tons and 20,000 tons respectively" in an article on
 * Turkey's exports: amounts of one kind followed by "respectively" pair, in order, with the list
 * of as many countries named together before the first of them in the sentence (not the
 * reporter, nor a country outside the list such as the "after Germany" they are measured
 * against).
 */
function pairRespectivelyWithNames(text: string, figures: LinkedFigure[], countries: readonly CountryMention[]): LinkedFigure[] {
  const out = figures.slice()
  for (let j = 0; j < out.length; j++) {
    const f = out[j]
    if (f === undefined || f.partners !== undefined) continue
    let n = 1
    while (out[j + n]?.kind === f.kind && !/[.;!?]\s/.test(text.slice(f.end, out[j + n]?.start))) n++
    const last = out[j + n - 1]
    if (n < 2 || last === undefined) continue
    const respectively = /^[^.;!?\d]{0,40}?(?<![\p{L}])respectively(?![\p{L}])/u.test(text.slice(last.afterEnd ?? last.end))
    // "Canada and China followed with $405 million and $112 million": without "respectively", the
    // list must stand right before "followed with" and the amounts be joined only by commas and
    // "and" (issue 10, twenty-second round).
    const followed = !respectively && FOLLOWED_WITH_END_RE.test(text.slice(Math.max(0, f.start - 40), f.start)) &&
      out.slice(j + 1, j + n).every((g, i) => LIST_JOINER_RE.test(text.slice(out[j + i]?.afterEnd ?? out[j + i]?.end ?? 0, g.start)))
    if (!respectively && !followed) continue
    const sentenceStart = Math.max(text.lastIndexOf('. ', f.start), text.lastIndexOf('\n', f.start)) + 1
    const before = countries.filter((c) => c.form === 'name' && c.start >= sentenceStart && c.end <= f.start)
    const list = coordinatedList(text, before, n)
    if (list === undefined || list.some((c) => c === f.reporter)) continue
    if (followed && !FOLLOWED_WITH_BEFORE_RE.test(text.slice(before.filter((c) => list.includes(c.iso3)).at(-1)?.end ?? 0, f.start))) continue
    for (let i = 0; i < n; i++) {
      const g = out[j + i]
      if (g !== undefined) out[j + i] = { ...g, partner: list[i] ?? '' }
    }
    j += n - 1
  }
  return out
}

/** "followed with", "came next, with", "were next at": the verb between a list of names and its amounts. */
const FOLLOWED_WITH_BEFORE_RE = /^\s*(?:,\s*)?(?:followed|came\s+next|were\s+next|came\s+after|trailed)\s*,?\s+(?:with|at|on)\s+(?:(?:about|around|some|nearly|almost)\s+)?$/u
const FOLLOWED_WITH_END_RE = new RegExp(`(?<![\\p{L}])${FOLLOWED_WITH_BEFORE_RE.source.slice('^\\s*(?:,\\s*)?'.length)}`, 'u')

/** The first run of exactly n names joined by commas and "and" among mentions (in order), as codes. */
function coordinatedList(text: string, mentions: readonly CountryMention[], n: number): string[] | undefined {
  for (let a = 0; a < mentions.length; a++) {
    let b = a
    while (b + 1 < mentions.length && LIST_JOINER_RE.test(text.slice(mentions[b]?.end ?? 0, mentions[b + 1]?.start ?? 0))) b++
    if (b - a + 1 === n) return mentions.slice(a, b + 1).map((c) => c.iso3)
    a = b
  }
  return undefined
}

const RANGE_LINKS = ['year', 'linkedPeriod', 'reporter', 'partner', 'partners', 'flow', 'commodity', 'hsCode', 'changeFrom', 'changeDirection', 'shareOf', 'shareOfCountry'] as const

/** Rupee spellings by country: "Rs" alone is read as the Indian rupee unless the article is another country's. */
const RUPEE_OF: Readonly<Record<string, string>> = { PAK: 'PKR', LKA: 'LKR', NPL: 'NPR', MUS: 'MUR', SYC: 'SCR' }

/** National statistics offices of dollar countries: their releases give bare "$" amounts in their own dollar. */
const STATISTICS_OFFICE_DOLLARS: readonly (readonly [RegExp, string])[] = [
  [/\b(?:Stats\s+NZ|Statistics\s+New\s+Zealand)\b/u, 'NZD'],
  [/\b(?:Statistics\s+Canada|StatCan)\b/u, 'CAD'],
  [/\bAustralian\s+Bureau\s+of\s+Statistics\b/u, 'AUD'],
]

/**
 * "$" and "Rs" mean the article's own currency: after "A$101.7 billion", "$77.5 billion" is in
 * Australian dollars too (unless the article also writes "US$"); "Rs4,019 billion" in an article
 * about Pakistan is in Pakistani rupees. Only the unit changes: amounts are never converted.
 */
function readAmbiguousCurrencies(text: string, figures: LinkedFigure[], countries: readonly CountryMention[]): LinkedFigure[] {
  const money = figures.filter((f) => f.kind === 'money' || f.kind === 'price')
  if (money.length === 0) return figures
  const usd = /(?<![\p{L}])(?:US|U\.S\.)\s?\$/u.test(text)
  const prefixed = money.find((f) => /^(?:A|AU|C|CA|NZ|S|HK)\$/.test(text.slice(f.start, f.start + 3)))?.unit
  // No prefixed dollar: a dollar country's statistics office reports in its own dollar.
  const office = usd ? undefined : STATISTICS_OFFICE_DOLLARS.find(([re]) => re.test(text))?.[1]
  const dollar = prefixed ?? office
  const isDollar = (f: LinkedFigure): boolean => f.unit === dollar
  /** "NZ$4.7 billion ($3.5 billion)": a bare $ amount in brackets right after one in the article's dollar is its US-dollar conversion. */
  const conversion = (i: number): boolean => {
    const f = figures[i]!
    if (prefixed === undefined || !/\(\s*$/.test(text.slice(Math.max(0, f.start - 3), f.start))) return false
    const before = figures.slice(0, i).reverse().find((g) => g.kind === 'money')
    return before !== undefined && isDollar(before) && /^\s*\(\s*$/.test(text.slice(before.end, f.start))
  }
  const counts = new Map<string, number>()
  for (const c of countries) counts.set(c.iso3, (counts.get(c.iso3) ?? 0) + 1)
  // The article's subject (its first country) or a country named more often than India.
  const first = countries.find((c) => c.form === 'name')?.iso3
  const rupeeCountry = first !== undefined && RUPEE_OF[first] !== undefined ? first : Object.keys(RUPEE_OF).find((iso3) => (counts.get(iso3) ?? 0) > (counts.get('IND') ?? 0))
  const rupee = rupeeCountry === undefined ? undefined : RUPEE_OF[rupeeCountry]
  const recode = (f: LinkedFigure, code: string): LinkedFigure => ({ ...f, unit: f.kind === 'price' ? f.unit.replace(/^[A-Z]{3}/, code) : code, ...(f.unitId === undefined ? {} : { unitId: code.toLowerCase() }) })
  return figures.map((f, i) => {
    if (f.kind !== 'money' && f.kind !== 'price') return f
    const bare = text[f.start] === '$' && !/\p{L}/u.test(text[f.start - 1] ?? '')
    if (dollar !== undefined && !usd && bare && f.unit.startsWith('USD') && !conversion(i)) return recode(f, dollar)
    if (rupee !== undefined && f.unit.startsWith('INR') && /^Rs/.test(text.slice(f.start, f.start + 2))) return recode(f, rupee)
    return f
  })
}

/** The article's date: given, or a full date on its first lines ("date 2019-12-06"). */
interface Published {
  readonly year: number
  readonly month: number
  /** The day of the month (1 when only the month is known). */
  readonly day: number
}

function readPublished(given: string | undefined, figures: readonly FoundFigure[]): Published | undefined {
  const iso = given ?? figures.find((f) => f.kind === 'date' && f.start < 300 && /^\d{4}-\d{2}-\d{2}$/.test(f.date ?? ''))?.date
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?/.exec(iso ?? '')
  return m === null ? undefined : { year: Number(m[1]), month: Number(m[2]), day: m[3] === undefined ? 1 : Number(m[3]) }
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
  // "Russia still covers more than a quarter of Spain's gas" over Spain's demand: before any amount
  // has set the article's side, a share of one country's trade with another sets it.
  if (ctx.trade === undefined) {
    const share = linked.find((l) => l.measure === 'share' && l.base !== true && l.reporter !== undefined && l.partner !== undefined)
    if (share?.reporter !== undefined && (share.flow === 'X' || share.flow === 'M')) ctx.trade = { flow: share.flow, reporter: share.reporter }
    // "Russia remains the main buyer of Uzbek textiles": a rank among the buyers (suppliers) of
    // one country's goods, named by adjective or possessive, sets that country's side.
    const owned = share === undefined ? linked.find((l) => l.kind === 'rank' && l.reporter !== undefined && l.partner !== undefined && (l.flow === 'X' || l.flow === 'M') && goodsOwnerAfter(text, here, l.end) === l.reporter) : undefined
    if (owned?.reporter !== undefined && (owned.flow === 'X' || owned.flow === 'M')) ctx.trade = { flow: owned.flow, reporter: owned.reporter }
  }
  // "Pakistan imported 250 Mt, and 80% of it came from Kenya": the other country's total, read
  // from its side, is no new article side.
  const articleSide = ctx.trade
  if (articleSide !== undefined && linked.some((l) => l.measure === 'share' && l.partner === articleSide.reporter && l.reporter !== articleSide.reporter && partOfTotal(text, here, l, articleSide.reporter) !== undefined)) return
  // "..., the lowest since the $274.42 million of March 2016": a level dated by a landmark is no
  // period later sentences inherit.
  const landmarked = (l: LinkedFigure): boolean => l.year !== undefined && here.years.some((y) => y.base === 'since' && y.year === l.year) && !here.years.some((y) => y.base === 'none' && y.year === l.year)
  const trade = linked.filter((l) => isTradeFigure(l) && l.base !== true && l.measure !== 'share' && !landmarked(l))
  const last = trade[trade.length - 1]
  if (last !== undefined) {
    // "The Philippines bought 902,100 t, ahead of China with 237,500 t and Ghana with 124,200 t":
    // after a list of partners, each with its own amount, the next sentence is not the last one's.
    const listed = new Set(trade.flatMap((l) => (l.partner === undefined ? [] : [l.partner])))
    // "Most of the ore went to China, where aluminium output rose 4%": another country's output
    // (or use) in an article on one country's trade is an aside; the article keeps its side.
    const aside = last.flow !== undefined && last.flow !== 'X' && last.flow !== 'M' && ctx.trade !== undefined && last.reporter !== undefined && last.reporter !== ctx.trade.reporter
    if (!aside && last.reporter !== undefined) {
      ctx.reporter = last.reporter
      ctx.partner = last.partner
      ctx.listPartners = last.partners
      if (last.partners !== undefined || listed.size > 2) ctx.partner = undefined
    } else if (!aside && last.partner !== undefined) {
      ctx.partner = last.partner
      ctx.listPartners = undefined
    }
    if (last.flow !== undefined && !aside) ctx.flow = last.flow
    // A rank is read from the side whose partners it ranks, not the article's: it sets no side,
    // and one closing the sentence ("..., making China the world's largest beef importer") leaves
    // the side of the amounts before it.
    const sided = [...trade].reverse().find((l) => l.kind !== 'rank' && l.kind !== 'comparison')
    if (sided !== undefined && (sided.flow === 'X' || sided.flow === 'M') && sided.reporter !== undefined) ctx.trade = { flow: sided.flow, reporter: sided.reporter }
    if (last.year !== undefined) {
      ctx.year = last.year
      ctx.period = last.linkedPeriod
      ctx.yearRelative = (here.lastYear || here.thisYear || here.lastWeek) && !here.years.some((y) => y.base === 'none')
    }
    // "..., the Ethiopian Coffee and Tea Authority said": a name's commodity word is no goods later sentences inherit.
    const named = [...here.commodities].reverse().find((c) => !inInstitutionName(text, c))
    if (named !== undefined && !aside) ctx.commodity = named.commodity
    return
  }
  // A sentence of shares and ranks only ("the United States supplied 12.4% and Nigeria 8.4%") has
  // read its countries into them: its subjects are no new article side.
  if (linked.some((l) => isTradeFigure(l) && l.base !== true && l.reporter !== undefined && l.partner !== undefined && ctx.trade?.reporter === l.reporter)) return
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
    // "China also bought heavily." in an article on Pakistan's rice exports (its side set by
    // figures): a buyer (or a supplier) named with the other side's verb and no other trader is
    // the article's partner; the article keeps its side (issue 10, sixteenth round).
    const side = ctx.trade
    if (side !== undefined && reporter !== undefined && reporter !== side.reporter && flow !== side.flow && (flow === 'X' || flow === 'M') && (partner === undefined || partner === side.reporter)) {
      ctx.reporter = side.reporter
      ctx.partner = reporter
      ctx.listPartners = undefined
      ctx.flow = side.flow
    } else {
      if (reporter !== undefined || partner !== undefined) ctx.listPartners = undefined
      if (reporter !== undefined) {
        ctx.reporter = reporter
        ctx.partner = partner
      } else if (partner !== undefined) ctx.partner = partner
      ctx.flow = flow
    }
  }
  if (here.commodities.length > 0 && (flow !== undefined || origin !== undefined || destination !== undefined)) ctx.commodity = here.commodities[0]?.commodity
  if (flow !== undefined || here.commodities.length > 0) {
    const years = new Set(here.years.filter((y) => y.base === 'none').map((y) => y.year))
    if (years.size === 1) {
      ctx.year = [...years][0]
      ctx.period = undefined
      ctx.yearRelative = false
    }
  }
}

/**
 * "Brazil ships more corn in September than ever before": a title (or lede) with no figure that
 * says who trades what in a month without a year dates the figures after it, before any year is
 * known, by the article's date: the latest such month before it (issue 10, eighteenth round).
 */
function datedByMonth(text: string, ctx: DocContext, here: SentenceFacts, published: Published | undefined): void {
  if (published === undefined || ctx.year !== undefined || here.years.length > 0 || (here.flows.length === 0 && here.commodities.length === 0)) return
  const months = here.periods.filter((p) => p.fromMonth > 0 && p.yearHint === undefined && p.lastMonth !== true && p.thisMonth !== true && p.fiscal !== true && !isBasePeriod(text, p))
  const p = months[0]
  if (p === undefined || months.length > 1 || here.periods.length > 1) return
  const lastMonth = p.fromMonth > p.toMonth ? p.toMonth : p.fromMonth
  ctx.year = lastMonth > published.month ? published.year - 1 : published.year
  ctx.period = periodText(ctx.year, p.fromMonth, p.toMonth)
  ctx.yearRelative = true
}

/** "a trade surplus of ", "the deficit at about ": the words that name an amount as a balance. */
const BALANCE_OF_BEFORE_RE = /(?<![\p{L}])(?:deficit|surplus|trade\s+balance|trade\s+gap)\s+(?:of|at)\s+(?:(?:about|around|nearly|almost|some|over|more\s+than)\s+)?$/iu
const BALANCE_RE = /(?<![\p{L}])(?:deficit|surplus|trade\s+balance|trade\s+gap)(?![\p{L}])/iu
/**
 * The article's own year: "this year", "so far this year", "this week", "year to date", "in
 * the past 12 months" (a span that ends at the article's date is dated by its end).
 */
const THIS_YEAR_RE = /(?<![\p{L}])(?:(?:this|the\s+current)\s+(?:year|fiscal(?:\s+year)?|week)|so\s+far\s+this\s+year|the\s+year\s+so\s+far|so\s+far\s+in\s+the\s+year|since\s+the\s+(?:start|beginning)\s+of\s+the\s+year|year[\s-]+to[\s-]+date|(?:in\s+|over\s+|during\s+)?the\s+(?:past|last)\s+(?:12|twelve)\s+months)(?![\p{L}])|(?<![\p{L}])YTD(?![\p{L}])/iu
/** "so far this year", "over the year so far", "for the year to date": from January to the article's latest month. */
const YEAR_TO_DATE_RE = /(?<![\p{L}])(?:so\s+far\s+this\s+year|the\s+year\s+so\s+far|so\s+far\s+in\s+the\s+year|since\s+the\s+(?:start|beginning)\s+of\s+the\s+year|year[\s-]+to[\s-]+date|YTD)(?![\p{L}])/iu
/** "last week", "the previous week", "the week before": the week before the article's date. */
/** "'s non-oil trade", "'s foreign trade in goods other than oil", "'s total trade": a country's trade of both flows. */
const TRADE_OF_COUNTRY_RE = /^['’]s?\s+(?:(?:total|overall|foreign|external|non-oil|merchandise|goods|two-way)\s+){0,2}trade(?:\s+turnover)?(?![\p{L}])/iu
/** "On the import side", "On the export front,", "As for imports,": a sentence about one side of the article's trade. */
const SIDE_OPENER_RE = /^\s*(?:(?:On|In)\s+the\s+(import|export)s?\s+(?:side|front)|As\s+for\s+(import|export)s)(?![\p{L}])/iu
/** "share of the world market", "share of global trade": the world's exports as the whole. */
const WORLD_MARKET_SHARE_RE = /(?<![\p{L}])(?:share\s+of\s+(?:the\s+)?(?:world|global|international)\s+(?:market|trade)|(?:world|global)\s+market\s+share)(?![\p{L}])/iu
/** "the country bought", "the nation imported": a country named by the noun, as a subject. */
const THE_COUNTRY_RE = /(?<![\p{L}])the\s+(?:country|nation)\s+(?:also\s+|then\s+)?(?:bought|imported|purchased|brought\s+in|exported|shipped|sold|received)(?![\p{L}])/iu
/** "... abroad", "from abroad", "from all sources": a country's whole trade with the world. */
const OWN_TOTAL_RE = /(?<![\p{L}])(?:abroad|from\s+all\s+(?:sources|origins|suppliers)|from\s+the\s+world\s+market)(?![\p{L}])/iu
/** Words of a forecast or plan: a month in such a sentence may lie after the article's date. */
const FORECAST_RE = /(?<![\p{L}])(?:will|would|expect(?:s|ed)?|forecasts?|projects?|projected|plans?|planned|seen|could|may|might|should|estimates?|target(?:s|ed)?|outlook|next)(?![\p{L}])/iu
const LAST_WEEK_RE = /(?<![\p{L}])(?:last|the\s+previous|the\s+prior)\s+week(?![\p{L}])|(?<![\p{L}])the\s+week\s+before(?![\p{L}])/iu
/** "last year" as the figure's year, not as a base ("the same period last year", "from last year"). */
/** "in the same four months of last year", "the same period last year": the current period a year back. */
const SAME_PERIOD_LAST_YEAR_RE = /(?<![\p{L}])same(?:\s+[\p{L}]+){1,3}?\s+(?:of\s+)?last\s+year(?![\p{L}])/iu
const LAST_YEAR_RE = /(?<![\p{L}])(?<!(?:same(?:\s+[\p{L}]+){1,3}|same(?:\s+[\p{L}]+){1,3}\s+of(?:\s+the)?|January|February|March|April|May|June|July|August|September|October|November|December|from|than|over|against|with|versus|vs\.?|on)\s+)last\s+(?:year|fiscal(?:\s+year)?)(?![\p{L}])/iu

/**
 * Fills what the sentence did not say from the article: the year (or the article's date for
 * "this year", "last year", months without a year), the countries and flow, the commodity.
 */
/** "Last year, ...", "But last year, ...": a sentence whose first words, set off by a comma, are "last year". */
const LAST_YEAR_OPENER_RE = /^\s*(?:(?:and|but|yet|so)\s+)?last\s+year\s*,/iu

function inherit(text: string, l: LinkedFigure, here: SentenceFacts, ctx: DocContext, published: Published | undefined): LinkedFigure {
  const out: { -readonly [K in keyof LinkedFigure]: LinkedFigure[K] } = { ...l }
  // "Iran's non-oil trade reached $35.4 billion": a country's trade as a whole (exports and
  // imports together) has no flow but is that country's (issue 10, seventeenth round).
  // "Morocco's share of the world market at over 30% and its annual output at 30 Mt": a share of
  // the world market is of the world's exports, whatever flow word comes after (issue 10,
  // seventeenth round).
  if (l.measure === 'share' && out.flow !== 'X') {
    const market = WORLD_MARKET_SHARE_RE.exec(text.slice(here.sentence.start, l.start))
    if (market !== null && !here.flows.some((w) => w.start >= here.sentence.start + market.index && w.start < l.start)) out.flow = 'X'
  }
  // "...reached $20 billion, with 9 million tons of exports": a flow word after it is not its own.
  if ((out.reporter === undefined || out.flow !== undefined) && out.partner === undefined && out.partners === undefined && l.kind !== 'price' && l.kind !== 'rank' && l.measure !== 'share') {
    const whole = [...here.countries].reverse().find((c) => c.form === 'name' && c.end <= l.start && TRADE_OF_COUNTRY_RE.test(text.slice(c.end, Math.min(l.start, c.end + 60))))
    if (whole !== undefined && (out.reporter === undefined || out.reporter === whole.iso3) && !here.flows.some((w) => w.start > whole.end && w.start < l.start) && !/[,;(]/u.test(text.slice(whole.end, l.start))) {
      out.reporter = whole.iso3
      delete out.flow
    }
  }
  if (l.base !== true) {
    const periods = here.periods.filter((p) => (p.end <= l.start || p.start >= l.end) && !isBasePeriod(text, p))
    // "N4.7 trillion in the third": a period written right after the amount is its own.
    const period = periods.find((p) => p.start >= (l.afterEnd ?? l.end) && /^\s*(?:in|during|for|over)\s+(?:the\s+)?$/i.test(text.slice(l.afterEnd ?? l.end, p.start))) ?? nearest(periods, l.start)
    if (out.year === undefined) {
      // "Last year, Chinese demand doubled sales ...": a sentence opened by "last year" and a comma dates its changes too.
      const openedByLastYear = LAST_YEAR_OPENER_RE.test(text.slice(here.sentence.start, l.start))
      const hint = period?.yearHint ?? (here.thisYear ? 'this' : here.lastYear && (l.measure !== 'change' || openedByLastYear) ? 'last' : undefined)
      if (period?.lastMonth === true && published !== undefined) {
        const month = published.month === 1 ? 12 : published.month - 1
        out.year = published.month === 1 ? published.year - 1 : published.year
        out.linkedPeriod = periodText(out.year, month, month)
      } else if (period?.thisMonth === true && published !== undefined) {
        // "are carrying 0.6 Mt to Spain this month": the article's own month.
        out.year = published.year
        out.linkedPeriod = periodText(out.year, published.month, published.month)
      } else if (hint !== undefined && published !== undefined) {
        out.year = hint === 'this' ? published.year : published.year - 1
        // "Over the year so far, demand was 14% lower" after July's figures: January to July.
        const latest = /(\d{4})-(\d{2})$/u.exec(ctx.period ?? '')
        if (hint === 'this' && period === undefined && latest !== null && Number(latest[1]) === out.year && YEAR_TO_DATE_RE.test(text.slice(here.sentence.start, here.sentence.end))) out.linkedPeriod = periodText(out.year, 1, Number(latest[2]))
      } else if (here.lastWeek && published !== undefined && here.years.every((y) => y.base !== 'none')) {
        // The week before an article of 1-7 January is in the year before.
        out.year = published.month === 1 && published.day <= 7 ? published.year - 1 : published.year
      } else if (period !== undefined && here.years.every((y) => y.base !== 'none')) {
        // "Output was 19.5 Mt last year ... production rose in August": a month without a year is
        // the latest one before the article's date, unless the article wrote its year out.
        // "in July-April" (a span across the year end) is dated by its last month.
        const lastMonth = period.fromMonth > period.toMonth ? period.toMonth : period.fromMonth
        const dated = published === undefined ? undefined : lastMonth > published.month ? published.year - 1 : published.year
        let year = ctx.yearRelative === true ? (dated ?? ctx.year) : (ctx.year ?? dated)
        // "In December, imports rose 60%" in an article of February 2020 whose last year named was
        // 2020 (a ban "from the first day of 2020"): a month not yet over at the article's date,
        // in a sentence that reports rather than forecasts, is the latest such month before it
        // (issue 10, seventeenth round).
        if (year !== undefined && published !== undefined && dated !== undefined && year > dated && !FORECAST_RE.test(text.slice(here.sentence.start, here.sentence.end))) year = dated
        // "Exports came to 757,000 t in the first quarter" after the first nine months of 2025 and a
        // history of earlier years: a part of the year inside the article's span is of its year
        // (issue 10, twentieth round).
        const span = ctx.span
        if (span !== undefined && year !== undefined && year < span.year && period.fromMonth <= period.toMonth && period.fromMonth >= span.from && period.toMonth <= span.to && period.toMonth - period.fromMonth < span.to - span.from) year = span.year
        if (year !== undefined) out.year = year
      } else if (ctx.year !== undefined && here.years.length === 0 && l.measure !== 'change' && SAME_PERIOD_LAST_YEAR_RE.test(text.slice(here.sentence.start, here.sentence.end)) && !/\d/.test(text.slice(here.sentence.start, l.start) + text.slice(l.afterEnd ?? l.end, here.sentence.end))) {
        // "That compares with 80,000 tonnes in the same four months of last year", "In the same
        // period of last year it had imported 0.7 Mt": the sentence before's period, a year back.
        out.year = ctx.year - 1
        if (ctx.period !== undefined) out.linkedPeriod = ctx.period.replace(/\d{4}/g, (y) => String(Number(y) - 1))
      } else if (here.years.every((y) => y.base !== 'none') && ctx.year !== undefined) {
        out.year = ctx.year
        // "That was 3% below the same month of 2019": a sentence whose only years are bases
        // (or landmarks) keeps the period of the sentence before, as one with no year does.
        if (ctx.period !== undefined) out.linkedPeriod = ctx.period
      } else if (here.years.length === 0 && published !== undefined) {
        // "in the week to May 28", "on July 30", "by mid-May", "to the end of March": a day (or part)
        // of a month without a year is the latest one before the article's date.
        const day = DAY_MONTH_RE.exec(text.slice(here.sentence.start, here.sentence.end))
        const month = day === null ? 0 : (MONTH_NUMBER[(day[1] ?? day[2] ?? day[3] ?? day[4] ?? '').toLowerCase()] ?? 0)
        if (month > 0) out.year = month > published.month ? published.year - 1 : published.year
      }
    }
    if (out.year !== undefined && out.linkedPeriod === undefined && period !== undefined && period.lastMonth !== true && period.thisMonth !== true && period.fiscal !== true) {
      out.linkedPeriod = periodText(out.year, period.fromMonth, period.toMonth)
    }
    if (out.measure === 'change' && out.changeFrom === undefined && out.year !== undefined && here.previousYear) out.changeFrom = out.year - 1
  }
  if (out.commodity === undefined && here.commodities.length === 0 && ctx.commodity !== undefined) {
    out.commodity = ctx.commodity.name
    if (ctx.commodity.hsCode !== '') out.hsCode = ctx.commodity.hsCode
  }
  // "On the import side the UAE came first with $5.8 billion, then China with $5.6 billion" in an
  // article on Iran's trade: a sentence opened by one side of the article's country's trade reads
  // every country in it as that trade's partner (issue 10, seventeenth round).
  const sideOpener = SIDE_OPENER_RE.exec(text.slice(here.sentence.start, l.start))
  if (sideOpener !== null && l.kind !== 'price' && l.base !== true && ctx.reporter !== undefined) {
    const flow = /^import/iu.test(sideOpener[1] ?? sideOpener[2] ?? '') ? 'M' : 'X'
    const partner = (out.reporter !== undefined && out.reporter !== ctx.reporter ? out.reporter : out.partner !== ctx.reporter ? out.partner : undefined) ?? clausePartner(text, here, l, ctx.reporter)
    out.reporter = ctx.reporter
    out.flow = flow
    if (partner === undefined) delete out.partner
    else out.partner = partner
    return out
  }
  // "Brazilian farming depends on imported fertilizers: the country bought 8.9 Mt of them abroad"
  // in an article on Morocco's exports: "the country" is the one named before it in its sentence,
  // not the article's (issue 10, seventeenth round).
  const theCountry = THE_COUNTRY_RE.exec(text.slice(here.sentence.start, l.start))
  if (theCountry !== null && ctx.reporter !== undefined && l.kind !== 'price' && l.base !== true && (out.reporter === undefined || out.reporter === ctx.reporter) && out.partner === undefined && out.partners === undefined) {
    const at = here.sentence.start + theCountry.index
    const named = here.countries.filter((c) => c.end <= at)
    const only = named[named.length - 1]
    // The country opens the sentence, as its subject ("Brazilian farming ...", "Brazil's farms ..."), not "Before the Russian invasion the country ...".
    if (only !== undefined && only.iso3 !== ctx.reporter && named.every((c) => c.iso3 === only.iso3) && /^\s*(?:the\s+)?$/iu.test(text.slice(here.sentence.start, only.start))) out.reporter = only.iso3
  }
  // "bought 8.9 Mt of fertilizers abroad", "imports from all sources": the other country's own
  // total, not its trade with the article's country.
  const ownTotal = out.reporter !== undefined && out.reporter !== ctx.reporter && out.partner === undefined && OWN_TOTAL_RE.test(text.slice(Math.max(here.sentence.start, l.start - 80), Math.min(here.sentence.end, (l.afterEnd ?? l.end) + 60)))
  if (l.kind !== 'price' && l.base !== true && ctx.reporter !== undefined && ctx.flow !== undefined && !ownTotal) {
    // "China was the biggest buyer, taking 5.9 Mt" in an article on Indonesia's exports: the
    // same trade seen from the article's side, Indonesia's exports to China.
    const other = ctx.flow === 'X' ? 'M' : ctx.flow === 'M' ? 'X' : undefined
    // Not "Brazil's soybean exports": a possessive names the country's total, not a trade with the reporter.
    // "Russia's wheat exports to Turkey" in an article on Turkey's imports is a trade with the
    // article's country all the same: read from the article's side.
    const possessive = out.partner !== ctx.reporter && here.countries.some((c) => c.iso3 === out.reporter && /^['’]s?(?![\p{L}])/u.test(text.slice(c.end, c.end + 2)))
    // "Spain was the biggest buyer of Nigerian crude" in an article on Nigeria's exports: the
    // article's country named only as the goods' adjective is still the article's side.
    const adjectiveOnly = out.partner === ctx.reporter && here.countries.some((c) => c.iso3 === ctx.reporter && c.form === 'demonym') && !here.countries.some((c) => c.iso3 === ctx.reporter && c.form === 'name')
    // "Russia was the biggest supplier, with 8 Mt, or 72% of all the wheat Egypt imported" in an
    // article on Egypt's imports: a trade between the article's country and another is read from
    // the article's side, whatever verb the sentence uses ("supplied", "sold China 11 Mt").
    // A share or rank keeps the side of the whole it is of ("70% of the volume shipped", "the
    // largest buyer" rank the exporter's sales in an article on imports).
    // The side is the one of the article's figures so far, not of a title without figures ("Russian
    // LNG sales to China grow" over "China bought 3.9 Mt from Russia").
    const sideOfFigures = ctx.trade?.reporter === ctx.reporter && ctx.trade?.flow === ctx.flow
    const withArticleCountry = sideOfFigures && out.partner === ctx.reporter && out.partners === undefined && !wholeOfOtherSide(text, out, ctx.flow)
    // "The Philippines bought 780,069 t" under "Vietnam supplies most of the Philippines' rice":
    // before any figure has set the article's side, the lede's side is a guess; a total whose
    // country is named (not as a possessive) before it in its own sentence stays that country's.
    // "Pakistan imported 250 Mt of tea, and 80% of it came from Kenya" in an article on Kenya's
    // exports: a part of the other country's total that the article's country holds makes the
    // amount that country's own total and the part a share of it, both from its side.
    const part = other !== undefined && out.flow === other && out.reporter !== undefined && out.reporter !== ctx.reporter && (out.partner === undefined || out.partner === ctx.reporter) ? partOfTotal(text, here, l, ctx.reporter) : undefined
    if (part !== undefined && l.end <= part.share) delete out.partner
    const ledePartnerTotal = ctx.trade === undefined && out.partner === undefined && (out.reporter === ctx.partner || here.countries.some((c) => c.iso3 === out.reporter && c.form === 'name' && c.end <= l.start && !/^['’]/u.test(text.slice(c.end, c.end + 1))))
    if (other !== undefined && out.flow === other && part === undefined && !possessive && !ledePartnerTotal && out.reporter !== undefined && out.reporter !== ctx.reporter && (out.partner === undefined || adjectiveOnly || withArticleCountry) && out.partners === undefined) {
      // "Russia and Ukraine supplied 8 Mt": a list of subjects becomes the list of partners.
      const list = here.roles.mentions.find((m) => m.list !== undefined && m.list.length > 1 && m.list[0] === out.reporter)?.list
      if (list !== undefined) {
        out.partners = list
        delete out.partner
      } else out.partner = out.reporter
      out.reporter = ctx.reporter
      out.flow = ctx.flow
    }
    // "Chinese customs data show 9,950 mt of alumina shipped to Russia" after "Russia bought more
    // alumina from China": an amount sent to the article's country by no one named is the
    // article's trade with the partner it has named (issue 10, twentieth round).
    if (other !== undefined && out.flow === other && out.reporter === undefined && out.partner === ctx.reporter && out.partners === undefined && out.measure !== 'share' && l.kind !== 'rank' && !here.countries.some((c) => c.form === 'name' && c.iso3 !== ctx.reporter)) {
      out.reporter = ctx.reporter
      out.flow = ctx.flow
      if (ctx.partner !== undefined && ctx.partner !== ctx.reporter) out.partner = ctx.partner
      else delete out.partner
    }
    // "Thailand came second with 189 thousand tons": no flow word, one country named in the
    // clause: the partner of the article's reporter and flow.
    const rolesHere = here.roles.mentions.some((m) => (m.end <= l.start ? !newSubjectBetween(text, m.end, l.start) : sameClause(text, l.end, m.start)))
    if ((out.flow === undefined || out.flow === other) && out.reporter === undefined && out.partner === undefined && !rolesHere && (ctx.flow === 'X' || ctx.flow === 'M')) {
      const partner = clausePartner(text, here, l, ctx.reporter)
      if (partner !== undefined) {
        out.reporter = ctx.reporter
        out.flow = ctx.flow
        out.partner = partner
      }
    }
  }
  // "Europe took 20pc more US crude" in an article on US exports: the goods named by the
  // article's own adjective, with no flow word, continue the article's trade.
  const trade = ctx.trade
  // "European buyers as a whole took 45,737 tonnes of Kenyan avocados": the other side's flow word
  // with no country of its own, and the article's country named only as the goods' adjective,
  // is the article's trade too (issue 10, seventeenth round).
  const adjectiveGoods = trade !== undefined && out.flow !== undefined && out.flow !== trade.flow && (out.flow === 'X' || out.flow === 'M') && (out.reporter === undefined || out.reporter === trade.reporter) && (out.partner === undefined || out.partner === trade.reporter) && out.partners === undefined &&
    here.countries.some((c) => c.iso3 === trade.reporter && c.form === 'demonym' && (here.commodities.some((m) => m.start >= c.end && m.start <= c.end + 2) || /^\s+(?:goods|products|produce)(?![\p{L}])/u.test(text.slice(c.end, c.end + 12)))) && !here.countries.some((c) => c.iso3 === trade.reporter && c.form === 'name') && here.countries.every((c) => c.iso3 === trade.reporter)
  if (adjectiveGoods && trade !== undefined) {
    out.reporter = trade.reporter
    out.flow = trade.flow
    delete out.partner
  }
  if (l.kind !== 'price' && l.base !== true && out.flow === undefined && out.reporter === undefined && trade !== undefined) {
    const side = trade.flow === 'X' ? 'origin' : 'destination'
    if (here.roles.mentions.some((m) => m.role === side && m.iso3 === trade.reporter)) {
      out.reporter = trade.reporter
      out.flow = trade.flow
    }
  }
  // "Those to Vietnam nearly doubled to 3.9 Mt": a destination (or, in an article on imports,
  // an origin) with no flow word of its own continues the article's trade.
  // "Coal arriving from Russia rose 36%" after a lede without figures ("China bought more coal
  // from Russia"): before any figure, the lede's side is the article's trade.
  const lede = trade ?? (ctx.reporter !== undefined && (ctx.flow === 'X' || ctx.flow === 'M') ? { flow: ctx.flow, reporter: ctx.reporter } : undefined)
  if (l.kind !== 'price' && l.base !== true && out.flow === undefined && out.reporter === undefined && out.partner === undefined && lede !== undefined) {
    const m = pickRole(text, here.roles.mentions, lede.flow === 'X' ? 'destination' : 'origin', l)
    if (m !== undefined && m.iso3 !== lede.reporter) {
      out.reporter = lede.reporter
      out.flow = lede.flow
      if (m.list !== undefined && m.list.length > 1) out.partners = m.list
      else out.partner = m.iso3
    }
  }
  // "That makes China the largest buyer, with 70% of the volume shipped" in an article on China's
  // purchases from Brazil: a rank among buyers, or a share of what was shipped, held by the
  // article's importer is of its partner's exports (and a supplier rank or a share of what was
  // bought, held by the article's exporter, of its partner's imports).
  if (l.base !== true && out.reporter !== undefined && out.reporter === ctx.reporter && out.partner === undefined && out.partners === undefined && ctx.partner !== undefined && ctx.partner !== ctx.reporter && (ctx.flow === 'X' || ctx.flow === 'M')) {
    const otherFlow = ctx.flow === 'M' ? 'X' : 'M'
    const otherSide = l.kind === 'rank' ? wholeOfOtherSide(text, out, ctx.flow) : out.measure === 'share' && out.flow === otherFlow && out.shareOfCountry === undefined
    if (otherSide) {
      out.partner = ctx.reporter
      out.reporter = ctx.partner
      out.flow = otherFlow
    }
  }
  // "the third-largest supplier to China" ranks China's suppliers: China's imports; "the top
  // buyer of Russian coal" ranks Russia's buyers: Russia's exports. A rank among suppliers or
  // buyers is read from the side whose partners it ranks, whatever the article's side.
  // "Russia remains the main buyer of Uzbek textiles", "the largest buyer of Uzbekistan's textile
  // products": the country whose goods are named right after the role noun, by adjective or
  // possessive, is the other side of the rank, whatever the goods (not only lexicon commodities).
  if (l.kind === 'rank' && out.partner === undefined && out.partners === undefined && (out.flow === 'X' || out.flow === 'M')) {
    const owner = goodsOwnerAfter(text, here, l.end)
    const subject = out.reporter ?? subjectBefore(text, here, l.start)
    if (owner !== undefined && subject !== undefined && subject !== owner) {
      out.reporter = subject
      out.partner = owner
    }
  }
  if (l.kind === 'rank' && out.reporter !== undefined && out.partner !== undefined && (out.flow === 'X' || out.flow === 'M')) {
    const words = text.slice(l.start, l.end)
    // "the largest importer of Argentine corn" ranks Argentina's buyers: the goods named by a
    // country's adjective right after the role noun are that country's, the rank its exports.
    const ofOrigin = here.countries.some((c) => c.form === 'demonym' && c.start >= l.end && /^\s+of\s+(?:the\s+)?$/u.test(text.slice(l.end, c.start)))
    const wanted = SUPPLIER_ROLE_RE.test(words) ? 'M' : BUYER_ROLE_RE.test(words) || (ofOrigin && IMPORTER_ROLE_RE.test(words)) ? 'X' : undefined
    if (wanted !== undefined && wanted !== out.flow) {
      const reporter = out.partner
      out.partner = out.reporter
      out.reporter = reporter
      out.flow = wanted
    }
  }
  // "Imports grew 7.5% to $38.9 billion, which left a trade surplus of $1.35 billion": an amount
  // named as the balance has no flow, whatever flow word stands before it (issue 10, eighteenth round).
  if (l.kind === 'money' && out.flow !== undefined && BALANCE_OF_BEFORE_RE.test(text.slice(Math.max(here.sentence.start, l.start - 40), l.start))) delete out.flow
  // A trade balance has no flow: its reporter is the country the sentence or the article is about.
  if (out.reporter === undefined && out.flow === undefined && l.kind === 'money' && here.balance) {
    const own = here.roles.mentions.length === 0 && here.roles.unassigned.length === 1 ? here.roles.unassigned[0] : undefined
    const reporter = own ?? (here.roles.unassigned.length === 0 && here.roles.mentions.length === 0 ? ctx.reporter : undefined)
    if (reporter !== undefined) out.reporter = reporter
  }
  if (out.reporter === undefined && l.kind !== 'price') {
    // Countries named only in another clause (", while those to China grew") do not stop the figure inheriting the article's country.
    // ... nor do countries named only in a reason clause after it (", as construction booms in China").
    const inClause = (c: CountryMention): boolean => (c.end <= l.start ? sameClause(text, c.end, l.start) : sameClause(text, l.end, c.start) && !REASON_CLAUSE_RE.test(text.slice(l.afterEnd ?? l.end, c.start)))
    const noCountries = (here.roles.mentions.length === 0 && here.roles.unassigned.length === 0) || !here.countries.some(inClause)
    const flow = out.flow ?? (noCountries ? ctx.flow : undefined)
    if (flow !== undefined && ctx.reporter !== undefined && ctx.reporter !== out.partner && (noCountries || out.partner !== undefined || out.partners !== undefined)) {
      out.reporter = ctx.reporter
      out.flow = flow
      // The partner carries over only while the flow does: "Imports ..." after exports to Italy is no import from Italy.
      if (out.partner === undefined && noCountries && flow === ctx.flow && ctx.partner !== undefined && out.partners === undefined) out.partner = ctx.partner
      // "Gas sales to Brazil and Argentina rose 44%. The sales were billed at $332 million": a
      // list of partners carries over as one partner does (issue 10, sixteenth round).
      else if (out.partner === undefined && noCountries && flow === ctx.flow && ctx.partner === undefined && ctx.listPartners !== undefined && out.partners === undefined) out.partners = ctx.listPartners
    }
  }
  if (l.kind !== 'price') readArticlePartners(text, out, here, ctx)
  if (l.kind === 'rank') return worldRank(text, out, here, ctx)
  if (isTradeFigure(l) && l.base !== true) return readPronounWhole(text, out, here, ctx)
  return out
}

/** "took 11%", "accounted for 9%", "made up 30%": a holder's verb right before a percent. */
const TAKEN_SHARE_BEFORE_RE = /(?<![\p{L}])(?:took|takes|taking|accounted\s+for|accounts\s+for|accounting\s+for|made\s+up|makes\s+up|making\s+up|held|holds|holding|captured|bought|buying|received|absorbed)\s+(?:(?:about|around|nearly|almost|some|just|over|under|roughly|more\s+than|less\s+than)\s+)?$/iu

/**
 * "Egypt took 11%, and the United Kingdom 8%": a percent that is no change, held by a country's
 * verb or listed after a share in its sentence, is a share (not a level).
 */
function takenShare(text: string, l: LinkedFigure, linked: readonly LinkedFigure[]): LinkedFigure {
  if (l.measure !== 'level' || l.base === true || (l.reporter === undefined && l.flow === undefined)) return l
  const before = text.slice(Math.max(0, l.start - 40), l.start)
  const prior = linked[linked.length - 1]
  const listed = prior !== undefined && prior.kind === 'percent' && prior.measure === 'share' && /^[^.;\d]{0,40}$/u.test(text.slice(prior.end, l.start)) && /(?:,|(?<![\p{L}])and)\s/u.test(text.slice(prior.end, l.start))
  if (!TAKEN_SHARE_BEFORE_RE.test(before) && !listed) return l
  return { ...l, measure: 'share' }
}

/**
 * "Algeria (25%), Russia (21.1%)", "ahead of Australia ($1.5 billion, 9%)", "shipped $2.5 billion
 * (15%)": a percent alone in brackets (or after an amount in the same brackets) that is no change
 * is a share; after an amount it is that amount's share, of the same trade.
 */
function bracketedShare(text: string, l: LinkedFigure, linked: readonly LinkedFigure[]): LinkedFigure {
  if (l.kind !== 'percent' || (l.measure !== 'level' && l.measure !== 'share') || l.base === true) return l
  const before = text.slice(Math.max(0, l.start - 40), l.start)
  if (!/^\s*(?:\)|of\s+[^()]{1,30}\))/u.test(text.slice(l.afterEnd ?? l.end)) || !/\(\s*(?:[^()\n]*,\s*)?$/u.test(before)) return l
  const prior = linked[linked.length - 1]
  // "Algeria was the main supplier in July (28.7% of total demand)": the ranked country's share.
  if (prior?.kind === 'rank' && prior.reporter !== undefined && prior.partner !== undefined && (prior.flow === 'X' || prior.flow === 'M') && /^[^().;,\d]{0,30}\(\s*$/u.test(text.slice(prior.end, l.start))) {
    const { partners: _partners, ...rest } = l
    return { ...rest, measure: 'share', reporter: prior.reporter, partner: prior.partner, flow: prior.flow }
  }
  const amount = prior !== undefined && prior.kind !== 'percent' && prior.kind !== 'rank' && prior.base !== true && /^\s*(?:\(\s*|,\s*)$/u.test(text.slice(prior.afterEnd ?? prior.end, l.start)) ? prior : undefined
  // "rose by $2.1 billion (4.3%)": the percent of a change is a change.
  if (prior?.measure === 'change' && /^\s*\(\s*$/u.test(text.slice(prior.afterEnd ?? prior.end, l.start))) return l
  // "Brazil, where sales were up 48.6 percent, Colombia (68.5 percent) and Russia (72.8 percent)":
  // a percent alone in brackets after a country, in a list opened by a change, is the same change
  // (issue 10, eighteenth round).
  const opened = [...linked].reverse().find((m) => m.kind === 'percent' && m.measure === 'change' && m.changeDirection !== undefined && m.base !== true)
  if (opened?.changeDirection !== undefined && (prior === opened || (prior?.kind === 'percent' && prior.measure === 'change'))) {
    const between = text.slice(opened.afterEnd ?? opened.end, l.start).replace(/\(\s*[\d.,]+\s*(?:%|percent|per\s+cent|pc)\s*\)/gu, '').replace(/^\s*\)/u, '')
    if (/^(?:\s*(?:,|and)\s*(?:the\s+)?(?:\p{Lu}[\p{L}-]*\s*){1,3})+\(\s*$/u.test(between)) {
      const { partners: _partners, ...rest } = l
      return { ...rest, measure: 'change', changeDirection: opened.changeDirection }
    }
  }
  if (amount === undefined) return { ...l, measure: 'share' }
  const { partners: _partners, ...rest } = l
  return { ...rest, measure: 'share', ...(amount.reporter === undefined ? {} : { reporter: amount.reporter }), ...(amount.partner === undefined ? {} : { partner: amount.partner }), ...(amount.flow === undefined ? {} : { flow: amount.flow }) }
}

const SUPPLY_SHARE_VERB = '(?:covers|covered|cover|supplies|supplied|supply|provides|provided|provide|meets|met)'
/** "covers over ", "which still provides ": a supplier's verb right before the percent (its qualifier left in). */
const SUPPLY_SHARE_BEFORE_RE = new RegExp(`(?<![\\p{L}])${SUPPLY_SHARE_VERB}\\s+(?:(?:about|around|nearly|almost|over|some|roughly|just|more\\s+than|less\\s+than|up\\s+to)\\s+)?$`, 'iu')
/** Between the supplier's name and its verb: "Russia still covers", "Russia, which still provides". */
const SUPPLIER_TO_VERB_RE = new RegExp(`^\\s*(?:,\\s*which\\s+)?(?:(?:still|now|also|alone|itself|currently)\\s+)*${SUPPLY_SHARE_VERB}\\s`, 'iu')

/** The supplier and the country whose goods a supplier's share is of ("the country's": the article's), when the sentence says so. */
function readSuppliedShare(text: string, here: SentenceFacts, l: LinkedFigure, ctx: DocContext): { readonly possessor: string; readonly supplier: string } | undefined {
  if (l.kind !== 'percent' || l.measure === 'change' || l.base === true) return undefined
  const verbAt = SUPPLY_SHARE_BEFORE_RE.exec(text.slice(Math.max(here.sentence.start, l.start - 40), l.start))
  if (verbAt === null) return undefined
  const from = l.afterEnd ?? l.end
  const whole = /^\s+of\s+(?:(the\s+(?:country|nation)['’]s)|(?:the\s+)?([\p{Lu}][^,.;:()]{0,30}?)['’]s?)\s+[\p{L}]/u.exec(text.slice(from, from + 60))
  if (whole === null) return undefined
  const possessor = whole[1] !== undefined ? ctx.reporter : here.countries.find((c) => c.form === 'name' && c.start >= from && c.start <= from + whole[0].length && /^['’]/u.test(text.slice(c.end, c.end + 1)))?.iso3
  const verbStart = l.start - verbAt[0].length
  const supplier = [...here.countries].reverse().find((c) => c.form === 'name' && c.end <= verbStart && SUPPLIER_TO_VERB_RE.test(text.slice(c.end, l.start)))
  if (possessor === undefined || supplier === undefined || supplier.iso3 === possessor) return undefined
  return { possessor, supplier: supplier.iso3 }
}

function asSuppliedShare(l: LinkedFigure, read: { readonly possessor: string; readonly supplier: string }): LinkedFigure {
  const { partners: _partners, ...rest } = l
  return { ...rest, measure: 'share', reporter: read.possessor, partner: read.supplier, flow: 'M' }
}

/**
 * "Russia, which still provides 27.6% of the country's gas" in an article on Spain's gas: a share
 * that a country's verb of supply gives of the article country's goods (named by its possessive,
 * or as "the country's") is the article country's imports from the supplier. Outside an article
 * on that country ("Azerbaijan covers 18-19% of Israel's oil needs" alone) the sentence keeps the
 * supplier's side; a title is read against the article after it (titleSuppliedShare).
 */
function suppliedShare(text: string, here: SentenceFacts, l: LinkedFigure, ctx: DocContext): LinkedFigure {
  const read = readSuppliedShare(text, here, l, ctx)
  // The article must have given figures of the possessor's own before: "Trade between Israel and
  // Azerbaijan ... Azerbaijan supplies nearly 40% of Israel's oil needs" names Israel first, but
  // its figures are Azerbaijan's exports, so the share keeps the supplier's side.
  return read === undefined || read.possessor !== ctx.reporter || ctx.figureReporters?.has(read.possessor) !== true ? l : asSuppliedShare(l, read)
}

/**
 * "Russia still covers more than a quarter of Spain's gas" over an article whose figures are
 * Spain's: a title's supplier share is read as in the body once a later figure is that country's.
 */
function titleSuppliedShare(text: string, title: SentenceFacts | undefined, out: LinkedFigure[], bySentence: readonly (number | undefined)[]): void {
  if (title === undefined) return
  for (const [j, f] of out.entries()) {
    if (bySentence[j] !== 0) continue
    const read = readSuppliedShare(text, title, f, {})
    if (read !== undefined && out.some((g, k) => (bySentence[k] ?? 0) > 0 && isTradeFigure(g) && g.reporter === read.possessor)) out[j] = asSuppliedShare(f, read)
  }
}

/** "that was about", "which is", "this represented": a pronoun for the amount just given, and its verb, before a percent. */
const THAT_WAS_BEFORE_RE = /(?:^|[,;:]\s*|\s)(?:that|this|which|it)\s+(?:was|is|were|represented|represents|made\s+up|makes\s+up|accounted\s+for|accounts\s+for|equalled|equaled|equals|amounted\s+to)\s+(?:(?:about|around|nearly|almost|some|roughly|just|over|under|more\s+than|less\s+than)\s+)?$/iu

/**
 * "US beef sold to China came to $1.7 billion. Seen from China, that was about 10% of its total
 * beef imports": a share introduced by a pronoun for the amount just given (in its sentence or the
 * one before, with nothing else counted between) is that amount's share: the same countries and
 * flow, when the whole is of that flow.
 */
function thatShare(text: string, here: SentenceFacts, l: LinkedFigure, linked: readonly LinkedFigure[], ctx: DocContext): LinkedFigure {
  if (l.kind !== 'percent' || l.measure !== 'share' || l.base === true) return l
  if (!THAT_WAS_BEFORE_RE.test(text.slice(Math.max(here.sentence.start, l.start - 40), l.start)) && !laterThatShare(text, here, l)) return l
  const prior = linked.length > 0 ? linked[linked.length - 1] : undefined
  const reporter = prior === undefined ? ctx.reporter : prior.reporter
  const partner = prior === undefined ? ctx.partner : prior.partner
  const flow = prior === undefined ? ctx.flow : prior.flow
  if (reporter === undefined || partner === undefined || (flow !== 'X' && flow !== 'M') || (l.flow !== undefined && l.flow !== flow)) return l
  const { partners: _partners, ...rest } = l
  return { ...rest, reporter, partner, flow }
}

/** A sentence opened by a pronoun for the amount before: "That was", "But this was", "It represented". */
const THAT_WAS_OPENER_RE = /^\s*(?:(?:but|and|yet)\s+)?(?:that|this|it)\s+(?:was|is|were|represented|represents|equalled|equaled)\s/iu
/**
 * Issue 10, sixteenth round: "That was 5.4 per cent less than a year earlier, but still 35.3 per
 * cent of the volume Vietnam exported": a share in a later clause (", but", ", and", ", or") of a
 * sentence the pronoun opens, with no country named before the share, is still of the amount the
 * pronoun stands for.
 */
function laterThatShare(text: string, here: SentenceFacts, l: LinkedFigure): boolean {
  const before = text.slice(here.sentence.start, l.start)
  return THAT_WAS_OPENER_RE.test(before) && /,\s*(?:but|and|or)\s+(?:(?:still|also|only|just|yet)\s+)?(?:(?:about|around|nearly|almost|some|roughly|over|under|more\s+than|less\s+than)\s+)?$/iu.test(before) && !here.countries.some((c) => c.end <= l.start)
}

/** "of India's sunflower oil imports came from", "of the gas Germany imported in 2022 came from": up to the origin. */
const CAME_FROM_BETWEEN_RE = /^\s+of\s+([^.;:()]{1,80}?)\s+(?:came|come|comes|originated|was\s+sourced|were\s+sourced|was\s+bought|were\s+bought)\s+from\s+(?:the\s+)?$/u

/**
 * "About 70% of India's sunflower oil imports came from Ukraine", "only 22 percent of the gas
 * Germany imported in 2022 came from Russia": a share of what a country imported (named in the
 * whole, by its possessive or as the subject of "imported") that "came from" another country is
 * the first country's imports from the other, whatever the article's side.
 */
function cameFromShare(text: string, here: SentenceFacts, l: LinkedFigure): LinkedFigure {
  if (l.kind !== 'percent' || l.base === true || l.measure === 'change') return l
  const origin = here.countries.find((c) => c.start >= l.end && CAME_FROM_BETWEEN_RE.test(text.slice(l.afterEnd ?? l.end, c.start)))
  const whole = origin === undefined ? null : CAME_FROM_BETWEEN_RE.exec(text.slice(l.afterEnd ?? l.end, origin.start))
  if (origin === undefined || whole === null || !WHOLE_IMPORTS_RE.test(whole[1] ?? '')) return l
  const wholeEnd = (l.afterEnd ?? l.end) + (whole[0].indexOf(whole[1] ?? '') + (whole[1] ?? '').length)
  const owner = here.countries.find((c) => c.start >= l.end && c.end <= wholeEnd && c.iso3 !== origin.iso3)
  const reporter = owner?.iso3 ?? (l.reporter !== origin.iso3 ? l.reporter : l.partner)
  if (reporter === undefined || reporter === origin.iso3) return l
  const { partners: _partners, ...rest } = l
  return { ...rest, measure: 'share', reporter, partner: origin.iso3, flow: 'M' }
}

/** "a year earlier its share was", "the previous year, their share stood at": right before the percent. */
const YEAR_EARLIER_SHARE_BEFORE_RE = /(?<![\p{L}])(?:a\s+year\s+(?:earlier|before|ago)|the\s+(?:previous|prior|preceding)\s+year|in\s+the\s+(?:previous|prior)\s+year)\s*,?\s+(?:its|their|the|that)\s+(?:[\p{L}-]+\s+)?share\s+(?:was|had\s+been|stood\s+at|came\s+to|amounted\s+to)\s+(?:(?:about|around|nearly|almost|some|just|over|under)\s+)?$/iu
/** "its share was 80% a year earlier": a share verb before the percent and the year-back words right after it. */
const SHARE_VERB_BEFORE_RE = /(?<![\p{L}])(?:its|their|the|that)\s+(?:[\p{L}-]+\s+)?share\s+(?:was|had\s+been|stood\s+at)\s+(?:(?:about|around|nearly|almost|some|just|over|under)\s+)?$/iu
const YEAR_EARLIER_AFTER_RE = /^\s+(?:a\s+year\s+(?:earlier|before|ago)|the\s+(?:previous|prior|preceding)\s+year|in\s+the\s+(?:previous|prior)\s+year)(?![\p{L}])/iu

/**
 * "Russia supplied 45% of the total, and a year earlier its share was 60%": a share a year back,
 * with no base word, is the base of the share before it: the same countries, flow and goods, the
 * year (and period) one earlier.
 */
function yearEarlierShare(text: string, l: LinkedFigure, here: SentenceFacts, ctx: DocContext): LinkedFigure {
  const last = ctx.share
  if (last === undefined || last.year === undefined) return l
  const before = text.slice(Math.max(here.sentence.start, l.start - 90), l.start)
  const after = text.slice(l.end, Math.min(here.sentence.end, l.end + 40))
  if (!YEAR_EARLIER_SHARE_BEFORE_RE.test(before) && !(SHARE_VERB_BEFORE_RE.test(before) && YEAR_EARLIER_AFTER_RE.test(after))) return l
  const out: MutableLinks = { ...l, base: true, measure: 'share', year: last.year - 1 }
  for (const k of ['reporter', 'partner', 'partners', 'flow', 'commodity', 'hsCode', 'shareOf', 'shareOfCountry'] as const) {
    if (last[k] === undefined) delete out[k]
    else (out as Record<string, unknown>)[k] = last[k]
  }
  delete out.changeDirection
  delete out.changeFrom
  if (last.linkedPeriod !== undefined) out.linkedPeriod = last.linkedPeriod.replace(/\d{4}/g, (y) => String(Number(y) - 1))
  else delete out.linkedPeriod
  return out
}

type MutableLinks = { -readonly [K in keyof LinkedFigure]: LinkedFigure[K] }

/** Goods or cargo nouns after an origin's adjective: "Bolivian arrivals", "Mongolian coal shipments". */
const ORIGIN_NOUN_AFTER_RE = /^\s+(?:[\p{Ll}-]+\s+){0,2}?(?:arrivals|cargoes|cargos|supplies|shipments|deliveries|imports|purchases|volumes)(?![\p{L}])/u
/** "Chile took 11 Mt", "Peru accounted for 6 Mt", "Iraq got": a partner's verb that names no flow. */
const PARTNER_VERB_AFTER_RE = /^\s+(?:(?:also|alone|then|again)\s+)?(?:took|takes|taking|absorbed|absorbs|accounted|accounts|got|gets|received|receives|followed|came|was|were|is|ranked)(?![\p{L}])/u
/** A whole with no owner: "the exports", "total shipments", "all the coal exported". */
const BARE_WHOLE_RE = /^(?:the\s+|total\s+|all\s+(?:the\s+)?|overall\s+)?(?:(?:country['’]s|nation['’]s|[\p{Ll}-]+)\s+){0,2}?(?:exports|shipments|sales|imports|purchases|total)$/u
/** An amount right after a name ("Bolivia 0.3 Mt", "China at 900,000 tonnes"), and the "and" or comma before the name. */
const ELLIPTIC_AMOUNT_AFTER_RE = /^\s*(?:,\s*)?(?:with|at|on|(?:accounting|responsible)\s+for|making\s+up|taking|supplying|holding|providing)?\s*(?:(?:about|some|nearly|almost|around|over|roughly|just)\s+)?(?:US|A|C|R)?[$€£¥₹]?\s?\d/u
// "followed by Hong Kong with 15,000 t", "ahead of Italy with 86,588 t": a list entry after a rank or a first amount.
const ELLIPTIC_BEFORE_RE = /(?:,|(?<![\p{L}])(?:and|with|followed\s+by|ahead\s+of))\s+(?:the\s+)?$/u
/** "the two buyers", "these three suppliers", "both countries": a group of the partners just named. */
const GROUP_OF_PARTNERS_RE = /(?<![\p{L}])(?:(?:the|these|those|the\s+top|its|their)\s+(two|three|four)|(both))\s+(?:[\p{Ll}-]+\s+)?(?:buyers|suppliers|countries|nations|destinations|markets|origins|sources|customers|importers|exporters)(?![\p{L}])/iu
const GROUP_SIZE: Readonly<Record<string, number>> = { two: 2, three: 3, four: 4 }
/** "Chinese demand doubled sales of", "'s strong demand lifted shipments to": demand, a verb, then a trade noun as its object. */
const DEMAND_AFTER_RE = /^(?:['’]s?)?\s+(?:[\p{Ll}-]+\s+)?(?:demand|appetite|buying)\s+(?:[\p{Ll}-]+\s+){1,2}?(?:the\s+|its\s+)?(?:[\p{Ll}-]+\s+)?(?:sales|exports|shipments|purchases)(?![\p{L}])/u
/** Where the figure's clause starts and ends (";", ", and", ", but", ", while", "and Peru"). */
function clauseAround(text: string, here: SentenceFacts, at: number, end: number): { readonly start: number; readonly end: number } {
  const breaks = /[;]|,\s*(?:and|but|while|whereas)\s|\band\s+(?=\p{Lu})/gu
  let start = here.sentence.start
  let stop = here.sentence.end
  for (const m of text.slice(here.sentence.start, here.sentence.end).matchAll(breaks)) {
    const pos = here.sentence.start + m.index
    if (pos + m[0].length <= at) start = pos + m[0].length
    else if (pos >= end) {
      stop = pos
      break
    }
  }
  return { start, end: stop }
}

/**
 * Issue 10, sixth round: an article about one country's trade with many others. Each figure
 * whose sentence names another country only as a buyer or an origin (not as a trader with its
 * own flow word) is the article country's trade with it.
 */
function readArticlePartners(text: string, out: MutableLinks, here: SentenceFacts, ctx: DocContext): void {
  // "exports to Vietnam (21 Mt), Thailand (10 Mt)": an amount in brackets right after a country is that country's.
  const open = /(\S+(?:\s+\S+){0,2})\s*\($/u.exec(text.slice(Math.max(here.sentence.start, out.start - 40), out.start))
  if (open !== null) {
    const named = here.countries.filter((c) => c.form === 'name' && /^\s*\($/.test(text.slice(c.end, out.start)))
    const country = named[named.length - 1]
    if (country !== undefined && country.iso3 !== out.reporter) {
      out.partner = country.iso3
      delete out.partners
      // "with Algeria (25%), Russia (21.1%) ... as the main suppliers": a partner's share in the article's trade.
      if (out.kind === 'percent' && out.measure !== 'change' && ctx.trade !== undefined && (out.reporter === undefined || out.reporter === ctx.trade.reporter)) {
        out.reporter = ctx.trade.reporter
        out.flow = ctx.trade.flow
      }
      return
    }
  }
  // "making the United States China's 4th leading supplier": the country named right before a
  // possessive rank, as the object of "making" (or "leaving", "called"), is the one ranked.
  if (out.kind === 'rank' && out.partner === undefined && out.reporter !== undefined) {
    const possessor = [...here.countries].reverse().find((c) => c.iso3 === out.reporter && c.end <= out.start && /^['’]s?\s+(?:[\p{L}\d.-]+\s+){0,3}$/u.test(text.slice(c.end, out.start)))
    const ranked = possessor === undefined ? undefined : [...here.countries].reverse().find((c) => c.end <= possessor.start && c.iso3 !== possessor.iso3 && /^\s+$/u.test(text.slice(c.end, possessor.start)) && /(?<![\p{L}])(?:making|made|makes|make|leaving|left|leaves|called|calls|named|names)\s+(?:the\s+)?$/iu.test(text.slice(Math.max(0, c.start - 16), c.start)))
    if (ranked !== undefined) {
      out.partner = ranked.iso3
      delete out.partners
    }
  }
  // "40 Mt of coal in March, with exports to Vietnam (21 Mt), ...": the total before the list has no partner.
  if (out.partner !== undefined) {
    const after = here.countries.filter((c) => c.start >= out.end && c.iso3 === out.partner)
    const before = here.countries.some((c) => c.end <= out.start && c.iso3 === out.partner)
    if (!before && after.length > 0 && after.every((c) => /^\s*\(/.test(text.slice(c.end, c.end + 3)))) delete out.partner
  }
  // "Algeria was the main supplier in July" after Spain's demand figures: before any trade has set
  // the article's side, a rank among suppliers is the article country's imports.
  const trade = ctx.trade ?? (out.kind === 'rank' && ctx.reporter !== undefined && SUPPLIER_ROLE_RE.test(text.slice(out.start, out.end)) ? { flow: 'M' as const, reporter: ctx.reporter } : undefined)
  // "Booming Chinese demand doubled sales of beef to 408,500 tonnes" in an article on Argentina's
  // exports: a country's demand that drives the article's sales is the buyer of the figure, not
  // a consumption of its own.
  if (ctx.trade?.flow === 'X' && out.base !== true && out.partner === undefined && out.partners === undefined && (out.flow === 'consumption' || out.flow === 'X')) {
    const around = clauseAround(text, here, out.start, out.end)
    const buyer = here.countries.find((c) => c.start >= around.start && c.end <= around.end && c.iso3 !== ctx.trade?.reporter && c.iso3 === out.reporter && DEMAND_AFTER_RE.test(text.slice(c.end, around.end)))
    if (buyer !== undefined) {
      out.partner = buyer.iso3
      out.reporter = ctx.trade.reporter
      out.flow = 'X'
      return
    }
  }
  if (out.base === true || trade === undefined || ctx.reporter !== trade.reporter) return
  const clause = clauseAround(text, here, out.start, out.end)
  const inClause = (c: CountryMention): boolean => c.start >= clause.start && c.end <= clause.end
  // "Cameroon was the second-largest supplier" in an article on the Netherlands' imports: a rank
  // among suppliers (or, in one on exports, buyers) whose subject opens its clause is the
  // article's trade with that subject. "Egypt took second place", "pushing Australia into second
  // place": a place with no role noun is held by the country right before it, likewise.
  if (out.kind === 'rank') {
    const words = text.slice(out.start, out.end)
    const ranked = (trade.flow === 'M' ? SUPPLIER_ROLE_RE : BUYER_ROLE_RE).test(words) && !WHOSE_RANK_BEFORE_RE.test(text.slice(Math.max(here.sentence.start, out.start - 40), out.start))
    const between = ranked ? /^\s+(?:was|is|became|remained|ranked\s+as|stayed)\s+(?:the\s+)?$/u : ROLE_NOUN_RE.test(words) ? undefined : /^\s+(?:(?:was|is|has|had|have)\s+)?$/u
    const subject = between === undefined ? undefined : here.countries.find((c) => c.form === 'name' && inClause(c) && c.end <= out.start && between.test(text.slice(c.end, out.start)))
    if (subject !== undefined && subject.iso3 !== trade.reporter) {
      out.partner = subject.iso3
      delete out.partners
      out.reporter = trade.reporter
      out.flow = trade.flow
      return
    }
    // "Russia was the top source of imports" in an article on Turkey's exports: a rank among
    // suppliers that names no other importer (no "to China", "of India" before the next comma) is
    // the article country's imports from its subject, whatever side the article's trade is on.
    if (trade.flow === 'X' && SUPPLIER_ROLE_RE.test(words) && !WHOSE_RANK_BEFORE_RE.test(text.slice(Math.max(here.sentence.start, out.start - 40), out.start))) {
      const rest = /^[^,;.]*/u.exec(text.slice(out.end, clause.end))?.[0] ?? ''
      const other = here.countries.some((c) => c.start >= out.end && c.end <= out.end + rest.length)
      const supplier = here.countries.find((c) => c.form === 'name' && inClause(c) && c.end <= out.start && /^\s+(?:was|is|became|remained|stayed)\s+(?:the\s+)?$/u.test(text.slice(c.end, out.start)))
      if (!other && !/(?<![\p{L}])to(?![\p{L}])/iu.test(rest) && supplier !== undefined && supplier.iso3 !== trade.reporter) {
        out.partner = supplier.iso3
        delete out.partners
        out.reporter = trade.reporter
        out.flow = 'M'
        return
      }
    }
  }
  // "Bolivian arrivals fell 5%" in an article on Chile's imports: the adjective names the origin.
  if (trade.flow === 'M' && out.reporter !== undefined && out.reporter !== trade.reporter && out.partner === undefined && out.partners === undefined && out.flow === 'M') {
    const mentions = here.countries.filter((c) => c.iso3 === out.reporter && inClause(c))
    // "U.S. crude imports totalled 16 Mt" in an article on Korea's imports: a name used as the
    // goods' adjective (the goods right after it, no possessive) is their origin, as a demonym is.
    const asAdjective = (c: CountryMention): boolean => c.form === 'demonym' || (c.form === 'name' && here.commodities.some((m) => m.start >= c.end && /^\s+$/.test(text.slice(c.end, m.start))))
    if (mentions.length > 0 && mentions.every((c) => asAdjective(c) && ORIGIN_NOUN_AFTER_RE.test(text.slice(c.end, c.end + 60)))) {
      out.partner = out.reporter
      out.reporter = trade.reporter
      return
    }
  }
  // "Australian ore made up 62% of the total and Brazilian cargoes 21%" in an article on China's
  // imports: the one country of the clause, named by its adjective before the goods, is the origin.
  if (trade.flow === 'M' && out.partner === undefined && out.partners === undefined && (out.reporter === undefined || out.reporter === trade.reporter) && (out.flow === undefined || out.flow === 'M') && out.measure !== 'rank') {
    const named = here.countries.filter(inClause)
    const only = named.length === 1 ? named[0] : undefined
    if (only !== undefined && only.form === 'demonym' && only.iso3 !== trade.reporter && only.end <= out.start && /^\s+\p{Ll}[\p{Ll}-]+/u.test(text.slice(only.end, only.end + 30))) {
      out.partner = only.iso3
      out.reporter = trade.reporter
      out.flow = 'M'
      return
    }
  }
  // "Peru supplied 1.2 Mt and Bolivia 0.3 Mt": the second subject, its verb left out, holds the
  // amount right after it; the first amount's partner is not that second subject.
  const ellipticSubject = (c: CountryMention): boolean => c.form === 'name' && ELLIPTIC_AMOUNT_AFTER_RE.test(text.slice(c.end, c.end + 40)) && ELLIPTIC_BEFORE_RE.test(text.slice(Math.max(here.sentence.start, c.start - 16), c.start))
  const own = here.countries.filter((c) => c.end <= out.start && c.iso3 !== trade.reporter && ellipticSubject(c) && out.start - c.end < 40 && !/\d/.test(text.slice(c.end, out.start)))
  const subject = own[own.length - 1]
  if (subject !== undefined) {
    out.partner = subject.iso3
    delete out.partners
    out.reporter = trade.reporter
    out.flow = trade.flow
    return
  }
  // "Ivory Coast supplied 41% of the import value, Cameroon was the second-largest supplier with
  // 17%": a country opening a later clause with its own verb is that clause's subject too.
  const clauseSubject = (c: CountryMention): boolean => c.form === 'name' && PARTNER_VERB_AFTER_RE.test(text.slice(c.end, c.end + 30)) && /,\s*(?:and\s+|while\s+|whereas\s+)?(?:the\s+)?$/u.test(text.slice(Math.max(here.sentence.start, c.start - 14), c.start))
  const laterSubject = out.partner !== undefined && here.countries.some((c) => c.iso3 === out.partner && c.start >= out.end && (ellipticSubject(c) || clauseSubject(c))) && !here.countries.some((c) => c.iso3 === out.partner && c.end <= out.start)
  if (laterSubject && out.reporter !== undefined && out.reporter !== trade.reporter && here.countries.some((c) => c.iso3 === out.reporter && c.form === 'name' && c.end <= out.start)) {
    out.partner = out.reporter
    out.reporter = trade.reporter
    out.flow = trade.flow
    return
  }
  // "Tunisia supplied 52% of the imports, Portugal was next with 21%" in an article on Spain's
  // imports: a reporter that is only the subject of a later clause is not the figure's; the
  // figure is the article's trade with the partner named before it.
  const laterReporter = out.reporter !== undefined && out.reporter !== trade.reporter && out.partner !== undefined && here.countries.some((c) => c.iso3 === out.reporter && c.start >= out.end && (ellipticSubject(c) || clauseSubject(c))) && !here.countries.some((c) => c.iso3 === out.reporter && c.end <= out.start) && here.countries.some((c) => c.iso3 === out.partner && c.form === 'name' && c.end <= out.start)
  if (laterReporter) {
    out.reporter = trade.reporter
    out.flow = trade.flow
    return
  }
  // "Together the two buyers accounted for 48%": the last two partners named, in the article's trade.
  const group = GROUP_OF_PARTNERS_RE.exec(text.slice(clause.start, out.start))
  const count = group === null ? 0 : group[2] !== undefined ? 2 : (GROUP_SIZE[(group[1] ?? '').toLowerCase()] ?? 0)
  const recent = ctx.partners ?? []
  if (count > 1 && recent.length >= count && (out.reporter === undefined || out.reporter === trade.reporter) && !here.countries.some(inClause)) {
    out.partners = recent.slice(recent.length - count)
    delete out.partner
    out.reporter = trade.reporter
    out.flow = trade.flow
    return
  }
  // "Egypt and Turkey took 60% of the exports": a share of the article's trade held by two buyers.
  if ((out.measure === 'share' || out.kind === 'percent') && out.measure !== 'change' && out.reporter !== undefined && out.partners === undefined && out.shareOfCountry === undefined && (out.shareOf === undefined || BARE_WHOLE_RE.test(out.shareOf))) {
    // "and Turkey" ends no clause here: the list is read back from the figure.
    const names = here.countries.filter((c) => c.form === 'name' && c.end <= out.start && !/[;]/.test(text.slice(c.end, out.start)))
    const list: string[] = []
    for (let k = names.length - 1; k >= 0; k--) {
      const c = names[k]
      if (c === undefined) break
      const next = names[k + 1]
      if (next !== undefined && !/^\s*(?:,|,?\s*and)\s*(?:the\s+)?$/u.test(text.slice(c.end, next.start))) break
      list.unshift(c.iso3)
    }
    if (list.length > 1 && (list.includes(out.reporter) || (out.reporter === trade.reporter && (out.partner === undefined || list.includes(out.partner)))) && !list.includes(trade.reporter)) {
      out.partners = list
      delete out.partner
      out.reporter = trade.reporter
      out.flow = trade.flow
      return
    }
  }
  // "India, the biggest buyer, took 30% of the shipments" in an article on Malaysia's exports: a
  // share of the article's trade with no owner, held by the one country named before it. So is
  // one left with no reporter at all ("China was the biggest market for beef, with 40% of shipments").
  if (out.measure === 'share' && out.shareOf !== undefined && BARE_WHOLE_RE.test(out.shareOf) && out.reporter !== trade.reporter && out.partner === undefined && out.partners === undefined && (out.flow === undefined || out.flow === trade.flow)) {
    const named = here.countries.filter((c) => c.form === 'name' && inClause(c) && c.end <= out.start)
    const holder = named.length === 1 ? named[0]?.iso3 : undefined
    if (holder !== undefined && holder !== trade.reporter && (out.reporter === undefined || holder === out.reporter)) {
      out.partner = holder
      out.reporter = trade.reporter
      out.flow = trade.flow
      return
    }
  }
  // "Chile took 11 Mt, and shipments to Brazil ..." after "Colombia shipped 22 Mt to Turkey": the
  // clause's subject has no flow word of its own; the flow word of another clause is not its.
  if (out.reporter !== undefined && out.reporter !== trade.reporter && out.partner === undefined && out.partners === undefined) {
    const flowHere = here.flows.some((w) => w.start >= clause.start && w.start < clause.end)
    const subject = here.countries.find((c) => c.iso3 === out.reporter && c.form === 'name' && inClause(c) && c.end <= out.start && PARTNER_VERB_AFTER_RE.test(text.slice(c.end, c.end + 30)))
    const otherWhole = out.measure === 'share' && out.shareOf !== undefined && !BARE_WHOLE_RE.test(out.shareOf)
    if (!flowHere && subject !== undefined && !otherWhole) {
      out.partner = out.reporter
      out.reporter = trade.reporter
      out.flow = trade.flow
      return
    }
  }
}

const PRONOUN_FLOW_RE = new RegExp(`(?<![\\p{L}])(?:its|their)\\s+(?:[\\p{L}-]+\\s+){0,2}?(?:(${EXPORT_WORDS})|(${IMPORT_WORDS}))(?![\\p{L}])`, 'giu')
const SHARE_OF_PRONOUN_RE = new RegExp(`^\\s+of\\s+(?:its|their)\\s+(?:[\\p{L}-]+\\s+){0,2}?(?:(${EXPORT_WORDS})|(${IMPORT_WORDS}))(?![\\p{L}])`, 'iu')

/**
 * "Chile's imports from Peru rose 8%, while its exports to Peru fell 12%": a pronoun with a flow
 * word in the figure's own clause names the flow (the nearer flow word, not the sentence's first)
 * and the country (the one the sentence opened with, else the article's). "Qatar holds 12% of its
 * LNG imports" in an article on Thailand: a share of the article country's imports, the clause's
 * subject its partner.
 */
function readPronounWhole(text: string, l: LinkedFigure, here: SentenceFacts, ctx: DocContext): LinkedFigure {
  const start = here.sentence.start
  const out: { -readonly [K in keyof LinkedFigure]: LinkedFigure[K] } = { ...l }
  const share = l.measure === 'share' ? SHARE_OF_PRONOUN_RE.exec(text.slice(l.afterEnd ?? l.end, (l.afterEnd ?? l.end) + 60)) : null
  if (share !== null) {
    const subject = here.countries.find((c) => c.form === 'name' && c.end <= l.start && sameClause(text, c.end, l.start))
    if (ctx.reporter === undefined || subject === undefined || subject.iso3 === ctx.reporter) return l
    out.reporter = ctx.reporter
    out.partner = subject.iso3
    delete out.partners
    out.flow = share[1] !== undefined ? 'X' : 'M'
    return out
  }
  const before = [...text.slice(start, l.start).matchAll(PRONOUN_FLOW_RE)].map((m) => ({ at: start + m.index, end: start + m.index + m[0].length, flow: (m[1] !== undefined ? 'X' : 'M') as FigureFlow }))
  const p = before[before.length - 1]
  if (p === undefined || !sameClause(text, p.end, l.start)) return l
  // Only when another flow word stands earlier in the sentence: else the sentence's reading stands.
  if (!here.flows.some((w) => w.start < p.at && w.flow !== p.flow && (w.flow === 'X' || w.flow === 'M'))) return l
  const owner = here.countries.find((c) => c.form === 'name' && c.end <= p.at)?.iso3 ?? ctx.reporter
  if (owner === undefined) return l
  out.reporter = owner
  out.flow = p.flow
  const other = here.countries.find((c) => c.iso3 !== owner && ((c.start >= p.end && c.end <= l.start) || (c.start >= l.end && sameClause(text, l.end, c.start))))
  if (other !== undefined) {
    out.partner = other.iso3
    delete out.partners
  } else if (out.partner === owner) delete out.partner
  return out
}

/** "the world's", "the globe's", "a global": before a rank; "in the world", "globally": after it. */
const WORLD_BEFORE_RE = /(?<![\p{L}])(?:the\s+world['’]s|the\s+globe['’]s|the\s+planet['’]s|(?:a|the)\s+global)\s+$/iu
const WORLD_AFTER_RE = /^\s+(?:[\p{L}-]+\s+){0,3}?(?:in\s+the\s+world|worldwide|globally|on\s+the\s+planet)(?![\p{L}])/iu
const IMPORTER_ROLE_RE = /(?<![\p{L}])(?:importers?|buyers?|purchasers?|consumers?)(?![\p{L}])/iu
const EXPORTER_ROLE_RE = /(?<![\p{L}])(?:exporters?|suppliers?|sellers?|shippers?)(?![\p{L}])/iu
const PRODUCER_ROLE_RE = /(?<![\p{L}])(?:producers?|miners?|growers?)(?![\p{L}])/iu

/**
 * "India, the world's biggest buyer of coal", "the world's fifth-largest crude importer": a rank
 * among all the world's importers (or exporters) is the ranked country's own, with no partner,
 * whatever the article's side. The ranked country is the one the rank stands beside ("India, the
 * world's ...", "... is the world's"), else the article's.
 */
function worldRank(text: string, l: LinkedFigure, here: SentenceFacts, ctx: DocContext): LinkedFigure {
  const words = text.slice(l.start, l.end)
  const world = WORLD_BEFORE_RE.test(text.slice(Math.max(0, l.start - 24), l.start)) || WORLD_AFTER_RE.test(text.slice(l.end, l.end + 48))
  // "China, the biggest importer," with no "of Brazil's", "of Brazilian ...", "from", "to" after: among all importers.
  const unowned = /(?<![\p{L}])(?:importers?|exporters?)$/iu.test(words) && !WHOSE_RANK_BEFORE_RE.test(text.slice(Math.max(0, l.start - 40), l.start)) && !/^\s+(?:of\s+(?:the\s+)?\p{Lu}|from\s|to\s|in\s+(?:the\s+)?\p{Lu}|among\s)/u.test(text.slice(l.end, l.end + 24))
  if (!world && !unowned) return l
  const flow: FigureFlow | undefined = IMPORTER_ROLE_RE.test(words) ? 'M' : EXPORTER_ROLE_RE.test(words) ? 'X' : PRODUCER_ROLE_RE.test(words) ? 'production' : undefined
  if (flow === undefined) return l
  const out: { -readonly [K in keyof LinkedFigure]: LinkedFigure[K] } = { ...l, flow }
  delete out.partner
  delete out.partners
  // "India, the world's biggest ...", "India is now the world's ...", "India became the world's ...",
  // "India, the largest buyer of vegetable oils in the world": the country the rank stands beside.
  const besideRe = /^['’]?\s*(?:,\s*|\s+(?:is|was|remains|remained|became|has\s+become|is\s+now|was\s+then|ranks\s+as)\s+)(?:now\s+)?(?:the|a)\s+(?:world|globe|planet|global|$)/iu
  const beside = [...here.countries].reverse().find((c) => c.end <= l.start && c.form === 'name' && besideRe.test(text.slice(c.end, l.start)))
  const reporter = beside?.iso3 ?? (here.countries.some((c) => c.end <= l.start && sameClause(text, c.end, l.start)) ? l.reporter : ctx.reporter) ?? l.reporter
  if (reporter === undefined) delete out.reporter
  else out.reporter = reporter
  return out
}

/** Role nouns of a rank among one country's suppliers, or among its buyers (not "the largest importer" of the world). */
/** Any role noun of a rank ("supplier", "buyer", "importer", "market"): a place without one is "second place". */
const ROLE_NOUN_RE = /(?<![\p{L}])(?:suppliers?|sources?|sellers?|providers?|buyers?|purchasers?|customers?|clients?|destinations?|markets?|importers?|exporters?|shippers?|consumers?|producers?|partners?)(?![\p{L}])/iu
const SUPPLIER_ROLE_RE = /(?<![\p{L}])(?:suppliers?|sources?|sellers?|providers?)(?![\p{L}])/iu
const BUYER_ROLE_RE = /(?<![\p{L}])(?:buyers?|purchasers?|customers?|clients?|destinations?|markets?)(?![\p{L}])/iu

/**
 * Whether a share or rank is of the other side's whole than the article's flow: in an article on
 * imports, "70% of the volume shipped" (a share of the exporter's sales) or "the largest buyer" (a
 * rank among the exporter's buyers); in one on exports, "60% of Kenya's imports", "the top supplier".
 */
function wholeOfOtherSide(text: string, l: LinkedFigure, flow: FigureFlow): boolean {
  if (l.measure === 'share') {
    const whole = l.shareOf ?? ''
    return flow === 'M' ? SHARE_OF_EXPORTS_RE.test(whole) && !SHARE_OF_IMPORTS_RE.test(whole) : SHARE_OF_IMPORTS_RE.test(whole) && !SHARE_OF_EXPORTS_RE.test(whole)
  }
  if (l.kind === 'rank') {
    const words = text.slice(l.start, l.end)
    return flow === 'M' ? BUYER_ROLE_RE.test(words) : SUPPLIER_ROLE_RE.test(words)
  }
  return false
}

/** "Korea's second-largest", "India's top", "China's number 2", "Brazil's biggest": a possessive country and a rank word, right before a role noun. */
const WHOSE_RANK_BEFORE_RE = /\p{Lu}[\p{L}.]*['’]s?\s+(?:[\p{L}\d.-]+\s+){0,3}$/u
/** "among South Korea's crude", "among its", "among the country's": right before a role noun. */
const AMONG_WHOSE_BEFORE_RE = /(?<![\p{L}])among\s+(?:(?:the\s+)?\p{Lu}[\p{L}.]*(?:\s+\p{Lu}[\p{L}.]*)?['’]s?|its|their|the\s+(?:country|nation)['’]s)\s+(?:[\p{Ll}-]+\s+){0,2}$/u
const RANK_WORD_RE = /(?<![\p{L}])(?:largest|biggest|top|main|major|most\s+important|leading|number|no\.|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d{1,2}(?:st|nd|rd|th))(?![\p{L}])/iu

/**
 * "Korea's second-largest supplier": a rank among a country's suppliers is that country's
 * imports; "Brazil's largest buyer" is a rank among its buyers, its exports. Undefined for any
 * other flow word.
 */
/** The flow of a rank role noun within four words after a possessive ending at `end` ("'s second-largest supplier"). */
function whoseRoleAfter(text: string, end: number): FigureFlow | undefined {
  const m = /^['’]s?\s+(?:[\p{L}\d.-]+\s+){0,3}?(?=(?:suppliers?|buyers?|markets?|destinations?|customers?)(?![\p{L}]))/iu.exec(text.slice(end, end + 60))
  return m === null ? undefined : whoseRoleFlow(text, end + m[0].length)
}

const RANKED_MARKET_RE = /(?<![\p{L}])(?:markets?|destinations?|customers?)(?![\p{L}])/giu

/**
 * "China becomes Ecuador's second-biggest shrimp market", "the country's top destination": a
 * rank among a possessor's markets, destinations or customers speaks of its exports, though no
 * flow word is written.
 */
function rankedMarketFlows(text: string): FlowWord[] {
  return [...text.matchAll(RANKED_MARKET_RE)].flatMap((m) => (whoseRoleFlow(text, m.index) === 'X' ? [{ start: m.index, flow: 'X' as const }] : []))
}

function whoseRoleFlow(text: string, at: number): FigureFlow | undefined {
  const word = /^(suppliers?|buyers?|markets?|destinations?|customers?)(?![\p{L}])/iu.exec(text.slice(at, at + 14))?.[1]
  if (word === undefined) return undefined
  const before = text.slice(Math.max(0, at - 48), at)
  // "ranked fourth among South Korea's crude suppliers": the rank stands before "among", the
  // suppliers are the possessor's (its imports), the buyers its exports.
  if (AMONG_WHOSE_BEFORE_RE.test(before)) return /^suppl/i.test(word) ? 'M' : 'X'
  const m = WHOSE_RANK_BEFORE_RE.exec(before)
  if (m === null || !RANK_WORD_RE.test(m[0].replace(/^\S+/u, ''))) return undefined
  return /^suppl/i.test(word) ? 'M' : 'X'
}

/** "below May", "compared with March", "from April": a period named as the base of a comparison. */
/** "from 28,840 tonnes in", "than 1.2 Mt in the": a base amount right before the period's "in". */
const BASE_AMOUNT_IN_BEFORE_RE = /(?<![\p{L}])(?:from|(?<!(?:more|less|fewer|rather)\s+)than|against|versus|vs\.?)\s+(?:(?:about|around|nearly|almost|some|just|over|roughly)\s+)?(?:US|A|C)?[$€£]?\s?\d[\d.,]*\s*(?:[\p{L}%/]+\s+){0,3}?in\s+(?:the\s+)?$/u

/** "up 12% on", "an increase of 88.3% on the": a percent change and "on" right before a period (issue 10, seventeenth round). */
const PERCENT_ON_BEFORE_RE = /\d\s*(?:%|percent|per\s+cent|pc)\s+on\s+(?:the\s+)?$/iu

/** "nothing in", "none at all during", "zero in the": a period (or year) in which there was none of the trade. */
const ZERO_IN_BEFORE_RE = /(?<![\p{L}])(?:nothing|none|zero|no\s+(?:cargoes|shipments|deliveries|imports|exports|supplies|volumes?))(?:\s+at\s+all)?\s+(?:in|during)\s+(?:the\s+)?$/iu
function isBasePeriod(text: string, p: PeriodMention): boolean {
  if (isLandmarkDate(text, p.start)) return true
  // "rose to 72,780 tonnes from 28,840 tonnes in August last year": the month is the base's.
  if (BASE_AMOUNT_IN_BEFORE_RE.test(text.slice(Math.max(0, p.start - 60), p.start))) return true
  // "The UAE delivered 56,282t, having sent nothing in September last year": a period of none
  // is a base, not the date of the amount (issue 10, eighteenth round).
  if (ZERO_IN_BEFORE_RE.test(text.slice(Math.max(0, p.start - 40), p.start))) return true
  // "(921,480 mt, an increase of 88.3% on January-October last year)": a period right after "N% on" is the change's base.
  if (PERCENT_ON_BEFORE_RE.test(text.slice(Math.max(0, p.start - 30), p.start))) return true
  const words = lastWords(text, p.start, 3, 32)
  const w = words[words.length - 1] ?? ''
  // "6% more than in the first quarter", "compared with the first half": a span of months named
  // after a comparison word is the base, as a single month is.
  if (p.fromMonth !== p.toMonth) {
    const v = w === 'the' ? words.slice(0, -1) : words
    const u = v[v.length - 1] ?? ''
    return (u === 'than' || (u === 'in' && v[v.length - 2] === 'than') || ((u === 'with' || u === 'to') && v[v.length - 2] === 'compared')) && !/^\s+(?:of\s+)?\d{4}/u.test(text.slice(p.end, p.end + 8))
  }
  if (w === 'in' && BASE_PERIOD_WORDS.has(words[words.length - 2] ?? '')) return true
  if (w === 'of' && SHORT_OF.has(words[words.length - 2] ?? '')) return true
  return BASE_PERIOD_WORDS.has(w) || ((w === 'with' || w === 'to') && (words[words.length - 2] === 'compared' || words[words.length - 2] === 'relative'))
}
/**
 * A date that ends a clause about an event: "before the war in Ukraine began in February 2022",
 * "since the sanctions took effect in December", "after the ban was imposed in 2018". It dates
 * the event, not the figure.
 */
const LANDMARK_RE = new RegExp(
  `(?<![\\p{L}])(?:before|after|since|until|till|when|as|once)\\s+(?:the\\s+|a\\s+|an\\s+|its\\s+|their\\s+)?[^,.;:()\\d]{0,50}?\\s(?:(?:began|begun|started)(?:\\s+[\\p{L}]+ing(?:\\s+(?:the\\s+|its\\s+|their\\s+|a\\s+)?[\\p{L}-]+){0,3})?|broke\\s+out|erupted|took\\s+effect|came\\s+into\\s+(?:force|effect)|ended|invaded(?:\\s+[\\p{L}]+)?|(?:was|were|had\\s+been|have\\s+been|has\\s+been)\\s+(?:imposed|introduced|lifted|launched|signed|announced|banned|halted|suspended|approved|adopted)|(?:was|were)\\s+hit|struck)\\s+(?:in|on|during)\\s+(?:early\\s+|late\\s+|mid-?)?$`,
  'iu',
)
function isLandmarkDate(text: string, start: number): boolean {
  return LANDMARK_RE.test(text.slice(Math.max(0, start - 100), start))
}
/** A share of "it" (or "which") that names the country it came from or went to: "80% of it came from Kenya", "40% of which went to Japan". */
const PART_OF_TOTAL_RE = /\d(?:[\d.,]*\d)?\s*(?:%|percent|per\s+cent|pc)\s+of\s+(?:it|which|this|that|them|the\s+total)\s+(?:(?:came|come|comes|was|were|went|go|goes|arrived|originated|was\s+shipped|were\s+shipped|headed|bound)\s+)?(?:from|to|for|in)\s+(?:the\s+)?$/iu
/**
 * Where the share of such a part starts, when the figure stands before its end in the same
 * sentence and the part's country is the article's: the figure is the total or that share.
 */
function partOfTotal(text: string, here: SentenceFacts, f: FoundFigure, articleCountry: string): { readonly share: number } | undefined {
  for (const c of here.countries) {
    if (c.iso3 !== articleCountry || c.start < f.end || c.form !== 'name') continue
    const from = Math.max(here.sentence.start, c.start - 80)
    const m = PART_OF_TOTAL_RE.exec(text.slice(from, c.start))
    if (m !== null && from + m.index >= f.start) return { share: from + m.index }
  }
  return undefined
}
const BASE_PERIOD_WORDS = new Set(['from', 'than', 'against', 'versus', 'vs', 'below', 'above', 'since'])

/** The one country named (without a role) in the figure's clause, not the reporter itself. */
function clausePartner(text: string, here: SentenceFacts, f: FoundFigure, reporter: string): string | undefined {
  const names = here.countries.filter((c) => c.form === 'name' && c.iso3 !== reporter && here.roles.unassigned.includes(c.iso3))
  const before = names.filter((c) => c.end <= f.start && sameClause(text, c.end, f.start))
  const pick = before[before.length - 1] ?? names.find((c) => c.start >= f.end && sameClause(text, f.end, c.start))
  return pick?.iso3
}

/** ", and Bangladesh took": a clause that starts with a capitalised name of its own, between a and b. */
function newSubjectBetween(text: string, a: number, b: number): boolean {
  const between = text.slice(a, b)
  return /(?:[;]|,\s*(?:and|but|while)|\bwhile)\s+(?:the\s+)?\p{Lu}/u.test(between) || AFTER_ADVERBIAL_SUBJECT_RE.test(between)
}
/**
 * Issue 10, sixteenth round: ", and over the same years South Korea's volume has grown", ",
 * while in the same period Japan bought": an opening adverbial of lower-case words between the
 * clause break and the new subject's name (a month or a day after them is no subject).
 */
const AFTER_ADVERBIAL_SUBJECT_RE = /(?:[;]|,\s*(?:and|but|while)|\bwhile)\s+(?:[\p{Ll}\d-]+\s+){1,5}?(?:the\s+)?(?!(?:January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?![\p{L}]))\p{Lu}/u

/** Whether nothing between a and b starts another clause (";", ", and", ", but", "and South Korea"). */
/** The start of a reason clause: ", as construction booms", "because of", "due to", "amid", "on the back of". */
const REASON_CLAUSE_RE = /(?:,\s*|\s)(?:as|because|since|amid|amidst|due\s+to|thanks\s+to|owing\s+to|on\s+the\s+back\s+of|driven\s+by|despite|in\s+spite\s+of)\s/u

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

const HEDGE_BEFORE_THAN = new Set(['less', 'more', 'fewer', 'much'])
const HEDGE_BEFORE = new Set(['under', 'nearly', 'almost', 'about', 'around', 'roughly', 'some', 'approximately', 'barely', 'just', 'only'])
/** Words right before a level that make it the base of a comparison: "from 2.9 Mt", "against $5bn". */
const BASE_BEFORE = new Set(['from', 'against', 'versus', 'vs', 'over', 'than', 'above', 'below'])
const PRE_BASE_SOFT = new Set(['the', 'a', 'revised', 'previous', 'preliminary', 'initial', 'record', 'all-time', 'low', 'small', 'modest', 'tiny', 'high', 'base'])
/** "the previous record of 108.6 bcm", "a level of": "of" after these words still leaves a base. */
const OF_AFTER = new Set(['record', 'level', 'high', 'peak', 'total', 'base'])
/** "below May's 6.93 million bpd", "than last year's 5 Mt": the possessive names the base period. */
const POSSESSIVE_PERIOD_RE = /^(january|february|march|april|may|june|july|august|september|october|november|december|year|month|quarter)['’]s$/
/** Percent bases need a plain comparison ("compared with 62% in 2022"); "from 5%" is often a change. */
const PERCENT_BASE_BEFORE = new Set(['against', 'versus', 'vs'])

/** The words between a comparison word and a figure that may stand there: "than the revised", "from the previous record of", "below May's". */
function comparisonWords(text: string, f: FoundFigure): string[] {
  const all = lastWords(text, f.start, 8)
  let k = all.length
  // "against less than 1%", "compared with under 2%": a hedge right before the amount stands between.
  if ((all[k - 1] === 'than' || all[k - 1] === 'as') && HEDGE_BEFORE_THAN.has(all[k - 2] ?? '')) k -= 2
  else if (HEDGE_BEFORE.has(all[k - 1] ?? '')) k--
  while (k > 0) {
    const w = all[k - 1] ?? ''
    if (PRE_BASE_SOFT.has(w) || POSSESSIVE_PERIOD_RE.test(w) || (w === 'of' && OF_AFTER.has(all[k - 2] ?? '')) || (w === "year's" && all[k - 2] === 'last')) k--
    else if (w === 'last' && /^year['’]s$/.test(all[k] ?? '')) k--
    else break
  }
  return all.slice(0, k)
}

/**
 * "coking coal imports edged up to 17.73 MT (17.25 MT)": an amount alone in brackets right after
 * one of the same unit is its earlier value (a year before, unless a month is written inside).
 * A bracket in another unit is a conversion ("235.3 bln rubles ($2.6 bln)"), no base.
 */
function isBracketedBase(text: string, f: FoundFigure, earlier: readonly FoundFigure[]): boolean {
  if (!/^\s*(?:\)|(?:in|for)\s+[^()]{1,24}\))/.test(text.slice(f.afterEnd ?? f.end, (f.afterEnd ?? f.end) + 30))) return false
  return earlier.some((e) => e.kind === f.kind && e.unit === f.unit && e.prior !== true && /^\s*\(\s*$/.test(text.slice(e.afterEnd ?? e.end, f.start)))
}

/** ", when the pandemic had held exports to": a clause about the base date just named, up to the figure. */
const WHEN_CLAUSE_BETWEEN_RE = /^\s*,\s*(?:when|at\s+which\s+time)\s+[^,.;:()\d]{0,80}$/u

/**
 * "from 254,000 tons in 2023, those to China 17% to 355,000 tons from 304,000 tons": a base
 * without a date of its own, in a sentence whose earlier base has one, is of the same date.
 */
function withParallelBaseYear(l: LinkedFigure, linked: readonly LinkedFigure[]): LinkedFigure {
  if (l.base !== true || l.year !== undefined) return l
  const earlier = [...linked].reverse().find((m) => m.base === true && m.year !== undefined)
  if (earlier?.year === undefined) return l
  return { ...l, year: earlier.year, ...(earlier.linkedPeriod === undefined ? {} : { linkedPeriod: earlier.linkedPeriod }) }
}

/** The base date's year (and, for "the same month of", the main figure's months that year) of an amount in a "when" clause. */
function whenClauseYear(text: string, f: FoundFigure, here: SentenceFacts, main: LinkedFigure | undefined): YearMention | undefined {
  const mention = here.years.find((y) => y.end <= f.start && y.base === 'strict' && WHEN_CLAUSE_BETWEEN_RE.test(text.slice(y.end, f.start)))
  if (mention === undefined) return undefined
  const sameMonths = /(?<![\p{L}])same\s+(?:[\p{L}-]+\s+){0,2}?(?:month|months|period|quarter|half)\s+(?:of|in)\s+(?:the\s+year\s+)?$/iu.test(text.slice(Math.max(0, mention.pos - 40), mention.pos))
  const period = mention.period ?? (sameMonths ? main?.linkedPeriod?.replace(/\d{4}/g, String(mention.year)) : undefined)
  return { pos: mention.pos, end: mention.end, year: mention.year, base: 'none', ...(period === undefined ? {} : { period }) }
}

/**
 * The landmark's date of an amount a record is measured against: "the smallest since 2010, when
 * 5.57 Mt left", "the lowest since the $274.42 million of March 2016". A level of that date, no
 * base of a change.
 */
function landmarkYear(text: string, f: FoundFigure, here: SentenceFacts): YearMention | undefined {
  const mention =
    here.years.find((y) => y.end <= f.start && y.base === 'since' && (WHEN_CLAUSE_BETWEEN_RE.test(text.slice(y.end, f.start)) || OWN_AMOUNT_AFTER_RE.test(text.slice(y.end, f.start)))) ??
    (/(?<![\p{L}])since\s+(?:the\s+)?$/iu.test(text.slice(Math.max(0, f.start - 12), f.start)) ? here.years.find((y) => y.pos >= (f.afterEnd ?? f.end) && y.base === 'since' && /^\s*(?:of|in)\s+$/u.test(text.slice(f.afterEnd ?? f.end, y.pos))) : undefined)
  if (mention === undefined) return undefined
  return { pos: mention.pos, end: mention.end, year: mention.year, base: 'none', ...(mention.period === undefined ? {} : { period: mention.period }) }
}

/** "apart from 2017, with 54.78 Mt, and 2018, with 54.23 Mt": years set aside from a record, each with its own amount. */
const EXCEPTED_BEFORE_RE = /(?<![\p{L}])(?:apart\s+from|except(?:\s+for|\s+in)?|other\s+than|save\s+for|behind|bar|besides|after|only)\s+(?:(?:in|for)\s+)?$/iu
const OWN_AMOUNT_AFTER_RE = /^\s*(?:\([^()]*\)\s*)?,\s*(?:with|at|when\s+it\s+(?:was|reached|hit))\s+(?:about\s+|some\s+|nearly\s+|almost\s+|around\s+)?$/iu
function isExceptedRecordYear(text: string, y: FoundFigure, figures: readonly FoundFigure[]): boolean {
  if (y.kind !== 'year') return false
  const next = figures.find((g) => g.start >= y.end && g.kind !== 'year' && g.kind !== 'date')
  if (next === undefined || !OWN_AMOUNT_AFTER_RE.test(text.slice(y.end, next.start))) return false
  const before = text.slice(Math.max(0, y.start - 24), y.start)
  if (EXCEPTED_BEFORE_RE.test(before)) return true
  // "..., and 2018, with 54.23 Mt": the list goes on after an excepted year.
  const previous = [...figures].reverse().find((g) => g.kind === 'year' && g.end <= y.start)
  return previous !== undefined && /(?<![\p{L}])and\s+$/u.test(before) && isExceptedRecordYear(text, previous, figures)
}

/** "from a low base of ", "from a base of about ": right before an amount (issue 10, sixteenth round). */
const BASE_OF_BEFORE_RE = /(?<![\p{L}])base\s+of\s+(?:(?:about|around|nearly|almost|some|just|only)\s+)?$/u
function baseOfBefore(text: string, f: FoundFigure): boolean {
  return BASE_OF_BEFORE_RE.test(text.slice(Math.max(0, f.start - 40), f.start))
}
function isBaseFigure(text: string, f: FoundFigure, earlier: readonly FoundFigure[]): boolean {
  if (f.prior === true) return true
  if (f.kind === 'date' || f.kind === 'year') return false
  if (isBracketedBase(text, f, earlier)) return true
  // "than the revised $55.3 billion": articles and revision words stand between.
  const words = comparisonWords(text, f)
  const w = words[words.length - 1] ?? ''
  const w1 = words[words.length - 2] ?? ''
  const comparedWith = (w === 'with' || w === 'to') && (w1 === 'compared' || w1 === 'relative')
  if (f.kind === 'percent') return (comparedWith || PERCENT_BASE_BEFORE.has(w)) && earlier.some((e) => e.kind === 'percent' && e.prior !== true)
  // "205,000 tonnes and 12,500 tonnes, against 347,000 tonnes and 22,100 tonnes in 2018": a later
  // amount of a list opened by "against" is a base too (issue 10, twentieth round).
  if (BASE_LIST_BEFORE_RE.test(text.slice(Math.max(0, f.start - 120), f.start)) && earlier.some((e) => e.kind === f.kind && e.prior !== true)) return true
  // "climbed from around $100 million in 2010 to almost $16.6 billion in 2022": the base named first.
  if (w === 'from' && FROM_TO_AFTER_RE.test(text.slice(f.end, f.end + 60))) return true
  // "has grown 78-fold from a low base of 34 tonnes": the words say it is the base, with or without an amount before it.
  if (w === 'from' && baseOfBefore(text, f)) return true
  return (BASE_BEFORE.has(w) || comparedWith) && earlier.some((e) => e.kind === f.kind && e.prior !== true)
}
/** "against 347,000 tonnes and ", "versus $2.1 billion, $1.4 billion and ": the items of a list of bases before the last. */
const BASE_LIST_BEFORE_RE = /(?<![\p{L}])(?:against|versus|vs\.?|compared\s+with)\s+(?:(?:about|around|nearly|almost|some|just|over|roughly)\s+)?(?:(?:US|A|C)?[$€£]?\s?\d[\d.,]*\s*(?:[\p{L}%/]+\s+){0,2}?(?:,\s*|,?\s*and\s+))+$/u
/** After the first amount of "from X (in 2010) to Y": the year or period it is of ("in January-May 2017", "in the first half of 2017"), then "to" and the second amount. */
const FROM_TO_AFTER_RE = /^\s+(?:(?:in|of|during)\s+(?:the\s+)?(?:[\p{L}]+(?:[-–][\p{L}]+)?\s+){0,3}?\d{4}\s+)?to\s+(?:(?:about|around|almost|nearly|some|over|just|roughly|more\s+than|less\s+than)\s+)?(?:US|A|C)?[$€£]?\s?\d/u

/** What may stand between a base figure and the year it belongs to ("in the same months of", "at this point of"). */
const OWNED_YEAR_RE = /^\s*(?:\([^()]{0,20}\)\s*)?(?:(?:at|by)\s+(?:this|that|the\s+same)\s+(?:point|time|stage|date)\s+)?(?:in|of|during|for)\s+(?:(?:the|each|of|those|these|same|corresponding|period|periods|months?|quarters?|half|weeks?)\s+){0,5}$/i

/** ", as European buyers look for gas to replace Russian supplies": a reason clause after a comma. */
const TRAILING_REASON_RE = /,\s*(?:as|because|amid|amidst|due\s+to|owing\s+to|despite|in\s+spite\s+of|after|following)\s/gu

/**
 * Where a reason clause closing the sentence begins, when no figure stands in it ("... carrying
 * Nigerian cargoes to Spain this month, as European buyers replace Russian supplies"): the
 * countries and trade words there name no party of the sentence's figures.
 */
function trailingReasonStart(text: string, sentence: Sentence, figures: readonly FoundFigure[]): number | undefined {
  if (figures.length === 0) return undefined
  for (const m of text.slice(sentence.start, sentence.end).matchAll(TRAILING_REASON_RE)) {
    const at = sentence.start + m.index
    // "..., after record shipments, mostly to China, in November 2013": a date there is the
    // event's (a landmark), no amount of the clause.
    if (figures.every((f) => f.end <= at || f.kind === 'year' || f.kind === 'date')) return at
  }
  return undefined
}

function readFacts(
  text: string,
  sentence: Sentence,
  figures: readonly FoundFigure[],
  allCountries: readonly CountryMention[],
  commodities: readonly CommodityMention[],
  allFlows: readonly FlowWord[],
  periods: readonly PeriodMention[],
): SentenceFacts {
  const reason = trailingReasonStart(text, sentence, figures)
  const countries = reason === undefined ? allCountries : allCountries.filter((c) => c.start < reason)
  const flows = reason === undefined ? allFlows : allFlows.filter((f) => f.start < reason)
  const years: YearMention[] = []
  // Only a level after an earlier figure of its kind can be a base: the cheap test first.
  // "grew from $732 million in December 2019 to $1.5 billion in January": a first figure opened by
  // "from" is a base named before its level, and its year is its own (issue 10, twenty-first round).
  const bases = figures.filter((f, k) => (f.prior === true || k > 0 || /(?<![\p{L}])from\s+$/u.test(text.slice(Math.max(0, f.start - 6), f.start))) && isBaseFigure(text, f, figures.slice(0, k)))
  for (const f of figures) {
    if (f.kind !== 'year' && f.kind !== 'date') continue
    if (f.kind === 'date' && /^\d{4}\/\d{4}$/.test(f.date ?? '')) continue
    // "from 2.1 Mt in 2021": the year belongs to the base figure before it.
    // "against 1.38 Mt in each of those months of 2018", "the N7.77 trillion of the same months of 2017".
    const owner = bases.find((b) => b.end <= f.start && OWNED_YEAR_RE.test(text.slice(b.afterEnd ?? b.end, f.start)))
    const base = owner !== undefined ? 'strict' : isPlanDeadline(text, f.start, figures) || (reason !== undefined && f.start >= reason) || isExceptedRecordYear(text, f, figures) ? 'since' : baseYearKind(text, f.start)
    years.push({ pos: f.start, end: f.end, year: Number(f.valueExact), ...(f.period === undefined ? {} : { period: f.period }), base, ...(owner === undefined ? {} : { owner: owner.start }) })
  }
  const body = text.slice(sentence.start, sentence.end)
  return {
    sentence, years, countries, roles: readRoles(text, sentence, countries, commodities), commodities, flows, periods,
    thisYear: THIS_YEAR_RE.test(body), lastYear: LAST_YEAR_RE.test(body), lastWeek: LAST_WEEK_RE.test(body), previousYear: PREVIOUS_YEAR_RE.test(body), balance: BALANCE_RE.test(body),
  }
}

const RECEIVERS = 'terminals?|ports?|buyers?|customers?|refiners?|refineries|markets?|plants?|utilities|consumers?|mills?|smelters?|importers?'
const RECEIVERS_IN_RE = new RegExp(`(?<![\\p{L}])(?:to|into)\\s+(?:the\\s+)?(?:[\\p{L}-]+\\s+)?(?:${RECEIVERS})\\s+in\\s+(?:the\\s+)?$`, 'iu')
/** Plural only: "the Turkish port of Ceyhan" names a place on the way, not the buyers. */
const RECEIVERS_AFTER_RE = /^\s+(?:terminals|ports|buyers|customers|refiners|refineries|markets|plants|utilities|consumers|mills|smelters|importers)(?![\p{L}])/iu
const EXCLUDING_WORDS = new Set(['excluding', 'except', 'besides', 'ex', 'replacing', 'replaced', 'displacing', 'displaced'])
/** "other than (the)", "outside (of)", "apart from", "aside from", "rather than", "instead of", "not including": the country after is left out. */
const LEFT_OUT_BEFORE_RE = /(?<![\p{L}])(?:other\s+than|rather\s+than|outside(?:\s+of)?|apart\s+from|aside\s+from|instead\s+of|not\s+including|excluding|except(?:\s+for)?)\s+(?:the\s+)?$/iu
function isLeftOut(text: string, start: number): boolean {
  return LEFT_OUT_BEFORE_RE.test(text.slice(Math.max(0, start - 32), start))
}
const OVERTAKING_WORDS = new Set(['past', 'overtakes', 'overtook', 'overtaken', 'overtaking', 'overtake', 'surpasses', 'surpassed', 'surpassing', 'outstripped', 'outstrips', 'passes', 'passed', 'unseats', 'unseated', 'dethroned', 'dethrones'])

/** A rank, then the words that name what it is measured against: "No.4 supplier after", "ranked fourth ..., behind", "largest buyer, ahead of". */
const RANKED_AGAINST_BEFORE_RE = /(?:(?:largest|biggest|second|third|fourth|fifth|sixth|top|leading|main)[\p{L}-]*|No\.\s?\d+|number\s+(?:one|two|three|four|five|\d+))(?:\s+[^\s.;\d]+){0,8}?,?\s+(?:after|behind|ahead\s+of|trailing)\s+(?:the\s+)?$/iu

function readRoles(text: string, sentence: Sentence, countries: readonly CountryMention[], commodities: readonly CommodityMention[]): Roles {
  let origin: string | undefined
  let destination: string | undefined
  const unassigned: string[] = []
  const mentions: { start: number; end: number; iso3: string; role: 'origin' | 'destination'; list?: string[] }[] = []
  let head: (typeof mentions)[number] | undefined
  let headEnd = -1
  let skippedEnd = -1
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
    // "not counting China", "excluding Russia", "second-largest supplier after Russia": the
    // country is named to be left out, or as the one ranked before; it plays no part.
    if (last !== undefined && (EXCLUDING_WORDS.has(last) || (last === 'counting' && words[words.length - 2] === 'not'))) continue
    // "markets other than the United States", "buyers outside China", "apart from India": the
    // country is the one the figure leaves out.
    if (isLeftOut(text, c.start)) continue
    // "according to the Korea Customs Service", "according to China's customs": the source of the
    // figures, no destination (issue 10, eighteenth round).
    if (last === 'to' && /(?<![\p{L}])according\s+to\s+(?:the\s+)?$/iu.test(text.slice(Math.max(sentence.start, c.start - 24), c.start))) continue
    // "Japan overtakes China as top buyer": the country overtaken in a rank is only compared.
    if (last !== undefined && OVERTAKING_WORDS.has(last) && /^\s+(?:as|to\s+become)\s/u.test(after)) continue
    // "with Algeria (25%), Russia (21.1%) ... as the main suppliers": a bare name with its own
    // amount in brackets is that amount's (readArticlePartners), no role of the sentence's other figures.
    if (c.form === 'name' && !['to', 'from', 'into', 'for', 'of', 'by'].includes(last ?? '') && /^\s*\(\s*(?:(?:about|some|nearly|almost|around|over)\s+)?(?:US|A|C)?[$€£]?\s?\d/u.test(after)) continue
    // "the highest since the invasion of Ukraine": a landmark, like a year after "since".
    if (/(?<![\p{L}])since\s+(?:the|a|an)\s[^,.;:()\d]{0,40}$/iu.test(text.slice(Math.max(sentence.start, c.start - 48), c.start))) continue
    // "the No.4 supplier after Saudi Arabia, Kuwait and the UAE", "ranked fourth ..., behind
    // Saudi Arabia, Kuwait and Iraq", "the largest buyer, ahead of China": the countries a rank is
    // measured against play no part in the figure's trade (the whole list is left out).
    if (skippedEnd >= 0 && c.form === 'name' && /^\s*(?:,\s*(?:and\s+)?|and\s+|&\s*)(?:the\s+)?$/.test(text.slice(skippedEnd, c.start))) {
      skippedEnd = c.end
      continue
    }
    skippedEnd = -1
    if (RANKED_AGAINST_BEFORE_RE.test(text.slice(Math.max(sentence.start, c.start - 100), c.start))) {
      skippedEnd = c.end
      continue
    }
    let role: 'origin' | 'destination' | undefined
    if (between) role = undefined
    else if (last === 'from') role = 'origin'
    else if (c.form === 'name' && (last === 'to' || last === 'into' || last === 'towards' || last === 'toward' || last === 'for')) role = 'destination'
    // "to terminals in Britain, Germany, ...", "to buyers in India": the place of the receiving end.
    else if (c.form === 'name' && last === 'in' && RECEIVERS_IN_RE.test(text.slice(Math.max(sentence.start, c.start - 40), c.start))) role = 'destination'
    // "went to German terminals", "to Chinese buyers": a demonym before the receiving end.
    else if (c.form === 'demonym' && last === 'to' && RECEIVERS_AFTER_RE.test(text.slice(c.end, c.end + 24))) role = 'destination'
    else if (c.form === 'name' && last !== undefined && SUPPLY_VERBS.has(last)) role = 'destination'
    // "Korea's second-largest supplier": the country whose suppliers are ranked buys.
    else if (c.form === 'name' && /^['’]s?\s/u.test(after) && whoseRoleAfter(text, c.end) !== undefined) role = whoseRoleAfter(text, c.end) === 'M' ? 'destination' : 'origin'
    // "U.S. soybean arrivals" (not "China's soybean arrivals"): the goods of that country arriving.
    else if (!/^['’]/u.test(after) && commodities.some((m) => m.start >= c.end && m.start < c.end + 24 && /^\s+(?:[\p{L}-]+\s+)?$/u.test(text.slice(c.end, m.start)) && /^\s+arrivals(?![\p{L}])/iu.test(text.slice(m.end, m.end + 12)))) role = 'origin'
    else if (EXPORTER_AFTER_RE.test(after)) role = 'origin'
    else if (IMPORTER_AFTER_RE.test(after)) role = 'destination'
    else if (c.form === 'demonym' && commodities.some((m) => m.start >= c.end && /^\s+(?:[\p{L}-]+\s+)?$/u.test(text.slice(c.end, m.start)))) role = 'origin'
    // "took 20pc more US crude": a name used as the goods' adjective (no flow word after it) is their origin.
    // "1.56 Mt of U.S. crude" likewise: "of" before the name, the goods right after it.
    else if (c.form === 'name' && last !== 'in' && commodities.some((m) => m.start >= c.end && /^\s+$/.test(text.slice(c.end, m.start)))) role = 'origin'
    if (role === 'origin') origin ??= c.iso3
    else if (role === 'destination') destination ??= c.iso3
    else if (c.form === 'name' && !between) unassigned.push(c.iso3)
    if (role !== undefined) {
      const m = { start: c.start, end: c.end, iso3: c.iso3, role }
      mentions.push(m)
      // "to Italy, India and Israel", "to terminals in Britain, Germany and France", "Russia and Ukraine supplied".
      if (last === 'to' || last === 'from' || last === 'into' || last === 'in' || c.form === 'name') {
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
    if (only === undefined) return undefined
    if (only.start >= end) return /,\s*(?:and|but|while)\s|;|\bwhile\b/.test(text.slice(end, only.start)) ? undefined : only
    // "Deliveries to Myanmar grew 10%, and Bangladesh took 48,000 tons": a new clause with its own subject.
    return newSubjectBetween(text, only.end, f.start) ? undefined : only
  }
  const after = candidates.find((m) => m.start >= end && !/[,;]|\band\b|\bwhile\b/.test(text.slice(end, m.start)))
  if (after !== undefined) return after
  const before = candidates.filter((m) => m.end <= f.start)
  return before[before.length - 1] ?? candidates[0]
}

function linkOne(text: string, f: FoundFigure, here: SentenceFacts, previous: SentenceFacts | undefined, main: LinkedFigure | undefined, mains: readonly LinkedFigure[]): LinkedFigure {
  const out: { -readonly [K in keyof LinkedFigure]: LinkedFigure[K] } = { ...f }
  const after = text.slice(f.afterEnd ?? f.end, Math.min(here.sentence.end, (f.afterEnd ?? f.end) + 120))
  // The base of a comparison belongs to the series of the last earlier figure of its kind
  // ("30% more than the 8.7 Mt of last year": the tonnes, not the percent, are its series).
  const when = f.kind !== 'percent' && mains.some((m) => m.end <= f.start) ? whenClauseYear(text, f, here, main) : undefined
  const baseLike = when !== undefined || isBaseFigure(text, f, mains)
  // "grew 78-fold from a low base of 34 tonnes": with no amount of its kind before it, the base is of the change's series.
  const series = baseLike ? (f.prior === true ? main : ([...mains].reverse().find((m) => m.kind === f.kind) ?? (baseOfBefore(text, f) ? main : undefined))) : undefined
  // "from around $100 million in 2010 to almost $16.6 billion": a base named before its level has no series yet.
  const isBase = series !== undefined || (baseLike && f.kind !== 'percent')

  // Measure first: a change figure reads "from 2021" as its base, not as its year.
  const read = f.multiple !== undefined ? { measure: 'change' as const, direction: f.multiple } : readMeasure(f, wordsBefore(text, f), after, text.slice(Math.max(0, f.start - 60), f.start))
  // "41% of the shipments, ahead of China on 22%": the comparison "ahead of China" is no share the percent could follow.
  const shareMain = main?.kind === 'comparison' ? [...mains].reverse().find((m) => m.kind !== 'comparison') : main
  const coordinated = read.measure === 'level' && f.kind === 'percent' ? coordinatedShare(text, f, shareMain, here) : undefined
  // "14pc, or 485,000 b/d, above ...": an amount that restates a change with "or" is the same change.
  const restated = read.measure === 'level' && f.kind !== 'percent' && main !== undefined && /^\s*,?\s*or\s+$/.test(text.slice(main.afterEnd ?? main.end, f.start)) ? coordinatedChange(text, f, main) : undefined
  let measure: MeasureRead = f.kind === 'rank' ? { measure: 'rank' as const } : f.kind === 'comparison' ? { measure: 'comparison' as const } : read.measure === 'level' && f.kind === 'percent' ? (coordinatedChange(text, f, main) ?? gappedChange(text, f, after, mains) ?? listedByChange(text, f, after, here) ?? coordinated?.read ?? listedShare(text, f, mains) ?? read) : (restated ?? read)
  // "fell 19.42%, 17.37% and 93.43% on the year": a later item read as a change by the words after
  // it ("on the year") takes the direction of the list's first item (issue 10, twentieth round).
  const listedItem = measure.measure === 'change' && measure.direction === undefined && f.kind === 'percent' ? coordinatedChange(text, f, main) : undefined
  if (listedItem?.direction !== undefined) measure = { ...measure, direction: listedItem.direction }
  out.measure = isBase ? (f.kind === 'percent' && series?.measure !== undefined ? series.measure : 'level') : measure.measure
  if (isBase) out.base = true
  if (measure.direction !== undefined && !isBase) out.changeDirection = measure.direction
  if (measure.shareOf !== undefined) {
    out.shareOf = measure.shareOf
    const country = here.countries.find((c) => c.start >= f.end && c.start < f.end + 120 && after.includes(text.slice(c.start, c.end)))
    if (country !== undefined && measure.shareOf.includes(text.slice(country.start, country.end))) out.shareOfCountry = country.iso3
  }

  const landmark = when === undefined && series === undefined && f.kind !== 'percent' && isTradeFigure(f) ? landmarkYear(text, f, here) : undefined
  // A base with no series yet keeps the year it owns ("from $732 million in December 2019 to ...").
  const owned = isBase && series === undefined ? here.years.find((y) => y.owner === f.start) : undefined
  const year = when ?? landmark ?? (series !== undefined ? baseYear(text, f, here, series) : (owned ?? pickYear(text, f, here, previous, measure.measure === 'change')))
  if (year !== undefined) {
    out.year = year.year
    if (year.period !== undefined) out.linkedPeriod = year.period
  }
  if (measure.measure === 'change' && !isBase) {
    const base = here.years.find((y) => y.pos > f.start && (y.base === 'strict' || y.base === 'loose') && y.year !== year?.year) ?? here.years.find((y) => y.base === 'strict' && y.year !== year?.year)
    if (base !== undefined) out.changeFrom = base.year
    else if (year !== undefined && here.previousYear) out.changeFrom = year.year - 1
  }

  if (!isTradeFigure(f) && f.kind !== 'price') return out
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
  if (coordinated?.partner !== undefined && main !== undefined && out.measure === 'share') {
    // "China has taken 40% of it, India 20% and South Korea 13%": the series of the first share, another partner.
    for (const k of ['reporter', 'flow', 'commodity', 'hsCode'] as const) if (main[k] !== undefined) (out as Record<string, unknown>)[k] = main[k]
    out.partner = coordinated.partner
    return out
  }
  if (coordinated?.sector === true && main !== undefined && out.measure === 'share') {
    // The sector's share of the same whole: the first share's country and flow; its goods are not the first share's.
    for (const k of ['reporter', 'flow'] as const) if (main[k] !== undefined) (out as Record<string, unknown>)[k] = main[k]
    delete out.commodity
    delete out.hsCode
    return out
  }
  if (series !== undefined) {
    // A base figure is the same series as the figure it is compared with.
    for (const k of ['reporter', 'partner', 'partners', 'flow', 'commodity', 'hsCode'] as const) if (series[k] !== undefined) (out as Record<string, unknown>)[k] = series[k]
    return out
  }
  // Flow words inside the phrase a share is of ("of Israel's oil needs") say what the whole is.
  const afterStart = f.afterEnd ?? f.end
  const shareSpan = measure.shareOf === undefined ? undefined : [afterStart, afterStart + after.indexOf(measure.shareOf) + measure.shareOf.length]
  const flowWord = flowWordOf(here.flows.filter((w) => (shareSpan === undefined || w.start < (shareSpan[0] ?? 0) || w.start >= (shareSpan[1] ?? 0)) && !(w.start < f.start && newSubjectBetween(text, w.start, f.start))), f, text)
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
  // "68% of what Egypt bought abroad": the whole is an import, whoever else is named.
  // (a verb of the whole's country, or its exports; "18% of Israel's oil needs" stays the supplier's export).
  const wholeFlow = measure.shareOf === undefined || out.shareOfCountry === undefined ? undefined : /(?<![\p{L}])(?:bought|imported|purchased)(?![\p{L}])/iu.test(measure.shareOf) ? 'M' : SHARE_OF_EXPORTS_RE.test(measure.shareOf) ? 'X' : undefined
  // "Chile held 30 percent of the Spanish market", "Ivory Coast, its biggest supplier, held 65.8
  // percent of the Dutch market": a share of a named country's market is of its imports, whatever
  // flow word stands before it.
  const marketWhole = measure.shareOf !== undefined && out.shareOfCountry !== undefined && /(?<![\p{L}])market(?![\p{L}])/iu.test(measure.shareOf) ? 'M' : undefined
  // "Asian buyers took 80% of the kingdom's oil exports": a whole that names its trade, with no
  // country name in it, is that trade, before any flow word outside it.
  const namedWhole = measure.shareOf === undefined || out.shareOfCountry !== undefined ? undefined : WHOLE_EXPORTS_RE.test(measure.shareOf) ? 'X' : WHOLE_IMPORTS_RE.test(measure.shareOf) ? 'M' : undefined
  // "Canada ... with 46% of all US aluminium imports": a share of a named country's imports (its
  // exports) is that country's trade, whatever supplier verb stands before it (issue 10, twentieth round).
  const tradeWhole = measure.shareOf === undefined || out.shareOfCountry === undefined || marketWhole !== undefined ? undefined : /(?<![\p{L}])imports(?![\p{L}])/iu.test(measure.shareOf) ? 'M' : /(?<![\p{L}])exports(?![\p{L}])/iu.test(measure.shareOf) ? 'X' : undefined
  if (tradeWhole === 'M' && out.shareOfCountry !== undefined && origin === out.shareOfCountry) origin = destination
  if (tradeWhole === 'M' && out.shareOfCountry !== undefined) destination = out.shareOfCountry
  if (tradeWhole === 'X' && out.shareOfCountry !== undefined && destination === out.shareOfCountry) destination = origin
  if (tradeWhole === 'X' && out.shareOfCountry !== undefined) origin = out.shareOfCountry
  let flow = marketWhole ?? tradeWhole ?? namedWhole ?? flowWord?.flow ?? wholeFlow ?? (origin !== undefined && destination !== undefined ? 'X' : undefined)
  // "Chile's goods exports fell 9.5%, ..., while imports slipped 1.3%": the possessive owner of the
  // first flow, with no country in the second flow's clause, owns the second flow too (its
  // reporter, not its partner).
  if ((flow === 'X' || flow === 'M') && flowWord !== undefined) {
    const otherSide = flow === 'M' ? origin : destination
    const ownSide = flow === 'M' ? destination : origin
    const owner = otherSide === undefined || ownSide !== undefined ? undefined : here.countries.find((c) => c.iso3 === otherSide && c.form === 'name' && c.end <= flowWord.start && /^['’]s?\s/u.test(text.slice(c.end, c.end + 3)))
    const clause = owner === undefined ? null : /,\s*(?:while|whereas|but|and)\s+(?:[\p{Ll}-]+\s+){0,3}$/u.exec(text.slice(owner.end, flowWord.start))
    const firstFlow = owner === undefined ? undefined : here.flows.find((w) => w.start >= owner.end && w.start < flowWord.start && w.flow !== flow)
    if (owner !== undefined && clause !== null && firstFlow !== undefined && !here.countries.some((c) => c.start > owner.end && c.start < f.start && c.iso3 !== owner.iso3)) {
      if (flow === 'M') {
        destination = owner.iso3
        origin = undefined
      } else {
        origin = owner.iso3
        destination = undefined
      }
    }
  }
  // Countries named without a role in the figure's own clause ("Moscow will cut exports by 0.5
  // million bpd, while Saudi Arabia ...": Russia for the first figure, Saudi Arabia for the second).
  const own = here.roles.unassigned.filter((iso3) => here.countries.some((c) => c.iso3 === iso3 && (c.end <= f.start ? sameClause(text, c.end, f.start) : sameClause(text, f.end, c.start))))
  // "exports of 310 Mt in 2020, as construction booms in China": a country named only in a
  // reason clause after the figure ("as", "because", "due to", "amid", "on the back of") is no trader.
  const reasonOnly = (iso3: string): boolean => here.countries.filter((c) => c.iso3 === iso3).every((c) => c.start >= (f.afterEnd ?? f.end) && REASON_CLAUSE_RE.test(text.slice(f.afterEnd ?? f.end, c.start)))
  const single = here.roles.unassigned.length === 1 ? here.roles.unassigned[0] : undefined
  const lone = single !== undefined && !reasonOnly(single) ? single : own.length === 1 && own[0] !== undefined && !reasonOnly(own[0]) ? own[0] : undefined
  // One country, no roles, a trade verb: the country is the subject ("Vietnam earned $1.55bn from selling crude").
  if ((flow === 'X' || flow === 'M') && origin === undefined && destination === undefined && lone !== undefined) {
    if (flow === 'X') origin = lone
    else destination = lone
  }
  if (flow !== undefined && flow !== 'X' && flow !== 'M') {
    // Production, consumption, transit, stocks: the country they happen in, no partner.
    const where = origin ?? destination ?? own[own.length - 1] ?? here.roles.unassigned[0] ?? here.countries.find((c) => c.form === 'demonym')?.iso3
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
  // "Azerbaijan covers 18% of Israel's oil needs": both sides known once the spare country is placed.
  flow ??= origin !== undefined && destination !== undefined ? 'X' : undefined
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

/** A change word of the sentence (not the adverbs "up", "down"): the verb a list of "by" items leaves out. */
const LIST_CHANGE_WORD_RE = new RegExp(`(?<![\\p{L}])(${INCREASE}|${DECREASE})(?![\\p{L}])`, 'giu')
/**
 * Issue 10, sixteenth round: "Other markets grew too: Spain by 12% to 4,000 tons, Japan by 30%
 * to 900 tons": a list item "<name> by N% to <amount>" whose verb is left out is a change in the
 * direction of the last change word before it in the sentence, even when no percent change comes
 * before it.
 */
function listedByChange(text: string, f: FoundFigure, after: string, here: SentenceFacts): MeasureRead | undefined {
  if (f.kind !== 'percent' || !TO_AMOUNT_AFTER_RE.test(after) || !/(?<![\p{L}])by\s+$/u.test(text.slice(Math.max(here.sentence.start, f.start - 4), f.start))) return undefined
  const words = [...text.slice(here.sentence.start, f.start).matchAll(LIST_CHANGE_WORD_RE)].map((m) => m[1] ?? '').filter((w) => !/^(?:up|down)$/iu.test(w))
  const word = words[words.length - 1]
  return word === undefined ? undefined : changeOf(word, false)
}

/**
 * "grew $6.4 billion, or 1.8%", "exports were down 17.5% and imports 13.8%": a percent joined by
 * "or"/"and" (and at most three words, no verb) to a change before it is the same kind of change;
 * so is "6.4 per cent in value" after "up 8.1 per cent in volume and".
 */
function coordinatedChange(text: string, f: FoundFigure, main: LinkedFigure | undefined): MeasureRead | undefined {
  if (main === undefined || main.measure !== 'change' || main.changeDirection === undefined) return undefined
  const between = text.slice(main.afterEnd ?? main.end, f.start)
  // "up 8.1 per cent in volume and 6.4 per cent in value": what the first change is measured in may stand between.
  const m = /^(?:\s+in\s+(?:volume|value|tonnage|weight|(?:dollar|value|volume|tonnage)\s+terms))?\s*,?\s*(?:or|and)\s+((?:[\p{L}-]+\s+){0,3})$/u.exec(between)
  // "fell by 1.41%, 20.87% and 12.94% respectively": a comma alone joins an inner item of a list
  // of percents that goes on with "and" (issue 10, twentieth round).
  if (m === null && f.kind === 'percent' && main.kind === 'percent' && /^\s*,\s*$/u.test(between) && LIST_GOES_ON_RE.test(text.slice(f.afterEnd ?? f.end, (f.afterEnd ?? f.end) + 80))) return { measure: 'change', direction: main.changeDirection }
  // "climbed $122 million (13%)", "dropped $71 million (18 percent)": a percent alone in brackets
  // right after an amount of change restates that change (issue 10, twenty-first round).
  if (m === null && f.kind === 'percent' && main.kind !== 'percent' && /^\s*\(\s*$/u.test(between) && /^\s*\)/u.test(text.slice(f.afterEnd ?? f.end, (f.afterEnd ?? f.end) + 3))) return { measure: 'change', direction: main.changeDirection }
  if (m === null) return undefined
  const words = (m[1] ?? '').trim().split(/\s+/).filter((w) => w !== '')
  if (words.some((w) => STATE_VERBS.has(w.toLowerCase()) || CHANGE_WORD_RE.test(w) || w.toLowerCase() === 'by')) return undefined
  return { measure: 'change', direction: main.changeDirection }
}

/** The rest of a list of percents after an inner item: ", 12.94%", "and 12.94 percent". */
const LIST_GOES_ON_RE = /^\s*(?:,\s*(?:and\s+)?|and\s+)(?:\d[\d.,]*\s*(?:%|percent|per\s+cent|pc)(?![\p{L}])\s*,\s*)*\d[\d.,]*\s*(?:%|percent|per\s+cent|pc)(?![\p{L}])/u

/**
 * "West Java shipped $23.43 billion or 17.93 percent of the total, followed by East Java with
 * $16.91 billion, or 12.94 percent", "Mato Grosso supplied 42% of the corn and Sao Paulo another
 * 23%": a later item of a list that restates its amount with ", or" (or says "another") is a share
 * of the same whole as the share before it (issue 10, eighteenth round).
 */
function listedShare(text: string, f: FoundFigure, mains: readonly LinkedFigure[]): MeasureRead | undefined {
  if (f.kind !== 'percent' || !/(?:,\s*or|(?<![\p{L}])another)\s+$/u.test(text.slice(Math.max(0, f.start - 12), f.start))) return undefined
  const share = [...mains].reverse().find((m) => m.kind === 'percent' && m.measure === 'share' && m.end <= f.start)
  if (share === undefined) return undefined
  const between = text.slice(share.afterEnd ?? share.end, f.start)
  if (/[;:]/u.test(between) || between.split(/\s+/u).some((w) => CHANGE_WORD_RE.test(w) && w !== 'up')) return undefined
  return share.shareOf === undefined ? { measure: 'share' } : { measure: 'share', shareOf: share.shareOf }
}

/** "to 355,000 tons", "to $1.2 billion": an amount (not a percent) a percent leads to. */
const TO_AMOUNT_AFTER_RE = /^\s+to\s+(?:(?:about|around|nearly|almost|some|over|just|roughly|more\s+than|less\s+than)\s+)?(?:US|A|C|R)?[$€£¥₹]?\s?(?:\d[\d,.]*|(?:a|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?:thousand|million|billion)(?![\p{L}]))(?!\s*(?:%|per\s*cent|percent|pc)(?![\p{L}]))/u

/**
 * "Vietnam grew fastest, by 10.04%, and Bangladesh came next with 2.17%": the next item of a
 * ranking of changes, "came next with" and a percent, is a change of the same direction (issue
 * 10, twenty-third round, left by the twenty-second).
 */
const CAME_NEXT_WITH_BEFORE_RE = /(?<![\p{L}])(?:came|was|ranked|placed)\s+(?:next|second|third)\s+with\s+(?:(?:about|around|nearly|almost|some|just\s+over)\s+)?$/u

/**
 * ", and those to Australia ", "and that of Egypt ": a pronoun standing for the noun of the change
 * before, its verb left out; the percent after it is the same kind of change (issue 10,
 * twenty-third round).
 */
const GAPPED_THOSE_BEFORE_RE = /(?:,\s*(?:and\s+|while\s+)?|\sand\s+)(?:those|that)\s+(?:to|of|from|for|in|with)\s+((?:[\p{L}-]+\s+){1,4})$/u

/** ", and its refined copper imports by ", "and those of coal by ": a noun phrase and "by", its verb left out. */
const GAPPED_BY_BEFORE_RE = /(?:,\s*(?:and\s+)?|\sand\s+)((?:(?:its|their|the|those|that)\s+)?(?:[\p{L}-]+\s+){0,5}?)by\s+$/u

/**
 * "Deliveries to Tajikistan rose 49% to 377,000 tons, those to China 17% to 355,000 tons": a
 * clause that leaves out the verb of the change before it (gapping) still gives a change, when
 * its percent leads "to" an amount; the direction is the earlier change's.
 */
function gappedChange(text: string, f: FoundFigure, after: string, mains: readonly LinkedFigure[]): MeasureRead | undefined {
  // "imports of concentrate rose by 22.5% and its refined copper imports by 13.9%": a gapped
  // clause of a noun phrase and "by" (no verb of its own) after a change (issue 10, twentieth round).
  const gappedBy = GAPPED_BY_BEFORE_RE.exec(text.slice(Math.max(0, f.start - 70), f.start))
  const byWords = gappedBy === null ? [] : (gappedBy[1] ?? '').trim().split(/\s+/u).filter((x) => x !== '')
  const byGap = gappedBy !== null && !byWords.some((x) => CHANGE_WORD_RE.test(x) || STATE_VERBS.has(x.toLowerCase()) || CHANGE_VERB_RE.test(x.toLowerCase()))
  const those = GAPPED_THOSE_BEFORE_RE.exec(text.slice(Math.max(0, f.start - 60), f.start))
  const thoseGap = those !== null && !(those[1] ?? '').trim().split(/\s+/u).some((x) => CHANGE_WORD_RE.test(x) || STATE_VERBS.has(x.toLowerCase()) || CHANGE_VERB_RE.test(x.toLowerCase()))
  const cameNext = CAME_NEXT_WITH_BEFORE_RE.test(text.slice(Math.max(0, f.start - 40), f.start))
  if (!TO_AMOUNT_AFTER_RE.test(after) && !byGap && !thoseGap && !cameNext) return undefined
  const before = [...mains].reverse().find((m) => m.kind === 'percent' && m.measure === 'change' && m.changeDirection !== undefined && m.end <= f.start)
  if (before?.changeDirection === undefined || !/(?:,|;|\band)\s/u.test(text.slice(before.end, f.start))) return undefined
  return { measure: 'change', direction: before.changeDirection }
}

/**
 * "40 percent of the gas went to German terminals and over 30 percent to Britain", "China has
 * taken 40%, India 20% and South Korea 13%": a percent joined by "and" or a comma to a share
 * before it (no number, no change word between) is a share of the same whole; a country named
 * right before it is its partner.
 */
function coordinatedShare(text: string, f: FoundFigure, main: LinkedFigure | undefined, here: SentenceFacts): { read: MeasureRead; partner?: string; sector?: true } | undefined {
  if (main === undefined || main.measure !== 'share' || main.kind !== 'percent') return undefined
  const from = main.afterEnd ?? main.end
  let between = text.slice(from, f.start)
  if (f.qualifier !== undefined && between.toLowerCase().endsWith(`${f.qualifier} `)) between = between.slice(0, between.length - f.qualifier.length - 1)
  if (/[;:()]/.test(between) || between.split(/\s+/).filter((w) => w !== '').some((w) => CHANGE_WORD_RE.test(w) && w !== 'up')) return undefined
  const read: MeasureRead = main.shareOf === undefined ? { measure: 'share' } : { measure: 'share', shareOf: main.shareOf }
  // The last comma-or-"and" piece before the figure: "..., India 20%", "... and South Korea 13%".
  const cut = Math.max(between.lastIndexOf(','), between.search(/\sand\s+(?:(?:the\s+)?\p{Lu}[\p{L}-]*\s+){1,3}$/u))
  const tail = cut < 0 ? between : between.slice(cut)
  // "..., followed by the United States with 6%", "..., the Netherlands alone 16%", "..., ahead of
  // Chile on 19%": the same whole, the next partner.
  const elliptic = /^\s*,?\s*(?:and\s+)?(?:(?:followed|trailed)\s+by\s+|ahead\s+of\s+|behind\s+)?((?:(?:the\s+)?\p{Lu}[\p{L}-]*\s+){1,3})(?:(?:alone|only|by\s+itself|on\s+its\s+own)\s+)?(?:(?:was|were|came|ranked|followed|stood)\s+(?:(?:next|second|third|fourth|fifth)\s+)?)?(?:(?:with|at|on)\s+)?$/u.exec(tail)
  if (elliptic !== null) {
    const at = from + (cut < 0 ? 0 : cut) + tail.indexOf(elliptic[1] ?? '')
    const country = here.countries.find((c) => c.form === 'name' && c.start >= at && c.end <= f.start)
    return country === undefined ? { read } : { read, partner: country.iso3 }
  }
  // Issue 10, sixteenth round: "with 54.5% of the total, ahead of mineral extraction with 21.4%":
  // the next item of the list is a sector or a good (lower-case words), a share of the same whole.
  if (/^\s*,?\s*(?:and\s+)?(?:(?:followed|trailed)\s+by|ahead\s+of|behind)\s+(?:the\s+)?(?:[\p{Ll}-]+\s+){1,4}?(?:with|at|on)\s+$/u.test(tail) && !here.countries.some((c) => c.start >= from && c.end <= f.start)) return { read, sector: true }
  if (/\d/.test(between) || between.split(/\s+/).filter((w) => w !== '').length > 10 || !/(?:,|\band)\s*$/.test(between)) return undefined
  return { read }
}

/**
 * The year of a base figure: one written right after it ("from 2.1 Mt in 2021"), else, when
 * the sentence compares with the previous year, the year before the main figure's.
 */
function baseYear(text: string, f: FoundFigure, here: SentenceFacts, main: LinkedFigure): YearMention | undefined {
  const own = here.years.find((y) => y.owner === f.start)
  if (own !== undefined) return own
  // "against 347,000 tonnes and 22,100 tonnes in 2018": the first base of a pair takes the year the second owns (issue 10, twentieth round).
  const pairOwn = here.years.find((y) => y.owner !== undefined && y.owner > f.start && y.owner - (f.afterEnd ?? f.end) < 40 && /^\s*,?\s+and\s+(?:US|A|C)?[$€£]?$/u.test(text.slice(f.afterEnd ?? f.end, y.owner)))
  if (pairOwn !== undefined) return pairOwn
  // "from a revised $63.4 billion in July": a month right after the base, in the main figure's year (or the one before).
  const month = here.periods.find((p) => p.start >= (f.afterEnd ?? f.end) && p.fromMonth === p.toMonth && p.fromMonth > 0 && /^\s*(?:\([^()]{0,20}\)\s*)?(?:in|of|for)\s+$/.test(text.slice(f.afterEnd ?? f.end, p.start)))
  // "below May's 6.93 million bpd": the month is written as a possessive before the base.
  const possessive = lastWords(text, f.start, 3).map((w) => MONTH_NUMBER[w.replace(/['’]s$/, '')] ?? 0).find((m, k, all) => m > 0 && k === all.length - 1)
  const monthNumber = month?.fromMonth ?? possessive
  if (monthNumber !== undefined && main.year !== undefined) {
    const mainMonth = /^\d{4}-(\d{2})/.exec(main.linkedPeriod ?? '')?.[1]
    // "the 7.88 Mt of July last year": the same month a year before.
    const year = month?.yearHint === 'last' || (mainMonth !== undefined && monthNumber > Number(mainMonth)) ? main.year - 1 : main.year
    return { pos: month?.start ?? -1, end: month?.end ?? -1, year, base: 'none', period: periodText(year, monthNumber, monthNumber) }
  }
  if (main.year !== undefined && MONTH_ON_MONTH_RE.test(text.slice(here.sentence.start, here.sentence.end)) && !here.previousYear) {
    const mainMonth = Number(/^\d{4}-(\d{2})$/.exec(main.linkedPeriod ?? '')?.[1] ?? '0')
    const year = mainMonth === 1 ? main.year - 1 : main.year
    return { pos: -1, end: -1, year, base: 'none', ...(mainMonth > 0 ? { period: periodText(year, mainMonth === 1 ? 12 : mainMonth - 1, mainMonth === 1 ? 12 : mainMonth - 1) } : {}) }
  }
  if (main.year !== undefined && (f.prior === true || here.previousYear || isBracketedBase(text, f, [main]))) {
    const year = main.year - 1
    const period = main.linkedPeriod?.replace(/\d{4}/g, String(year))
    return { pos: -1, end: -1, year, base: 'none', ...(period === undefined ? {} : { period }) }
  }
  return undefined
}

const DAY_MONTH_RE = /(?<![\p{L}])(?:(January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{1,2}(?![\d,.]*\d{4})(?!\d)|\d{1,2}\s+(January|February|March|April|May|June|July|August|September|October|November|December)(?!\s*,?\s*\d{4})|(?:mid|early|late|end)[\s-]+(?:of\s+)?(January|February|March|April|May|June|July|August|September|October|November|December)(?!\s*,?\s*\d{4})|the\s+(?:middle|end|start|beginning)\s+of\s+(January|February|March|April|May|June|July|August|September|October|November|December)(?!\s*,?\s*\d{4}))(?![\p{L}])/u
const MONTH_NUMBER: Readonly<Record<string, number>> = {
  january: 1, february: 2, march: 3, april: 4, may: 5, june: 6, july: 7, august: 8, september: 9, october: 10, november: 11, december: 12,
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
  // "grew a more modest 4%", "rose a far smaller 2%": a degree word before a soft adjective is soft too.
  while (n > 0) {
    const w = words[n - 1] ?? ''
    const prev = words[n - 2] ?? ''
    if (SOFT.has(w)) n--
    else if (SOFT_COMPARATIVES.has(w) && (prev === 'a' || prev === 'an' || DEGREE.has(prev))) n--
    // the word after it was soft (stripped above)
    else if (DEGREE.has(w) && n < words.length && words[n] !== 'a' && words[n] !== 'an') n--
    else break
  }
  return words.slice(0, n)
}

/** Comparative words of a rise; the others ("less", "below", "short", "down") say a fall. */
const UPWARD_COMPARATIVE_RE = /^(?:more|higher|greater|above|larger|bigger|up)$/i

/** The change a comparative word after an amount says, a negative amount turning its direction. */
function comparativeChange(word: string | undefined, negative: boolean): MeasureRead {
  return { measure: 'change', direction: UPWARD_COMPARATIVE_RE.test(word ?? '') !== negative ? 'increase' : 'decrease' }
}

/** ", or 3 per cent more than", " or 6% lower than", ", or 2 percent, up": a percent comparative restating the amount before it. */
const OR_PERCENT_COMPARATIVE_AFTER_RE = /^\s*,?\s*or\s+(?:(?:about|some|nearly|almost|around|roughly|just)\s+)?\d[\d.,]*\s*(?:%|per\s*cent|percent|pc)\s*,?\s+(more|less|fewer|higher|lower|greater|smaller|above|below|larger|bigger|up|down)(?![\p{L}])/iu

/**
 * "suits grew most, by 12.5%", "syrah fell fastest, by 3.1%": a change verb, an adverb of degree,
 * then "by" after a comma (issue 10, twenty-second round).
 */
const VERB_COMMA_BY_BEFORE_RE = new RegExp(`(?<![\\p{L}])(${INCREASE}|${DECREASE})(?:\\s+(?:the\\s+)?(?:most|fastest|least|slowest|strongest|sharpest|hardest|furthest|further|more|less))?,\\s+by\\s+(?:[\\p{L}]+\\s+){0,2}$`, 'iu')
/** "lost 20% of its value", "shed 33% of their volume": a share of the figure's own measure lost or gained is a change. */
const OWN_MEASURE_RE = /^(?:its|their)\s+(?:value|volume|worth|weight|tonnage|sales)$/i

/**
 * "sold NOK 1.1 billion more salmon abroad in January 2017 than a year before": an amount, "more"
 * or "less", the goods and where or when, then "than", is a change (issue 10, twenty-third round).
 */
const MORE_GOODS_THAN_AFTER_RE = /^\s*(more|less|fewer)\s+(?:[\p{L}-]+\s+){1,3}(?:(?:abroad|overseas)\s+)?(?:in|during|over)\s+(?:[\p{L}]+\s+)?(?:19|20)\d\d\s+than(?![\p{L}])/u

function readMeasure(f: FoundFigure, before: readonly string[], after: string, textBefore = ''): MeasureRead {
  const negative = f.valueExact.startsWith('-')
  const n = before.length
  const w = before[n - 1] ?? ''
  const w1 = before[n - 2] ?? ''
  const byOf = w === 'by' || w === 'of'
  if (f.kind === 'percent') {
    const changeAfter = CHANGE_AFTER_RE.exec(after)
    // "rose 5%", "rose by 5%", "raised their fixed investment by 36.6%".
    const wordBefore = CHANGE_WORD_RE.test(w) ? w : byOf && CHANGE_WORD_RE.test(w1) ? w1 : w === 'by' ? before.slice(Math.max(0, n - 5), n - 1).find((x) => CHANGE_WORD_RE.test(x) && x !== 'up' && x !== 'down') : undefined
    const comparative = COMPARATIVE_AFTER_RE.exec(after) ?? SHORT_OF_AFTER_RE.exec(after) ?? /^\s*(more|less|fewer)(?=\s+\p{L})(?!\s+(?:of|or|and)\s)/u.exec(after)
    // "2.7 percentage points more than a year before": points with a comparative after them take its direction (issue 10, eighteenth round).
    if (f.points === true && changeAfter === null && wordBefore === undefined && comparative !== null) return comparativeChange(comparative[1], negative)
    if (changeAfter !== null || f.points === true || YOY_AFTER_RE.test(after)) return changeOf(changeAfter?.[1] ?? wordBefore, negative)
    if (comparative !== null) return comparativeChange(comparative[1], negative)
    const shareOf = SHARE_OF_RE.exec(after)
    if (shareOf !== null && CHANGE_VERB_RE.test(w) && OWN_MEASURE_RE.test((shareOf[1] ?? '').trim())) return changeOf(w, negative)
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
    const commaBy = VERB_COMMA_BY_BEFORE_RE.exec(textBefore)
    if (commaBy !== null) return changeOf(commaBy[1], negative)
    return { measure: 'level' }
  }
  // Mass and money change only with "by"/"of" ("rose by $1bn", "cut output by 2 million b/d")
  // or "up"/"down" right before; "rose to $2bn" is a level.
  if ((w === 'up' || w === 'down') && !/^ma(?:de|ke|kes|king)$/.test(w1)) return changeOf(w, negative)
  // A change verb right before the amount ("the deficit grew $23.2 billion"); "rose to $2bn" has "to" between.
  if (w !== 'up' && w !== 'down' && CHANGE_VERB_RE.test(w)) return changeOf(w, negative)
  const comparative = COMPARATIVE_AFTER_RE.exec(after) ?? SHORT_OF_AFTER_RE.exec(after) ?? /^\s*(more|less|fewer)\s+(?:[\p{L}-]+\s+){1,2}than(?![\p{L}])/u.exec(after) ?? MORE_GOODS_THAN_AFTER_RE.exec(after)
  if (comparative !== null) return comparativeChange(comparative[1], negative)
  // "NOK 101 million or 3 per cent more than ...": an amount restated by a percent comparative after it is the same change.
  const restatedBy = OR_PERCENT_COMPARATIVE_AFTER_RE.exec(after)
  if (restatedBy !== null) return comparativeChange(restatedBy[1], negative)
  if (byOf) {
    // "lifted LME copper prices by $471.5/mt": after "by", the verb may stand four words back, as
    // for a percent (issue 10, twentieth round); after "of", three.
    const word = before.slice(Math.max(0, n - (w === 'by' ? 5 : 4)), n - 1).find((x) => CHANGE_WORD_RE.test(x))
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
/** "short of August 2019", "well short of 2019": a level below the one the date names. */
const SHORT_OF: ReadonlySet<string> = new Set(['short', 'shy'])
/**
 * A period's noun phrase ending right before a year: "the first six months of", "the same point
 * of", "the level of", "each of those months of". Its words come after the comparison word.
 */
const PERIOD_PHRASE_BEFORE_RE = /\s(?:(?:the|a|its|their|each|those|these|that|this)\s+){0,2}(?:(?:(?:first|last|same|corresponding|previous|prior|opening|final|comparable|equivalent|like|whole|full|entire)\s+)?(?:(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+)?(?:months?|weeks?|days?|quarters?|half|halves|period|periods|point|time|stage|date|season|level|levels|total|figure|volume|mark)\s+(?:of|in)|(?:first|last|same|corresponding|previous|prior|opening|final|comparable|equivalent|whole|full|entire))\s*$/iu

const LEVELS_OF_BEFORE_RE = /(?<![\p{L}])(?:(?:at|to|near|around|like|with|similar\s+to)\s+(?:about\s+|around\s+|roughly\s+|nearly\s+|almost\s+)?(?:the\s+)?(?:same\s+|similar\s+)?levels?\s+(?:of|seen\s+in)|levels?\s+(?:last\s+seen|not\s+seen\s+since)(?:\s+in)?)\s+$/iu

function baseYearKind(text: string, start: number): 'strict' | 'loose' | 'since' | 'none' {
  if (/(?:^|[^\p{L}])vs\.\s*$/u.test(text.slice(Math.max(0, start - 6), start))) return 'strict'
  const words = lastWords(text, start, 6, 48)
  let n = words.length
  if (words[n - 1] === 'year') n--
  if (words[n - 1] === 'the') n--
  // "42 percent under its December 2013 peak", "below their 2019 level": a possessive before the date.
  if ((words[n - 1] === 'its' || words[n - 1] === 'their') && /^(?:below|above|under|than)$/.test(words[n - 2] ?? '')) n--
  // "on the same month of 2018", "the same period of 2020", "by the same date of 2022": the base of a comparison.
  if ((words[n - 1] === 'of' || words[n - 1] === 'in') && /^(?:period|periods|month|months|quarter|half|time|day|date|week)$/.test(words[n - 2] ?? '') && words[n - 3] === 'same') return 'strict'
  const w = words[n - 1] ?? ''
  const w1 = words[n - 2] ?? ''
  // "a fall of 75.9% from the same ten months of 2014": a date of months opened by "the same" (issue 10, seventeenth round).
  if (w === 'same' && /^\s*(?:first\s+)?(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2})\s+months\s/iu.test(text.slice(start, start + 24))) return 'strict'
  if (ZERO_IN_BEFORE_RE.test(text.slice(Math.max(0, start - 40), start))) return 'strict'
  if (w === 'against' || w === 'versus' || w === 'vs' || w === 'than' || w === 'above' || w === 'below' || w === 'under' || (w === 'in' && w1 === 'than') || (w === 'of' && SHORT_OF.has(w1))) return 'strict'
  if ((w === 'with' || w === 'to') && (w1 === 'compared' || w1 === 'relative')) return 'strict'
  // "twice as much as in 2017", "three times as many as 2020": the base of a multiple (issue 10, twentieth round).
  if ((w === 'in' && w1 === 'as' && /^(?:much|many)$/.test(words[n - 3] ?? '')) || (w === 'as' && /^(?:much|many)$/.test(w1))) return 'strict'
  // "Over January-November 2016 exports totalled ...": "over" opening the sentence names its own
  // period, no base (issue 10, eighteenth round).
  if (w === 'over' && /(?:^|[.!?]\s+|\n\s*)Over\s+(?:the\s+)?$/u.test(text.slice(Math.max(0, start - 24), start))) return 'none'
  if (w === 'from' || w === 'over' || w === 'on') return 'loose'
  // "above the previous record set in 2022", "than the level of 2021": inside a comparison phrase.
  if (/(?<![\p{L}])(?:than|above|below|versus|against)\s+(?:(?:at|in)\s+)?(?:the\s+)?(?:(?:previous|prior|last|old|earlier)\s+(?:record|high|peak|level)(?:\s+[\p{L}]+){0,3}|(?:end|start|beginning|middle|close)\s+of)\s*$/iu.test(text.slice(Math.max(0, start - 60), start))) return 'strict'
  // "than in the first six months of 2017", "on the same point of 2023", "short of the level of
  // 2019": a year closing a period's noun phrase takes the comparison word before the phrase.
  const phrase = PERIOD_PHRASE_BEFORE_RE.exec(text.slice(Math.max(0, start - 64), start))
  if (phrase !== null && phrase[0].length > 0) {
    if (/(?<![\p{L}])same(?:\s+[\p{L}-]+){1,3}\s+(?:of|in)\s*$/iu.test(phrase[0])) return 'strict'
    const before = baseYearKind(text, start - phrase[0].length)
    if (before === 'strict' || before === 'loose') return before
  }
  // "the lowest since 2015", "the highest since the ban was lifted in 2015": a landmark,
  // neither the figure's year nor the base of a change.
  // "the lowest since the $274.42 million of March 2016": a decimal point is no clause end.
  if (w === 'since' || /(?<![\p{L}])since\s(?:[^,.;:()]|(?<=\d)[.,](?=\d)){0,40}$/iu.test(text.slice(Math.max(0, start - 48), start))) return 'since'
  // "before the war in Ukraine began in February 2022": the date of an event, a landmark too.
  if (isLandmarkDate(text, start)) return 'since'
  // "back at about the levels of 2012", "to levels last seen in 2016": a level compared with a
  // year's, that year no figure's own.
  if (LEVELS_OF_BEFORE_RE.test(text.slice(Math.max(0, start - 60), start))) return 'since'
  return 'none'
}

function changeOf(word: string | undefined, negative: boolean): MeasureRead {
  if (word === undefined) return negative ? { measure: 'change', direction: 'decrease' } : { measure: 'change' }
  const increase = INCREASE_WORD_RE.test(word)
  return { measure: 'change', direction: increase !== negative ? 'increase' : 'decrease' }
}

/**
 * "rose by NOK 891 million, or 13%, on January 2016", "gained 7.3%, or 48 million NZ dollars (35.52
 * million US dollars), on January 2016": a change restated with "or", then a comma and "on" or
 * "from", names the change's base; the levels of the sentence keep their own date (issue 10,
 * twenty-third round).
 */
const RESTATED_CHANGE_BEFORE_YEAR_RE = /\d\s*(?:%|percent|per\s+cent|pc|million|billion|bn|mn|tonnes|tons|dollars|kroner|euros)(?:\s*\([^()]{0,40}\))?,\s*or\s+[^,;:.()]{1,40}?(?:\s*\([^()]{0,40}\))?\s*,\s+(?:from|on|over)\s+(?:the\s+)?$/u
/** "rose 4% from 2018", "up 12% on 2016", "up 6.4 per cent in value from March 2017": a loose year right after a change is that change's base, not a level's year. */
const CHANGE_BEFORE_YEAR_RE = /\d\s*(?:%|percent|per\s+cent|pc)(?:\s+in\s+(?:volume|value|tonnage|weight|(?:dollar|value|volume|tonnage)\s+terms))?\s+(?:from|on|over)\s+(?:the\s+)?$/u

/**
 * "rose $260 million from November 2018 to $711 million", "down $71 million (18 percent) from
 * October 2015": a date after an amount of change is the change's base, not the year of the level
 * that follows (issue 10, twenty-first round).
 */
const CHANGE_AMOUNT_BEFORE_YEAR_RE = /(?<![\p{L}])(?:up|down|rose|fell|grew|gained|climbed|increased|decreased|declined|dropped|jumped|slipped|eased|lifted|added)\s+(?:by\s+)?(?:about\s+|around\s+|nearly\s+|almost\s+|some\s+)?(?:[A-Z]{0,3}\$|€|£)?\d[\d.,]*\s*(?:million|billion|trillion|bn|mn|m|thousand|tonnes|tons|t|Mt|mt)?(?:\s*\([^()]{0,40}\))?\s+(?:from|on)\s+(?:the\s+)?$/u

/**
 * "exports to the US doubled from 2020 to $370.6 million", "sales rose sharply from 2019 to ...":
 * a year right after a change verb and "from" is the change's base, not the year of the amount
 * the change leads to (issue 10, eighteenth round).
 */
const CHANGE_VERB_BEFORE_YEAR_RE = /(?<![\p{L}])(?:doubled|tripled|trebled|quadrupled|halved|increased|rose|grew|gained|jumped|surged|soared|climbed|expanded|advanced|decreased|declined|dropped|fell|plunged|slumped|shrank|contracted|dipped|slid|slipped|eased|tumbled|sank)(?:\s+[\p{L}]+ly)?(?:\s+(?:in\s+fact|again|also))?\s+from\s+(?:the\s+year\s+)?$/iu

/** Whether "last year" or "this year" (as the figure's own year) is written in the figure's clause. */
function relativeYearInClause(text: string, here: SentenceFacts, f: FoundFigure): boolean {
  for (const re of [LAST_YEAR_RE, THIS_YEAR_RE]) {
    const all = new RegExp(re.source, `${re.flags}g`)
    for (const m of text.slice(here.sentence.start, here.sentence.end).matchAll(all)) {
      const at = here.sentence.start + m.index
      if (at >= f.end ? sameClause(text, f.end, at) : sameClause(text, at + m[0].length, f.start)) return true
    }
  }
  return false
}

// "against 347,000 tonnes and 22,100 tonnes in 2018": the amounts of a pair share the year after the second (issue 10, twentieth round).
const OWN_YEAR_AFTER_RE = /^(?:\s*,?\s+and\s+(?:US|A|C)?[$€£]?\s?\d[\d.,]*\s*(?:[\p{L}%/]+\s+){0,2}?(?=in\s|during\s))?\s*(?:in|during)\s+$/u

/** "which plans to close its coal plants by 2025", "aims to be carbon-neutral by 2030": a plan's deadline, from the plan word to "by". */
const PLAN_BY_BEFORE_RE = /(?<![\p{L}])(?:plans?|planned|planning|aims?|aimed|aiming|intends?|intended|intending|seeks?|sought|pledged|pledges?|promised|promises|vowed|vows|committed|wants?|wanted)\s+to\s[^.;:()\d]{0,80}?\sby\s+(?:the\s+end\s+of\s+)?$/iu

/**
 * "Italy, which plans to close all but two coal plants by 2025, received 82,500t in April": the
 * deadline of a plan with no figure of its own is a landmark, no figure's year ("plans to ship
 * 2 Mt by 2025" keeps it).
 */
function isPlanDeadline(text: string, at: number, figures: readonly FoundFigure[]): boolean {
  const from = Math.max(0, at - 120)
  const m = PLAN_BY_BEFORE_RE.exec(text.slice(from, at))
  if (m === null) return false
  const planStart = from + m.index
  return !figures.some((g) => g.kind !== 'year' && g.kind !== 'date' && g.start > planStart && g.end <= at)
}

function pickYear(text: string, f: FoundFigure, here: SentenceFacts, previous: SentenceFacts | undefined, isChange: boolean): YearMention | undefined {
  const usable = (y: YearMention): boolean => y.base === 'none' || (!isChange && y.base === 'loose' && !CHANGE_BEFORE_YEAR_RE.test(text.slice(Math.max(0, y.pos - 30), y.pos)) && !RESTATED_CHANGE_BEFORE_YEAR_RE.test(text.slice(Math.max(0, y.pos - 100), y.pos)) && !CHANGE_VERB_BEFORE_YEAR_RE.test(text.slice(Math.max(0, y.pos - 40), y.pos)) && !CHANGE_AMOUNT_BEFORE_YEAR_RE.test(text.slice(Math.max(0, y.pos - 60), y.pos)))
  const candidates = here.years.filter(usable)
  if (candidates.length > 0) {
    // Distance is the gap between the two spans, so "3.4bn in 2021 and 2.9bn in 2022" gives
    // each amount the year written right after it.
    // "from 2.56 MMb/d in 2020 to 3.10 MMb/d in 2024": a year joined to the amount by "in" right
    // after it is its own, before the one that ends the clause before.
    const gap = (y: YearMention): number => (y.pos >= f.end ? (OWN_YEAR_AFTER_RE.test(text.slice(f.afterEnd ?? f.end, y.pos)) ? 0 : y.pos - f.end) : Math.max(0, f.start - y.end))
    const best = candidates.reduce((b, y) => {
      const d = gap(y)
      const bestD = gap(b)
      return d < bestD || (d === bestD && y.pos < b.pos) ? y : b
    })
    // "The target for 2024 is 710 Mt; last year's output hit 775 Mt": a relative year ("last
    // year", "this year") in the figure's own clause beats a year written in another clause.
    const otherClause = best.pos >= f.end ? !sameClause(text, f.end, best.pos) : !sameClause(text, best.end, f.start)
    if (otherClause && relativeYearInClause(text, here, f)) return undefined
    return best
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
function flowWordOf(words: readonly FlowWord[], f: FoundFigure, text: string): FlowWord | undefined {
  // "the 500,000-bpd production cut": a flow word glued to a hyphenated amount is its own.
  const glued = words.find((w) => w.start > f.end && w.start <= f.end + 1)
  if (glued !== undefined) return glued
  // "with 35.5 million tons of exports worth $12.5 billion and 8.6 million tons of imports": the
  // flow noun the amount is "of" is its own (issue 10, seventeenth round).
  const ofFlow = words.find((w) => w.start >= f.end && /^\s+of\s+(?:(?:the|its|their|non-oil|total)\s+)?$/iu.test(text.slice(f.end, w.start)) && /^(?:exports|imports)(?![\p{L}])/iu.test(text.slice(w.start, w.start + 8)))
  if (ofFlow !== undefined) return ofFlow
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

/** "Russia was again the largest buyer": the country named as the subject of a rank's copula, right before it. */
function subjectBefore(text: string, here: SentenceFacts, at: number): string | undefined {
  const c = [...here.countries].reverse().find((m) => m.end <= at && m.form === 'name')
  if (c === undefined) return undefined
  return /^\s+(?:is|was|remains|remained|became|becomes|stays|stayed|has\s+been)(?:\s+[\p{Ll}-]+){0,3}?\s+(?:the\s+)?(?:[\p{L}\d-]+\s+)?$/u.test(text.slice(c.end, at)) ? c.iso3 : undefined
}

/** "the main buyer of Uzbek textiles", "of Uzbekistan's textile products": the country whose goods follow a rank's role noun. */
function goodsOwnerAfter(text: string, here: SentenceFacts, end: number): string | undefined {
  return here.countries.find((c) => c.start >= end && /^\s+of\s+(?:the\s+)?$/u.test(text.slice(end, c.start)) && (c.form === 'demonym' || /^['’]s?\s/u.test(text.slice(c.end, c.end + 3))))?.iso3
}

