/**
 * The regular expressions the extractor reads units with, compiled once from the unit registry
 * so that a spelling added there is understood here without a second list.
 */
import { SCALES, UNITS } from '../units/index.ts'

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** Longest first, so the alternation prefers "million metric tons" to "million". */
function alternation(spellings: Iterable<string>, flexibleSpaces: boolean): string {
  const unique = [...new Set(spellings)].sort((a, b) => b.length - a.length)
  return unique.map((s) => (flexibleSpaces ? escapeRegExp(s).replace(/ /g, '\\s+') : escapeRegExp(s))).join('|')
}

/** Spaces, or one line break, between a number and its unit ("2.289\nmillion tons"). */
const WS = '[ \\t]*(?:\\r?\\n[ \\t]*)?'

/** Scale words after a number: " million", "-billion", " mln". */
export const SCALE_WORD_RE = new RegExp(`(?:${WS}|-)(${alternation(SCALES.flatMap((s) => s.words), true)})(?![\\p{L}\\p{N}/])`, 'iuy')

/** Scale symbols glued to the number or after one space: "$410m", "US$ 5 bn" is a word. */
export const SCALE_SYMBOL_RE = new RegExp(`[ \\t]?(${alternation(SCALES.flatMap((s) => s.symbols), false)})(?![\\p{L}\\p{N}/'’])`, 'uy')

/**
 * Unit words after a number (or its scale): " tons", " barrels per day", " US dollars"; a hyphen
 * may join them in compounds ("300,000-bpd refinery", "two-million-barrel-a-day").
 */
export const UNIT_WORD_RE = new RegExp(`(?:${WS}|-)(${alternation(UNITS.flatMap((u) => u.words), true).replace(/\\s\+/g, '[\\s-]+')})(?![\\p{L}\\p{N}])`, 'iuy')

/** Unit symbols after a number, case-sensitive: "%", " Mt", " b/d", " USD", "-bpd". */
export const UNIT_SYMBOL_RE = new RegExp(`(?:${WS}|-)(${alternation(UNITS.flatMap((u) => u.symbols), false)})(?![\\p{L}\\p{N}])`, 'uy')

/** "a 12-percent rise": the only unit a hyphen may join to a number. */
export const PERCENT_HYPHEN_RE = /-(percent|per cent|per-cent|pct)(?![\p{L}\p{N}])/iuy

/** Currency symbols and codes written before the number ("US $" or "US$"), matched on the text before it. */
export const CURRENCY_PREFIX_RE = new RegExp(
  `(?<![\\p{L}\\p{N}])(${alternation(UNITS.flatMap((u) => u.prefixes), false).replace(/ /g, ' ?')})[ \\t]?$`,
  'u',
)
