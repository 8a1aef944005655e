import type { RowResult, SourceFormat, TradeRow } from './trade-row.ts'

/**
 * Plausibility rules per source and measure: a row the database would take but no real trade
 * file holds becomes a reject with its reason, not a silent number (and not a failed file).
 *
 * Bounds, each far above any real flow yet far below what would distort a total:
 * - value < 10^14 (100 trillion) USD or EUR per row. World merchandise exports were about 24.9
 *   trillion USD in 2022 (WTO, World Trade Statistical Review 2023); no single flow can exceed
 *   the world's total.
 * - net mass < 10^11 t (100 billion tonnes) per row. World seaborne trade is about 12 billion
 *   tonnes a year (UNCTAD, Review of Maritime Transport 2023).
 * - supplementary quantity < 10^15 units (electricity in kWh is the largest real count).
 * - at most 16,383 digits after the point: what PostgreSQL's numeric can hold (the bounds above
 *   already keep the integer part far inside its 131,072 digits).
 * No source here defines negative values or masses (BACI, Comtrade, Comext publish flows, never
 * balances), so a negative amount is a reject. Years start where each source's data does; the
 * last year is the caller's (LayoutContext.latestYear, the current year by default).
 */
export interface MeasureRule {
  /** An amount must be below 10^maxDigits (integer digits, leading zeros aside). */
  readonly maxDigits: number
  readonly negative: boolean
}

export interface SourceRules {
  readonly firstYear: number
  readonly value: MeasureRule
  readonly mass: MeasureRule
  readonly quantity: MeasureRule
}

const VALUE: MeasureRule = { maxDigits: 14, negative: false }
const MASS: MeasureRule = { maxDigits: 11, negative: false }
const QUANTITY: MeasureRule = { maxDigits: 15, negative: false }
/** numeric's limit on digits after the decimal point. */
const MAX_SCALE = 16383

/**
 * First years: Comtrade's data starts in 1962 (SITC revision 1), BACI's in 1995 (HS92), Comext's
 * in 1988 (CN introduced); WITS redistributes Comtrade's.
 */
export const PLAUSIBILITY: Readonly<Record<SourceFormat, SourceRules>> = {
  'comtrade': { firstYear: 1962, value: VALUE, mass: MASS, quantity: QUANTITY },
  'comtrade-plus': { firstYear: 1962, value: VALUE, mass: MASS, quantity: QUANTITY },
  'baci': { firstYear: 1995, value: VALUE, mass: MASS, quantity: QUANTITY },
  'comext': { firstYear: 1988, value: VALUE, mass: MASS, quantity: QUANTITY },
  // WITS serves Comtrade's data (and its first year).
  'wits': { firstYear: 1962, value: VALUE, mass: MASS, quantity: QUANTITY },
}

/** When no latest year is given: the bound readYear already has. */
const DEFAULT_LATEST_YEAR = 2100

/**
 * Why an amount (a plain or canonical decimal literal, already in the warehouse unit) is not
 * plausible, or null. Hot path: a few character tests, no parsing.
 */
export function amountProblem(amount: string, column: string, unit: string, rule: MeasureRule): string | null {
  let start = 0
  if (amount.charCodeAt(0) === 45) {
    start = 1
    if (!rule.negative && /[1-9]/.test(amount)) return `negative ${column}: ${amount.slice(0, 40)} ${unit} (the source has no negative amounts)`
  }
  while (start < amount.length - 1 && amount.charCodeAt(start) === 48 && amount.charCodeAt(start + 1) !== 46) start++
  const dot = amount.indexOf('.')
  const intDigits = (dot < 0 ? amount.length : dot) - start
  if (intDigits > rule.maxDigits) {
    return `implausible ${column}: ${intDigits} digits (${amount.slice(0, 20)}${amount.length > 20 ? '...' : ''} ${unit}), above any real trade flow (bound 10^${rule.maxDigits})`
  }
  if (dot >= 0 && amount.length - dot - 1 > MAX_SCALE) return `${column} has ${amount.length - dot - 1} decimals, more than the database holds (${MAX_SCALE})`
  return null
}

/** Why a year is outside the source's range, or null. */
export function yearProblem(year: number, rules: SourceRules, latestYear = DEFAULT_LATEST_YEAR): string | null {
  return year < rules.firstYear || year > latestYear ? `year ${year} outside the source's range (${rules.firstYear} to ${latestYear})` : null
}

/** The row, or a reject naming the first implausible field. */
export function plausibleRow(row: TradeRow, rules: SourceRules, latestYear?: number): RowResult {
  const problem =
    yearProblem(row.year, rules, latestYear) ??
    (row.value === null ? null : amountProblem(row.value, 'value', row.currency, rules.value)) ??
    (row.netMassT === null ? null : amountProblem(row.netMassT, 'net mass', 't', rules.mass)) ??
    (row.quantity === null ? null : amountProblem(row.quantity, 'quantity', row.quantityUnit ?? 'units', rules.quantity))
  return problem === null ? row : { reject: problem }
}
