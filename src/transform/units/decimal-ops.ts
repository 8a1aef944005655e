/**
 * The few decimal operations that `../decimal.ts` does not have and unit conversion needs.
 * Inputs and outputs are canonical decimal strings as produced by `parseDecimal`; everything is
 * done on bigint so that no binary float ever touches a quantity.
 */

/**
 * How many fraction digits a conversion keeps when it has to divide (cubic metres to barrels,
 * barrels to tonnes): a barrel is 158.987294928 litres exactly, so 1 m3 is 6.2898107704...
 * barrels, a decimal that never ends. Nine digits is far below any published precision.
 */
export const DIVISION_FRACTION_DIGITS = 9

/**
 * a / b rounded half away from zero to `fractionDigits` digits after the point.
 * Returns null for division by zero (callers treat that as "no conversion"), never Infinity.
 */
export function divideDecimal(a: string, b: string, fractionDigits: number = DIVISION_FRACTION_DIGITS): string | null {
  const [aInt, aScale] = toScaledInteger(a)
  const [bInt, bScale] = toScaledInteger(b)
  if (bInt === 0n) return null
  // a / b = (aInt / 10^aScale) / (bInt / 10^bScale); scale the numerator so the quotient has
  // fractionDigits + 1 digits after the point, then round on the last one.
  const extra = fractionDigits + 1
  const numerator = aInt * 10n ** BigInt(bScale + extra)
  const denominator = bInt * 10n ** BigInt(aScale)
  const negative = numerator < 0n !== denominator < 0n
  const q = abs(numerator) / abs(denominator)
  const rounded = (q + 5n) / 10n
  return fromScaledInteger(negative ? -rounded : rounded, fractionDigits)
}

/** Compares two canonical decimals: -1, 0 or 1, exactly. */
export function compareDecimal(a: string, b: string): -1 | 0 | 1 {
  const [aInt, aScale] = toScaledInteger(a)
  const [bInt, bScale] = toScaledInteger(b)
  const scale = Math.max(aScale, bScale)
  const left = aInt * 10n ** BigInt(scale - aScale)
  const right = bInt * 10n ** BigInt(scale - bScale)
  return left < right ? -1 : left > right ? 1 : 0
}

function abs(x: bigint): bigint {
  return x < 0n ? -x : x
}

function toScaledInteger(canonical: string): [bigint, number] {
  const negative = canonical.startsWith('-')
  const body = negative ? canonical.slice(1) : canonical
  const dot = body.indexOf('.')
  const digits = dot < 0 ? body : body.slice(0, dot) + body.slice(dot + 1)
  const value = BigInt(digits === '' ? '0' : digits)
  return [negative ? -value : value, dot < 0 ? 0 : body.length - dot - 1]
}

function fromScaledInteger(value: bigint, scale: number): string {
  const negative = value < 0n
  const digits = abs(value).toString().padStart(scale + 1, '0')
  const intPart = digits.slice(0, digits.length - scale)
  const fracPart = digits.slice(digits.length - scale).replace(/0+$/, '')
  const body = fracPart === '' ? intPart : `${intPart}.${fracPart}`
  return negative && body !== '0' ? `-${body}` : body
}
