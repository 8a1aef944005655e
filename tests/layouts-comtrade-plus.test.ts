import { createReadStream } from 'node:fs'
import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { readRecords } from '../src/extract/index.ts'
import { canonAmounts, duplicateKeys, parseFile, parseStream } from './helpers/parse-file.ts'
import { rawColumn, readRawTable, sumUnits } from './helpers/raw-csv.ts'

const THAILAND = 'fixtures/comtrade-plus/thailand-ic-imports-plus.csv'
const CHINA = 'fixtures/comtrade-plus/china-total-2022-plus.csv'
const GCO = 'fixtures/comtrade-plus/germany-crude-imports-names.csv'

const HEADER = 'typeCode,freqCode,refPeriodId,refYear,refMonth,period,reporterCode,reporterISO,reporterDesc,flowCode,flowDesc,partnerCode,partnerISO,partnerDesc,partner2Code,partner2ISO,partner2Desc,classificationCode,classificationSearchCode,isOriginalClassification,cmdCode,cmdDesc,aggrLevel,isLeaf,customsCode,customsDesc,mosCode,motCode,motDesc,qtyUnitCode,qtyUnitAbbr,qty,isQtyEstimated,altQtyUnitCode,altQtyUnitAbbr,altQty,isAltQtyEstimated,netWgt,isNetWgtEstimated,grossWgt,isGrossWgtEstimated,CIFValue,FOBValue,primaryValue,legacyEstimationFlag,isReported,isAggregate'

/** A Comtrade Plus record with the given fields changed; the rest as a plain annual HS row. */
function plusRecord(changes: Record<string, string>): string[] {
  const base: Record<string, string> = {
    typeCode: 'C', freqCode: 'A', refPeriodId: '20220101', refYear: '2022', refMonth: '52', period: '2022', reporterCode: '276',
    reporterISO: '', reporterDesc: '', flowCode: 'M', flowDesc: '', partnerCode: '31', partnerISO: '', partnerDesc: '',
    partner2Code: '0', partner2ISO: '', partner2Desc: '', classificationCode: 'H6', classificationSearchCode: 'HS',
    isOriginalClassification: 'True', cmdCode: '2709', cmdDesc: '', aggrLevel: '4', isLeaf: 'False', customsCode: 'C00',
    customsDesc: '', mosCode: '0', motCode: '0', motDesc: '', qtyUnitCode: '8', qtyUnitAbbr: 'kg', qty: '853234.0',
    isQtyEstimated: 'False', altQtyUnitCode: '-1', altQtyUnitAbbr: 'N/A', altQty: '', isAltQtyEstimated: 'False',
    netWgt: '853234.0', isNetWgtEstimated: 'False', grossWgt: '', isGrossWgtEstimated: 'False', CIFValue: '1000.5',
    FOBValue: '', primaryValue: '1000.5', legacyEstimationFlag: '0', isReported: 'True', isAggregate: 'False',
    ...changes,
  }
  return HEADER.split(',').map((name) => base[name] ?? '')
}

function plusFile(records: string[][], delimiter = ','): Readable {
  const quote = (f: string) => `"${f}"`
  const lines = [HEADER.split(',').join(delimiter), ...records.map((r) => r.map(quote).join(delimiter) + delimiter)]
  return Readable.from([Buffer.from(lines.join('\r\n') + '\r\n', 'latin1')])
}

describe('comtrade-plus (API v1, 47 columns)', () => {
  it.each([
    [THAILAND, 1178],
    [CHINA, 1352],
  ])('reads %s: every row, exact totals, one row per key', async (path, count) => {
    const { layout, encoding, rows, rejects } = await parseFile(path)
    const raw = readRawTable(path, 'windows-1252')
    expect(layout.name).toBe('comtrade-plus')
    expect(layout.format).toBe('comtrade-plus')
    expect(encoding).toBe('windows-1252')
    expect(rejects).toEqual([])
    expect(rows).toHaveLength(count) // PROVENANCE.md
    expect(sumUnits(rows.map((r) => r.value))).toBe(sumUnits(rawColumn(raw, 'primaryValue')))
    expect(sumUnits(rows.map((r) => r.netMassT), 3)).toBe(sumUnits(rawColumn(raw, 'netWgt')))
    expect(rows.filter((r) => r.value === null)).toHaveLength(rawColumn(raw, 'primaryValue').filter((v) => v === '').length)
    expect(rows.every((r) => r.currency === 'USD' && r.isPrimary)).toBe(true)
    expect(duplicateKeys(rows)).toEqual([])
  })

  it('trims mosCode "0 " (433 rows of the Thailand file) and keeps those rows primary', async () => {
    const raw = readRawTable(THAILAND, 'windows-1252')
    expect(rawColumn(raw, 'mosCode').filter((m) => m === '0 ')).toHaveLength(433)
    const { rows } = await parseFile(THAILAND)
    expect(new Set(rows.map((r) => r.motCode))).toEqual(new Set(['0']))
  })

  it('decodes Windows-1252 names (the data keeps the codes)', async () => {
    const stream = await readRecords(createReadStream(THAILAND), THAILAND)
    const desc = stream.header.indexOf('partnerDesc')
    const names = new Set<string>()
    for await (const r of stream.records) if ('fields' in r) names.add(r.fields[desc] ?? '')
    expect(names).toContain("Côte d'Ivoire")
    expect(names).toContain('Türkiye')
    const { rows } = await parseFile(THAILAND)
    expect(rows.find((r) => r.partnerCode === '384')?.partnerIso3).toBe('CIV')
    expect(rows.find((r) => r.partnerCode === '792')?.partnerIso3).toBe('TUR')
  })

  it('reads the China file: flows, World, TOTAL, amounts with decimals', async () => {
    const { rows } = await parseFile(CHINA)
    expect(rows.filter((r) => r.flow === 'M')).toHaveLength(677)
    expect(rows.filter((r) => r.flow === 'X')).toHaveLength(675)
    expect(canonAmounts(rows[0])).toMatchObject({
      classification: 'H6', period: '2022', year: 2022, reporterCode: '156', reporterIso3: 'CHN', partnerCode: '0', partnerIso3: 'W00', // World, as Comtrade Plus writes it
      productCode: 'TOTAL', value: '2715997517261', flag: '4', quantity: null, quantityUnit: null,
    })
  })

  it('handles pandas floats, True/False, casing, blank descriptions, TSV and monthly periods', async () => {
    for (const delimiter of [',', '\t']) {
      const { layout, rows, rejects } = await parseStream(plusFile([
        plusRecord({ reporterCode: '276.0', partnerCode: '31.0', refYear: '2022.0' }),
        plusRecord({ freqCode: 'M', refMonth: '3', period: '202203', refPeriodId: '20220301', qtyUnitCode: '-1', qtyUnitAbbr: 'N/A', qty: '0', netWgt: '' }),
        plusRecord({ cmdCode: '101.0', classificationCode: 'H5' }),
      ], delimiter), 'TradeData.csv')
      expect(layout.name).toBe('comtrade-plus')
      expect(rejects).toEqual([])
      expect(canonAmounts(rows[0])).toMatchObject({ reporterCode: '276', partnerCode: '31', year: 2022, period: '2022', netMassT: '853.234', quantity: '853234', quantityUnit: 'kg', value: '1000.5', isPrimary: true })
      expect(canonAmounts(rows[1])).toMatchObject({ period: '202203', year: 2022, quantity: null, quantityUnit: null, netMassT: null })
      expect(rows[2]?.productCode).toBe('0101') // a code pandas read as a number
    }
  })

  it('keys and demotes breakdowns: 2nd partner, customs procedure, transport and supply modes', async () => {
    const { rows } = await parseStream(plusFile([
      plusRecord({}),
      plusRecord({ partner2Code: '792' }),
      plusRecord({ customsCode: 'C01' }),
      plusRecord({ motCode: '2100' }),
      plusRecord({ mosCode: '3' }),
      plusRecord({ motCode: '2100', mosCode: '3' }),
    ]), 'TradeData.csv')
    expect(rows.map((r) => [r.partner2Code, r.customsCode, r.motCode, r.isPrimary])).toEqual([
      ['0', 'C00', '0', true],
      ['792', 'C00', '0', false],
      ['0', 'C01', '0', false],
      ['0', 'C00', '2100', false],
      ['0', 'C00', '0/3', false],
      ['0', 'C00', '2100/3', false],
    ])
    expect(duplicateKeys(rows)).toEqual([])
  })

  it('keeps flows beyond M and X as the source codes them', async () => {
    const { rows } = await parseStream(plusFile([
      plusRecord({ flowCode: 'RX', flowDesc: 'Re-export' }),
      plusRecord({ flowCode: 'DX', flowDesc: 'Domestic Export' }),
      plusRecord({ flowCode: 'XOP', flowDesc: 'Export of goods for outward processing' }),
    ]), 'TradeData.csv')
    expect(rows.map((r) => r.flow)).toEqual(['RX', 'DX', 'XOP'])
  })
})

describe('comtrade-plus-names (trimmed export with names)', () => {
  it('reads the Germany crude imports: every row, exact totals, one row per key', async () => {
    const { layout, encoding, rows, rejects } = await parseFile(GCO)
    const raw = readRawTable(GCO, 'windows-1252')
    expect(layout.name).toBe('comtrade-plus-names')
    expect(layout.format).toBe('comtrade-plus')
    expect(encoding).toBe('windows-1252')
    expect(rejects).toEqual([])
    expect(rows).toHaveLength(612) // PROVENANCE.md
    expect(sumUnits(rows.map((r) => r.value))).toBe(sumUnits(rawColumn(raw, 'Trade Value')))
    const kg = raw.rows.filter((r) => r[6] === 'kg').map((r) => r[5] ?? '')
    expect(sumUnits(rows.map((r) => r.netMassT), 3)).toBe(sumUnits(kg))
    expect(rows.every((r) => r.flow === 'M' && r.classification === 'HS' && r.productCode === '2709' && r.currency === 'USD')).toBe(true)
    expect(duplicateKeys(rows)).toEqual([])
  })

  it('has the PROVENANCE.md figure: 2022 Azerbaijan / World 2,242,019,000 kg', async () => {
    const { rows } = await parseFile(GCO)
    const aze = rows.filter((r) => r.year === 2022 && r.partnerCode === 'Azerbaijan' && r.partner2Code === '0')
    expect(aze).toHaveLength(1)
    expect(canonAmounts(aze[0])).toMatchObject({ reporterCode: 'Germany', netMassT: '2242019', value: '1791864002', quantity: '2242019000', quantityUnit: 'kg', isPrimary: true })
  })

  it('keeps second-partner rows as breakdowns, World as code 0, and names decoded from 1252', async () => {
    const { rows } = await parseFile(GCO)
    const raw = readRawTable(GCO, 'windows-1252')
    const worldPartner2 = rawColumn(raw, 'Partner2').filter((p) => p === 'World').length
    expect(rows.filter((r) => r.isPrimary)).toHaveLength(worldPartner2)
    expect(rows.filter((r) => !r.isPrimary)).toHaveLength(612 - worldPartner2)
    // Partner World with Partner2 Azerbaijan is a breakdown of the World total, not a second count.
    const viaWorld = rows.find((r) => r.year === 2022 && r.partnerCode === '0' && r.partner2Code === 'Azerbaijan')
    expect(canonAmounts(viaWorld)).toMatchObject({ isPrimary: false, netMassT: '1473636' })
    const names = new Set(rows.flatMap((r) => [r.partnerCode, r.partner2Code]))
    expect(names).toContain("Côte d'Ivoire")
    expect(names).toContain('Türkiye')
    expect(rows.every((r) => r.partnerIso3 === null && r.reporterIso3 === null)).toBe(true)
  })

  it('leaves mass empty where the unit is N/A', async () => {
    const { rows } = await parseFile(GCO)
    const na = rows.filter((r) => r.quantityUnit === null)
    expect(na).toHaveLength(6)
    expect(na.every((r) => r.netMassT === null && r.quantity !== null)).toBe(true)
  })

  it('takes the flow from the file name, and rejects rather than guesses without one', async () => {
    const text = 'Year,Country,Partner,Partner2,Commodity Description,Quantity,Quantity Unit,Trade Value\r\n2022,Germany,Norway,World,"Oils; petroleum oils and oils obtained from bituminous minerals, crude",1000,kg,5\r\n'
    const exports = await parseStream(Readable.from([Buffer.from(text)]), 'GCO_Exports.csv')
    expect(canonAmounts(exports.rows[0])).toMatchObject({ flow: 'X', productCode: '2709', netMassT: '1', partner2Code: '0' })
    const unknown = await parseStream(Readable.from([Buffer.from(text)]), 'gco.csv')
    expect(unknown.rows).toEqual([])
    expect(unknown.rejects[0]?.reason).toMatch(/no flow/)
    const other = await parseStream(Readable.from([Buffer.from(text.replace('"Oils; petroleum oils and oils obtained from bituminous minerals, crude"', 'Natural gas'))]), 'GCO_Imports.csv')
    expect(other.rows[0]?.productCode).toBe('Natural gas')
  })
})
