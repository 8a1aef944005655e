/**
 * The words right before a position, lower-cased, last word last, stopping at clause
 * punctuation. Checks like "is the figure preceded by 'increased by'?" look at these instead of
 * running end-anchored regular expressions, which the engine can only try from every position.
 */

const BARRIERS = new Set([',', ';', ':', '(', ')', '.', '!', '?', '—', '–', '"', '“', '”', '\n'])

function isWordChar(code: number): boolean {
  return (
    (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || code === 39 || code === 45 || code === 47 || code === 0x2019 || (code >= 0xc0 && code !== 0x2014 && code !== 0x2013 && code !== 0x201c && code !== 0x201d && !(code >= 0x2000 && code <= 0x206f))
  )
}

/**
 * Up to `max` words ending at `end` (exclusive), scanning back no further than `limit`
 * characters. Words are runs of letters, apostrophes, hyphens and slashes ("year-on-year", "y/y").
 * A digit, or clause punctuation, ends the scan.
 */
export function lastWords(text: string, end: number, max: number, limit = 80): string[] {
  const words: string[] = []
  let i = end - 1
  const stop = Math.max(0, end - limit)
  while (i >= stop && words.length < max) {
    const ch = text[i] ?? ''
    if (ch === ' ' || ch === '\t' || ch === '\r') {
      i--
      continue
    }
    if (BARRIERS.has(ch) || !isWordChar(text.charCodeAt(i))) break
    let j = i
    while (j > stop && isWordChar(text.charCodeAt(j - 1))) j--
    words.push(text.slice(j, i + 1).toLowerCase())
    i = j - 1
  }
  return words.reverse()
}
