import { multiplyDecimal } from '../decimal.ts'
import { divideDecimal } from './decimal-ops.ts'
import { DENSITIES, type DensityEntry } from './unit-registry.ts'

/** A conversion either gives a value with the density it used, or says why it could not. */
export type DensityResult =
  | { readonly ok: true; readonly value: string; readonly density: DensityEntry }
  | { readonly ok: false; readonly code: 'DENSITY_UNKNOWN'; readonly commodity: string }

/** The density entry for a commodity name or HS code ('crude oil' or '2709'). */
export function findDensity(commodityOrHsCode: string): DensityEntry | undefined {
  const key = commodityOrHsCode.trim().toLowerCase()
  return DENSITIES.find((d) => d.commodity === key) ?? DENSITIES.find((d) => d.hsCode === key)
}

/**
 * Barrels of a commodity in tonnes. Only through an explicit density entry: without one the
 * answer is DENSITY_UNKNOWN, never a guessed constant.
 */
export function barrelsToTonnes(barrels: string, commodityOrHsCode: string): DensityResult {
  const density = findDensity(commodityOrHsCode)
  if (density === undefined) return { ok: false, code: 'DENSITY_UNKNOWN', commodity: commodityOrHsCode }
  const value = divideDecimal(barrels, density.barrelsPerTonne)
  if (value === null) return { ok: false, code: 'DENSITY_UNKNOWN', commodity: commodityOrHsCode }
  return { ok: true, value, density }
}

/** Tonnes of a commodity in barrels (exact: a multiplication). */
export function tonnesToBarrels(tonnes: string, commodityOrHsCode: string): DensityResult {
  const density = findDensity(commodityOrHsCode)
  if (density === undefined) return { ok: false, code: 'DENSITY_UNKNOWN', commodity: commodityOrHsCode }
  return { ok: true, value: multiplyDecimal(tonnes, density.barrelsPerTonne), density }
}
