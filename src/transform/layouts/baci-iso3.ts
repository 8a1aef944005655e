import { FieldError, readAmount, readCode, readIso3, readYear } from '../fields.ts'
import { TOTAL_CUSTOMS, TOTAL_MOT, TOTAL_PARTNER2, type RowResult } from '../trade-row.ts'
import { PLAUSIBILITY } from '../plausibility.ts'
import { baciClassification } from './baci.ts'
import { findColumn, type Layout, type LayoutContext, type RowMapper, withPlausibility } from './layout.ts'

/** Names users give the ISO3 columns when they join CEPII's country table onto BACI. */
const EXPORTER_ISO3 = ['exporter_iso3c', 'exporter_iso3', 'iso3_o', 'iso_o', 'exporter']
const IMPORTER_ISO3 = ['importer_iso3c', 'importer_iso3', 'iso3_d', 'iso_d', 'importer']
/** And the numeric codes, when they kept them. */
const EXPORTER_CODE = ['exporter_iso3n', 'exporter_code', 'i']
const IMPORTER_CODE = ['importer_iso3n', 'importer_code', 'j']
const PRODUCT = ['k', 'hs6', 'product', 'product_code']

/**
 * BACI with ISO3 letters for the countries, as users write it after joining CEPII's country
 * table (the ARTIS model's `t, hs6, exporter_iso3c, exporter_iso3n, ..., v, q`, or `t, exporter,
 * importer, k, v, q`). Told from BACI by the ISO3 columns; amounts and revision as in BACI. When
 * the numeric codes were kept they are the codes (the same keys as CEPII's own files, so a
 * later CEPII file revises these rows instead of adding them twice) and the letters the ISO3;
 * without them the letters are both.
 */
export const BACI_ISO3: Layout = {
  format: 'baci',
  name: 'baci-iso3',
  matches: (header) =>
    header.includes('t') && header.includes('v') && header.includes('q') && findColumn(header, ...PRODUCT) >= 0 &&
    findColumn(header, ...EXPORTER_ISO3) >= 0 && findColumn(header, ...IMPORTER_ISO3) >= 0,
  bind(header, context: LayoutContext): RowMapper {
    const t = header.indexOf('t')
    const v = header.indexOf('v')
    const q = header.indexOf('q')
    const k = findColumn(header, ...PRODUCT)
    const exporterIso = findColumn(header, ...EXPORTER_ISO3)
    const importerIso = findColumn(header, ...IMPORTER_ISO3)
    const exporterCode = findColumn(header, ...EXPORTER_CODE)
    const importerCode = findColumn(header, ...IMPORTER_CODE)
    const classification = baciClassification(context)
    const country = (record: readonly string[], iso: number, code: number, name: string): [string, string | null] => {
      const iso3 = readIso3(record[iso])
      if (iso3 === null) throw new FieldError(`not an ISO3 code in ${name}: ${JSON.stringify((record[iso] ?? '').slice(0, 20))}`)
      return [code >= 0 ? readCode(record[code], header[code] as string) : iso3, iso3]
    }

    return withPlausibility((record): RowResult => {
      try {
        const year = readYear(record[t], 't')
        const [reporterCode, reporterIso3] = country(record, exporterIso, exporterCode, header[exporterIso] as string)
        const [partnerCode, partnerIso3] = country(record, importerIso, importerCode, header[importerIso] as string)
        let product = readCode(record[k], header[k] as string)
        if (product.length < 6 && /^\d+$/.test(product)) product = product.padStart(6, '0')
        return {
          classification, year, period: String(year), reporterCode, reporterIso3, partnerCode, partnerIso3,
          partner2Code: TOTAL_PARTNER2, customsCode: TOTAL_CUSTOMS, motCode: TOTAL_MOT, flow: 'X', productCode: product, isPrimary: true,
          value: readAmount(record[v], 'v', 3), currency: 'USD', netMassT: readAmount(record[q], 'q'), quantity: null, quantityUnit: null, flag: null,
        }
      } catch (error) {
        if (error instanceof FieldError) return { reject: error.message }
        throw error
      }
    }, PLAUSIBILITY.baci, context)
  },
}
