/**
 * Rank claims: "the largest buyer", "the second biggest supplier", "came third", "ranked
 * ninth", "the top destination", "top five buyers". A rank is a figure of kind `rank` (value the
 * position, 1 for the first; unit '1'); "top five" is the qualifier `top` (position 5 or better).
 * The linker gives it the countries and flow of its clause, and `check` ranks the partners of
 * the reporter's flow in the trade data.
 */
import type { FoundFigure } from './find-figures.ts'

const ORDINALS: Readonly<Record<string, number>> = {
  first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10,
  // "China's 4th leading supplier", "the 3rd largest buyer": the ordinal written with digits.
  '1st': 1, '2nd': 2, '3rd': 3, '4th': 4, '5th': 5, '6th': 6, '7th': 7, '8th': 8, '9th': 9, '10th': 10,
}
const CARDINALS: Readonly<Record<string, number>> = { three: 3, five: 5, ten: 10, '3': 3, '5': 5, '10': 10 }
const ORD = `(${Object.keys(ORDINALS).join('|')})`
const SUPERLATIVE = '(?:largest|biggest|leading|top|main|major|most\\s+important)'
/**
 * Who a rank is among: buyers and destinations, or suppliers and sources; or, for goods, a
 * country's exports or imports ("its second-biggest export group", issue 10, twenty-first round).
 */
const ROLE = '(?:buyers?|purchasers?|importers?|customers?|destinations?|markets?|suppliers?|exporters?|sources?|sellers?|trading\\s+partners?|partners?|producers?|miners?|growers?|consumers?|(?:export|import)\\s+(?:groups?|products?|commodit(?:y|ies)|items?|earners?|categor(?:y|ies)))'

/** "the second largest buyer", "the largest supplier", "the top destination", "its main market". */
const SUPERLATIVE_RE = new RegExp(`(?:${ORD}[\\s-]+)?(${SUPERLATIVE})\\s+(?:(?:[\\p{L}-]+\\s+){0,2}?)${ROLE}(?![\\p{L}-])`, 'giu')
/** "the first destination", "the third market": an ordinal right before the role. */
const ORDINAL_ROLE_RE = new RegExp(`${ORD}\\s+${ROLE}(?![\\p{L}-])`, 'giu')
const DETERMINER_BEFORE_RE = /(?:^|[^\p{L}])(?:the|its|their|[\p{L}]+'s?)\s+$/iu
/**
 * "came second", "ranked ninth", "ranks first", "in third place", and a place taken or moved to:
 * "took second place", "pushed Australia into second place", "held the third spot"; the
 * participle "ranking second" and a place kept: "kept first place", "occupies the first
 * position" (issue 10, twenty-fourth round).
 */
const POSITION_RE = new RegExp(
  `(?:(?:came|ranked|ranks|rank|ranking|placed|finished|stood)\\s+(?:in\\s+)?${ORD}|(?:in|into|to|took|takes|taking|held|holds|holding|kept|keeps|keeping|retained|retains|retaining|occupied|occupies|occupying|claimed|claims|won|secured)\\s+(?:the\\s+)?${ORD}\\s+(?:place|spot|position))(?![\\p{L}-])`,
  'giu',
)
/** "Turkey was ninth, taking ...", "India is third with ...": a copula and an ordinal, then the clause goes on or ends. */
const COPULA_POSITION_RE = new RegExp(`(?:was|is|were|are)\\s+${ORD}(?=\\s*(?:[,.;]|$)|\\s+(?:with|taking|at|behind|after|ahead|among)(?![\\p{L}-]))`, 'giu')
/** "Thailand came second with 189 kt and Italy third with 179 kt": an ordinal after a name, the verb left out. */
const ELLIPTIC_POSITION_RE = new RegExp(`(?:,|\\band)\\s+(?:the\\s+)?\\p{Lu}[\\p{L}-]*(?:\\s+\\p{Lu}[\\p{L}-]*){0,2}\\s+${ORD}(?=\\s+(?:with|taking|at)(?![\\p{L}-])|\\s*,)`, 'gu')
/** "(ranked third) and fourth", "(came second), third": the next ordinal of a coordinated position. */
const COORDINATED_ORDINAL_RE = new RegExp(`^\\s*(?:,\\s*(?:and\\s+)?|and\\s+)${ORD}(?![\\p{L}-])`, 'iu')
/** "the No.4 supplier", "its number 2 buyer", "No. 3 crude supplier": a position written as a number. */
const NUMBER_ROLE_RE = new RegExp(`(?:No\\.|no\\.|[Nn]umber|#)\\s?([1-9]|1[0-9])\\s+(?:(?:[\\p{L}-]+\\s+){0,2}?)${ROLE}(?![\\p{L}-])`, 'gu')
/**
 * "ninth on the list", "eighth on the list of importers", "third in the ranking of suppliers": an
 * ordinal placed on a list (issue 10, twenty-second round).
 */
const LIST_POSITION_RE = new RegExp(`${ORD}\\s+(?:on|in)\\s+(?:the|this|that)\\s+(?:list|ranking|table|league\\s+table)(?:\\s+of\\s+(?:(?:[\\p{L}-]+\\s+){0,2}?)${ROLE})?(?![\\p{L}-])`, 'giu')
/** "top five buyers", "top 10 suppliers". */
const TOP_N_RE = new RegExp(`top\\s+(three|five|ten|3|5|10)\\s+(?:[\\p{L}-]+\\s+)?${ROLE}(?![\\p{L}-])`, 'giu')

function rank(m: RegExpExecArray, value: number, qualifier?: string): FoundFigure {
  return {
    kind: 'rank', valueExact: String(value), unit: '1', start: m.index, end: m.index + m[0].length, numberStart: m.index,
    ...(qualifier === undefined ? {} : { qualifier }),
  }
}

/**
 * Whether a match starts a word. Checked here rather than by a lookbehind at the pattern's
 * start, which the engine would try at every position of the text (profiled: the literal
 * first words let it skip ahead instead).
 */
function atWordStart(text: string, m: RegExpExecArray): boolean {
  return m.index === 0 || !/[\p{L}-]/u.test(text[m.index - 1] ?? '')
}

/** Every rank claim of `text`, in order; where two overlap, the first found (the longer form) wins. */
export function findRanks(text: string): FoundFigure[] {
  const found: FoundFigure[] = []
  for (const m of text.matchAll(TOP_N_RE)) if (atWordStart(text, m)) found.push(rank(m, CARDINALS[(m[1] ?? '').toLowerCase()] ?? 0, 'top'))
  for (const m of text.matchAll(NUMBER_ROLE_RE)) if (atWordStart(text, m) || text[m.index] === '#') found.push(rank(m, Number(m[1])))
  for (const m of text.matchAll(SUPERLATIVE_RE)) {
    if (!atWordStart(text, m)) continue
    const ord = m[1]
    // "a major buyer", "main markets": a superlative without an ordinal ranks first only when singular and definite.
    const superlative = (m[2] ?? '').toLowerCase()
    if (ord === undefined && /^(?:main|major|leading|most\s+important)$/.test(superlative) && !/(?:^|\s)(?:the|its|their|[\p{L}]+'s?)\s*$/iu.test(text.slice(Math.max(0, m.index - 20), m.index))) continue
    if (/s$/i.test(m[0]) && ord === undefined) continue
    found.push(rank(m, ord === undefined ? 1 : ORDINALS[ord.toLowerCase()] ?? 0))
  }
  for (const m of text.matchAll(ORDINAL_ROLE_RE)) if (atWordStart(text, m) && DETERMINER_BEFORE_RE.test(text.slice(Math.max(0, m.index - 24), m.index)) && !/s$/i.test(m[0])) found.push(rank(m, ORDINALS[(m[1] ?? '').toLowerCase()] ?? 0))
  for (const m of text.matchAll(LIST_POSITION_RE)) if (atWordStart(text, m)) found.push(rank(m, ORDINALS[(m[1] ?? '').toLowerCase()] ?? 0))
  const positions: number[] = []
  for (const m of text.matchAll(POSITION_RE)) {
    if (!atWordStart(text, m)) continue
    found.push(rank(m, ORDINALS[(m[1] ?? m[2] ?? '').toLowerCase()] ?? 0))
    positions.push(m.index + m[0].length)
  }
  // "Australia and Colombia ranked third and fourth respectively": a second ordinal joined to a
  // stated position is a position too (issue 10, seventeenth round).
  for (const end of [...positions]) {
    const m = COORDINATED_ORDINAL_RE.exec(text.slice(end, end + 24))
    if (m === null) continue
    const ord = m[1] ?? ''
    const at = end + m[0].length - ord.length
    found.push({ kind: 'rank', valueExact: String(ORDINALS[ord.toLowerCase()] ?? 0), unit: '1', start: at, end: end + m[0].length, numberStart: at })
    positions.push(end + m[0].length)
  }
  for (const m of text.matchAll(COPULA_POSITION_RE)) {
    if (!atWordStart(text, m)) continue
    const ord = m[1] ?? ''
    const at = m.index + m[0].length - ord.length
    found.push({ ...rank(m, ORDINALS[ord.toLowerCase()] ?? 0), start: at, numberStart: at })
  }
  // Only shortly after a position was stated with its verb, in the same sentence.
  for (const m of text.matchAll(ELLIPTIC_POSITION_RE)) {
    if (!positions.some((end) => end <= m.index && m.index - end < 200 && !/[.!?]\s/.test(text.slice(end, m.index)))) continue
    const ord = m[1] ?? ''
    const at = m.index + m[0].length - ord.length
    found.push({ ...rank(m, ORDINALS[ord.toLowerCase()] ?? 0), start: at, numberStart: at })
  }
  const kept: FoundFigure[] = []
  for (const f of found) if (f.valueExact !== '0' && !kept.some((k) => k.start < f.end && f.start < k.end)) kept.push(f)
  return kept.sort((a, b) => a.start - b.start)
}
