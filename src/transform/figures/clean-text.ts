/**
 * A view of the input that the patterns can read, with a map back to the original characters.
 * Two things happen here and nowhere else:
 * - numbers broken across lines are joined: text files of scraped articles wrap in the middle of
 *   a decimal ("reached 2.\n289 million tons", "33.\n8% increase"), and such a number must read
 *   as 2.289, while `start`/`end` of the figure still point at the original characters;
 * - look-alike characters are folded one for one (no-break and thin spaces to ' ', the curly
 *   apostrophe to "'", the minus sign to '-') and invisible ones dropped, so patterns need only
 *   one spelling.
 */

export interface CleanText {
  /** The text the patterns run on. */
  readonly text: string
  /** origin[i] is the index in the original text of text[i]; origin[text.length] is its length. */
  readonly origin: Int32Array
}

const FOLD: Readonly<Record<string, string>> = {
  '\u00a0': ' ',
  '\u2007': ' ',
  '\u2009': ' ',
  '\u202f': ' ',
  '\u2019': "'",
  '\u2018': "'",
  '\u2212': '-',
}

/** Invisible characters dropped from the view: soft hyphen, zero-width space/joiners, BOM. */
const DROP = new Set(['\u00ad', '\u200b', '\u200c', '\u200d', '\ufeff'])

// What may follow the digits on the next line for a break to be inside the number: a percent
// sign, a scale or unit word, or the sentence going on in lower case. A capital letter or a
// blank line means the period ended a sentence.
const CONTINUES_NUMBER = /^\d+(?:,\d{3})*[ \t]*(?:%|[a-z]|(?:Mt|MT|Gt|kt|USD|EUR|GBP|AZN|K|M|B|bn)(?![A-Za-z]))/
const CONTINUES_AFTER_YEAR = /^\d+(?:,\d{3})*[ \t]*(?:%|(?:per ?cent|percent|thousand|million|billion|trillion|tons?|tonnes?|barrels?|hectares?|bn|mln|mn|m|k|Mt|kt)(?![A-Za-z]))/
const LINE_BREAK = /^[ \t]*\r?\n[ \t]*/

const SPECIAL_RE = /[\u00a0\u2007\u2009\u202f\u2018\u2019\u2212\u00ad\u200b\ufeff]|\u200c|\u200d|(?<=\d)[.,](?=[ \t]*\r?\n)/g

/** Builds the clean view; linear in the length of the text, and a plain copy when nothing applies. */
export function cleanText(source: string): CleanText {
  const parts: string[] = []
  const origin = new Int32Array(source.length + 1)
  let length = 0
  let last = 0
  const copy = (from: number, to: number): void => {
    if (to <= from) return
    parts.push(source.slice(from, to))
    for (let k = from; k < to; k++) origin[length++] = k
  }
  SPECIAL_RE.lastIndex = 0
  for (let m = SPECIAL_RE.exec(source); m !== null; m = SPECIAL_RE.exec(source)) {
    const i = m.index
    const ch = m[0]
    if (ch === '.' || ch === ',') {
      const join = joinLength(source, i)
      if (join === 0) continue
      copy(last, i + 1)
      last = i + 1 + join
      SPECIAL_RE.lastIndex = last
      continue
    }
    copy(last, i)
    last = i + 1
    if (DROP.has(ch)) continue
    // "1 000 000" with no-break or thin spaces is one number: read the space as a separator.
    const groupSpace = ch !== '\u2018' && ch !== '\u2019' && ch !== '\u2212' && /\d/.test(source[i - 1] ?? '') && /^\d{3}(?!\d)/.test(source.slice(i + 1, i + 5))
    parts.push(groupSpace ? ',' : (FOLD[ch] ?? ch))
    origin[length++] = i
  }
  copy(last, source.length)
  origin[length] = source.length
  return { text: parts.join(''), origin: origin.subarray(0, length + 1) }
}

/** How many characters of line break after the separator at `at` to drop; 0 to keep them. */
function joinLength(source: string, at: number): number {
  const rest = source.slice(at + 1, at + 48)
  const br = LINE_BREAK.exec(rest)
  if (br === null) return 0
  const next = rest.slice(br[0].length)
  if (!isDigit(next.charCodeAt(0))) return 0
  let intStart = at
  while (intStart > 0 && /[\d,]/.test(source[intStart - 1] ?? '')) intStart--
  const intPart = source.slice(intStart, at)
  if (source[at] === ',') {
    // "170,\n000 hectares": only a real thousands group joins, never "In 2022,\n500 ships".
    if (!/^\d{1,3}(?:,\d{3})*$/.test(intPart) || !/^\d{3}(?!\d)/.test(next)) return 0
  }
  const yearLike = /^(?:19|20)\d\d$/.test(intPart)
  const pattern = yearLike ? CONTINUES_AFTER_YEAR : CONTINUES_NUMBER
  return pattern.test(next) ? br[0].length : 0
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57
}

/** Maps a span of the clean view to the original text: [start, end). */
export function originalSpan(clean: CleanText, start: number, end: number): [number, number] {
  const s = clean.origin[start] ?? 0
  const last = clean.origin[end - 1] ?? s
  return [s, last + 1]
}
