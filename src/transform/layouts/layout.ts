import { plausibleRow, type SourceRules } from '../plausibility.ts'
import { isReject, type RowResult, type SourceFormat } from '../trade-row.ts'

/** What a layout knows about the file it reads, besides its header. */
export interface LayoutContext {
  /** Base name of the file or archive member (BACI puts the HS revision in it). */
  readonly fileName: string
  /** The last year a row may have (the current year); 2100 when not given. */
  readonly latestYear?: number
  /**
   * The HS revision the file's archive names, when the file's own name does not (BACI): in the
   * archive's name (BACI_HS17_V202301.zip) or a product_codes_HSxx member beside it.
   */
  readonly revision?: string
}

/** Reads one record (the fields of one CSV row) into a trade row or a reject. Hot path. */
export type RowMapper = (record: readonly string[]) => RowResult

/**
 * A file layout. `matches` decides from the normalized header alone (see normalizeHeader);
 * `bind` resolves column positions once per file, so the per-row mapper only indexes arrays.
 */
export interface Layout {
  readonly format: SourceFormat
  /** A precise name for logs and etl.source_file.layout, e.g. 'comtrade-legacy-35'. */
  readonly name: string
  matches(header: readonly string[]): boolean
  bind(header: readonly string[], context: LayoutContext): RowMapper
}

/** Header cells compared case- and space-insensitively, BOM and quotes gone, trailing blanks dropped. */
export function normalizeHeader(cells: readonly string[]): string[] {
  // Trim before and after unquoting: csv-parse keeps ` "i" ` whole when a header has spaces
  // around quoted names (some BACI releases), and the quotes must still come off.
  const names = cells.map((c) => c.replace(/^\uFEFF/, '').trim().replace(/^"|"$/g, '').trim().toLowerCase().replace(/\s+/g, ' '))
  while (names.length > 0 && names[names.length - 1] === '') names.pop()
  return names
}

/** Position of the first of `names` present in the header, or -1. */
export function findColumn(header: readonly string[], ...names: string[]): number {
  for (const name of names) {
    const i = header.indexOf(name)
    if (i >= 0) return i
  }
  return -1
}

/** True when every name is in the header. */
export function hasColumns(header: readonly string[], names: readonly string[]): boolean {
  return names.every((n) => header.includes(n))
}

/**
 * HS codes are digit strings of even length; spreadsheets and some exports drop the leading
 * zero ('10121' is '010121', '1' is chapter '01'). Other classifications are left alone.
 */
export function padHsCode(classification: string, code: string): string {
  return code.length % 2 === 1 && /^H|^BACI|^CN/i.test(classification) && /^\d+$/.test(code) ? `0${code}` : code
}

/** The mapper with the source's plausibility rules applied to every row it makes (see plausibility.ts). */
export function withPlausibility(map: RowMapper, rules: SourceRules, context?: LayoutContext): RowMapper {
  const latestYear = context?.latestYear
  return (record) => {
    const row = map(record)
    return isReject(row) ? row : plausibleRow(row, rules, latestYear)
  }
}
