import { FieldError, readAmount, readCode, readOptionalCode, readText, readYear } from '../fields.ts'
import { normalizeFlow } from '../flow.ts'
import { TOTAL_CUSTOMS, TOTAL_MOT, TOTAL_PARTNER2, type RowResult } from '../trade-row.ts'
import { PLAUSIBILITY } from '../plausibility.ts'
import { findColumn, hasColumns, padHsCode, type Layout, type RowMapper, type LayoutContext, withPlausibility } from './layout.ts'

const CLASSIFICATION = 'CN8'
/** Comext's month 52: the whole year. */
const ANNUAL_MONTH = '52'

/**
 * A Comext period: '2022' or '202252' (the year) is '2022', '202203' stays a month. Null when it
 * is neither.
 */
function readPeriod(text: string | undefined): string | null {
  const t = text?.trim() ?? ''
  for (let n = 0; n < t.length; n++) {
    const c = t.charCodeAt(n)
    if (c < 48 || c > 57) return null
  }
  if (t.length === 4) return t
  if (t.length !== 6) return null
  const month = t.slice(4)
  if (month === ANNUAL_MONTH) return t.slice(0, 4)
  return month >= '01' && month <= '12' ? t : null
}

/**
 * Eurostat Comext, by column name, in the three shapes met so far:
 * - the current bulk files (REPORTER, PARTNER, TRADE_TYPE, PRODUCT_NC, ..., FLOW,
 *   STAT_PROCEDURE, SUPPL_UNIT, PERIOD, VALUE_EUR, VALUE_NAC, QUANTITY_KG, QUANTITY_SUPPL_UNIT),
 * - the older "full" files (DECLARANT, DECLARANT_ISO, PARTNER, PARTNER_ISO, ..., STAT_REGIME,
 *   SUPP_UNIT, PERIOD, VALUE_IN_EUROS, QUANTITY_IN_KG, SUP_QUANTITY),
 * - extracts keeping a few of those columns (DECLARANT_ISO, PARTNER_ISO, PRODUCT_NC, FLOW,
 *   PERIOD, VALUE_IN_EUROS).
 *
 * Value stays in EUR (currency 'EUR'): converting it is the warehouse's business, not a
 * relabelling here. Mass in kg becomes tonnes (QUANTITY_IN_100KG, in old extracts, too).
 * Reporter and partner are the ISO2 letters where the file has them (Eurostat's own: GR is EL,
 * GB is UK), else the code as given (Eurostat's numeric codes in old files); ISO3 is left to
 * the warehouse's country table. FLOW 1 is import, 2 export. PERIOD 2022 or 202252 is the year
 * 2022, 202203 is March. Products are CN8 (chapter and heading aggregates, TOTAL and the
 * confidential 'XX' codes kept as written; a lost leading zero is put back).
 *
 * The statistical procedure (STAT_PROCEDURE, STAT_REGIME: 1 normal, 2 inward, 3 outward
 * processing, 9 not recorded from customs declarations) partitions a flow: the procedures add
 * up to the flow and no bulk file writes a total beside them. So each is a primary row keyed by
 * its code in customs_code; sums over primary rows are right. A code written TOTAL (should an
 * extract have one) is the total, keyed as Comtrade's C00, as are a blank code and files
 * without the column. An extract holding TOTAL beside its parts would double-count.
 */
export const COMEXT: Layout = {
  format: 'comext',
  name: 'comext',
  matches: (header) =>
    hasColumns(header, ['product_nc', 'flow', 'period']) &&
    findColumn(header, 'value_eur', 'value_in_euros') >= 0 &&
    findColumn(header, 'declarant_iso', 'reporter', 'declarant') >= 0 &&
    findColumn(header, 'partner_iso', 'partner') >= 0,
  bind(header, context: LayoutContext): RowMapper {
    const col = (...names: string[]) => findColumn(header, ...names)
    const reporter = col('declarant_iso', 'reporter_iso', 'reporter', 'declarant')
    const reporterAlt = reporter === col('declarant') ? -1 : col('declarant')
    const partner = col('partner_iso', 'partner')
    const partnerAlt = partner === col('partner') ? -1 : col('partner')
    const product = col('product_nc')
    const flowCol = col('flow')
    const stat = col('stat_procedure', 'stat_regime')
    const period = col('period')
    const value = col('value_eur', 'value_in_euros')
    const kg = col('quantity_kg', 'quantity_in_kg')
    const mass = kg >= 0 ? kg : col('quantity_in_100kg')
    const massShift = kg >= 0 ? -3 : -1
    const supplQty = col('quantity_suppl_unit', 'sup_quantity', 'suppl_quantity')
    const supplUnit = col('suppl_unit', 'supp_unit')
    const at = (record: readonly string[], main: number, alt: number, name: string): string => {
      const text = record[main]?.trim() ?? ''
      return text !== '' || alt < 0 ? readCode(text, name) : readCode(record[alt], name)
    }

    return withPlausibility((record): RowResult => {
      try {
        const per = readPeriod(record[period])
        if (per === null) return { reject: `bad PERIOD: ${JSON.stringify((record[period] ?? '').slice(0, 20))}` }
        const flow = normalizeFlow(record[flowCol])
        if (flow === null) return { reject: 'missing FLOW' }
        let customs = stat < 0 ? TOTAL_CUSTOMS : readOptionalCode(record[stat], TOTAL_CUSTOMS)
        if (customs === 'TOTAL') customs = TOTAL_CUSTOMS
        return {
          classification: CLASSIFICATION,
          year: readYear(per.slice(0, 4), 'PERIOD'),
          period: per,
          reporterCode: at(record, reporter, reporterAlt, 'REPORTER'),
          reporterIso3: null,
          partnerCode: at(record, partner, partnerAlt, 'PARTNER'),
          partnerIso3: null,
          partner2Code: TOTAL_PARTNER2,
          customsCode: customs,
          motCode: TOTAL_MOT,
          flow,
          productCode: padHsCode(CLASSIFICATION, readCode(record[product], 'PRODUCT_NC')),
          isPrimary: true,
          value: readAmount(record[value], 'VALUE_EUR'),
          currency: 'EUR',
          netMassT: mass < 0 ? null : readAmount(record[mass], 'QUANTITY_KG', massShift),
          quantity: supplQty < 0 ? null : readAmount(record[supplQty], 'QUANTITY_SUPPL_UNIT'),
          quantityUnit: supplUnit < 0 ? null : readText(record[supplUnit]),
          flag: null,
        }
      } catch (error) {
        if (error instanceof FieldError) return { reject: error.message }
        throw error
      }
    }, PLAUSIBILITY.comext, context)
  },
}
