import { parseDecimal, shiftDecimal } from './decimal.ts'

/**
 * Field readers shared by the layouts. Each returns a value or throws FieldError with the
 * column name; the layout turns that into a row reject. Blank means "not reported" (NULL).
 */
export class FieldError extends Error {}

/** A plain decimal: what nearly every amount in a trade file is. */
const PLAIN_DECIMAL = /^-?\d+(?:\.\d+)?$/

/**
 * An amount or null when blank/NA. `shift` moves the decimal point (kg -> t is -3). Hot path:
 * a plain decimal needing no shift is passed through as written ('853234.0' is an exact
 * numeric literal; PostgreSQL stores it as is), anything else goes through parseDecimal.
 */
export function readAmount(text: string | undefined, column: string, shift = 0): string | null {
  if (text === undefined || text.length === 0) return null
  let t = text
  if (t.charCodeAt(0) === 32 || t.charCodeAt(t.length - 1) === 32) t = t.trim()
  if (PLAIN_DECIMAL.test(t)) return shift === 0 ? t : shiftDecimal(t, shift)
  if (t === '' || t === 'NA' || t === 'N/A' || t === 'NaN' || t === 'null' || t === 'NULL') return null
  const value = parseDecimal(t)
  if (value === null) throw new FieldError(`bad number in ${column}: ${JSON.stringify(text.slice(0, 40))}`)
  return shift === 0 ? value : shiftDecimal(value, shift)
}

/** A year between 1900 and 2100. */
export function readYear(text: string | undefined, column: string): number {
  const t = text?.trim() ?? ''
  const year = /^\d{4}$/.test(t) ? Number(t) : Number.NaN
  if (!(year >= 1900 && year <= 2100)) throw new FieldError(`bad year in ${column}: ${JSON.stringify(t.slice(0, 20))}`)
  return year
}

/** A required code, trimmed ('0 ' is '0'). */
export function readCode(text: string | undefined, column: string): string {
  const t = text?.trim() ?? ''
  if (t === '') throw new FieldError(`missing ${column}`)
  return t
}

/** An optional code: blank becomes `fallback`. */
export function readOptionalCode(text: string | undefined, fallback: string): string {
  const t = text?.trim() ?? ''
  return t === '' ? fallback : t
}

/** Optional text: blank and the sources' "null" spellings become null. */
export function readText(text: string | undefined): string | null {
  const t = text?.trim() ?? ''
  return t === '' || t === 'N/A' || t === 'NULL' || t === 'null' ? null : t
}

/** ISO3 as given by a file, or null when blank or not three letters. */
export function readIso3(text: string | undefined): string | null {
  const t = text?.trim().toUpperCase() ?? ''
  // World is W00 whichever way the file spells it (legacy Comtrade WLD, Comtrade Plus W00),
  // as are Comtrade's other alphanumeric area codes (S19 Other Asia nes).
  if (t === 'WLD') return 'W00'
  return /^[A-Z][A-Z0-9]{2}$/.test(t) ? t : null
}

/**
 * A required numeric code that pandas or a spreadsheet may have written as a float: '156.0' is
 * '156' (Comtrade Plus files saved through pandas carry codes and years that way). Anything
 * else is returned trimmed, as readCode does.
 */
export function readWholeCode(text: string | undefined, column: string): string {
  const t = readCode(text, column)
  return t.length > 2 && t.charCodeAt(t.length - 2) === 46 && t.charCodeAt(t.length - 1) === 48 && isDigits(t, t.length - 2) ? t.slice(0, -2) : t
}

/** readWholeCode for an optional code: blank becomes `fallback`. */
export function readOptionalWholeCode(text: string | undefined, fallback: string): string {
  const t = text?.trim() ?? ''
  return t === '' ? fallback : readWholeCode(t, '')
}

/** True when the first `end` characters of `text` are ASCII digits. */
function isDigits(text: string, end: number): boolean {
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i)
    if (c < 48 || c > 57) return false
  }
  return end > 0
}
