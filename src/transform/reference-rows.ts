/**
 * Reference tables (country codes, product codes) from the public files the tool ships with, as
 * rows for core.country and core.product. Pure: records in, rows out.
 */
export interface CountryRow {
  readonly code: string
  readonly iso3: string | null
  readonly name: string
  readonly source: string
}

export interface ProductRow {
  readonly classification: string
  readonly code: string
  readonly level: number
  readonly parentCode: string | null
  readonly description: string
}

/**
 * Comtrade's own codes for aggregates, which the generic tables get wrong for our purpose (the
 * trademap table says WLD and EU2): Comtrade Plus files write W00, EUR and S19, so the warehouse
 * does too, and a filter on partner_iso3 = 'W00' means the same whatever file a row came from.
 */
export const COMTRADE_AREA_CODES: readonly CountryRow[] = [
  { code: '0', iso3: 'W00', name: 'World', source: 'comtrade' },
  { code: '97', iso3: 'EUR', name: 'European Union', source: 'comtrade' },
  { code: '490', iso3: 'S19', name: 'Other Asia, nes', source: 'comtrade' },
  { code: '899', iso3: null, name: 'Areas, nes', source: 'comtrade' },
  { code: '839', iso3: null, name: 'Special Categories', source: 'comtrade' },
  { code: '837', iso3: null, name: 'Bunkers', source: 'comtrade' },
  { code: '838', iso3: null, name: 'Free Zones', source: 'comtrade' },
  // Eurostat writes these ISO2 codes its own way.
  { code: 'EL', iso3: 'GRC', name: 'Greece', source: 'eurostat' },
  { code: 'UK', iso3: 'GBR', name: 'United Kingdom', source: 'eurostat' },
  { code: 'XK', iso3: 'XKX', name: 'Kosovo', source: 'eurostat' },
]

const ISO3 = /^[A-Z]{3}$/
const ISO2 = /^[A-Z]{2}$/

function clean(value: string | undefined): string {
  const v = value?.trim() ?? ''
  return v === 'NULL' || v === 'null' || v === 'N/A' ? '' : v
}

function column(header: readonly string[], name: string): number {
  const i = header.findIndex((h) => h.replace(/^\uFEFF/, '').trim().toLowerCase() === name)
  if (i < 0) throw new Error(`reference table has no ${name} column`)
  return i
}

/**
 * Builds the country table from (in order of precedence) Comtrade's area codes, the Comtrade
 * code table, BACI's country table and the ISO 3166 / M49 table. The first source to name a
 * code wins; later ones only fill gaps. ISO2 and ISO3 letters are codes too (Comext uses ISO2).
 */
export function buildCountryRows(tables: {
  readonly comtrade: { header: readonly string[]; records: readonly (readonly string[])[] }
  readonly baci: { header: readonly string[]; records: readonly (readonly string[])[] }
  readonly iso: { header: readonly string[]; records: readonly (readonly string[])[] }
}): CountryRow[] {
  const rows = new Map<string, CountryRow>()
  const add = (row: CountryRow) => {
    if (row.code !== '' && !rows.has(row.code)) rows.set(row.code, row)
  }
  COMTRADE_AREA_CODES.forEach(add)

  const ct = tables.comtrade
  const [ctCode, ctName, ctIso2, ctIso3] = ['uncode', 'name', 'iso2letter', 'iso3letter'].map((n) => column(ct.header, n)) as [number, number, number, number]
  const bc = tables.baci
  const [bcCode, bcName, bcIso2, bcIso3] = ['country_code', 'country_name_full', 'iso_2digit_alpha', 'iso_3digit_alpha'].map((n) => column(bc.header, n)) as [number, number, number, number]
  const is = tables.iso
  const [isName, isIso2, isIso3, isNum] = ['name', 'alpha-2', 'alpha-3', 'country-code'].map((n) => column(is.header, n)) as [number, number, number, number]

  const numeric: [readonly (readonly string[])[], number, number, number, string][] = [
    [ct.records, ctCode, ctName, ctIso3, 'comtrade'],
    [bc.records, bcCode, bcName, bcIso3, 'baci'],
    [is.records, isNum, isName, isIso3, 'iso3166'],
  ]
  for (const [records, code, name, iso3, source] of numeric) {
    for (const r of records) {
      const c = clean(r[code]).replace(/^0+(?=\d)/, '')
      const i3 = clean(r[iso3]).toUpperCase()
      if (/^\d+$/.test(c)) add({ code: c, iso3: ISO3.test(i3) ? i3 : null, name: clean(r[name]) || c, source })
    }
  }
  // Letter codes: ISO 3166 first (it is the standard), then what the trade tables add.
  const letters: [readonly (readonly string[])[], number, number, number, string][] = [
    [is.records, isIso2, isIso3, isName, 'iso3166'],
    [ct.records, ctIso2, ctIso3, ctName, 'comtrade'],
    [bc.records, bcIso2, bcIso3, bcName, 'baci'],
  ]
  for (const [records, iso2, iso3, name, source] of letters) {
    for (const r of records) {
      const i2 = clean(r[iso2]).toUpperCase()
      const i3 = clean(r[iso3]).toUpperCase()
      if (!ISO3.test(i3)) continue
      if (ISO2.test(i2)) add({ code: i2, iso3: i3, name: clean(r[name]) || i3, source })
      add({ code: i3, iso3: i3, name: clean(r[name]) || i3, source })
    }
  }
  // Names as codes, for files that name countries instead of coding them (Comtrade Plus
  // exports trimmed to names): exact spellings from the same tables, standard first.
  for (const area of COMTRADE_AREA_CODES) if (area.iso3 !== null && /^\d+$/.test(area.code)) add({ code: area.name, iso3: area.iso3, name: area.name, source: 'name' })
  add({ code: 'Other Asia, nes', iso3: 'S19', name: 'Other Asia, nes', source: 'name' })
  // Names countries took after the bundled tables were made, as current Comtrade exports write them.
  for (const [name, iso3] of [['Türkiye', 'TUR'], ['Turkiye', 'TUR'], ['Czechia', 'CZE'], ['North Macedonia', 'MKD'], ['Eswatini', 'SWZ'], ['Cabo Verde', 'CPV'], ["Côte d’Ivoire", 'CIV']] as const) {
    add({ code: name, iso3, name, source: 'name' })
  }
  const names: [readonly (readonly string[])[], number, number][] = [
    [is.records, isName, isIso3], [ct.records, ctName, ctIso3], [bc.records, bcName, bcIso3],
    [bc.records, column(bc.header, 'country_name_abbreviation'), bcIso3],
  ]
  for (const [records, name, iso3] of names) {
    for (const r of records) {
      const n = clean(r[name])
      const i3 = clean(r[iso3]).toUpperCase()
      if (n !== '' && ISO3.test(i3)) add({ code: n, iso3: i3, name: n, source: 'name' })
    }
  }
  return [...rows.values()]
}

/** Comtrade's classification table (Code, ShortDescription, ..., AggregateLevel, parentCode). */
export function buildComtradeProductRows(classification: string, header: readonly string[], records: readonly (readonly string[])[]): ProductRow[] {
  const code = column(header, 'code')
  const desc = column(header, 'shortdescription')
  const level = column(header, 'aggregatelevel')
  const parent = column(header, 'parentcode')
  const rows: ProductRow[] = []
  for (const r of records) {
    const c = clean(r[code])
    const lv = Number(clean(r[level]))
    if (!/^\d+$/.test(c) || !Number.isInteger(lv)) continue
    const p = clean(r[parent])
    rows.push({ classification, code: c, level: lv, parentCode: p === '' || p === 'TOTAL' ? null : p, description: clean(r[desc]) })
  }
  return rows
}

/** BACI's product table (code, description): 6-digit codes, parents by truncation. */
export function buildBaciProductRows(classification: string, header: readonly string[], records: readonly (readonly string[])[]): ProductRow[] {
  const code = column(header, 'code')
  const desc = column(header, 'description')
  const rows: ProductRow[] = []
  for (const r of records) {
    let c = clean(r[code])
    if (!/^\d+$/.test(c)) continue
    if (c.length === 5) c = `0${c}`
    rows.push({ classification, code: c, level: c.length, parentCode: c.length > 2 ? c.slice(0, c.length - 2) : null, description: clean(r[desc]) })
  }
  return rows
}
