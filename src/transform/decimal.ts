/**
 * Exact decimal arithmetic on strings. Money and mass go from file to `numeric` without ever
 * being a binary float: "853234.0" kg must become "853.234" t, not 853.2340000000001.
 */

const DECIMAL = /^([+-])?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/

/**
 * Canonical form of a decimal literal ("1,5" is not accepted: callers handle locale).
 * Returns null when the text is not a number. Strips leading zeros and trailing fraction zeros,
 * expands exponents: "853234.0" -> "853234", "1.5E+3" -> "1500", "-0.50" -> "-0.5".
 */
export function parseDecimal(text: string): string | null {
  const m = DECIMAL.exec(text)
  if (m === null) return null
  const intPart = m[2] ?? ''
  const fracPart = m[3] ?? ''
  if (intPart === '' && fracPart === '') return null
  const exp = m[4] === undefined ? 0 : Number(m[4])
  if (!Number.isSafeInteger(exp) || Math.abs(exp) > 400) return null
  return normalize(m[1] === '-', intPart + fracPart, intPart.length + exp)
}

/**
 * Moves the decimal point: shiftDecimal("2289", -3) === "2.289"; exact for any size. Takes a
 * plain decimal ("-12.50", "007" and the canonical form alike) and returns the canonical form.
 */
export function shiftDecimal(plain: string, places: number): string {
  const negative = plain.charCodeAt(0) === 45 // '-'
  const body = negative ? plain.slice(1) : plain
  const dot = body.indexOf('.')
  const digits = dot < 0 ? body : body.slice(0, dot) + body.slice(dot + 1)
  const pointAt = (dot < 0 ? body.length : dot) + places
  return normalize(negative, digits, pointAt)
}

/** Multiplies two canonical decimals exactly (used for unit factors such as 1e6 or 0.001). */
export function multiplyDecimal(a: string, b: string): string {
  const [aDigits, aScale, aNeg] = toScaled(a)
  const [bDigits, bScale, bNeg] = toScaled(b)
  const product = (aDigits * bDigits).toString()
  return normalize(aNeg !== bNeg, product, product.length - (aScale + bScale))
}

function toScaled(canonical: string): [bigint, number, boolean] {
  const negative = canonical.startsWith('-')
  const body = negative ? canonical.slice(1) : canonical
  const dot = body.indexOf('.')
  if (dot < 0) return [BigInt(body), 0, negative]
  return [BigInt(body.slice(0, dot) + body.slice(dot + 1)), body.length - dot - 1, negative]
}

/** digits with the decimal point after `pointAt` digits (may be <0 or >length). */
function normalize(negative: boolean, digits: string, pointAt: number): string {
  let intPart: string
  let fracPart: string
  if (pointAt <= 0) {
    intPart = '0'
    fracPart = '0'.repeat(-pointAt) + digits
  } else if (pointAt >= digits.length) {
    intPart = digits + '0'.repeat(pointAt - digits.length)
    fracPart = ''
  } else {
    intPart = digits.slice(0, pointAt)
    fracPart = digits.slice(pointAt)
  }
  // Leading zeros of the integer part and trailing zeros of the fraction carry no value.
  let i = 0
  while (i < intPart.length - 1 && intPart.charCodeAt(i) === 48) i++
  if (i > 0) intPart = intPart.slice(i)
  let j = fracPart.length
  while (j > 0 && fracPart.charCodeAt(j - 1) === 48) j--
  if (j < fracPart.length) fracPart = fracPart.slice(0, j)
  const body = fracPart === '' ? intPart : `${intPart}.${fracPart}`
  return negative && body !== '0' ? `-${body}` : body
}

const COMMA_DECIMAL = /^-?\d+,\d+$/
const GROUPED = /^-?\d{1,3}(?:[. \u00a0\u202f]\d{3})+(?:,\d+)?$/

/**
 * A number as a decimal-comma locale writes it (Excel's CSV export in most of Europe, with ';'
 * between fields): '1234,5', '1.234,5', '1 234,5' -> '1234.5'. A field of any other shape is
 * returned unchanged, so codes and names pass through; in such a file a '.' followed by exactly
 * three digits is a thousands separator ('1.500' is 1500), as the locale means it.
 */
export function decimalCommaToPoint(field: string): string {
  const t = field.trim()
  if (COMMA_DECIMAL.test(t)) return t.replace(',', '.')
  if (GROUPED.test(t)) return t.replace(/[. \u00a0\u202f]/g, '').replace(',', '.')
  return field
}
