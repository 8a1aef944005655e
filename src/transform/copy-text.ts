import type { Layout, LayoutContext } from './layouts/layout.ts'
import { isReject, type RowReject, type TradeRow } from './trade-row.ts'

/** Columns of core.trade_flow in the order toCopyLine writes them. */
export const TRADE_FLOW_COPY_COLUMNS = [
  'source_format', 'classification', 'period', 'year', 'reporter_code', 'partner_code', 'partner2_code',
  'customs_code', 'mot_code', 'flow', 'product_code', 'is_primary', 'reporter_iso3', 'partner_iso3',
  'value', 'currency', 'net_mass_t', 'quantity', 'quantity_unit', 'flag', 'file_id', 'line',
] as const

/** Records of one file straight to COPY text: what the load's hot loop runs per record. */
export interface CopyWriter {
  /** The core.trade_flow columns each line holds, in order (the COPY column list). */
  readonly columns: readonly string[]
  /** One record as a COPY line, newline included, or why it cannot be a row. */
  write(record: readonly string[], line: number): string | RowReject
}

/**
 * The layout's own COPY writer when it has one (bindCopy), else its mapper followed by
 * toCopyLine: the same rows either way.
 */
export function bindCopyWriter(layout: Layout, header: readonly string[], context: LayoutContext, fileId: number): CopyWriter {
  if (layout.bindCopy !== undefined) return layout.bindCopy(header, context, fileId)
  const map = layout.bind(header, context)
  const format = layout.format
  return {
    columns: TRADE_FLOW_COPY_COLUMNS,
    write(record, line) {
      const row = map(record)
      return isReject(row) ? row : toCopyLine(format, row, fileId, line)
    },
  }
}

/**
 * A field in PostgreSQL's COPY text format; null is \N. A loop rather than a regex test: the
 * fields are short codes, and the regex was 5 % of the Node side's profile (1M BACI rows).
 */
export function copyField(value: string | null): string {
  if (value === null) return '\\N'
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i)
    // '\\' 92, '\t' 9, '\n' 10, '\r' 13
    if (c === 92 || c === 9 || c === 10 || c === 13) {
      return value.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r')
    }
  }
  return value
}

const DIGITS = Array.from({ length: 10_000 }, (_, n) => String(n))
const DIGITS_PADDED = DIGITS.map((d) => d.padStart(4, '0'))

/**
 * The decimal digits of a line number. Not `${line}`: V8 keeps each number it turns into a
 * string in its number-string cache, a table in the old generation, so every line's string
 * survived young GCs until its slot was reused, and went to the old generation (5M BACI rows
 * on the server: 55 -> 18 MB promoted, peak RSS 178 -> 157 MB; `node --trace-gc-nvp`). Two
 * table lookups make a fresh string that dies young.
 */
export function lineNumberText(n: number): string {
  if (Number.isInteger(n) && n >= 0) {
    if (n < 10_000) return DIGITS[n] as string
    if (n < 100_000_000) return (DIGITS[Math.floor(n / 10_000)] as string) + (DIGITS_PADDED[n % 10_000] as string)
  }
  return String(n)
}

/**
 * One row of core.trade_flow in COPY text format, newline included. Amounts were validated as
 * numbers by the layout and the format, currency and flags are ours, so only the code and text
 * fields can hold characters that need escaping. Hot path: one template, no array.
 */
export function toCopyLine(format: string, row: TradeRow, fileId: number, line: number): string {
  return `${format}\t${copyField(row.classification)}\t${copyField(row.period)}\t${row.year}\t${copyField(row.reporterCode)}\t${copyField(row.partnerCode)}\t${copyField(row.partner2Code)}\t${copyField(row.customsCode)}\t${copyField(row.motCode)}\t${copyField(row.flow)}\t${copyField(row.productCode)}\t${row.isPrimary ? 't' : 'f'}\t${row.reporterIso3 ?? '\\N'}\t${row.partnerIso3 ?? '\\N'}\t${row.value ?? '\\N'}\t${row.currency}\t${row.netMassT ?? '\\N'}\t${row.quantity ?? '\\N'}\t${copyField(row.quantityUnit)}\t${copyField(row.flag)}\t${fileId}\t${lineNumberText(line)}\n`
}
