import { multiplyDecimal } from '../decimal.ts'
import { divideDecimal } from './decimal-ops.ts'
import type { ScaleEntry, UnitEntry } from './unit-registry.ts'

/**
 * A quantity as written ("2.289", scale million, unit ton) in the unit's canonical unit
 * ("2289000" t). Exact except where the registry entry has a `divisor` (volumes given in litres
 * or cubic metres), which rounds to DIVISION_FRACTION_DIGITS.
 */
export function convertToCanonical(value: string, unit: UnitEntry, scale?: ScaleEntry): string {
  let result = scale === undefined ? value : multiplyDecimal(value, scale.factor)
  result = multiplyDecimal(result, unit.factor)
  if (unit.divisor !== undefined) result = divideDecimal(result, unit.divisor) ?? result
  return result
}
