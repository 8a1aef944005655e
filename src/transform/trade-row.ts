/** The `--format` names of the layouts a trade file can come in. */
export const SOURCE_FORMATS = ['comtrade', 'comtrade-plus', 'baci', 'comext', 'wits'] as const
export type SourceFormat = (typeof SOURCE_FORMATS)[number]

/**
 * One observation as a layout reads it, ready for `core.trade_flow`. Amounts are canonical
 * decimal literals (plain as written, or canonical after a unit shift; see fields.ts) already in the warehouse unit: value in `currency`, mass in
 * tonnes. Breakdown dimensions use the "total" code when the source has none, so that every
 * row has a full natural key.
 */
export interface TradeRow {
  readonly classification: string
  readonly year: number
  /** '2022' for a year, '202203' for a month, as Comtrade writes periods. */
  readonly period: string
  readonly reporterCode: string
  readonly reporterIso3: string | null
  readonly partnerCode: string
  readonly partnerIso3: string | null
  readonly partner2Code: string
  readonly customsCode: string
  readonly motCode: string
  readonly flow: string
  readonly productCode: string
  /** False for breakdown rows (by 2nd partner, customs procedure, transport mode). */
  readonly isPrimary: boolean
  readonly value: string | null
  readonly currency: 'USD' | 'EUR'
  readonly netMassT: string | null
  readonly quantity: string | null
  readonly quantityUnit: string | null
  readonly flag: string | null
}

/** A record that cannot become a TradeRow, and why (kept in etl.rejected_row). */
export interface RowReject {
  readonly reject: string
}

export type RowResult = TradeRow | RowReject

export function isReject(result: RowResult): result is RowReject {
  return (result as RowReject).reject !== undefined
}

/** Codes meaning "no breakdown" in Comtrade's breakdown dimensions. */
export const TOTAL_PARTNER2 = '0'
export const TOTAL_CUSTOMS = 'C00'
export const TOTAL_MOT = '0'
