import { createReadStream } from 'node:fs'
import { basename } from 'node:path'
import type { Readable } from 'node:stream'
import { createGunzip } from 'node:zlib'
import { readRecords } from '../../src/extract/index.ts'
import { detectLayout, isReject, normalizeHeader, type Layout, type SourceFormat, type TradeRow } from '../../src/transform/index.ts'

/** A record that did not become a row, and why (width check, csv error or the mapper). */
export interface ParsedReject {
  readonly line: number
  readonly reason: string
}

export interface ParsedFile {
  readonly layout: Layout
  readonly encoding: string
  readonly rows: TradeRow[]
  readonly rejects: ParsedReject[]
}

/**
 * What the ingest job would make of a file, without a database: readRecords -> detectLayout ->
 * width check -> bind -> mapper, as src/jobs/ingest-files.ts does. A .gz is gunzipped; the
 * layout sees the file name without .gz (BACI reads its HS revision there).
 */
export async function parseFile(path: string, format: SourceFormat | 'auto' = 'auto'): Promise<ParsedFile> {
  const file = createReadStream(path)
  const gz = path.toLowerCase().endsWith('.gz')
  const bytes: Readable = gz ? file.pipe(createGunzip()) : file
  return parseStream(bytes, basename(path).replace(/\.gz$/i, ''), path, format)
}

/** parseFile for any byte stream (an archive member, a string in a test). */
export async function parseStream(bytes: Readable, fileName: string, displayPath = fileName, format: SourceFormat | 'auto' = 'auto'): Promise<ParsedFile> {
  const stream = await readRecords(bytes, displayPath)
  const layout = detectLayout(stream.header, format)
  if (layout === null) throw new Error(`${displayPath}: no layout matches ${JSON.stringify(stream.firstLine.slice(0, 120))}`)
  const header = normalizeHeader(stream.header)
  const map = layout.bind(header, { fileName })
  const rawWidth = stream.header.length
  const width = header.length
  const rows: TradeRow[] = []
  const rejects: ParsedReject[] = []
  for await (const record of stream.records) {
    if ('error' in record) {
      rejects.push({ line: record.line, reason: record.undecodable === true ? record.error : `malformed CSV: ${record.error}` })
      continue
    }
    const fields = record.fields
    if (fields.length !== rawWidth && !(fields.length === width || (fields.length === width + 1 && fields[width] === ''))) {
      rejects.push({ line: record.line, reason: `width ${fields.length}, header ${width}` })
      continue
    }
    const row = map(fields)
    if (isReject(row)) rejects.push({ line: record.line, reason: row.reject })
    else rows.push(row)
  }
  return { layout, encoding: stream.encoding, rows, rejects }
}

/** The natural key of core.trade_flow for a row (source_format is the layout's, constant per file). */
export function naturalKey(row: TradeRow): string {
  return [row.classification, row.period, row.reporterCode, row.partnerCode, row.partner2Code, row.customsCode, row.motCode, row.flow, row.productCode].join('\u0001')
}

/** Keys that occur more than once among the rows. */
export function duplicateKeys(rows: readonly TradeRow[]): string[] {
  const seen = new Set<string>()
  const duplicates: string[] = []
  for (const row of rows) {
    const key = naturalKey(row)
    if (seen.has(key)) duplicates.push(key)
    else seen.add(key)
  }
  return duplicates
}

/**
 * A decimal literal in one spelling: no leading zeros, no trailing fraction zeros ('2289000.000'
 * is '2289000'). The layouts may pass a plain literal through as written (numeric stores it
 * exactly either way), so tests compare amounts in this form. Written here, not taken from
 * src/transform/decimal.ts, so the test does not check the code with itself.
 */
export function canon(text: string | null): string | null {
  if (text === null) return null
  const negative = text.startsWith('-')
  let [int = '', frac = ''] = (negative ? text.slice(1) : text).split('.')
  int = int.replace(/^0+/, '') || '0'
  frac = frac.replace(/0+$/, '')
  const body = frac === '' ? int : `${int}.${frac}`
  return negative && body !== '0' ? `-${body}` : body
}

/** The row with its amounts in canon() form, for toMatchObject. */
export function canonAmounts(row: TradeRow | undefined): TradeRow | undefined {
  if (row === undefined) return undefined
  return { ...row, value: canon(row.value), netMassT: canon(row.netMassT), quantity: canon(row.quantity) }
}
