/**
 * Finds the figures in the clean view of a text, without linking them to years or countries.
 * One left-to-right pass over number tokens; at each, sticky patterns read what is written
 * before (currency, qualifier) and after (scale, unit, count noun). Every pattern is anchored and
 * bounded, so the pass is linear in the text.
 */
import { parseDecimal } from '../decimal.ts'
import { COUNT_UNIT, convertToCanonical, findCurrencyPrefix, findScale, findUnit, unitById, type ScaleEntry, type UnitEntry } from '../units/index.ts'
import type { FigureKind } from './figure.ts'
import { findDates } from './find-dates.ts'
import { findComparisons, type ComparisonFields } from './find-comparisons.ts'
import { findRanks } from './find-ranks.ts'
import { lastWords } from './last-words.ts'
import { NUMBER_WORDS, parseNumberWords } from './number-words.ts'
import { CURRENCY_PREFIX_RE, PERCENT_HYPHEN_RE, SCALE_SYMBOL_RE, SCALE_WORD_RE, UNIT_SYMBOL_RE, UNIT_WORD_RE } from './unit-patterns.ts'

/** A figure before linking; offsets are into the clean view. */
export interface FoundFigure extends ComparisonFields {
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
  /** The registry unit read (for units carried over to an elliptic figure). */
  readonly unitId?: string
  /** "8.2 (7.9) mln t": the value in brackets is the same measure a period earlier. */
  readonly prior?: boolean
  /** "doubled", "halved": a change written as a multiple. */
  readonly multiple?: 'increase' | 'decrease'
  /** "a third of", "half of": a share written as a fraction. */
  readonly fraction?: boolean
  /** "rose to 3.4 million from 2.9 million tonnes": the unit came from a figure beside it. */
  readonly elliptic?: boolean
  /** For counts: the thing counted is goods traded ("274,520 vehicles", "33,535 units"). */
  readonly goods?: boolean
}

// Thousands grouped by commas, or by single spaces ("€2 310.5 bn", read only with a unit,
// scale or currency), or plain digits.
// A number may be glued to a currency written in letters ("K2.5 billion", "Rs5,000"), not to other letters.
// Indian grouping ("1,35,000", "12,40,500": lakhs and crores in pairs of digits) is read first.
const TOKEN_RE = new RegExp(
  `(?:(?<![\\p{L}\\p{N}_.,])|(?<=(?<![\\p{L}\\p{N}])(?:[KNR]|Rs|Rp|Tk|RM|KSh|Ksh|Sh|NIS|USD|EUR|GBP|AZN|INR|CNY|RMB)))([+-]?)(\\d{1,2}(?:,\\d{2})+,\\d{3}(?![\\d,])(?:\\.\\d+)?|\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d{1,3}(?: \\d{3})+(?![\\d,])(?:\\.\\d+)?|\\d+(?:\\.\\d+)?)|(?<![\\p{L}\\p{N}_-])(${NUMBER_WORDS})(?![\\p{L}\\p{N}])`,
  'giu',
)
/** The same token pattern, anchored: reads the second number of a range. */
const TOKEN_AT_RE = new RegExp(TOKEN_RE.source, 'iuy')

/** Words before a figure that say how exact it is; matched on whole words, longest first. */
const QUALIFIERS: ReadonlySet<string> = new Set([
  'no more than', 'not more than', 'no less than', 'not less than', 'slightly more than', 'slightly less than', 'more than', 'less than', 'fewer than', 'up to', 'at least', 'at most', 'close to',
  'just over', 'just under', 'just above', 'just below', 'well over', 'well above', 'well below', 'nearly', 'near', 'almost', 'about', 'around',
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
/** Counted things that are goods traded: their counts get countries, flow and commodity. */
const GOODS_COUNT_NOUNS: ReadonlySet<string> = new Set(['vehicles', 'cars', 'units', 'trucks', 'lorries', 'buses', 'tractors', 'locomotives', 'wagons', 'railcars', 'containers', 'cattle', 'sheep', 'heads', 'head'])

/** Words before a number that make it a reference to things already counted, not a figure. */
const DETERMINER_RE = /(?:^|[^\p{L}])(?:the|these|those|its|their|our|his|her|both|all|each|every|first|last|next|same|other)\s+$/iu
/**
 * A capitalised word right before a number makes the number part of a name ("Boeing 737 jets",
 * "Route 66"), unless the word is one that starts sentences or phrases ("Some 40 ships").
 */
const MODEL_NAME_BEFORE_RE = /(?:^|[^\p{L}\p{N}])(?!(?:Some|About|Nearly|Over|Around|Almost|Only|Just|Another|Roughly|Approximately|Exactly|More|Fewer|Less|Up|Of|In|At|By|For|With|All|And|But|While|When|After|Before|During|On|To|From|Since|Last|This|That|Total|Overall|Meanwhile|Today|Yesterday|Then|Now|Also|Here|There|We|They|It|He|She|I|Our|Their|Its|His|Her|January|February|March|April|May|June|July|August|September|October|November|December)\s)\p{Lu}[\p{L}\p{N}-]*\s+$/u
/** Prefixes that may join a year with a hyphen: "mid-2023", "pre-2020". */
const YEAR_PREFIX_RE = /(?:^|[^\p{L}])(?:mid|early|late|pre|post|end|year-end|fiscal)-$/iu
/**
 * "$80 per barrel", "$450/t", "$2.45/bu": a money amount per unit is a `price`; a mass or volume
 * per unit ("7.33 barrels per tonne", a yield of "3 t per hectare") is a ratio and no figure.
 */
const PER_UNIT_RE = /^\s*(?:(?:per|a|an)\s+|\/\s*)(barrel|bbl|b|tonne|ton|metric ton|metric tonne|mt|t|kg|kilogram|kilo|bushel|bu|cwt|pound|lb|unit|head|share|ounce|troy ounce|oz|mmbtu|MMBtu|million btu|btu|litre|liter|l|gallon|gal|kwh|kWh|mwh|MWh|cubic metre|cubic meter|m3|thousand cubic metres|thousand cubic meters|1,000 cubic metres|1,000 cubic meters|tcm|hectare|ha|acre|capita|person|inhabitant|carat|sack|bag|day|month|year|hour)s?(?![\p{L}\p{N}])/iu
/** The unit a price is per, as a short code. */
const PER_CODE: Readonly<Record<string, string>> = {
  barrel: 'bbl', bbl: 'bbl', b: 'bbl', tonne: 't', ton: 't', 'metric ton': 't', 'metric tonne': 't', mt: 't', t: 't', kg: 'kg', kilogram: 'kg', kilo: 'kg',
  bushel: 'bu', bu: 'bu', cwt: 'cwt', pound: 'lb', lb: 'lb', ounce: 'oz', 'troy ounce': 'oz', oz: 'oz', mmbtu: 'MMBtu', 'million btu': 'MMBtu', btu: 'Btu',
  litre: 'l', liter: 'l', l: 'l', gallon: 'gal', gal: 'gal', kwh: 'kWh', mwh: 'MWh', 'cubic metre': 'm3', 'cubic meter': 'm3', m3: 'm3',
  'thousand cubic metres': '1000 m3', 'thousand cubic meters': '1000 m3', '1,000 cubic metres': '1000 m3', '1,000 cubic meters': '1000 m3', tcm: '1000 m3',
  hectare: 'ha', ha: 'ha', acre: 'acre', capita: 'person', person: 'person', inhabitant: 'person', carat: 'ct', sack: 'sack', bag: 'bag', carton: 'carton', box: 'box', crate: 'crate',
}
/** "$5 billion a year", "€3.9bn a year earlier": money per day or year is an amount, not a price. */
const PER_TIME = new Set(['day', 'month', 'year', 'hour'])
/** "50 kg sacks", "a 25-kg bag", "bags of 50 kg": the size of a package, not an amount traded. */
const PACKAGE_AFTER_RE = /^\s*(?:[\p{L}]+\s+)?(?:sacks?|bags?|bottles?|cans?|packs?|packets?|box|boxes|cartons?|drums?|cylinders?|jars?|tins?|pouches?|bales?|jerrycans?|canisters?|crates?)(?![\p{L}])/iu
const PACKAGE_BEFORE_RE = /(?:sacks?|bags?|bottles?|cans?|packs?|packets?|box|boxes|cartons?|drums?|cylinders?|jars?|tins?|pouches?|bales?|crates?)\s+(?:of\s+)?$/iu
/** "8.2 (7.9) mln t": a bracketed value between a number and its unit. */
const PRIOR_RE = /[ \t]*\([ \t]*([+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?|[+-]?\d+(?:\.\d+)?)[ \t]*\)/y
/** "a third of", "two-thirds of", "half of", "three quarters of": shares written as fractions. */
const FRACTION_RE = /(?<![\p{L}\p{N}-])(?:(a|one|two|three|four|nine)[\s-]+(halfs?|thirds?|quarters?|fifths?|tenths?)|(half))(?=\s+(?:of|the|its|their)\s)/giu
const FRACTION_DENOMINATOR: Readonly<Record<string, number>> = { half: 2, halfs: 2, third: 3, thirds: 3, quarter: 4, quarters: 4, fifth: 5, fifths: 5, tenth: 10, tenths: 10 }
const FRACTION_NUMERATOR: Readonly<Record<string, number>> = { a: 1, one: 1, two: 2, three: 3, four: 4, nine: 9 }
/** "the first half of", "the fourth quarter of", "half of the year": periods, not shares. */
const PERIOD_FRACTION_BEFORE_RE = /(?:first|second|third|fourth|last|final|1st|2nd|3rd|4th|latter|former|same|previous|this|that|each|every)[\s-]+$/iu
const PERIOD_FRACTION_AFTER_RE = /^\s+of\s+(?:a|the)\s+(?:century|decade|year|month|quarter|day|week|hour)(?![\p{L}])/iu
/** "doubled", "halved" (and the present, "nearly doubles" in a headline): changes written as multiples (percent of the earlier amount). */
const MULTIPLE_RE = /(?<![\p{L}-])(doubled|tripled|trebled|quadrupled|halved|doubles|triples|trebles|quadruples|halves)(?![\p{L}-])/giu
/**
 * "coal imports more than double in October", "exports nearly triple": the bare verb after a
 * hedge, not followed by what it would multiply as a noun or adjective ("double the 2019 level",
 * "double-digit") (issue 10, seventeenth round).
 */
const HEDGED_MULTIPLE_RE = /(?<=(?:more\s+than|nearly|almost|roughly|about|over)\s+)(double|triple|treble|quadruple|halve)(?![\p{L}-])(?!\s+(?:the|that|what|its|their|his|her|our|digits?|[\d$€£]))/giu
/** "grew by half", "fell by a third": a change written as a fraction after a change verb and "by". */
const CHANGE_BY_FRACTION_RE = /(?<=(?<![\p{L}])(?:(grew|rose|increased|jumped|climbed|expanded|gained)|fell|dropped|declined|decreased|shrank|slumped|plunged|contracted)\s+by\s+)(?:(half)|(?:a|one)\s+(third|quarter|fifth)|(two)[\s-](thirds))(?![\p{L}-])/giu
/**
 * "grew 78-fold", "thirtyfold the 10,000 tons", "a tenfold rise": an N-fold amount, a change of
 * (N-1) x 100 % (issue 10, sixteenth round). "3-fold the amount of Greece", "fivefold as much"
 * compare with another side: comparisons, not read here.
 */
const FOLD_RE = new RegExp(`(?<![\\p{L}\\p{N}.,-])(\\d+(?:\\.\\d+)?|${NUMBER_WORDS})[\\s-]?fold(?![\\p{L}])(?!\\s+(?:as|more|less|greater|higher|larger|those|that\\s+of|what|the\\s+(?:amount|volume|quantity|value|level|total|size)s?\\s+of)(?![\\p{L}]))`, 'giu')
/**
 * "four times their 2013-14 level", "twice what it was", "three times the 2019 figure": N times
 * a base named right after (an amount, a level of a year, "what it was"), a change of (N-1) x 100 %.
 * "ten times as much ... as a year earlier" compares with the same trade's own past: a change too
 * (issue 10, twentieth round); "three times as much as" another side and "twice the size of" are not read here.
 */
const TIMES_BASE_RE = new RegExp(
  `(?<![\\p{L}\\p{N}.,-])(?:(twice)|(\\d+(?:\\.\\d+)?|${NUMBER_WORDS})\\s+times)(?=\\s+(?:(?:their|its|the)\\s+(?:(?:19|20)\\d\\d(?:[-/]\\d\\d)?\\s+|(?:previous|earlier|former|pre-[\\p{L}]+)\\s+)?(?:level|levels|amount|volume|volumes|total|figure|figures)(?![\\p{L}])|what\\s+(?:it|they|there)\\s+(?:was|were|had\\s+been)(?![\\p{L}])|as\\s+(?:much|many)(?:\\s+[^.;,]{1,60}?)?\\s+as\\s+(?:a\\s+(?:year|month)\\s+(?:earlier|before|ago)|(?:in\\s+)?the\\s+(?:same|previous|prior)\\s|last\\s+(?:year|month)|in\\s+(?:19|20)\\d\\d)(?![\\p{L}])))`,
  'giu',
)
const MULTIPLE_VALUE: Readonly<Record<string, [string, 'increase' | 'decrease']>> = {
  doubled: ['100', 'increase'], tripled: ['200', 'increase'], trebled: ['200', 'increase'], quadrupled: ['300', 'increase'], halved: ['50', 'decrease'],
  doubles: ['100', 'increase'], triples: ['200', 'increase'], trebles: ['200', 'increase'], quadruples: ['300', 'increase'], halves: ['50', 'decrease'],
  double: ['100', 'increase'], triple: ['200', 'increase'], treble: ['200', 'increase'], quadruple: ['300', 'increase'], halve: ['50', 'decrease'],
}
/** Words before a scaled number that make it a comparison whose unit is written beside it. */
const ELLIPTIC_OF_AFTER = new Set(['deficit', 'surplus', 'total', 'balance', 'value', 'worth'])
const ELLIPTIC_BEFORE = new Set(['from', 'to', 'against', 'versus', 'vs', 'than', 'with', 'and', 'or', 'at', 'reached', 'hit', 'was', 'were', 'totalled', 'totaled'])
/** Mass or volume per day has no kind (bbl/d is its own unit): skipped rather than mislabelled. */
const PER_DAY_RE = /^\s*(?:of\s+(?:[\p{L}-]+\s+){0,3}?)?(?:(?:per|a)\s+day|\/\s*day|daily)(?![\p{L}\p{N}])/iu
const OIL_EQUIVALENT_RE = /^\s*of\s+oil\s+equivalent\b/iu
const RANGE_RE = /\s*(?:-|–|—|to|and)\s*/y

interface Suffix {
  readonly end: number
  readonly scale?: ScaleEntry
  readonly unit?: UnitEntry
  /** The unit as written ('MT', 'mt'), for abbreviations the text defines. */
  readonly spelling?: string
  /** The counted noun, when there is no unit. */
  readonly noun?: string
}

interface NumberToken {
  readonly start: number
  readonly end: number
  /** Written with thousands separators ("2,000"): never a year. */
  readonly grouped: boolean
  /** Grouped by spaces ("2 310"): a figure only with a unit, scale or currency. */
  readonly spaced?: boolean
  readonly value: string
  readonly word: boolean
  readonly sign: string
}

/**
 * Abbreviations a text defines for itself: "208 million tonnes (MT)" makes a later "20.79 MT"
 * 20.79 million tonnes. Without a definition, "MT" and "mt" are metric tons.
 */
interface DocUnits {
  readonly scaleOf: ReadonlyMap<string, ScaleEntry>
}

const DEFINITION_RE = /(?<![\p{L}])(thousand|million|billion|mln|mn)\s+(?:metric\s+)?(?:tonnes?|tons?)\s*\(\s*(MT|mt|Mt|MMT|mmt|MnT|mnt)\s*\)/gu

function readDocUnits(text: string): DocUnits {
  const scaleOf = new Map<string, ScaleEntry>()
  for (const m of text.matchAll(DEFINITION_RE)) {
    const scale = findScale(m[1] ?? '')
    if (scale !== undefined && !scaleOf.has(m[2] ?? '')) scaleOf.set(m[2] ?? '', scale)
  }
  return { scaleOf }
}

/** Every figure in `text` (a clean view), in text order, with dates but without links. */
export function findFigures(text: string): FoundFigure[] {
  const figures: FoundFigure[] = []
  const doc = readDocUnits(text)
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
  const bare: BareNumber[] = []
  let dateIndex = 0
  let skipUntil = -1
  TOKEN_RE.lastIndex = 0
  for (let m = TOKEN_RE.exec(text); m !== null; m = TOKEN_RE.exec(text)) {
    const token = readToken(m)
    if (token === null || token.start < skipUntil) continue
    while (dateIndex < dates.length && (dates[dateIndex]?.end ?? 0) <= token.start) dateIndex++
    const date = dates[dateIndex]
    if (date !== undefined && date.start < token.end && token.start < date.end) continue
    const found = readFigure(text, token, doc)
    for (const f of found.figures) figures.push(f)
    if (found.bare !== undefined) bare.push(found.bare)
    if (found.consumedTo > token.end) {
      skipUntil = found.consumedTo
      TOKEN_RE.lastIndex = Math.max(TOKEN_RE.lastIndex, found.consumedTo)
    }
  }
  figures.push(...findWordRatios(text, figures))
  figures.push(...clearOf(figures, findRanks(text)))
  figures.push(...clearOf(figures, findComparisons(text)))
  figures.sort((a, b) => a.start - b.start)
  pricesCompared(text, figures)
  pricesOfOneUnit(text, figures)
  const elliptic = bare.map((b) => carryUnit(text, b, figures)).filter((f): f is FoundFigure => f !== null)
  return elliptic.length === 0 ? figures : [...figures, ...elliptic].sort((a, b) => a.start - b.start)
}

/** "than the", "from", "compared with", "against": a comparison word right before the amount. */
const COMPARED_BEFORE_RE = /(?<![\p{L}])(?:than|from|against|versus|vs\.?|compared\s+(?:with|to)|with)\s+(?:the\s+|a\s+|an\s+)?(?:(?:average|revised|previous|prior)\s+)?(?:(?:about|around|nearly|almost|some|roughly)\s+)?$/iu

const ONE_UNIT = '(?:a|an|each|every|one)\\s+(barrel|tonne|ton|metric\\s+ton|kilogram|kilo|kg|bushel|pound|ounce|litre|liter|gallon)'
/** "A four-kilogramme carton of Hass avocados sells for Sh350": a package, its size as an adjective, priced before the money. */
const ONE_PACKAGE = '(?:a|an|each|every|one)\\s+(?:[\\p{L}\\d-]+\\s+)?(carton|sack|bag|box|crate)'
/** "$1,650 for a ton of imports", "$80 for each barrel": a price per unit written with "for". */
const FOR_ONE_UNIT_AFTER_RE = new RegExp(`^\\s*(?:on\\s+average\\s+)?for\\s+${ONE_UNIT}(?![\\p{L}])`, 'iu')
/** "Each ton of exports was worth $348", "a tonne of the fruit fetched $2,100": the unit named before the money. */
const ONE_UNIT_BEFORE_RE = new RegExp(`(?<![\\p{L}])(?:${ONE_UNIT}|${ONE_PACKAGE})\\s+of\\s+[^.;:!?$€£\\d]{0,40}?\\s(?:was|is|were|are|has\\s+been)?\\s*(?:worth|sold\\s+for|sells\\s+for|fetched|fetches|cost|costs|valued\\s+at)\\s+(?:on\\s+average\\s+|about\\s+|around\\s+)?$`, 'iu')

/**
 * "Each ton of exports was worth $348 on average, against $1,650 for a ton of imports": money
 * for one unit of goods, named before it or after "for", is a price (issue 10, seventeenth round).
 */
function pricesOfOneUnit(text: string, figures: FoundFigure[]): void {
  figures.forEach((f, k) => {
    if (f.kind !== 'money') return
    const m = FOR_ONE_UNIT_AFTER_RE.exec(text.slice(f.end, f.end + 40)) ?? ONE_UNIT_BEFORE_RE.exec(text.slice(Math.max(0, f.start - 80), f.start))
    const code = m === null ? undefined : PER_CODE[(m[1] ?? m[2] ?? '').toLowerCase().replace(/\s+/g, ' ')]
    if (code !== undefined) figures[k] = { ...f, kind: 'price', unit: `${f.unit}/${code}` }
  })
  // "... sells for Sh350 and could fetch Sh450": the next amount of the same currency that the
  // price is said to reach, in the same sentence, is a price in the same unit.
  let price: FoundFigure | undefined
  figures.forEach((f, k) => {
    if (f.kind === 'price') price = f
    else if (f.kind !== 'money') return
    else if (price !== undefined && price.unit.startsWith(`${f.unit}/`) && !/[.;!?]\s/u.test(text.slice(price.end, f.start)) && PRICE_REACHES_BEFORE_RE.test(text.slice(Math.max(price.end, f.start - 40), f.start))) {
      const ratio = Number(f.valueExact) / Number(price.valueExact)
      if (ratio > 0.2 && ratio < 5) figures[k] = { ...f, kind: 'price', unit: price.unit }
    }
  })
}
/** "could fetch", "is expected to reach", "rose to": what a price goes to. */
const PRICE_REACHES_BEFORE_RE = /(?<![\p{L}])(?:fetch(?:es|ed)?|reach(?:es|ed)?|hits?|(?:rise|rises|rose|climb|climbs|climbed|fall|falls|fell|drop|drops|dropped)\s+to|sells?\s+for|sold\s+for)\s+(?:about\s+|around\s+)?$/iu

/**
 * "4.70 dollars a kilogram, compared with 4.62 dollars a year earlier", "US$10,237.6 a tonne in
 * March, 3.4% more than the US$9,941.4 of February": an amount of the same currency and size
 * compared with a price just before it, in the same sentence, is a price in that unit.
 */
function pricesCompared(text: string, figures: FoundFigure[]): void {
  let price: FoundFigure | undefined
  figures.forEach((f, k) => {
    if (f.kind === 'price') price = f
    else if (f.kind === 'mass' || f.kind === 'volume' || f.kind === 'volume_rate' || (f.kind === 'money' && price === undefined)) price = undefined
    if (f.kind !== 'money' || price === undefined || !price.unit.startsWith(`${f.unit}/`) || /[.;!?]\s/u.test(text.slice(price.end, f.start))) return
    const ratio = Number(f.valueExact) / Number(price.valueExact)
    if (!(ratio > 0.2 && ratio < 5) || !COMPARED_BEFORE_RE.test(text.slice(Math.max(price.end, f.start - 40), f.start))) return
    figures[k] = { ...f, kind: 'price', unit: price.unit }
  })
}

/**
 * The candidates that overlap none of `figures`: one sort and a binary search per candidate
 * (a scan of every figure per candidate cost 0.3 s on a 2 MB text with 41,000 figures).
 */
function clearOf(figures: readonly FoundFigure[], candidates: readonly FoundFigure[]): FoundFigure[] {
  if (candidates.length === 0) return []
  const spans = figures.map((f) => [f.start, f.end] as const).sort((a, b) => a[0] - b[0])
  // The furthest end among the spans up to each one, so nested spans are not missed.
  const reach: number[] = []
  let furthest = Number.NEGATIVE_INFINITY
  for (const [, end] of spans) reach.push((furthest = Math.max(furthest, end)))
  return candidates.filter((c) => {
    let lo = 0
    let hi = spans.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if ((spans[mid]?.[0] ?? 0) < c.end) lo = mid + 1
      else hi = mid
    }
    return lo === 0 || (reach[lo - 1] ?? 0) <= c.start
  })
}

/** A number with a scale and nothing else ("2.9 million"): a figure only if a unit is beside it. */
interface BareNumber {
  readonly token: NumberToken
  readonly suffix: Suffix
  readonly end: number
}

/**
 * "rose to 3.4 million from 2.9 million tonnes", "$145.8 million ... from 73.9 million": a scaled
 * number after a comparison word takes the unit of the nearest unit figure of its sentence.
 */
function carryUnit(text: string, b: BareNumber, figures: readonly FoundFigure[]): FoundFigure | null {
  const before = lastWords(text, b.token.start, 2)
  const w = before[before.length - 1] ?? ''
  // "a deficit of 9.9 bn": "of" after the name of an amount.
  const ofAmount = w === 'of' && ELLIPTIC_OF_AFTER.has(before[before.length - 2] ?? '')
  // "(8.84 million last year)", "took 9.4 million kilos after 7.6 million": a scaled number
  // opening brackets or after "after" is an earlier value in the unit of the amount before.
  const scaledPrior = b.suffix.scale !== undefined && (w === 'after' || (before.length === 0 && /\(\s*$/u.test(text.slice(Math.max(0, b.token.start - 3), b.token.start))))
  if (!ELLIPTIC_BEFORE.has(w) && !ofAmount && !scaledPrior) return null
  let best: FoundFigure | undefined
  let bestD = Infinity
  // Figures are sorted by start: look only at those within reach.
  let lo = 0
  let hi = figures.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if ((figures[mid]?.start ?? 0) < b.token.start - 400) lo = mid + 1
    else hi = mid
  }
  for (let k = lo; k < figures.length; k++) {
    const f = figures[k]
    if (f === undefined || f.start > b.end + 200) break
    if (f.unitId === undefined || f.prior === true) continue
    if (f.kind !== 'mass' && f.kind !== 'money' && f.kind !== 'volume' && f.kind !== 'volume_rate') continue
    const [from, to] = f.end <= b.token.start ? [f.end, b.token.start] : [b.end, f.start]
    if (to < from || to - from > 160) continue
    // Never across a sentence end.
    if (/[.!?;]\s+\S|\n\s*\n/.test(text.slice(from, to))) continue
    const d = to - from
    if (d < bestD) {
      best = f
      bestD = d
    }
  }
  const unit = best?.unitId === undefined ? undefined : unitById(best.unitId)
  if (best === undefined || unit === undefined) return null
  const value = b.token.sign === '-' ? negate(b.token.value) : b.token.value
  return {
    kind: best.kind, valueExact: convertToCanonical(value, unit, b.suffix.scale), unit: unit.canonical, start: b.token.start - b.token.sign.length, end: b.end,
    numberStart: b.token.start, unitId: unit.id, elliptic: true, ...(scaledPrior ? { prior: true } : {}), ...(readQualifier(text, b.token.start) === undefined ? {} : { qualifier: readQualifier(text, b.token.start) }),
  }
}

/** Fractions ("a third of") and multiples ("doubled") written in words, as percent figures. */
function findWordRatios(text: string, figures: readonly FoundFigure[]): FoundFigure[] {
  const out: FoundFigure[] = []
  const taken = (start: number, end: number): boolean => figures.some((f) => f.start < end && start < f.end)
  for (const m of text.matchAll(FRACTION_RE)) {
    const start = m.index
    const end = start + m[0].length
    if (taken(start, end)) continue
    const before = text.slice(Math.max(0, start - 16), start)
    if (PERIOD_FRACTION_BEFORE_RE.test(before) || PERIOD_FRACTION_AFTER_RE.test(text.slice(end, end + 24))) continue
    const denominator = FRACTION_DENOMINATOR[(m[2] ?? m[3] ?? '').toLowerCase()] ?? 0
    const numerator = m[3] !== undefined ? 1 : FRACTION_NUMERATOR[(m[1] ?? '').toLowerCase()] ?? 0
    if (denominator === 0 || numerator === 0 || numerator >= denominator) continue
    const qualifier = readQualifier(text, start)
    out.push({
      kind: 'percent', valueExact: percentOf(numerator, denominator), unit: '%', start: qualifier === undefined ? start : start, end, numberStart: start, fraction: true,
      ...(qualifier === undefined ? {} : { qualifier }),
    })
  }
  for (const m of text.matchAll(CHANGE_BY_FRACTION_RE)) {
    const start = m.index
    const end = start + m[0].length
    if (taken(start, end)) continue
    const denominator = FRACTION_DENOMINATOR[(m[2] ?? m[3] ?? m[5] ?? '').toLowerCase()] ?? 0
    if (denominator === 0) continue
    out.push({ kind: 'percent', valueExact: percentOf(m[4] === undefined ? 1 : 2, denominator), unit: '%', start, end, numberStart: start, multiple: m[1] === undefined ? 'decrease' : 'increase' })
  }
  for (const re of [FOLD_RE, TIMES_BASE_RE]) {
    for (const m of text.matchAll(re)) {
      const start = m.index
      const end = start + m[0].length
      if (taken(start, end)) continue
      const written = m[1] === undefined || re === TIMES_BASE_RE ? (m[1] === undefined ? m[2] ?? '' : '2') : m[1]
      const n = /^\d/.test(written) ? Number(written) : written === '2' ? 2 : parseNumberWords(written)
      if (n === null || !(n > 1)) continue
      const qualifier = readQualifier(text, start)
      out.push({ kind: 'percent', valueExact: String(Number(((n - 1) * 100).toFixed(9))), unit: '%', start, end, numberStart: start, multiple: 'increase', ...(qualifier === undefined ? {} : { qualifier }) })
    }
  }
  for (const m of [...text.matchAll(MULTIPLE_RE), ...text.matchAll(HEDGED_MULTIPLE_RE)]) {
    const start = m.index
    const end = start + m[0].length
    if (taken(start, end)) continue
    const [value, direction] = MULTIPLE_VALUE[(m[1] ?? '').toLowerCase()] ?? ['0', 'increase']
    const qualifier = readQualifier(text, start)
    out.push({ kind: 'percent', valueExact: value, unit: '%', start, end, numberStart: start, multiple: direction, ...(qualifier === undefined ? {} : { qualifier }) })
  }
  return out
}

/** numerator/denominator as a percent, exact or to 9 decimals ("33.333333333"). */
function percentOf(numerator: number, denominator: number): string {
  const hundredths = (numerator * 100) / denominator
  return Number.isInteger(hundredths) ? String(hundredths) : String(Number(hundredths.toFixed(9)))
}

function readToken(m: RegExpExecArray): NumberToken | null {
  if (m[2] !== undefined) {
    const sign = m[1] ?? ''
    const value = parseDecimal(m[2].replace(/[, ]/g, ''))
    if (value === null) return null
    const spaced = m[2].includes(' ')
    return { start: m.index + sign.length, end: m.index + m[0].length, value, word: false, sign, grouped: m[2].includes(',') || spaced, ...(spaced ? { spaced } : {}) }
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
  readonly bare?: BareNumber
}

const NONE: ReadResult = { figures: [], consumedTo: 0 }

function readFigure(text: string, token: NumberToken, doc: DocUnits): ReadResult {
  const before = text.slice(Math.max(0, token.start - 16), token.start)
  const after = text.slice(token.end, token.end + 2)
  // Part of a code or model name: COVID-19, TAR-2, F-16, a phone number 555-0134.
  if (/[\p{L}\p{N}][-/]$/u.test(before) && !YEAR_PREFIX_RE.test(before)) return NONE
  // A group of a longer run of digits: +994 12 345 67 89.
  if (/\d[ \t]$/.test(before)) return NONE
  // Section and list numbers: 3.2.1, 1,2,3.
  if (/^[.,]\d/.test(after)) return NONE

  const prior = token.word ? null : stickyAt(PRIOR_RE, text, token.end)
  const suffix = readSuffix(text, prior === null ? token.end : prior.index + prior[0].length, token.word)
  const currency = readCurrencyPrefix(text, token, suffix.scale !== undefined)
  // Glued to letters that are no currency: part of a name or code ("N1 route").
  if (currency === null && /\p{L}$/u.test(before)) return NONE
  if (token.spaced === true && currency === null && suffix.unit === undefined && suffix.scale === undefined && suffix.noun === undefined) return NONE
  if (prior !== null) return readWithPrior(text, token, prior, suffix, currency, doc)
  const range = suffix.unit === undefined && suffix.noun === undefined ? readRange(text, token, suffix, currency, doc) : null
  if (range !== null) return range

  const figure = buildFigure(text, token, suffix, currency, doc)
  if (figure === null) {
    if (currency === null && suffix.scale !== undefined && suffix.unit === undefined && suffix.noun === undefined && !token.word) {
      return { figures: [], consumedTo: 0, bare: { token, suffix, end: suffixEndWithoutUnit(text, token, suffix) } }
    }
    return NONE
  }
  return { figures: [figure], consumedTo: figure.end }
}

/** "8.2 (7.9) mln t": the figure and, as its own figure, the bracketed earlier value. */
function readWithPrior(text: string, token: NumberToken, prior: RegExpExecArray, suffix: Suffix, currency: CurrencyPrefix | null, doc: DocUnits): ReadResult {
  if (suffix.unit === undefined && suffix.scale === undefined && currency === null) return NONE
  const main = buildFigure(text, token, suffix, currency, doc)
  if (main === null) return NONE
  const raw = prior[1] ?? ''
  const value = parseDecimal(raw.replace(/[,+]/g, ''))
  if (value === null) return { figures: [main], consumedTo: main.end }
  const at = prior.index + prior[0].indexOf(raw)
  const unit = main.unitId === undefined ? (currency?.unit ?? undefined) : unitById(main.unitId)
  const exact = unit === undefined ? value : convertToCanonical(value, unit, suffix.scale)
  const earlier: FoundFigure = { kind: main.kind, valueExact: exact, unit: main.unit, start: at, end: at + raw.length, numberStart: at, prior: true, ...(main.unitId === undefined ? {} : { unitId: main.unitId }) }
  return { figures: [main, earlier], consumedTo: main.end }
}

interface CurrencyPrefix {
  readonly unit: UnitEntry
  readonly start: number
  /** "-USD 3.2 bln", "−$5bn": a sign written before the currency. */
  readonly sign: string
}

function readCurrencyPrefix(text: string, token: NumberToken, scaled: boolean): CurrencyPrefix | null {
  if (token.word) return null
  const from = Math.max(0, token.start - token.sign.length - 10)
  const before = text.slice(from, token.start - token.sign.length)
  const m = CURRENCY_PREFIX_RE.exec(before)
  if (m === null) return null
  const written = m[1] ?? ''
  const unit = findCurrencyPrefix(written)
  if (unit === undefined) return null
  // K (kwacha), N (naira), R (rand): only glued to a number with a scale or thousands groups.
  if (/^\p{Lu}$/u.test(written) && (m[0] !== written || (!scaled && !token.grouped) || token.sign !== '')) return null
  const start = from + m.index + (m[0].length - m[0].trimStart().length)
  const sign = /(?:^|[\s(])([-+])[ \t]?$/.exec(text.slice(Math.max(0, start - 3), start))
  if (sign === null || token.sign !== '') return { unit, start, sign: '' }
  return { unit, start: start - (sign[0].length - sign[0].trimStart().length === 0 ? sign[0].length : sign[0].trimStart().length), sign: sign[1] ?? '' }
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
    if (unit !== undefined) return { end: at + best[0].length, ...(scale === undefined ? {} : { scale }), unit, spelling: best[1] ?? '' }
  }
  const count = stickyAt(COUNT_RE, text, at)
  if (count !== null) return { end: at + count[0].length, ...(scale === undefined ? {} : { scale }), noun: (count[1] ?? '').toLowerCase() }
  return { end: at, ...(scale === undefined ? {} : { scale }) }
}

function buildFigure(text: string, token: NumberToken, suffix: Suffix, currency: CurrencyPrefix | null, doc: DocUnits): FoundFigure | null {
  const rest = text.slice(suffix.end, suffix.end + 40)
  const negative = (token.sign === '-') !== (currency?.sign === '-')
  const value = negative ? negate(token.value) : token.value
  const start = currency?.start ?? token.start - token.sign.length
  const qualifier = readQualifier(text, start)

  if (currency !== null) {
    // "$5 billion dollars": a currency word after a currency sign is part of the same figure.
    if (suffix.unit !== undefined && suffix.unit.dimension !== 'money') return null
    const end = suffix.unit === undefined ? suffixEndWithoutUnit(text, token, suffix) : suffix.end
    const amount = convertToCanonical(value, currency.unit, suffix.scale)
    const per = PER_UNIT_RE.exec(text.slice(end, end + 40))
    if (per !== null && !PER_TIME.has((per[1] ?? '').toLowerCase())) return priceFigure(per, amount, currency.unit.canonical, start, end, token, qualifier)
    return { ...figure('money', amount, currency.unit.canonical, start, end, token, qualifier), unitId: currency.unit.id }
  }

  if (suffix.unit !== undefined) {
    const unit = suffix.unit
    const perMatch = PER_UNIT_RE.exec(rest)
    // "5m tonnes a year" is an amount; "per day" is handled below.
    const per = perMatch !== null && PER_TIME.has((perMatch[1] ?? '').toLowerCase()) ? null : perMatch
    // "80 dollars per barrel" is a price; "7.33 barrels per tonne", "3.5 t per hectare" are ratios.
    if (per !== null) return unit.dimension === 'money' ? priceFigure(per, convertToCanonical(value, unit, suffix.scale), unit.canonical, start, suffix.end, token, qualifier) : null
    if ((unit.dimension === 'mass' || unit.dimension === 'volume') && (PER_DAY_RE.test(rest) || OIL_EQUIVALENT_RE.test(rest))) return null
    // "MT" after "million tonnes (MT)": the abbreviation the text defined.
    const scale = suffix.scale ?? (suffix.spelling === undefined ? undefined : doc.scaleOf.get(suffix.spelling))
    const exact = convertToCanonical(value, unit, scale)
    if (unit.dimension === 'mass' && isPackageSize(text, start, token.end, suffix.end, exact)) return null
    const points = unit.id === 'percent' && /point/i.test(text.slice(token.end, suffix.end))
    const f = { ...figure(unit.dimension, exact, unit.canonical, start, suffix.end, token, qualifier), unitId: unit.id }
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
    const count = figure('count', scaled, COUNT_UNIT.canonical, start, suffix.end, token, qualifier)
    return GOODS_COUNT_NOUNS.has(suffix.noun) ? { ...count, goods: true } : count
  }

  if (isYearLike(token) && suffix.scale === undefined) return yearFigure(text, token)
  return null
}

/** A price: the amount of money and what it is per ("USD/bbl"); money per day or year is none. */
function priceFigure(per: RegExpExecArray, amount: string, currency: string, start: number, end: number, token: NumberToken, qualifier: string | undefined): FoundFigure {
  const word = (per[1] ?? '').toLowerCase()
  const code = PER_CODE[word] ?? PER_CODE[per[1] ?? ''] ?? word
  return figure('price', amount, `${currency}/${code}`, start, end + per[0].length, token, qualifier)
}

/**
 * The size of a package or a vehicle, not an amount traded: under a tonne and written as the size
 * of a sack, bag or drum ("50 kg sacks", "bags of 25 kg"), or a hyphenated compound used as an
 * adjective under 1,000 t ("a 25-kg load", "a 10-ton truck"; "a 100,000-tonne cargo" is kept).
 */
function isPackageSize(text: string, start: number, numberEnd: number, end: number, tonnes: string): boolean {
  const underTonne = /^-?0\./.test(tonnes)
  if (underTonne && (PACKAGE_AFTER_RE.test(text.slice(end, end + 32)) || PACKAGE_BEFORE_RE.test(text.slice(Math.max(0, start - 20), start)))) return true
  return text[numberEnd] === '-' && Math.abs(Number(tonnes)) < 1000 && /^\s+\p{L}/u.test(text.slice(end, end + 3)) && !/^\s+(?:of|in|to|from|a|per|and|or)\s/iu.test(text.slice(end, end + 6))
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
function readRange(text: string, token: NumberToken, suffix: Suffix, currency: CurrencyPrefix | null, doc: DocUnits): ReadResult | null {
  const connector = stickyAt(RANGE_RE, text, suffix.end)
  if (connector === null) return null
  const word = connector[0].trim().toLowerCase()
  // "between 5 and 7%" is a range; "rises of 41.7 and 64.2 per cent" two percents sharing one unit.
  const coordinated = word === 'and' && !/between\s+(?:\S+\s+)?$/i.test(text.slice(Math.max(0, token.start - 20), token.start))
  if (coordinated && (currency !== null || isYearLike(token))) return null
  const m = stickyAt(TOKEN_AT_RE, text, suffix.end + connector[0].length)
  if (m === null) return null
  const second = readToken(m)
  if (second === null || second.sign !== '' || second.word !== token.word) return null
  if (isYearLike(token) && !isYearLike(second)) return null
  const secondSuffix = readSuffix(text, second.end, second.word)
  if (secondSuffix.unit === undefined && secondSuffix.noun === undefined && currency === null) return null
  // "₹24,000-25,000 per tonne": a price range needs no unit or scale of its own.
  const per = currency === null ? null : PER_UNIT_RE.exec(text.slice(secondSuffix.end, secondSuffix.end + 40))
  const pricePer = per !== null && !PER_TIME.has((per[1] ?? '').toLowerCase())
  if (secondSuffix.unit === undefined && secondSuffix.noun === undefined && secondSuffix.scale === undefined && !pricePer) return null
  const firstSuffix: Suffix = {
    end: suffix.end,
    ...(suffix.scale ?? secondSuffix.scale ? { scale: suffix.scale ?? secondSuffix.scale } : {}),
    ...(secondSuffix.unit === undefined ? {} : { unit: secondSuffix.unit }),
    ...(secondSuffix.noun === undefined ? {} : { noun: secondSuffix.noun }),
    ...(secondSuffix.spelling === undefined ? {} : { spelling: secondSuffix.spelling }),
  }
  const first = buildFigure(text, token, firstSuffix, currency, doc)
  const secondCurrency = currency === null ? null : { unit: currency.unit, start: second.start, sign: '' }
  const last = buildFigure(text, second, secondSuffix, secondCurrency, doc)
  if (first === null || last === null) return null
  if (coordinated && (first.kind !== 'percent' || last.kind !== 'percent')) return null
  // The first amount of a price range is a price in the same unit ("₹24,000-25,000 per tonne").
  const head: FoundFigure = last.kind === 'price' && first.kind === 'money' ? { kind: 'price', valueExact: first.valueExact, unit: last.unit, start: first.start, end: first.end, numberStart: first.numberStart, ...(first.qualifier === undefined ? {} : { qualifier: first.qualifier }) } : first
  return { figures: [{ ...head, end: suffixEndWithoutUnit(text, token, suffix), afterEnd: last.end }, last], consumedTo: last.end }
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
