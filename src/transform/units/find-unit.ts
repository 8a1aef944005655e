import { SCALES, UNITS, type ScaleEntry, type UnitEntry } from './unit-registry.ts'

/** Lower-cased, single-spaced form used to look up case-insensitive spellings. */
export function normalizeSpelling(spelling: string): string {
  return spelling.toLowerCase().replace(/[\s-]+/g, ' ').trim()
}

function buildLookup<T>(entries: readonly T[], spellings: (entry: T) => { words: readonly string[]; symbols: readonly string[] }): {
  readonly words: ReadonlyMap<string, T>
  readonly symbols: ReadonlyMap<string, T>
} {
  const words = new Map<string, T>()
  const symbols = new Map<string, T>()
  for (const entry of entries) {
    const s = spellings(entry)
    for (const w of s.words) if (!words.has(normalizeSpelling(w))) words.set(normalizeSpelling(w), entry)
    for (const sym of s.symbols) if (!symbols.has(sym)) symbols.set(sym, entry)
  }
  return { words, symbols }
}

const UNIT_LOOKUP = buildLookup(UNITS, (u) => u)
const SCALE_LOOKUP = buildLookup(SCALES, (s) => s)
const PREFIX_LOOKUP: ReadonlyMap<string, UnitEntry> = new Map(
  UNITS.flatMap((u) => u.prefixes.map((p) => [p.replace(/\s+/g, ''), u] as const)),
)
const UNIT_BY_ID: ReadonlyMap<string, UnitEntry> = new Map(UNITS.map((u) => [u.id, u]))

/**
 * The unit a spelling after a number stands for: exact symbols first ('Mt' is not 'mt'), then
 * words case-insensitively ('Million Tons' is fine).
 */
export function findUnit(spelling: string): UnitEntry | undefined {
  return UNIT_LOOKUP.symbols.get(spelling) ?? UNIT_LOOKUP.words.get(normalizeSpelling(spelling))
}

/** The currency a symbol written before the number stands for ('US $' and 'US$' alike). */
export function findCurrencyPrefix(prefix: string): UnitEntry | undefined {
  return PREFIX_LOOKUP.get(prefix.replace(/\s+/g, ''))
}

/** The multiplier a scale spelling stands for ('bn', 'million', 'm'). */
export function findScale(spelling: string): ScaleEntry | undefined {
  return SCALE_LOOKUP.symbols.get(spelling) ?? SCALE_LOOKUP.words.get(normalizeSpelling(spelling))
}

/** A unit by its stable id ('tonne', 'usd', 'hectare'). */
export function unitById(id: string): UnitEntry | undefined {
  return UNIT_BY_ID.get(id)
}
