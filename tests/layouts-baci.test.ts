import { createReadStream } from 'node:fs'
import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { openSources, readRecords } from '../src/extract/index.ts'
import {
  detectLayout, detectSideTable, parseBaciCountryCodes, parseBaciProductCodes,
} from '../src/transform/index.ts'
import { canonAmounts, duplicateKeys, parseFile, parseStream } from './helpers/parse-file.ts'
import { rawColumn, readRawTable, sumUnits } from './helpers/raw-csv.ts'

const Y2021 = 'fixtures/baci/BACI_HS17_Y2021_V202301.csv'
const Y2022 = 'fixtures/baci/BACI_HS17_Y2022_V202301.csv'
const ZIP = 'fixtures/baci/BACI_HS17_V202301.zip'
const COUNTRIES = 'fixtures/reference/baci-country-codes-V202301.csv'
const PRODUCTS = 'fixtures/reference/baci-product-codes-HS17-V202301.csv'

const text = (s: string) => Readable.from([Buffer.from(s)])

async function readAll(path: string): Promise<{ header: string[]; records: string[][] }> {
  const stream = await readRecords(createReadStream(path), path)
  const records: string[][] = []
  for await (const r of stream.records) if ('fields' in r) records.push(r.fields)
  return { header: stream.header, records }
}

describe('baci', () => {
  it.each([[Y2021, 2021], [Y2022, 2022]])('reads %s: thousand USD to USD and tonnes exactly', async (path, year) => {
    const { layout, rows, rejects } = await parseFile(path)
    const raw = readRawTable(path)
    expect(layout.name).toBe('baci')
    expect(layout.format).toBe('baci')
    expect(rejects).toEqual([])
    expect(rows).toHaveLength(30)
    expect(sumUnits(rows.map((r) => r.value))).toBe(sumUnits(rawColumn(raw, 'v'), 3))
    expect(sumUnits(rows.map((r) => r.netMassT))).toBe(sumUnits(rawColumn(raw, 'q')))
    const unknownQ = rawColumn(raw, 'q').filter((q) => q.trim() === '' || q.trim() === 'NA').length
    expect(unknownQ).toBe(4) // two space-padded NA, one NA, one blank
    expect(rows.filter((r) => r.netMassT === null)).toHaveLength(unknownQ)
    expect(rows.every((r) => r.classification === 'HS17' && r.flow === 'X' && r.year === year && r.period === String(year) && r.isPrimary && r.currency === 'USD')).toBe(true)
    expect(rows.every((r) => /^\d{6}$/.test(r.productCode))).toBe(true)
    expect(duplicateKeys(rows)).toEqual([])
  })

  it('reads Azerbaijan -> Israel crude (270900) with its exact tonnes', async () => {
    const [a, b] = await Promise.all([parseFile(Y2021), parseFile(Y2022)])
    const pick = (rows: typeof a.rows) => rows.find((r) => r.reporterCode === '31' && r.partnerCode === '376' && r.productCode === '270900')
    expect(canonAmounts(pick(a.rows))).toMatchObject({ netMassT: '1710762.111', value: '1103612523', reporterIso3: null, partnerIso3: null })
    expect(canonAmounts(pick(b.rows))).toMatchObject({ netMassT: '2289000', value: '2101846940' })
  })

  it('shifts v exactly, pads a lost leading zero, and reads padded NA as unknown', async () => {
    const { rows } = await parseFile(Y2021)
    expect(rows.find((r) => r.reporterCode === '31' && r.partnerCode === '792' && r.productCode === '271121')?.value).toBe('1234567')
    expect(canonAmounts(rows.find((r) => r.reporterCode === '4' && r.partnerCode === '784'))).toMatchObject({ productCode: '080221', value: '1', netMassT: null })
    expect(rows.find((r) => r.reporterCode === '4' && r.partnerCode === '8')?.productCode).toBe('010121')
  })

  it('finds the header quoted, spaced or with a BOM, and refuses a file whose name lacks the HS revision', async () => {
    for (const header of ['t,i,j,k,v,q', '"t","i","j","k","v","q"', 't, i, j, k, v, q', ' "t", "i", "j", "k", "v", "q"', '\uFEFFt,i,j,k,v,q']) {
      const { layout, rows, rejects } = await parseStream(text(`${header}\n2022,31,376,270900,1234.567,  2289000.000\n`), 'BACI_HS22_extract.csv')
      expect(layout.name, header).toBe('baci')
      expect(rejects, header).toEqual([])
      expect(canonAmounts(rows[0]), header).toMatchObject({ classification: 'HS22', value: '1234567', netMassT: '2289000' })
    }
    // Stored as a bare 'HS' it would load a second time under its proper name, as HS17 (issue 9).
    await expect(parseStream(text('t,i,j,k,v,q\n2022,31,376,270900,1,1\n'), 'baci-extract.csv')).rejects.toMatchObject({ code: 'BACI_REVISION_UNKNOWN' })
  })

  it('rejects a row with a bad number, naming the column', async () => {
    const { rows, rejects } = await parseStream(text('t,i,j,k,v,q\n2022,31,376,270900,12x,1\n2022,31,376,270910,1,1\n'), 'BACI_HS22_Y2022_V202401.csv')
    expect(rejects).toEqual([{ line: 2, reason: 'bad number in v: "12x"' }])
    expect(canonAmounts(rows[0])).toMatchObject({ classification: 'HS22', productCode: '270910' })
  })

  it('reads the CEPII-shaped zip: data members as BACI, side tables as side tables, the readme as neither', async () => {
    const sources = await openSources(ZIP)
    expect(sources.map((s) => s.fileName)).toEqual([
      'BACI_HS17_Y2021_V202301.csv', 'BACI_HS17_Y2022_V202301.csv', 'country_codes_V202301.csv', 'product_codes_HS17_V202301.csv', 'Readme.txt',
    ])
    const kinds: (string | null)[] = []
    let dataRows = 0
    for (const source of sources) {
      const stream = await readRecords(await source.open(), source.displayPath)
      const layout = detectLayout(stream.header)
      kinds.push(layout?.name ?? detectSideTable(stream.header))
      for await (const _ of stream.records) void _ // drain, so the member's stream closes
      if (layout !== null) {
        const { rows, rejects } = await parseStream(await source.open(), source.fileName)
        expect(rejects).toEqual([])
        expect(rows.every((r) => r.classification === 'HS17')).toBe(true)
        dataRows += rows.length
      }
    }
    expect(kinds).toEqual(['baci', 'baci', 'baci-country-codes', 'baci-product-codes', null])
    expect(dataRows).toBe(60)
  })
})

describe('BACI side tables', () => {
  it('reads the country table: 238 codes, ISO3 where CEPII has one', async () => {
    const { header, records } = await readAll(COUNTRIES)
    expect(detectSideTable(header)).toBe('baci-country-codes')
    const { rows, rejects } = parseBaciCountryCodes(header, records)
    expect(rejects).toEqual([])
    expect(rows).toHaveLength(238) // PROVENANCE.md
    const byCode = new Map(rows.map((r) => [r.code, r]))
    expect(byCode.get('31')).toEqual({ code: '31', iso3: 'AZE', name: 'Azerbaijan' })
    expect(byCode.get('376')).toEqual({ code: '376', iso3: 'ISR', name: 'Israel' })
    expect(byCode.get('697')).toEqual({ code: '697', iso3: null, name: 'Europe EFTA, nes' })
    expect(byCode.get('516')?.iso3).toBe('NAM') // Namibia's ISO2 "NA" went blank somewhere; ISO3 is there
    expect(new Set(rows.map((r) => r.code)).size).toBe(rows.length)
  })

  it('reads the V202401 country header and reports unusable records', () => {
    const header = ['country_code', 'country_name', 'country_iso2', 'country_iso3']
    expect(detectSideTable(header)).toBe('baci-country-codes')
    const { rows, rejects } = parseBaciCountryCodes(header, [['031', 'Azerbaijan', 'AZ', 'AZE'], ['', 'Nowhere', '', '']])
    expect(rows).toEqual([{ code: '31', iso3: 'AZE', name: 'Azerbaijan' }])
    expect(rejects).toEqual([{ record: 1, reason: 'bad country_code: ""' }])
  })

  it('reads the product table: 5384 HS17 subheadings, zero-padded, with their heading as parent', async () => {
    const { header, records } = await readAll(PRODUCTS)
    expect(detectSideTable(header)).toBe('baci-product-codes')
    const { rows, rejects } = parseBaciProductCodes(header, records, { fileName: 'product_codes_HS17_V202301.csv' })
    expect(rejects).toEqual([])
    expect(rows).toHaveLength(5384) // PROVENANCE.md
    expect(rows[0]).toEqual({ classification: 'HS17', code: '010121', level: 6, parentCode: '0101', description: 'Horses: live, pure-bred breeding animals' })
    expect(rows.find((r) => r.code === '270900')).toMatchObject({ parentCode: '2709', description: 'Oils: petroleum oils and oils obtained from bituminous minerals, crude' })
    expect(rows.every((r) => r.code.length === 6)).toBe(true)
    expect(new Set(rows.map((r) => r.code)).size).toBe(rows.length)
  })

  it('is not fooled by other tables', () => {
    expect(detectSideTable(['Code', 'ShortDescription', 'LongDescription', 'isBasicLevel', 'AggregateLevel', 'parentCode'])).toBeNull()
    expect(detectSideTable(['t', 'i', 'j', 'k', 'v', 'q'])).toBeNull()
    expect(detectSideTable(['unCode', 'name', 'iso2letter', 'iso3letter', 'isoNumerical', 'Notes'])).toBeNull()
  })
})
