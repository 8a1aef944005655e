export {
  detectSideTable,
  parseBaciCountryCodes,
  parseBaciProductCodes,
  type BaciCountryRow,
  type BaciProductRow,
  type SideTableKind,
  type SideTableReject,
  type SideTableResult,
} from './baci-side-tables.ts'
