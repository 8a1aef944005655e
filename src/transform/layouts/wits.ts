import { shiftDecimal } from '../decimal.ts'
import { FieldError, readAmount, readCode, readText, readYear } from '../fields.ts'
import { normalizeFlow } from '../flow.ts'
import { TOTAL_CUSTOMS, TOTAL_MOT, TOTAL_PARTNER2, type RowResult } from '../trade-row.ts'
import { PLAUSIBILITY } from '../plausibility.ts'
import { findColumn, hasColumns, padHsCode, type Layout, type LayoutContext, type RowMapper, withPlausibility } from './layout.ts'

const REQUIRED = ['reporter', 'partner', 'year', 'productcode', 'trade value 1000usd']

/** WITS's names for the world and for all products. */
const WORLD = 'world'
const ALL_PRODUCTS = /^(total|all products|all commodities)$/i

/**
 * The World Bank WITS trade-data export ("Reporter, TradeFlow, ProductCode, Product
 * Description, Year, Partner, Trade Value 1000USD, Quantity, Quantity Unit"; the same columns
 * whether downloaded as CSV or copied out of its Excel sheet). WITS writes country names, not
 * codes: as in comtrade-plus-names they are the codes as written, ISO3 null, 'World' Comtrade's
 * code 0 (WITS redistributes Comtrade data). Value is thousand USD (shifted exactly); a
 * quantity in Kg is also the net mass. The classification is the Nomenclature column when the
 * export has one (H0-H6), else 'HS' as reported.
 */
export const WITS: Layout = {
  format: 'wits',
  name: 'wits',
  matches: (header) => hasColumns(header, REQUIRED),
  bind(header, context: LayoutContext): RowMapper {
    const col = (...names: string[]) => findColumn(header, ...names)
    const reporter = col('reporter')
    const partner = col('partner')
    const year = col('year')
    const flow = col('tradeflow', 'trade flow')
    const product = col('productcode')
    const nomenclature = col('nomenclature')
    const value = col('trade value 1000usd')
    const qty = col('quantity')
    const qtyUnit = col('quantity unit')

    return withPlausibility((record): RowResult => {
      try {
        const y = readYear(record[year], 'Year')
        const f = flow < 0 ? null : normalizeFlow(record[flow])
        if (f === null) return { reject: 'missing TradeFlow' }
        const classification = nomenclature < 0 ? 'HS' : readCode(record[nomenclature], 'Nomenclature')
        const code = readCode(record[product], 'ProductCode')
        const partnerName = readCode(record[partner], 'Partner')
        const unit = qtyUnit < 0 ? null : readText(record[qtyUnit])
        const quantity = qty < 0 ? null : readAmount(record[qty], 'Quantity')
        return {
          classification, year: y, period: String(y),
          reporterCode: readCode(record[reporter], 'Reporter'), reporterIso3: null,
          partnerCode: partnerName.toLowerCase() === WORLD ? '0' : partnerName, partnerIso3: null,
          partner2Code: TOTAL_PARTNER2, customsCode: TOTAL_CUSTOMS, motCode: TOTAL_MOT, flow: f,
          productCode: ALL_PRODUCTS.test(code) ? 'TOTAL' : padHsCode(classification, code), isPrimary: true,
          value: readAmount(record[value], 'Trade Value 1000USD', 3), currency: 'USD',
          netMassT: quantity !== null && unit?.toLowerCase() === 'kg' ? shiftDecimal(quantity, -3) : null,
          quantity, quantityUnit: unit, flag: null,
        }
      } catch (error) {
        if (error instanceof FieldError) return { reject: error.message }
        throw error
      }
    }, PLAUSIBILITY.wits, context)
  },
}
