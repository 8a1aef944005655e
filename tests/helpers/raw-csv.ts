import { readFileSync } from 'node:fs'

/**
 * A test's own reading of a delimited file, by a route that shares nothing with src/extract
 * (no csv-parse, no encoding sniffing: the caller says the encoding): RFC 4180 quoting,
 * CRLF or LF, blank lines dropped. Small files only.
 */
export function readRawTable(path: string, encoding: 'utf-8' | 'windows-1252' = 'utf-8', delimiter = ','): { header: string[]; rows: string[][] } {
  const text = new TextDecoder(encoding).decode(readFileSync(path)).replace(/^\uFEFF/, '')
  const records: string[][] = []
  let record: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"'
        i++
      } else if (ch === '"') {
        quoted = false
      } else {
        field += ch
      }
    } else if (ch === '"') {
      quoted = true
    } else if (ch === delimiter) {
      record.push(field)
      field = ''
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++
      record.push(field)
      if (!(record.length === 1 && record[0] === '')) records.push(record)
      record = []
      field = ''
    } else {
      field += ch
    }
  }
  if (field !== '' || record.length > 0) {
    record.push(field)
    records.push(record)
  }
  const [header = [], ...rows] = records
  return { header, rows }
}

/** The column of a raw table by its exact header name. */
export function rawColumn(table: { header: string[]; rows: string[][] }, name: string): string[] {
  const i = table.header.indexOf(name)
  if (i < 0) throw new Error(`no column ${name} in ${table.header.join(',')}`)
  return table.rows.map((r) => r[i] ?? '')
}

const SCALE = 12

/** A decimal literal ('1234.567', '  NA', '') as an integer count of 10^-SCALE units; blank/NA is 0. */
export function toUnits(text: string | null, shift = 0): bigint {
  const t = (text ?? '').trim()
  if (t === '' || t === 'NA' || t === 'N/A') return 0n
  const negative = t.startsWith('-')
  const [int = '', frac = ''] = (negative ? t.slice(1) : t).split('.')
  const digits = BigInt(int + frac.padEnd(SCALE + shift, '0').slice(0, SCALE + shift) || '0')
  if (frac.length > SCALE + shift) throw new Error(`too many decimals for the test's scale: ${t}`)
  return negative ? -digits : digits
}

/** Exact sum of decimal literals, in 10^-SCALE units; `shift` multiplies by 10^shift first. */
export function sumUnits(values: readonly (string | null)[], shift = 0): bigint {
  let total = 0n
  for (const v of values) total += toUnits(v, shift)
  return total
}
