import { FieldError, readAmount, readCode, readOptionalCode, readText, readYear } from '../fields.ts'
import { normalizeFlow } from '../flow.ts'
import { TOTAL_CUSTOMS, TOTAL_MOT, TOTAL_PARTNER2, type RowResult } from '../trade-row.ts'
import { PLAUSIBILITY } from '../plausibility.ts'
import { findColumn, hasColumns, padHsCode, type Layout, type RowMapper, type LayoutContext, withPlausibility } from './layout.ts'

const REQUIRED = ['year', 'reporter code', 'trade flow code', 'partner code', 'classification', 'commodity code', 'value']

/**
 * Comtrade's quantity unit codes to the WCO abbreviations Comtrade Plus writes in qtyUnitAbbr
 * (Comtrade's unit table, reference/gianni77__.../measurement_data.csv in the shared real data), so that a
 * unit reads the same whichever Comtrade layout a row came from. Code 1 is "no quantity".
 */
const QUANTITY_UNITS: ReadonlyMap<string, string> = new Map([
  ['2', 'm2'], ['3', '1000 kWh'], ['4', 'm'], ['5', 'u'], ['6', '2u'], ['7', 'l'], ['8', 'kg'],
  ['9', '1000u'], ['10', 'U (jeu/pack)'], ['11', '12u'], ['12', 'm3'],
])
const NO_QUANTITY = '1'

/**
 * The older Comtrade bulk download, codes only: Year, Reporter Code, Trade Flow Code (1 import,
 * 2 export, 3 re-export, 4 re-import), Partner Code, Classification, Commodity Code, Quantity
 * Unit Code, Supplementary Quantity, Netweight (kg), Value (US$), Estimation Code. No breakdown
 * dimensions, so every row is primary. Told apart from the legacy layout by its `Value` column
 * (the legacy one writes `Trade Value (US$)`).
 */
export const COMTRADE_BULK_CODES: Layout = {
  format: 'comtrade',
  name: 'comtrade-bulk-codes',
  matches: (header) => hasColumns(header, REQUIRED) && !header.includes('trade value (us$)'),
  bind(header, context: LayoutContext): RowMapper {
    const col = (...names: string[]) => findColumn(header, ...names)
    const year = col('year')
    const period = col('period')
    const reporter = col('reporter code')
    const flowCode = col('trade flow code')
    const partner = col('partner code')
    const classification = col('classification')
    const commodity = col('commodity code')
    const qtyUnit = col('quantity unit code', 'qty unit code')
    const qty = col('supplementary quantity', 'quantity', 'qty')
    const netWeight = col('netweight (kg)', 'net weight (kg)')
    const value = col('value')
    const flag = col('estimation code', 'flag')

    return withPlausibility((record): RowResult => {
      try {
        const cls = readCode(record[classification], 'Classification')
        const y = readYear(record[year], 'Year')
        const flow = normalizeFlow(record[flowCode])
        if (flow === null) return { reject: 'missing Trade Flow Code' }
        const unitCode = qtyUnit < 0 ? '' : (record[qtyUnit]?.trim() ?? '')
        const hasQuantity = qty >= 0 && unitCode !== NO_QUANTITY
        return {
          classification: cls,
          year: y,
          period: period < 0 ? String(y) : readOptionalCode(record[period], String(y)),
          reporterCode: readCode(record[reporter], 'Reporter Code'),
          reporterIso3: null,
          partnerCode: readCode(record[partner], 'Partner Code'),
          partnerIso3: null,
          partner2Code: TOTAL_PARTNER2,
          customsCode: TOTAL_CUSTOMS,
          motCode: TOTAL_MOT,
          flow,
          productCode: padHsCode(cls, readCode(record[commodity], 'Commodity Code')),
          isPrimary: true,
          value: readAmount(record[value], 'Value'),
          currency: 'USD',
          netMassT: netWeight < 0 ? null : readAmount(record[netWeight], 'Netweight (kg)', -3),
          quantity: hasQuantity ? readAmount(record[qty], 'Supplementary Quantity') : null,
          quantityUnit: hasQuantity && unitCode !== '' ? (QUANTITY_UNITS.get(unitCode) ?? unitCode) : null,
          flag: flag < 0 ? null : readText(record[flag]),
        }
      } catch (error) {
        if (error instanceof FieldError) return { reject: error.message }
        throw error
      }
    }, PLAUSIBILITY.comtrade, context)
  },
}
