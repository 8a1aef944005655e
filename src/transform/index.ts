export { parseDecimal, shiftDecimal, multiplyDecimal, decimalCommaToPoint } from './decimal.ts'
export { SOURCE_FORMATS, isReject, type SourceFormat, type TradeRow, type RowReject, type RowResult } from './trade-row.ts'
export { baciRevision, detectLayout, normalizeHeader, LAYOUTS, type Layout, type LayoutContext, type RowMapper } from './layouts/index.ts'
export {
  detectSideTable, parseBaciCountryCodes, parseBaciProductCodes,
  type BaciCountryRow, type BaciProductRow, type SideTableKind, type SideTableReject, type SideTableResult,
} from './reference/index.ts'
export { buildBaciProductRows, buildComtradeProductRows, buildCountryRows, type CountryRow, type ProductRow } from './reference-rows.ts'
