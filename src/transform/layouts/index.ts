import { TradeEtlError } from '../../errors.ts'
import type { SourceFormat } from '../trade-row.ts'
import { COMTRADE_LEGACY } from './comtrade-legacy.ts'
import { normalizeHeader, type Layout } from './layout.ts'

export { normalizeHeader, type Layout, type LayoutContext, type RowMapper } from './layout.ts'

/** Every layout, most specific first: detection takes the first that matches. */
export const LAYOUTS: readonly Layout[] = [COMTRADE_LEGACY]

/**
 * The layout for a header. With `format` forced, only that format's layouts are tried, and a
 * header none of them reads is an error rather than a guess.
 */
export function detectLayout(rawHeader: readonly string[], format: SourceFormat | 'auto' = 'auto'): Layout | null {
  const header = normalizeHeader(rawHeader)
  const candidates = format === 'auto' ? LAYOUTS : LAYOUTS.filter((l) => l.format === format)
  if (candidates.length === 0) throw new TradeEtlError('FORMAT_UNKNOWN', `no layout for format ${format}`)
  return candidates.find((l) => l.matches(header)) ?? null
}
