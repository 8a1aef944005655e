export {
  UNITS,
  SCALES,
  DENSITIES,
  COUNT_UNIT,
  type Dimension,
  type UnitEntry,
  type ScaleEntry,
  type DensityEntry,
} from './unit-registry.ts'
export { findUnit, findScale, findCurrencyPrefix, unitById } from './find-unit.ts'
export { convertToCanonical } from './convert-to-canonical.ts'
export { barrelsToTonnes, tonnesToBarrels, type DensityResult } from './convert-with-density.ts'
export { divideDecimal, compareDecimal } from './decimal-ops.ts'
