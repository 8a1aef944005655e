import { baciClassification } from '../layouts/baci.ts'
import { normalizeHeader, type LayoutContext } from '../layouts/layout.ts'

/** A row of BACI's country table: CEPII's numeric code (M49-based) to ISO3 and a name. */
export interface BaciCountryRow {
  readonly code: string
  readonly iso3: string | null
  readonly name: string
}

/** A row of BACI's product table, shaped for core.product. */
export interface BaciProductRow {
  readonly classification: string
  readonly code: string
  readonly level: number
  readonly parentCode: string | null
  readonly description: string
}

/** A record a side table could not use, and why (its index among the data records, from 0). */
export interface SideTableReject {
  readonly record: number
  readonly reason: string
}

export interface SideTableResult<Row> {
  readonly rows: Row[]
  readonly rejects: SideTableReject[]
}

export type SideTableKind = 'baci-country-codes' | 'baci-product-codes'

/**
 * The BACI side table a header belongs to, or null. CEPII ships these in the same zip as the
 * data: country_codes_V*.csv (country_code, country_name_abbreviation, country_name_full,
 * iso_2digit_alpha, iso_3digit_alpha until V202301; country_code, country_name, country_iso2,
 * country_iso3 from V202401) and product_codes_HS*_V*.csv (code, description).
 */
export function detectSideTable(rawHeader: readonly string[]): SideTableKind | null {
  const h = normalizeHeader(rawHeader)
  if (h.includes('country_code') && (h.includes('iso_3digit_alpha') || h.includes('country_iso3'))) return 'baci-country-codes'
  if (h.length === 2 && h[0] === 'code' && h[1] === 'description') return 'baci-product-codes'
  return null
}

const ISO3 = /^[A-Z]{3}$/
const DIGITS = /^\d+$/

function column(header: readonly string[], ...names: string[]): number {
  for (const name of names) {
    const i = header.indexOf(name)
    if (i >= 0) return i
  }
  return -1
}

/** Text with CEPII's and pandas' spellings of "nothing" (N/A, NA written as blank) removed. */
function clean(text: string | undefined): string {
  const t = text?.trim() ?? ''
  return t === 'N/A' || t === 'NULL' || t === 'null' ? '' : t
}

/**
 * BACI's country table. The short name is preferred (it is what CEPII prints); ISO3 is null
 * for CEPII's own groupings ("Europe EFTA, nes": N/A). A record without a numeric code is a
 * reject, never a silent skip.
 */
export function parseBaciCountryCodes(rawHeader: readonly string[], records: Iterable<readonly string[]>): SideTableResult<BaciCountryRow> {
  const header = normalizeHeader(rawHeader)
  const code = column(header, 'country_code')
  const name = column(header, 'country_name_abbreviation', 'country_name', 'country_name_full')
  const iso3 = column(header, 'iso_3digit_alpha', 'country_iso3')
  if (code < 0 || name < 0 || iso3 < 0) {
    return { rows: [], rejects: [{ record: -1, reason: 'not a BACI country table: needs country_code, a name and an ISO3 column' }] }
  }
  const rows: BaciCountryRow[] = []
  const rejects: SideTableReject[] = []
  let n = 0
  for (const r of records) {
    const index = n++
    const c = clean(r[code]).replace(/^0+(?=\d)/, '')
    if (!DIGITS.test(c)) {
      rejects.push({ record: index, reason: `bad country_code: ${JSON.stringify(c.slice(0, 20))}` })
      continue
    }
    const i3 = clean(r[iso3]).toUpperCase()
    rows.push({ code: c, iso3: ISO3.test(i3) ? i3 : null, name: clean(r[name]) || c })
  }
  return { rows, rejects }
}

/**
 * BACI's product table (code, description) for the HS revision in the file name
 * (product_codes_HS17_V202301.csv is 'HS17', as the BACI layout names it). Codes that lost their
 * leading zero are padded to six digits; the parent is the code two digits shorter (heading of
 * a subheading), which CEPII does not ship but HS defines.
 */
export function parseBaciProductCodes(
  rawHeader: readonly string[], records: Iterable<readonly string[]>, context: LayoutContext,
): SideTableResult<BaciProductRow> {
  const header = normalizeHeader(rawHeader)
  const code = column(header, 'code')
  const description = column(header, 'description')
  if (code < 0 || description < 0) {
    return { rows: [], rejects: [{ record: -1, reason: 'not a BACI product table: needs code and description columns' }] }
  }
  const classification = baciClassification(context)
  const rows: BaciProductRow[] = []
  const rejects: SideTableReject[] = []
  let n = 0
  for (const r of records) {
    const index = n++
    let c = clean(r[code])
    if (!DIGITS.test(c) || c.length > 6) {
      rejects.push({ record: index, reason: `bad code: ${JSON.stringify(c.slice(0, 20))}` })
      continue
    }
    if (c.length % 2 === 1) c = `0${c}`
    rows.push({ classification, code: c, level: c.length, parentCode: c.length > 2 ? c.slice(0, -2) : null, description: clean(r[description]) })
  }
  return { rows, rejects }
}
