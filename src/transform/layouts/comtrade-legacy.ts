import { FieldError, readAmount, readCode, readIso3, readOptionalCode, readText, readYear } from '../fields.ts'
import { normalizeFlow } from '../flow.ts'
import { TOTAL_CUSTOMS, TOTAL_MOT, TOTAL_PARTNER2, type RowResult } from '../trade-row.ts'
import { PLAUSIBILITY } from '../plausibility.ts'
import { COMTRADE_AREA_CODES } from '../reference-rows.ts'
import { findColumn, hasColumns, padHsCode, type Layout, type RowMapper, type LayoutContext, withPlausibility } from './layout.ts'

const REQUIRED = ['classification', 'year', 'reporter code', 'partner code', 'commodity code', 'trade value (us$)']

/**
 * Comtrade's aggregate areas (World, EU, Other Asia nes, ...) with the ISO3 the warehouse gives
 * them: legacy files write their own letters for these (EU2 or EUR for the EU, WLD for World),
 * and for aggregates the reference table wins, so a filter on one ISO3 finds every file's rows.
 */
const AREA_ISO3 = new Map(COMTRADE_AREA_CODES.filter((c) => c.source === 'comtrade').map((c) => [c.code, c.iso3]))

/** Qty Unit Code 1, "No Quantity": the row's Qty (and a zero net weight beside it) are no measurement. */
const NO_QUANTITY = '1'
const ZERO = /^0*\.?0*$/

/** The ISO3 of a code: the reference table's for Comtrade's aggregates, else as the file writes it. */
function iso3Of(code: string, written: string | undefined): string | null {
  return AREA_ISO3.has(code) ? AREA_ISO3.get(code) ?? null : readIso3(written)
}

/**
 * UN Comtrade's legacy (pre-2023) CSV as the old UI and bulk API wrote it: the full 35-column
 * header, the 22-column one, and the reduced 12-column one without ISO or quantity columns.
 * Columns are found by name, so all three share one mapper.
 */
export const COMTRADE_LEGACY: Layout = {
  format: 'comtrade',
  name: 'comtrade-legacy',
  matches: (header) => hasColumns(header, REQUIRED) && findColumn(header, 'trade flow code', 'trade flow') >= 0,
  bind(header, context: LayoutContext): RowMapper {
    const col = (...names: string[]) => findColumn(header, ...names)
    const classification = col('classification')
    const year = col('year')
    const period = col('period')
    const flowCode = col('trade flow code')
    const flowLabel = col('trade flow')
    const reporter = col('reporter code')
    const reporterIso = col('reporter iso')
    const partner = col('partner code')
    const partnerIso = col('partner iso')
    const partner2 = col('2nd partner code')
    const customs = col('customs proc. code')
    const mot = col('mode of transport code')
    const commodity = col('commodity code')
    const qtyUnit = col('qty unit')
    const qtyUnitCode = col('qty unit code')
    const qty = col('qty')
    const netWeight = col('netweight (kg)')
    const value = col('trade value (us$)')
    const flag = col('flag')
    const at = (record: readonly string[], i: number) => (i < 0 ? undefined : record[i])

    return withPlausibility((record): RowResult => {
      try {
        const cls = readCode(record[classification], 'Classification')
        const y = readYear(record[year], 'Year')
        const flow = normalizeFlow(at(record, flowCode), at(record, flowLabel))
        if (flow === null) return { reject: 'missing Trade Flow' }
        const p2 = readOptionalCode(at(record, partner2), TOTAL_PARTNER2)
        const cu = readOptionalCode(at(record, customs), TOTAL_CUSTOMS)
        const mo = readOptionalCode(at(record, mot), TOTAL_MOT)
        const reporterCode = readCode(record[reporter], 'Reporter Code')
        const partnerCode = readCode(record[partner], 'Partner Code')
        const noQuantity = at(record, qtyUnitCode)?.trim() === NO_QUANTITY || /^\s*no quantity\s*$/i.test(at(record, qtyUnit) ?? '')
        const mass = readAmount(at(record, netWeight), 'Netweight (kg)', -3)
        return {
          classification: cls,
          year: y,
          period: readOptionalCode(at(record, period), String(y)),
          reporterCode,
          reporterIso3: iso3Of(reporterCode, at(record, reporterIso)),
          partnerCode,
          partnerIso3: iso3Of(partnerCode, at(record, partnerIso)),
          partner2Code: p2,
          customsCode: cu,
          motCode: mo,
          flow,
          productCode: padHsCode(cls, readCode(record[commodity], 'Commodity Code')),
          isPrimary: p2 === TOTAL_PARTNER2 && cu === TOTAL_CUSTOMS && mo === TOTAL_MOT,
          value: readAmount(record[value], 'Trade Value (US$)'),
          currency: 'USD',
          // A missing mass is NULL, never 0: with "No Quantity" Comtrade writes 0 for not reported.
          netMassT: noQuantity && mass !== null && ZERO.test(mass) ? null : mass,
          quantity: noQuantity ? null : readAmount(at(record, qty), 'Qty'),
          quantityUnit: noQuantity ? null : readText(at(record, qtyUnit)),
          flag: readText(at(record, flag)),
        }
      } catch (error) {
        if (error instanceof FieldError) return { reject: error.message }
        throw error
      }
    }, PLAUSIBILITY.comtrade, context)
  },
}
