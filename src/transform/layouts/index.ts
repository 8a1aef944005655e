import { TradeEtlError } from '../../errors.ts'
import type { SourceFormat } from '../trade-row.ts'
import { BACI } from './baci.ts'
import { BACI_ISO3 } from './baci-iso3.ts'
import { COMEXT } from './comext.ts'
import { COMTRADE_BULK_CODES } from './comtrade-bulk-codes.ts'
import { COMTRADE_LEGACY } from './comtrade-legacy.ts'
import { COMTRADE_PLUS } from './comtrade-plus.ts'
import { COMTRADE_PLUS_NAMES } from './comtrade-plus-names.ts'
import { WITS } from './wits.ts'
import { normalizeHeader, type Layout } from './layout.ts'

export { normalizeHeader, type Layout, type LayoutContext, type RowMapper } from './layout.ts'
export { BACI, BACI_COLUMNS, baciClassification, baciRevision } from './baci.ts'

/**
 * Every layout, most specific first: detection takes the first that matches. Each one's
 * `matches` is also written to reject the others' headers (tests/layouts-detect.test.ts runs
 * every real file against every layout), so the order only matters as a tie-break.
 */
export const LAYOUTS: readonly Layout[] = [COMTRADE_LEGACY, COMTRADE_BULK_CODES, COMTRADE_PLUS, COMTRADE_PLUS_NAMES, BACI, BACI_ISO3, COMEXT, WITS]

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
