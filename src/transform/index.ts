export { parseDecimal, shiftDecimal, multiplyDecimal, decimalCommaToPoint } from './decimal.ts'
export { PLAUSIBILITY, type SourceRules } from './plausibility.ts'
export { TOTAL_CUSTOMS, TOTAL_MOT, TOTAL_PARTNER2 } from './trade-row.ts'
export { SOURCE_FORMATS, isReject, type SourceFormat, type TradeRow, type RowReject, type RowResult } from './trade-row.ts'
export { BACI, BACI_COLUMNS, baciClassification, baciRevision, detectLayout, normalizeHeader, LAYOUTS, type Layout, type LayoutContext, type RowMapper } from './layouts/index.ts'
export {
  detectSideTable, parseBaciCountryCodes, parseBaciProductCodes,
  type BaciCountryRow, type BaciProductRow, type SideTableKind, type SideTableReject, type SideTableResult,
} from './reference/index.ts'
export { buildBaciProductRows, buildComtradeProductRows, buildCountryRows, type CountryRow, type ProductRow } from './reference-rows.ts'
