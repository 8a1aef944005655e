/**
 * Comparison claims between two countries: "more than twice as much as Kazakhstan", "three
 * times more than Italy", "half as much as", "more crude to Israel than Kazakhstan", "overtook
 * Russia", "surpassed", "ahead of", "behind", "more than Italy and Spain combined". A comparison
 * is a figure of kind `comparison` (measure `comparison`, unit '1'): the value is the factor (2
 * for "twice", 1 for "more than" / "overtook"), `comparison` the relation, `comparedWith` the
 * other side and `subject` the country compared. The linker gives it the flow, commodity, year
 * and countries of its clause; `settleComparison` then puts the subject where the other side
 * does not belong, and `check` recomputes both sides from the same trade data.
 */
import { findCountryMentions, type CountryMention } from './country-lexicon.ts'
import type { FoundFigure } from './find-figures.ts'
import { NUMBER_WORDS, parseNumberWords } from './number-words.ts'

/** 'ratio': the subject is `value` times the other side; 'more' / 'less': larger / smaller; 'overtook': larger now, not the year before. */
export type ComparisonRelation = 'ratio' | 'more' | 'less' | 'overtook'

export interface ComparisonFields {
  readonly comparison?: ComparisonRelation
  /** ISO3 of the other side; several when the text lists them. */
  readonly comparedWith?: readonly string[]
  /** "X and Y combined": the other side is their sum; otherwise the subject is compared with each. */
  readonly combined?: boolean
  /** ISO3 of the country compared: the sentence's subject, or the party in the same role as the other side ("to Israel than to Italy"). */
  readonly subject?: string
  /**
   * "India's second biggest supplier", "the top supplier of India": whose suppliers (or buyers)
   * the comparison is among, which says the reporter and the flow better than the role words
   * the linker reads ("supplier" alone reads as an export).
   */
  readonly frame?: { readonly reporter: string; readonly flow: 'X' | 'M' }
}

const HEDGE = '(?:more\\s+than|over|at\\s+least|nearly|almost|about|around|roughly|some|approximately|close\\s+to|less\\s+than|under|just\\s+over|just\\s+under|well\\s+over)'
const MULTIPLE = `(?:twice|double|triple|treble|quadruple|half|a\\s+quarter|(?:\\d+(?:\\.\\d+)?|${NUMBER_WORDS})(?:\\s+and\\s+a\\s+half)?(?:\\s*-?\\s*(?:times|fold)))`
const AS_MUCH = '(?:\\s+(?:as\\s+(?:much|many|large|big|high|great)|(?:more|larger|bigger|higher|greater)(?=\\s)|the\\s+(?:amount|volume|value|size|level|quantity)\\s+of)|(?=\\s+(?:that|those)\\s))'
/** "more than twice as much", "three times more", "half as much", "double the amount of". */
const RATIO_RE = new RegExp(`(?:(${HEDGE})\\s+)?(${MULTIPLE})${AS_MUCH}`, 'giu')
/** "more crude to Israel than", "larger than", "less than": a comparative, its "than" read after it. */
const COMPARATIVE_RE = /(?:(more|larger|bigger|greater|higher)|(less|smaller|fewer|lower))(?=\s)/giu
/** "overtook Russia", "surpassed", "ahead of", "was overtaken by", "behind". */
const VERB_RE = /(?:(?:was|were|been|being|is|are|got)\s+(overtaken|surpassed|outstripped|outpaced|eclipsed|overtook)\s+by|(overt(?:ook|aken|aking|akes|ake))|(surpass(?:ed|es|ing)?|outstr(?:ipped|ips|ipping|ip)|outpac(?:ed|es|ing|e)|eclips(?:ed|es|ing|e)|exceed(?:ed|s|ing)?|edged\s+out|(?:well\s+|far\s+|just\s+)?ahead\s+of)|((?:well\s+|far\s+|just\s+)?behind|trail(?:ed|s|ing)?|lagg(?:ed|ing)\s+behind))(?=\s)/giu

/** The country mentions between two offsets (a local scan: a long text is never scanned once per comparison word). */
type Mentions = (from: number, to: number) => readonly CountryMention[]

const ORDER_WORDS = new Set(['to', 'from', 'into', 'for', 'in', 'by', 'of', 'with', 'among', 'than', 'as'])
const SUPPLIER_ROLE = 'suppliers?|sources?|sellers?|exporters?|providers?'
const BUYER_ROLE = 'buyers?|customers?|markets?|destinations?|importers?|purchasers?|clients?'
/**
 * A comparison is about trade only when its clause says so: a trade verb or noun, or a
 * supplier/buyer role ("prices were higher in Turkey than in Azerbaijan", "ranks behind Norway
 * in gas reserves", "came ahead of Turkey's elections" are not).
 */
const TRADE_CLAUSE_RE = new RegExp(`(?<![\\p{L}])(?:export|import|suppl|sold|sell|bought|buy|purchas|ship|deliver|receiv|took|tak(?:e|es|ing)\\s|trade|traded|sales|${SUPPLIER_ROLE}|${BUYER_ROLE}|partner)`, 'iu')
/** "India's second-biggest crude supplier": the possessor and the role noun, within four words. */
const POSSESSIVE_ROLE_RE = new RegExp(`^(?:'s|’s|')\\s+(?:[\\p{L}\\p{N}-]+\\s+){0,4}?(?:(${SUPPLIER_ROLE})|(${BUYER_ROLE}))(?![\\p{L}])`, 'iu')
/** "supplier of India", "the largest buyer for Azerbaijan": the role noun right before "of"/"for" and the country. */
const ROLE_OF_RE = new RegExp(`(?:(${SUPPLIER_ROLE})|(${BUYER_ROLE}))\\s+(?:of|for)\\s+(?:the\\s+)?$`, 'iu')
const WINDOW = 200

function multipleValue(written: string): string | undefined {
  const w = written.toLowerCase().replace(/\s+/g, ' ').trim()
  if (w === 'twice' || w === 'double') return '2'
  if (w === 'triple' || w === 'treble') return '3'
  if (w === 'quadruple') return '4'
  if (w === 'half') return '0.5'
  if (w === 'a quarter') return '0.25'
  const m = /^(.+?)( and a half)?\s*-?\s*(?:times|fold)$/.exec(w)
  if (m === null) return undefined
  const n = /^\d/.test(m[1] ?? '') ? Number(m[1]) : parseNumberWords(m[1] ?? '')
  if (n === null || !Number.isFinite(n) || n <= 0) return undefined
  return String(m[2] === undefined ? n : n + 0.5)
}

interface OtherSide {
  readonly end: number
  readonly countries: readonly string[]
  readonly combined: boolean
  /** The preposition before the other side ("than to Italy"): the subject is the party with the same one. */
  readonly preposition?: string
  /** Where the other side's first country starts. */
  readonly at: number
}

/**
 * The other side of a comparison, read from `from` on: "as Kazakhstan", "than to Italy",
 * "those of Saudi Arabia", "Italy and Spain combined"; `lead` is what may stand before the
 * country ("than", "as", or nothing after a verb), after up to `gap` words.
 */
function otherSide(text: string, from: number, mentions: Mentions, lead: string, gap: number): OtherSide | undefined {
  const rest = text.slice(from, from + WINDOW)
  const re = new RegExp(`^(?:[\\s,]+[\\p{L}\\p{N}'’.-]+){0,${gap}}?${lead === '' ? '' : `\\s+(?:${lead})`}\\s+(?:(?:those|that)\\s+(?:of\\s+)?)?(?:(to|from|into|for|in|by)\\s+)?(?:the\\s+)?`, 'iu')
  const m = re.exec(rest)
  if (m === null || /[.;!?\n]/.test(m[0])) return undefined
  const at = from + m[0].length
  const countries = mentions(at, Math.min(text.length, at + WINDOW))
  const first = countries.find((c) => c.start === at && c.form === 'name')
  if (first === undefined) return undefined
  const list = [first.iso3]
  let end = first.end
  for (;;) {
    const next = countries.find((c) => c.start > end && c.form === 'name' && /^\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+|&\s*)(?:(?:to|from)\s+)?(?:the\s+)?$/iu.test(text.slice(end, c.start)))
    if (next === undefined) break
    list.push(next.iso3)
    end = next.end
  }
  const together = /^\s*(?:combined|together|put\s+together|taken\s+together)(?![\p{L}])/iu.exec(text.slice(end))
  return {
    end: together === null ? end : end + together[0].length, countries: list, combined: together !== null && list.length > 1, at,
    ...(m[1] === undefined ? {} : { preposition: m[1].toLowerCase() }),
  }
}

/** The word right before a mention, past "the", lower-case ("to" in "to Israel", "from" in "from the United States"). */
function wordBefore(text: string, at: number): string | undefined {
  return /([\p{L}]+)\s+(?:the\s+)?$/iu.exec(text.slice(Math.max(0, at - 24), at))?.[1]?.toLowerCase()
}

/** Where the clause of a comparison starting at `start` begins and its sentence ends. */
function clauseOf(text: string, start: number): { start: number; end: number } {
  const from = Math.max(0, start - WINDOW)
  const breaks = [...text.slice(from, start).matchAll(/[.;!?]\s|\n|,\s*(?:and|but|while|whereas)\s/g)].map((m) => from + m.index + m[0].length)
  const after = /[.;!?](?:\s|$)|\n/.exec(text.slice(start, start + WINDOW * 2))
  return { start: Math.max(0, ...breaks), end: after === null ? Math.min(text.length, start + WINDOW * 2) : start + after.index }
}

/** "India's top supplier", "the second biggest supplier of India": the importer (suppliers) or exporter (buyers) the clause is about. */
function frameOf(text: string, countries: readonly CountryMention[], clause: { start: number; end: number }): { reporter: string; flow: 'X' | 'M'; at: number } | undefined {
  for (const c of countries) {
    if (c.start < clause.start || c.end > clause.end || c.form !== 'name') continue
    const own = POSSESSIVE_ROLE_RE.exec(text.slice(c.end, clause.end))
    const of = own === null ? ROLE_OF_RE.exec(text.slice(Math.max(clause.start, c.start - 60), c.start)) : null
    const m = own ?? of
    if (m !== null) return { reporter: c.iso3, flow: m[1] !== undefined ? 'M' : 'X', at: c.start }
  }
  return undefined
}

/**
 * The country compared: with a preposition on the other side ("than to Italy"), the nearest
 * mention before it with the same preposition; otherwise the first mention of the clause
 * before the comparison that no preposition governs (the sentence's subject, "Russia's
 * exports"), leaving out the country whose suppliers or buyers the clause is about.
 */
function subjectOf(text: string, countries: readonly CountryMention[], start: number, other: OtherSide, clause: { start: number }, frameAt: number | undefined): string | undefined {
  const before = countries.filter((c) => c.start >= clause.start && c.end <= other.at && !other.countries.includes(c.iso3) && c.start !== frameAt)
  if (other.preposition !== undefined) return before.filter((c) => wordBefore(text, c.start) === other.preposition).pop()?.iso3
  return before.find((c) => c.end <= start && !ORDER_WORDS.has(wordBefore(text, c.start) ?? ''))?.iso3
}

/** The comparison figure, or undefined when its clause is not about trade or names no subject to compare. */
function comparison(text: string, mentions: Mentions, start: number, other: OtherSide, relation: ComparisonRelation, value: string, qualifier: string | undefined): FoundFigure | undefined {
  const clause = clauseOf(text, start)
  if (!TRADE_CLAUSE_RE.test(text.slice(clause.start, Math.max(clause.end, other.end)))) return undefined
  const countries = mentions(clause.start, Math.max(clause.end, other.end))
  const frame = frameOf(text, countries, clause)
  const subject = subjectOf(text, countries, start, other, clause, frame?.at)
  if (subject === undefined) return undefined
  return {
    kind: 'comparison', valueExact: value, unit: '1', start, end: other.end, numberStart: start,
    comparison: relation, comparedWith: other.countries, combined: other.combined,
    subject,
    ...(frame === undefined ? {} : { frame: { reporter: frame.reporter, flow: frame.flow } }),
    ...(qualifier === undefined ? {} : { qualifier }),
  }
}

/** Every comparison claim of `text` naming a country on its other side, in order; overlapping matches keep the first (longest) form. */
export function findComparisons(text: string): FoundFigure[] {
  if (!/than|as\s|overt|surpass|outstr|outpac|eclips|exceed|edged|ahead|behind|trail|lagg|times|fold|twice|double|triple|half/i.test(text)) return []
  const mentions: Mentions = (from, to) => findCountryMentions(text.slice(from, to)).map((c) => ({ ...c, start: c.start + from, end: c.end + from }))
  const found: (FoundFigure | undefined)[] = []
  const atWordStart = (i: number): boolean => i === 0 || !/[\p{L}\p{N}-]/u.test(text[i - 1] ?? '')
  for (const m of text.matchAll(RATIO_RE)) {
    if (!atWordStart(m.index)) continue
    const value = multipleValue(m[2] ?? '')
    if (value === undefined) continue
    const end = m.index + m[0].length
    // "double the amount of X", "three times those to Israel": the other side follows at once.
    const ends = /(?:of|times|fold|twice|double|triple|treble|quadruple|half)$/i.test(m[0])
    const other = otherSide(text, end, mentions, ends ? '' : 'as|than', ends ? 0 : 8)
    if (other === undefined) continue
    const hedge = m[1]?.toLowerCase().replace(/\s+/g, ' ')
    const qualifier = hedge === 'over' || hedge === 'well over' || hedge === 'just over' || hedge === 'at least' ? 'more than' : hedge === 'under' || hedge === 'just under' ? 'less than' : hedge
    found.push(comparison(text, mentions, m.index, other, 'ratio', value, qualifier))
  }
  for (const m of text.matchAll(COMPARATIVE_RE)) {
    if (!atWordStart(m.index)) continue
    const end = m.index + m[0].length
    // "more than 2 million tonnes" is a hedge on a number, not a comparison: a country must follow "than".
    if (!/\sthan\s/i.test(text.slice(end, end + 90))) continue
    const other = otherSide(text, end, mentions, 'than', 6)
    if (other === undefined) continue
    const less = m[2] !== undefined
    found.push(comparison(text, mentions, m.index, other, less ? 'less' : 'more', '1', less ? 'less than' : 'more than'))
  }
  for (const m of text.matchAll(VERB_RE)) {
    if (!atWordStart(m.index)) continue
    const end = m.index + m[0].length
    const other = otherSide(text, end, mentions, '', 0)
    if (other === undefined) continue
    const relation: ComparisonRelation = m[1] !== undefined || m[4] !== undefined ? 'less' : m[2] !== undefined ? 'overtook' : 'more'
    found.push(comparison(text, mentions, m.index, other, relation, '1', relation === 'less' ? 'less than' : 'more than'))
  }
  const kept: FoundFigure[] = []
  for (const f of found) if (f !== undefined && !kept.some((k) => k.start < f.end && f.start < k.end)) kept.push(f)
  return kept.sort((a, b) => a.start - b.start)
}

/**
 * After linking: the other side is never the figure's own reporter or partner (the linker may
 * have read "as Kazakhstan" as a party of the flow); the subject takes that place, or an empty
 * one, so that the check knows which side to replace.
 */
export function settleComparison<T extends ComparisonFields & { readonly reporter?: string; readonly partner?: string; readonly flow?: string }>(f: T): T {
  const others = f.comparedWith ?? []
  const { frame, ...rest } = f
  const out = { ...rest } as { -readonly [K in keyof T]: T[K] }
  if (frame !== undefined) {
    // "X overtook Y as India's top supplier": India imports, X and Y are its partners.
    if (out.partner === frame.reporter || (out.reporter !== frame.reporter && out.reporter !== undefined && out.partner === undefined)) delete out.partner
    if (out.reporter !== frame.reporter) delete out.reporter
    ;(out as { reporter?: string }).reporter = frame.reporter
    ;(out as { flow?: string }).flow = frame.flow
  }
  if (out.reporter !== undefined && others.includes(out.reporter)) delete out.reporter
  if (out.partner !== undefined && others.includes(out.partner)) delete out.partner
  const subject = f.subject
  if (subject !== undefined && out.reporter !== subject && out.partner !== subject) {
    if (out.reporter === undefined) (out as { reporter?: string }).reporter = subject
    else (out as { partner?: string }).partner = subject
  }
  return out
}
