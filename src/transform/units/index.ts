export {
  UNITS,
  SCALES,
  DENSITIES,
  COUNT_UNIT,
  LITRES_PER_BARREL,
  type Dimension,
  type UnitEntry,
  type ScaleEntry,
  type DensityEntry,
} from './unit-registry.ts'
export { findUnit, findScale, findCurrencyPrefix, unitById, normalizeSpelling } from './find-unit.ts'
export { convertToCanonical } from './convert-to-canonical.ts'
export { barrelsToTonnes, tonnesToBarrels, findDensity, type DensityResult } from './convert-with-density.ts'
export { divideDecimal, compareDecimal, DIVISION_FRACTION_DIGITS } from './decimal-ops.ts'
