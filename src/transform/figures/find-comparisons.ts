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

const ORDER_WORDS = new Set(['to', 'from', 'into', 'for', 'in', 'by'])
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
function otherSide(text: string, from: number, countries: readonly CountryMention[], lead: string, gap: number): OtherSide | undefined {
  const rest = text.slice(from, from + WINDOW)
  const re = new RegExp(`^(?:[\\s,]+[\\p{L}\\p{N}'’.-]+){0,${gap}}?${lead === '' ? '' : `\\s+(?:${lead})`}\\s+(?:(?:those|that)\\s+(?:of\\s+)?)?(?:(to|from|into|for|in|by)\\s+)?(?:the\\s+)?`, 'iu')
  const m = re.exec(rest)
  if (m === null || /[.;!?\n]/.test(m[0])) return undefined
  const at = from + m[0].length
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

/** The word right before a mention, lower-case ("to" in "to Israel"). */
function wordBefore(text: string, at: number): string | undefined {
  return /([\p{L}]+)\s*$/u.exec(text.slice(Math.max(0, at - 20), at))?.[1]?.toLowerCase()
}

/**
 * The country compared: with a preposition on the other side ("than to Italy"), the nearest
 * mention before it with the same preposition; otherwise the nearest mention before the
 * comparison that no preposition governs (the sentence's subject, "Russia's exports").
 */
function subjectOf(text: string, countries: readonly CountryMention[], start: number, other: OtherSide): string | undefined {
  const sentenceStart = Math.max(0, ...[...text.slice(Math.max(0, start - WINDOW), start).matchAll(/[.;!?]\s|\n/g)].map((m) => Math.max(0, start - WINDOW) + m.index + m[0].length))
  const before = countries.filter((c) => c.start >= sentenceStart && c.end <= other.at && !other.countries.includes(c.iso3))
  const wanted = before.filter((c) => (other.preposition === undefined ? !ORDER_WORDS.has(wordBefore(text, c.start) ?? '') : wordBefore(text, c.start) === other.preposition))
  const pick = wanted.filter((c) => other.preposition !== undefined || c.end <= start)
  return pick[pick.length - 1]?.iso3
}

function comparison(start: number, other: OtherSide, subject: string | undefined, relation: ComparisonRelation, value: string, qualifier: string | undefined): FoundFigure {
  return {
    kind: 'comparison', valueExact: value, unit: '1', start, end: other.end, numberStart: start,
    comparison: relation, comparedWith: other.countries, combined: other.combined,
    ...(subject === undefined ? {} : { subject }),
    ...(qualifier === undefined ? {} : { qualifier }),
  }
}

/** Every comparison claim of `text` naming a country on its other side, in order; overlapping matches keep the first (longest) form. */
export function findComparisons(text: string): FoundFigure[] {
  if (!/than|as\s|overt|surpass|outstr|outpac|eclips|exceed|edged|ahead|behind|trail|lagg|times|fold|twice|double|triple|half/i.test(text)) return []
  let countries: CountryMention[] | undefined
  const mentions = (): CountryMention[] => (countries ??= findCountryMentions(text))
  const found: FoundFigure[] = []
  const atWordStart = (i: number): boolean => i === 0 || !/[\p{L}\p{N}-]/u.test(text[i - 1] ?? '')
  for (const m of text.matchAll(RATIO_RE)) {
    if (!atWordStart(m.index)) continue
    const value = multipleValue(m[2] ?? '')
    if (value === undefined) continue
    const end = m.index + m[0].length
    // "double the amount of X", "three times those to Israel": the other side follows at once.
    const ends = /(?:of|times|fold|twice|double|triple|treble|quadruple|half)$/i.test(m[0])
    const other = otherSide(text, end, mentions(), ends ? '' : 'as|than', ends ? 0 : 8)
    if (other === undefined) continue
    const hedge = m[1]?.toLowerCase().replace(/\s+/g, ' ')
    const qualifier = hedge === 'over' || hedge === 'well over' || hedge === 'just over' || hedge === 'at least' ? 'more than' : hedge === 'under' || hedge === 'just under' ? 'less than' : hedge
    found.push(comparison(m.index, other, subjectOf(text, mentions(), m.index, other), 'ratio', value, qualifier))
  }
  for (const m of text.matchAll(COMPARATIVE_RE)) {
    if (!atWordStart(m.index)) continue
    const end = m.index + m[0].length
    // "more than 2 million tonnes" is a hedge on a number, not a comparison: a country must follow "than".
    const other = otherSide(text, end, mentions(), 'than', 6)
    if (other === undefined) continue
    const less = m[2] !== undefined
    found.push(comparison(m.index, other, subjectOf(text, mentions(), m.index, other), less ? 'less' : 'more', '1', less ? 'less than' : 'more than'))
  }
  for (const m of text.matchAll(VERB_RE)) {
    if (!atWordStart(m.index)) continue
    const end = m.index + m[0].length
    const other = otherSide(text, end, mentions(), '', 0)
    if (other === undefined) continue
    const relation: ComparisonRelation = m[1] !== undefined || m[4] !== undefined ? 'less' : m[2] !== undefined ? 'overtook' : 'more'
    found.push(comparison(m.index, other, subjectOf(text, mentions(), m.index, other), relation, '1', relation === 'less' ? 'less than' : 'more than'))
  }
  const kept: FoundFigure[] = []
  for (const f of found) if (!kept.some((k) => k.start < f.end && f.start < k.end)) kept.push(f)
  return kept.sort((a, b) => a.start - b.start)
}

/**
 * After linking: the other side is never the figure's own reporter or partner (the linker may
 * have read "as Kazakhstan" as a party of the flow); the subject takes that place, or an empty
 * one, so that the check knows which side to replace.
 */
export function settleComparison<T extends ComparisonFields & { readonly reporter?: string; readonly partner?: string }>(f: T): T {
  const others = f.comparedWith ?? []
  const out: { -readonly [K in keyof T]: T[K] } = { ...f }
  if (out.reporter !== undefined && others.includes(out.reporter)) delete out.reporter
  if (out.partner !== undefined && others.includes(out.partner)) delete out.partner
  const subject = f.subject
  if (subject !== undefined && out.reporter !== subject && out.partner !== subject) {
    if (out.reporter === undefined) (out as { reporter?: string }).reporter = subject
    else (out as { partner?: string }).partner = subject
  }
  return out
}
