import { shiftDecimal } from '../decimal.ts'
import { FieldError, readAmount, readCode, readText, readYear } from '../fields.ts'
import { normalizeFlow } from '../flow.ts'
import { TOTAL_CUSTOMS, TOTAL_MOT, TOTAL_PARTNER2, type RowResult } from '../trade-row.ts'
import { PLAUSIBILITY } from '../plausibility.ts'
import { findColumn, hasColumns, type Layout, type LayoutContext, type RowMapper, withPlausibility } from './layout.ts'

const REQUIRED = ['year', 'partner', 'partner2', 'commodity description', 'trade value']

/** Comtrade's name for the world, the one area name every such export uses. */
const WORLD = 'world'
/** Comtrade's code for the world, so that 'World' keys and maps like it does in coded files. */
const WORLD_CODE = '0'

/**
 * Commodity descriptions to their HS code, for the few wordings seen in real trimmed exports.
 * Keys are normalized (lower case, punctuation and repeated spaces gone) so that the wordings
 * of different HS editions meet: H0-H5 "Petroleum oils and oils obtained from bituminous
 * minerals; crude" (and ", crude." in H3) and H6 / BACI "Oils; petroleum oils ..., crude".
 * Deliberately tiny: a description not here stays the product code as written, rather than
 * being guessed at.
 */
const DESCRIPTION_CODES: ReadonlyMap<string, string> = new Map([
  ['all commodities', 'TOTAL'],
  ['petroleum oils and oils obtained from bituminous minerals crude', '2709'],
  ['oils petroleum oils and oils obtained from bituminous minerals crude', '2709'],
])

/** The key DESCRIPTION_CODES is looked up by. */
export function normalizeDescription(text: string): string {
  return text.toLowerCase().replace(/[;:,.]/g, ' ').replace(/\s+/g, ' ').trim()
}

/** The flow a file name states (GCO_Imports.csv), or null: these exports have no flow column. */
export function flowFromFileName(fileName: string): string | null {
  const name = fileName.toLowerCase()
  if (/re-?exports?/.test(name)) return 'RX'
  if (/re-?imports?/.test(name)) return 'RM'
  if (name.includes('import')) return 'M'
  if (name.includes('export')) return 'X'
  return null
}

/**
 * A trimmed Comtrade Plus export that writes names, not codes: Year, Country (the reporter),
 * Partner, Partner2, Commodity Description, Quantity, Quantity Unit, Trade Value (USD).
 *
 * Transform is pure, so names are not looked up anywhere: reporter and partner codes are the
 * names as written (trimmed), ISO3 null, except 'World', which becomes Comtrade's code 0 so that
 * it means what it means in every other Comtrade file. Partner2 'World' (or blank) is "no second
 * partner" (primary); any other Partner2 is a breakdown row (not primary). Classification is
 * 'HS'; the product code comes from the description through DESCRIPTION_CODES, else is the
 * description itself. The flow comes from a flow column when there is one, else from the file
 * name (…Imports…, …Exports…); a file that states neither has its rows rejected rather than
 * guessed. Quantity in kg is also the net mass.
 */
export const COMTRADE_PLUS_NAMES: Layout = {
  format: 'comtrade-plus',
  name: 'comtrade-plus-names',
  matches: (header) =>
    hasColumns(header, REQUIRED) && findColumn(header, 'country', 'reporter') >= 0 && !header.includes('partnercode') && !header.includes('partner code'),
  bind(header, context: LayoutContext): RowMapper {
    const col = (...names: string[]) => findColumn(header, ...names)
    const year = col('year')
    const reporter = col('country', 'reporter')
    const partner = col('partner')
    const partner2 = col('partner2')
    const commodity = col('commodity description')
    const flowColumn = col('trade flow', 'flow')
    const qty = col('quantity')
    const qtyUnit = col('quantity unit')
    const value = col('trade value')
    const fileFlow = flowFromFileName(context.fileName)
    // Few distinct descriptions per file: normalize each once.
    const productCodes = new Map<string, string>()

    return withPlausibility((record): RowResult => {
      try {
        const y = readYear(record[year], 'Year')
        const flow = flowColumn >= 0 ? normalizeFlow(record[flowColumn]) : fileFlow
        if (flow === null) return { reject: 'no flow: no flow column, and the file name says neither imports nor exports' }
        const description = readCode(record[commodity], 'Commodity Description')
        let product = productCodes.get(description)
        if (product === undefined) {
          product = DESCRIPTION_CODES.get(normalizeDescription(description)) ?? description
          productCodes.set(description, product)
        }
        const partnerName = readCode(record[partner], 'Partner')
        const partner2Name = record[partner2]?.trim() ?? ''
        const p2 = partner2Name === '' || partner2Name.toLowerCase() === WORLD ? TOTAL_PARTNER2 : partner2Name
        const unit = qtyUnit < 0 ? null : readText(record[qtyUnit])
        const quantity = qty < 0 ? null : readAmount(record[qty], 'Quantity')
        return {
          classification: 'HS',
          year: y,
          period: String(y),
          reporterCode: readCode(record[reporter], 'Country'),
          reporterIso3: null,
          partnerCode: partnerName.toLowerCase() === WORLD ? WORLD_CODE : partnerName,
          partnerIso3: null,
          partner2Code: p2,
          customsCode: TOTAL_CUSTOMS,
          motCode: TOTAL_MOT,
          flow,
          productCode: product,
          isPrimary: p2 === TOTAL_PARTNER2,
          value: readAmount(record[value], 'Trade Value'),
          currency: 'USD',
          netMassT: quantity !== null && unit === 'kg' ? shiftDecimal(quantity, -3) : null,
          quantity,
          quantityUnit: unit,
          flag: null,
        }
      } catch (error) {
        if (error instanceof FieldError) return { reject: error.message }
        throw error
      }
    }, PLAUSIBILITY['comtrade-plus'], context)
  },
}
