import { FieldError, readAmount, readIso3, readOptionalWholeCode, readText, readWholeCode, readYear } from '../fields.ts'
import { normalizeFlow } from '../flow.ts'
import { TOTAL_CUSTOMS, TOTAL_MOT, TOTAL_PARTNER2, type RowResult } from '../trade-row.ts'
import { PLAUSIBILITY } from '../plausibility.ts'
import { findColumn, hasColumns, padHsCode, type Layout, type RowMapper, type LayoutContext, withPlausibility } from './layout.ts'

const REQUIRED = ['freqcode', 'period', 'reportercode', 'flowcode', 'partnercode', 'classificationcode', 'cmdcode', 'primaryvalue']

/** Comtrade Plus's "total" mode of supply; any other is a breakdown. */
const TOTAL_MOS = '0'
/** qtyUnitCode when a row has no quantity (its qty is then a meaningless 0 or blank). */
const NO_QUANTITY_UNIT = '-1'

/**
 * UN Comtrade Plus (the 2023 API and UI, v1): 47 camelCase columns, CSV or TSV, often every
 * field quoted with a trailing delimiter, Windows-1252 when saved from the UI. Description and
 * ISO columns may be blank (codes-only downloads); files saved through pandas write codes and
 * amounts as floats ('156.0', '853234.0') and booleans as True/False.
 *
 * Value is primaryValue (USD). Breakdowns: partner2Code (0 = none), customsCode (C00 = all
 * procedures), motCode (0 = all modes of transport) and mosCode (mode of supply, 0 = all).
 * The warehouse key has no column for the mode of supply, so a non-zero mosCode is folded into
 * the transport column as `${motCode}/${mosCode}` ('0/3'): the key stays unique, the slash keeps
 * it from ever equalling a plain transport code, and the row is a breakdown (not primary).
 */
export const COMTRADE_PLUS: Layout = {
  format: 'comtrade-plus',
  name: 'comtrade-plus',
  matches: (header) => hasColumns(header, REQUIRED),
  bind(header, context: LayoutContext): RowMapper {
    const col = (...names: string[]) => findColumn(header, ...names)
    const refYear = col('refyear')
    const period = col('period')
    const reporter = col('reportercode')
    const reporterIso = col('reporteriso')
    const flowCode = col('flowcode')
    const flowDesc = col('flowdesc')
    const partner = col('partnercode')
    const partnerIso = col('partneriso')
    const partner2 = col('partner2code')
    const classification = col('classificationcode')
    const commodity = col('cmdcode')
    const customs = col('customscode')
    const mos = col('moscode')
    const mot = col('motcode')
    const qtyUnitCode = col('qtyunitcode')
    const qtyUnitAbbr = col('qtyunitabbr')
    const qty = col('qty')
    const netWeight = col('netwgt')
    const value = col('primaryvalue')
    const flag = col('legacyestimationflag')

    return withPlausibility((record): RowResult => {
      try {
        const cls = readWholeCode(record[classification], 'classificationCode')
        const per = readWholeCode(record[period], 'period')
        // refYear when the file has it; otherwise the period's first four digits (2022 or 202203).
        const y = readYear(refYear < 0 ? per.slice(0, 4) : readWholeCode(record[refYear], 'refYear'), 'refYear')
        const flow = normalizeFlow(record[flowCode], flowDesc < 0 ? undefined : record[flowDesc])
        if (flow === null) return { reject: 'missing flowCode' }
        const p2 = partner2 < 0 ? TOTAL_PARTNER2 : readOptionalWholeCode(record[partner2], TOTAL_PARTNER2)
        const cu = customs < 0 ? TOTAL_CUSTOMS : readOptionalWholeCode(record[customs], TOTAL_CUSTOMS)
        const mo = mot < 0 ? TOTAL_MOT : readOptionalWholeCode(record[mot], TOTAL_MOT)
        const ms = mos < 0 ? TOTAL_MOS : readOptionalWholeCode(record[mos], TOTAL_MOS)
        const unitCode = qtyUnitCode < 0 ? '' : readOptionalWholeCode(record[qtyUnitCode], '')
        const hasQuantity = qty >= 0 && unitCode !== NO_QUANTITY_UNIT
        return {
          classification: cls,
          year: y,
          period: per,
          reporterCode: readWholeCode(record[reporter], 'reporterCode'),
          reporterIso3: reporterIso < 0 ? null : readIso3(record[reporterIso]),
          partnerCode: readWholeCode(record[partner], 'partnerCode'),
          partnerIso3: partnerIso < 0 ? null : readIso3(record[partnerIso]),
          partner2Code: p2,
          customsCode: cu,
          motCode: ms === TOTAL_MOS ? mo : `${mo}/${ms}`,
          flow,
          productCode: padHsCode(cls, readWholeCode(record[commodity], 'cmdCode')),
          isPrimary: p2 === TOTAL_PARTNER2 && cu === TOTAL_CUSTOMS && mo === TOTAL_MOT && ms === TOTAL_MOS,
          value: readAmount(record[value], 'primaryValue'),
          currency: 'USD',
          netMassT: netWeight < 0 ? null : readAmount(record[netWeight], 'netWgt', -3),
          quantity: hasQuantity ? readAmount(record[qty], 'qty') : null,
          quantityUnit: hasQuantity && qtyUnitAbbr >= 0 ? readText(record[qtyUnitAbbr]) : null,
          flag: flag < 0 ? null : readText(record[flag]),
        }
      } catch (error) {
        if (error instanceof FieldError) return { reject: error.message }
        throw error
      }
    }, PLAUSIBILITY['comtrade-plus'], context)
  },
}
