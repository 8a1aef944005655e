import { readFileSync } from 'node:fs'
import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { canonAmounts, duplicateKeys, parseFile, parseStream } from './helpers/parse-file.ts'
import { rawColumn, readRawTable, sumUnits } from './helpers/raw-csv.ts'

const BULK = 'fixtures/comtrade/india-china-bulk-codes.csv'
const CEMENT = 'fixtures/comtrade/cement-legacy-35.csv'
const SITC = 'fixtures/comtrade/sitc-petroleum-legacy-35.csv'
const LEGACY = [CEMENT, SITC, 'fixtures/comtrade/bicycles-legacy-35.csv', 'fixtures/comtrade/totals-legacy-35.csv', 'fixtures/comtrade/usa-china-legacy-12.csv']

describe('comtrade-bulk-codes (older bulk download, codes only)', () => {
  it('reads every row of the India-China H3 file, exactly', async () => {
    const { layout, rows, rejects } = await parseFile(BULK)
    const raw = readRawTable(BULK)
    expect(layout.name).toBe('comtrade-bulk-codes')
    expect(layout.format).toBe('comtrade')
    expect(rejects).toEqual([])
    expect(rows).toHaveLength(8739) // PROVENANCE.md
    expect(raw.rows).toHaveLength(8739)

    // Totals by the test's own route: BigInt over the raw text.
    expect(sumUnits(rows.map((r) => r.value))).toBe(sumUnits(rawColumn(raw, 'Value')))
    expect(sumUnits(rows.map((r) => r.netMassT), 3)).toBe(sumUnits(rawColumn(raw, 'Netweight (kg)')))
    const blankWeights = rawColumn(raw, 'Netweight (kg)').filter((w) => w === '').length
    expect(blankWeights).toBeGreaterThan(1000)
    expect(rows.filter((r) => r.netMassT === null)).toHaveLength(blankWeights)

    const flows = rawColumn(raw, 'Trade Flow Code')
    expect(rows.filter((r) => r.flow === 'M')).toHaveLength(flows.filter((f) => f === '1').length)
    expect(rows.filter((r) => r.flow === 'X')).toHaveLength(flows.filter((f) => f === '2').length)
    expect(rows.every((r) => r.currency === 'USD' && r.isPrimary && r.classification === 'H3' && r.year === 2010 && r.period === '2010')).toBe(true)
    expect(duplicateKeys(rows)).toEqual([])
  })

  it('keeps quoted codes as strings, maps unit codes, and leaves "no quantity" empty', async () => {
    const { rows } = await parseFile(BULK)
    // 2010,699,2,156,"H3","010619",1,,2,109,4
    expect(canonAmounts(rows[0])).toMatchObject({
      reporterCode: '699', partnerCode: '156', flow: 'X', productCode: '010619', value: '109', netMassT: '0.002',
      quantity: null, quantityUnit: null, flag: '4', partner2Code: '0', customsCode: 'C00', motCode: '0',
    })
    // 2010,699,1,156,"H3","010690",5,514,,453360,0
    expect(canonAmounts(rows[1])).toMatchObject({ productCode: '010690', quantity: '514', quantityUnit: 'u', netMassT: null, value: '453360' })
    const total = rows.filter((r) => r.productCode === 'TOTAL')
    expect(total.map((r) => [r.flow, r.value])).toEqual([['M', '41249115786'], ['X', '17439991278']])
  })
})

describe('comtrade-legacy breakdown rows', () => {
  it('marks the cement file\'s customs-procedure rows (C01) non-primary beside the C00 totals', async () => {
    const { layout, rows, rejects } = await parseFile(CEMENT)
    const raw = readRawTable(CEMENT)
    expect(layout.name).toBe('comtrade-legacy')
    expect(rejects).toEqual([])
    expect(rows).toHaveLength(874)
    const customs = rawColumn(raw, 'Customs Proc. Code')
    const c01 = customs.filter((c) => c === 'C01').length
    expect(c01).toBe(205)
    expect(rows.filter((r) => r.customsCode === 'C01' && !r.isPrimary)).toHaveLength(c01)
    expect(rows.filter((r) => r.customsCode === 'C00' && r.isPrimary)).toHaveLength(customs.length - c01)
    // The file has no transport breakdown: every row is "All MOTs" (0). The 2100/3100 in it are
    // digits inside values and weights, not transport codes.
    expect(new Set(rawColumn(raw, 'Mode of Transport Code'))).toEqual(new Set(['0']))
    expect(rows.every((r) => r.motCode === '0' && r.partner2Code === '0')).toBe(true)
    // A C01 row and its C00 total share everything else in the key: only customs_code keeps them apart.
    const c01Row = rows.find((r) => r.customsCode === 'C01')
    const total = rows.find((r) => r.customsCode === 'C00' && r.period === c01Row?.period && r.partnerCode === c01Row?.partnerCode && r.classification === c01Row?.classification)
    expect(total?.isPrimary).toBe(true)
    expect(duplicateKeys(rows)).toEqual([])
  })

  it('reads Azerbaijan SITC 33 exports in 2015 as in PROVENANCE.md', async () => {
    const { rows } = await parseFile(SITC)
    const aze = rows.find((r) => r.reporterCode === '31' && r.productCode === '33' && r.year === 2015)
    expect(canonAmounts(aze)).toMatchObject({ classification: 'S4', flow: 'X', partnerCode: '0', value: '9657429428', reporterIso3: 'AZE', isPrimary: true })
  })

  it.each(LEGACY)('has one row per natural key in %s', async (path) => {
    const { rows, rejects } = await parseFile(path)
    expect(rejects).toEqual([])
    expect(rows.length).toBe(readRawTable(path).rows.length)
    expect(duplicateKeys(rows)).toEqual([])
  })
})

describe('comtrade-legacy: quantities that are not there, and aggregates', () => {
  it('reads "No Quantity" rows with a NULL mass and quantity where the file writes 0, and keeps a real mass beside it', async () => {
    for (const path of ['fixtures/comtrade/totals-legacy-35.csv', 'fixtures/comtrade/bicycles-legacy-35.csv']) {
      const { rows } = await parseFile(path)
      const raw = readRawTable(path)
      const units = rawColumn(raw, 'Qty Unit Code')
      const weights = rawColumn(raw, 'Netweight (kg)')
      const noQuantity = units.map((u) => u === '1')
      const missingMass = weights.map((w, n) => w === '' || (noQuantity[n] === true && Number(w) === 0))
      expect(noQuantity.filter(Boolean).length, path).toBeGreaterThan(0)
      expect(rows.map((r) => r.netMassT === null), path).toEqual(missingMass)
      expect(rows.filter((r, n) => noQuantity[n] === true && (r.quantity !== null || r.quantityUnit !== null)), path).toEqual([])
      // The masses that are there are the file's, exactly.
      expect(sumUnits(rows.map((r) => r.netMassT), 3), path).toBe(sumUnits(weights))
    }
  })

  it('gives Comtrade\'s aggregates the reference table\'s ISO3 (EU2 and WLD as legacy files write them are EUR and W00)', async () => {
    // The real cement file, with the EU's ISO column as Comtrade's own code table writes it
    // (fixtures/reference/comtrade-iso-codes.csv: 97,EU-28,EU,EU2) and World's as WLD.
    const text = readFileSync(CEMENT, 'utf8').replaceAll(',97,EU-28,EUR,', ',97,EU-28,EU2,').replaceAll(',0,World,W00,0,World,W00,', ',0,World,WLD,0,World,W00,')
    expect(text).toContain(',EU2,')
    const { rows } = await parseStream(Readable.from([text]), 'cement.csv')
    const eu = rows.filter((r) => r.reporterCode === '97')
    expect(eu.length).toBe(text.split('\n').filter((l) => l.includes(',97,EU-28,EU2,')).length)
    expect(new Set(eu.map((r) => r.reporterIso3))).toEqual(new Set(['EUR']))
    expect(new Set(rows.filter((r) => r.partnerCode === '0').map((r) => r.partnerIso3))).toEqual(new Set(['W00']))
    // Countries keep the file's letters.
    expect(rows.find((r) => r.partnerCode === '422')?.partnerIso3).toBe('LBN')
  })
})
