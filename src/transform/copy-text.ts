import type { TradeRow } from './trade-row.ts'

/** Columns of core.trade_flow in the order toCopyLine writes them. */
export const TRADE_FLOW_COPY_COLUMNS = [
  'source_format', 'classification', 'period', 'year', 'reporter_code', 'partner_code', 'partner2_code',
  'customs_code', 'mot_code', 'flow', 'product_code', 'is_primary', 'reporter_iso3', 'partner_iso3',
  'value', 'currency', 'net_mass_t', 'quantity', 'quantity_unit', 'flag', 'file_id', 'line',
] as const

const NEEDS_ESCAPE = /[\\\t\n\r]/

/** A field in PostgreSQL's COPY text format; null is \N. */
export function copyField(value: string | null): string {
  if (value === null) return '\\N'
  if (!NEEDS_ESCAPE.test(value)) return value
  return value.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r')
}

/**
 * One row of core.trade_flow in COPY text format, newline included. Amounts were validated as
 * numbers by the layout and the format, currency and flags are ours, so only the code and text
 * fields can hold characters that need escaping. Hot path: one template, no array.
 */
export function toCopyLine(format: string, row: TradeRow, fileId: number, line: number): string {
  return `${format}\t${copyField(row.classification)}\t${copyField(row.period)}\t${row.year}\t${copyField(row.reporterCode)}\t${copyField(row.partnerCode)}\t${copyField(row.partner2Code)}\t${copyField(row.customsCode)}\t${copyField(row.motCode)}\t${copyField(row.flow)}\t${copyField(row.productCode)}\t${row.isPrimary ? 't' : 'f'}\t${row.reporterIso3 ?? '\\N'}\t${row.partnerIso3 ?? '\\N'}\t${row.value ?? '\\N'}\t${row.currency}\t${row.netMassT ?? '\\N'}\t${row.quantity ?? '\\N'}\t${copyField(row.quantityUnit)}\t${copyField(row.flag)}\t${fileId}\t${line}\n`
}
