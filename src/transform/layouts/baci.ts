import { TradeEtlError } from '../../errors.ts'
import { FieldError, readAmount, readCode, readYear } from '../fields.ts'
import { TOTAL_CUSTOMS, TOTAL_MOT, TOTAL_PARTNER2, type RowResult } from '../trade-row.ts'
import { PLAUSIBILITY } from '../plausibility.ts'
import { hasColumns, type Layout, type LayoutContext, type RowMapper, withPlausibility } from './layout.ts'

/** BACI's columns in CEPII's order. */
export const BACI_COLUMNS: readonly string[] = ['t', 'i', 'j', 'k', 'v', 'q']
const COLUMNS = BACI_COLUMNS
const HS_REVISION = /(?:^|[^a-z0-9])(hs\d{2})(?![0-9])/i

/**
 * The HS revision CEPII names in a file name (BACI_HS17_Y2022_V202301.csv, product_codes_HS17_
 * V202301.csv, BACI_HS17_V202301.zip) as BACI writes it, 'HS17'; null when the name does not say.
 */
export function baciRevision(fileName: string): string | null {
  return HS_REVISION.exec(fileName)?.[1]?.toUpperCase() ?? null
}

/**
 * The classification of a BACI file: the revision in its own name, else the one its archive
 * names (see LayoutContext.revision). Never a bare 'HS': the same rows under a renamed file and
 * under CEPII's name would be stored twice, as two classifications.
 */
export function baciClassification(context: LayoutContext): string {
  const revision = baciRevision(context.fileName) ?? context.revision
  if (revision === undefined) {
    throw new TradeEtlError('BACI_REVISION_UNKNOWN',
      `a BACI file whose name does not say its HS revision: rename it as CEPII names it (BACI_HS17_Y2022_V202301.csv) or load it in its zip, beside product_codes_HSxx`,
      { file: context.fileName, line: 1 })
  }
  return revision
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
    const classification = baciClassification(context)
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
