import { FieldError, readAmount, readCode, readYear } from '../fields.ts'
import { TOTAL_CUSTOMS, TOTAL_MOT, TOTAL_PARTNER2, type RowResult } from '../trade-row.ts'
import { PLAUSIBILITY } from '../plausibility.ts'
import { hasColumns, type Layout, type LayoutContext, type RowMapper, withPlausibility } from './layout.ts'

const COLUMNS = ['t', 'i', 'j', 'k', 'v', 'q']
const HS_REVISION = /(?:^|[^a-z0-9])(hs\d{2})(?![0-9])/i

/**
 * The HS revision CEPII names in a file name (BACI_HS17_Y2022_V202301.csv, product_codes_HS17_
 * V202301.csv) as BACI writes it, 'HS17'; 'HS' when the name does not say (a renamed file).
 */
export function baciClassification(fileName: string): string {
  return HS_REVISION.exec(fileName)?.[1]?.toUpperCase() ?? 'HS'
}

/**
 * CEPII BACI: `t,i,j,k,v,q` = year, exporter, importer, HS6 product, value in thousand USD,
 * quantity in metric tonnes. BACI reconciles both sides' declarations into one flow, so a row
 * is exporter i's export to j: reporter i, partner j, flow X, never a breakdown. v is moved
 * exactly to USD (shift +3); q is already tonnes (`NA` or blank: unknown). k loses its leading
 * zero when a file has been through a spreadsheet (10121 is 010121). The classification is the
 * revision in the file name. This is the benchmark layout: the mapper only indexes, trims and
 * shifts, and remembers the year because a BACI file holds one.
 */
/** Positions of t, i, j, k, v, q in the header, resolved once per file. */
function columnsOf(header: readonly string[]): [number, number, number, number, number, number] {
  return COLUMNS.map((c) => header.indexOf(c)) as [number, number, number, number, number, number]
}

export const BACI: Layout = {
  format: 'baci',
  name: 'baci',
  matches: (header) => hasColumns(header, COLUMNS),
  bind(header, context: LayoutContext): RowMapper {
    const [t, i, j, k, v, q] = columnsOf(header)
    const classification = baciClassification(context.fileName)
    let lastPeriod = ''
    let lastYear = 0

    return withPlausibility((record): RowResult => {
      try {
        const period = readCode(record[t], 't')
        if (period !== lastPeriod) {
          lastYear = readYear(period, 't')
          lastPeriod = period
        }
        let product = readCode(record[k], 'k')
        if (product.length < 6) product = product.padStart(6, '0')
        return {
          classification,
          year: lastYear,
          period,
          reporterCode: readCode(record[i], 'i'),
          reporterIso3: null,
          partnerCode: readCode(record[j], 'j'),
          partnerIso3: null,
          partner2Code: TOTAL_PARTNER2,
          customsCode: TOTAL_CUSTOMS,
          motCode: TOTAL_MOT,
          flow: 'X',
          productCode: product,
          isPrimary: true,
          value: readAmount(record[v], 'v', 3),
          currency: 'USD',
          netMassT: readAmount(record[q], 'q'),
          quantity: null,
          quantityUnit: null,
          flag: null,
        }
      } catch (error) {
        if (error instanceof FieldError) return { reject: error.message }
        throw error
      }
    }, PLAUSIBILITY.baci, context)
  },
}
