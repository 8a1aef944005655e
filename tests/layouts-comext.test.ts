import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { canonAmounts, duplicateKeys, parseFile, parseStream } from './helpers/parse-file.ts'
import { rawColumn, readRawTable, sumUnits } from './helpers/raw-csv.ts'

const CRITICAL = 'fixtures/comext/critical-inputs-cn8-2022-2024.csv'
const text = (s: string) => Readable.from([Buffer.from(s)])

describe('comext', () => {
  it('reads the CN8 extract: every row, EUR kept EUR, exact total, one row per key', async () => {
    const { layout, rows, rejects } = await parseFile(CRITICAL)
    const raw = readRawTable(CRITICAL)
    expect(layout.name).toBe('comext')
    expect(layout.format).toBe('comext')
    expect(rejects).toEqual([])
    expect(rows).toHaveLength(26538) // PROVENANCE.md
    expect(sumUnits(rows.map((r) => r.value))).toBe(sumUnits(rawColumn(raw, 'VALUE_IN_EUROS')))
    expect(rows.every((r) => r.currency === 'EUR')).toBe(true)
    expect(rows.every((r) => r.classification === 'CN8' && r.flow === 'M' && r.isPrimary && r.customsCode === 'C00' && r.netMassT === null)).toBe(true)
    expect(new Set(rows.map((r) => r.period))).toEqual(new Set(['2022', '2023', '2024']))
    expect(duplicateKeys(rows)).toEqual([])
    // AT,AE,25041000,1,2022,16413
    expect(canonAmounts(rows[0])).toMatchObject({ reporterCode: 'AT', partnerCode: 'AE', reporterIso3: null, partnerIso3: null, productCode: '25041000', year: 2022, value: '16413' })
  })

  it('reads the current bulk layout: annual and monthly periods, kg to t, statistical procedures as partitions', async () => {
    const header = 'REPORTER,PARTNER,TRADE_TYPE,PRODUCT_NC,PRODUCT_SITC,PRODUCT_CPA2002,PRODUCT_CPA2008,PRODUCT_CPA21,PRODUCT_BEC,PRODUCT_BEC5,PRODUCT_SECTION,FLOW,STAT_PROCEDURE,SUPPL_UNIT,PERIOD,VALUE_EUR,VALUE_NAC,QUANTITY_KG,QUANTITY_SUPPL_UNIT'
    const lines = [
      'DE,AZ,E,27090090,33300,,,,,,V,1,1,,202252,1791864002.5,1791864002.5,2242019000,0',
      'DE,AZ,E,27090090,33300,,,,,,V,1,2,,202252,100,100,1500,0',
      'DE,AZ,E,27090090,33300,,,,,,V,1,9,,202252,7,7,12.5,0',
      'DE,AZ,E,27090090,33300,,,,,,V,1,1,,202203,150000000,150000000,190000000,0',
      'FR,IL,E,1012100,00150,,,,,,I,2,1,p/st,202252,2500,2500,1200,3',
      'FR,IL,E,2709XXXX,33300,,,,,,V,2,1,,202252,99,99,,',
      'FR,IL,E,27090090,33300,,,,,,V,2,1,,202213,1,1,1,',
    ]
    const { layout, rows, rejects } = await parseStream(text([header, ...lines].join('\r\n')), 'full_v2_202252.dat')
    expect(layout.name).toBe('comext')
    expect(rejects).toEqual([{ line: 8, reason: 'bad PERIOD: "202213"' }])
    expect(rows.map((r) => [r.period, r.year, r.customsCode, r.isPrimary])).toEqual([
      ['2022', 2022, '1', true], ['2022', 2022, '2', true], ['2022', 2022, '9', true], ['202203', 2022, '1', true], ['2022', 2022, '1', true], ['2022', 2022, '1', true],
    ])
    expect(canonAmounts(rows[0])).toMatchObject({ reporterCode: 'DE', partnerCode: 'AZ', flow: 'M', productCode: '27090090', value: '1791864002.5', currency: 'EUR', netMassT: '2242019' })
    expect(rows[2]?.netMassT).toBe('0.0125')
    expect(canonAmounts(rows[4])).toMatchObject({ flow: 'X', productCode: '01012100', quantity: '3', quantityUnit: 'p/st', netMassT: '1.2' })
    expect(canonAmounts(rows[5])).toMatchObject({ productCode: '2709XXXX', netMassT: null, quantity: null })
    expect(duplicateKeys(rows)).toEqual([])
  })

  it('reads the older full layout, preferring ISO letters to Eurostat numbers', async () => {
    const header = 'DECLARANT,DECLARANT_ISO,PARTNER,PARTNER_ISO,TRADE_TYPE,PRODUCT_NC,PRODUCT_SITC,PRODUCT_CPA2002,PRODUCT_CPA2008,PRODUCT_CPA2_1,PRODUCT_BEC,PRODUCT_BEC5,PRODUCT_SECTION,FLOW,STAT_REGIME,SUPP_UNIT,PERIOD,VALUE_IN_EUROS,QUANTITY_IN_KG,SUP_QUANTITY'
    const lines = [
      '004,DE,0037,AZ,E,27090090,33300,,,,,,V,1,1,,201952,10,2000,0',
      '004,,0037,,E,27090090,33300,,,,,,V,1,1,,201953,10,2000,0',
      '004,,0037,,E,27090090,33300,,,,,,V,1,4,,201912,10,2000,0',
    ]
    const { layout, rows, rejects } = await parseStream(text([header, ...lines].join('\n')), 'full201952.dat')
    expect(layout.name).toBe('comext')
    expect(rejects).toEqual([{ line: 3, reason: 'bad PERIOD: "201953"' }])
    expect(rows.map((r) => [r.reporterCode, r.partnerCode, r.period, r.customsCode, r.netMassT, r.currency])).toEqual([
      ['DE', 'AZ', '2019', '1', '2', 'EUR'],
      ['004', '0037', '201912', '4', '2', 'EUR'],
    ])
  })

  it('keys a TOTAL procedure as the total', async () => {
    const { rows } = await parseStream(text('REPORTER,PARTNER,PRODUCT_NC,FLOW,STAT_PROCEDURE,PERIOD,VALUE_EUR\nIT,AZ,27090090,1,TOTAL,2023,5\n'), 'extract.csv')
    expect(canonAmounts(rows[0])).toMatchObject({ customsCode: 'C00', isPrimary: true, period: '2023' })
  })
})
