import { mkdtempSync, copyFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ingestFiles } from '../src/jobs/index.ts'
import { decimalCommaToPoint, detectLayout } from '../src/transform/index.ts'
import { rawColumn, readRawTable, sumUnits } from './helpers/raw-csv.ts'
import { ENGINES, createTestWarehouse, silentLog, type TestWarehouse } from './helpers/warehouse.ts'

const BACI = 'fixtures/baci/BACI_HS17_Y2021_V202301.csv'
const BACI_ISO3 = 'fixtures/baci/BACI_HS17_Y2021_V202301-iso3.csv'
const BACI_EXCEL = 'fixtures/baci/BACI_HS17_Y2021_V202301-excel-de.csv'
const WITS = 'fixtures/wits/wits-azerbaijan-2021-by-hs6.csv'

type Flow = { reporter: string; partner: string; product: string; value: string; mass: string | null; reporter_iso3: string | null; partner_iso3: string | null }

async function flows(t: TestWarehouse, file: string): Promise<Flow[]> {
  const r = await sql<Flow>`
    select f.reporter_code as reporter, f.partner_code as partner, f.product_code as product, f.value::text as value, f.net_mass_t::text as mass,
           f.reporter_iso3, f.partner_iso3
    from core.trade_flow f join etl.source_file s using (file_id) where s.path = ${file} order by 1, 2, 3`.execute(t.wh.db)
  return r.rows
}

describe('decimal commas', () => {
  it('reads numbers as a decimal-comma locale writes them and leaves every other field alone', () => {
    expect(['12,345', '1.234,5', '1 234,5', '-0,5', '1.500', '12.345.678'].map(decimalCommaToPoint)).toEqual(['12.345', '1234.5', '1234.5', '-0.5', '1500', '12345678'])
    expect(['010121', 'NA', 'Horses: live, pure-bred', '3.2', '2709.00', ''].map(decimalCommaToPoint)).toEqual(['010121', 'NA', 'Horses: live, pure-bred', '3.2', '2709.00', ''])
  })
})

describe('layouts told by their headers', () => {
  it('detects BACI with ISO3 columns and the WITS export', () => {
    expect(detectLayout(readRawTable(BACI_ISO3).header)?.name).toBe('baci-iso3')
    expect(detectLayout(readRawTable(WITS).header)?.name).toBe('wits')
    expect(detectLayout(['t', 'exporter', 'importer', 'k', 'v', 'q'])?.name).toBe('baci-iso3')
    expect(detectLayout(readRawTable(BACI).header)?.name).toBe('baci')
  })
})

describe.each(ENGINES)('more real-world layouts on the %s engine', (engine) => {
  let t: TestWarehouse
  let dir: string
  beforeEach(async () => {
    t = await createTestWarehouse(engine)
    dir = mkdtempSync(join(tmpdir(), 'trade-etl-layouts-'))
  })
  afterEach(async () => t?.close())

  it('loads a European Excel export (semicolons, decimal commas) exactly as the same file in CSV', async () => {
    const [excel] = await ingestFiles(t.wh, [BACI_EXCEL], { log: silentLog })
    expect(excel).toMatchObject({ layout: 'baci', rowsRejected: 0, rowsLoaded: readRawTable(BACI).rows.length })
    // The same rows in plain CSV (copied under another name: other bytes would be skipped otherwise).
    const plain = join(dir, 'BACI_HS17_Y2021_V202301.csv')
    copyFileSync(BACI, plain)
    const excelFlows = await flows(t, BACI_EXCEL)
    await ingestFiles(t.wh, [plain], { log: silentLog })
    // Loaded second, the plain file revises nothing: every key and value is already the same.
    const revised = await sql<{ n: number }>`select count(*)::int as n from core.trade_flow_revision where change <> 'unchanged'`.execute(t.wh.db)
    expect(revised.rows[0]?.n).toBe(0)
    const plainFlows = await flows(t, plain)
    expect(plainFlows).toEqual(excelFlows)
    expect(sumUnits(excelFlows.map((f) => f.value))).toBe(sumUnits(rawColumn(readRawTable(BACI), 'v')) * 1000n)
  })

  it('loads BACI with ISO3 columns under the numeric codes, the letters as ISO3', async () => {
    const [summary] = await ingestFiles(t.wh, [BACI_ISO3], { log: silentLog })
    const raw = readRawTable(BACI_ISO3)
    expect(summary).toMatchObject({ layout: 'baci-iso3', format: 'baci', rowsRead: raw.rows.length, rowsRejected: 0 })
    const loaded = await flows(t, BACI_ISO3)
    const expected = raw.rows.map((r) => ({ reporter: r[3], partner: r[6], iso: `${r[2]}>${r[5]}` })).sort((a, b) => `${a.reporter}/${a.partner}`.localeCompare(`${b.reporter}/${b.partner}`))
    expect(new Set(loaded.map((f) => `${f.reporter}/${f.partner}:${f.reporter_iso3}>${f.partner_iso3}`))).toEqual(new Set(expected.map((e) => `${e.reporter}/${e.partner}:${e.iso}`)))
    expect(sumUnits(loaded.map((f) => f.value))).toBe(sumUnits(rawColumn(raw, 'v')) * 1000n)
  })

  it('loads the WITS export: names as codes, World as 0, thousand USD exact, kg as mass, a negative value rejected', async () => {
    const [summary] = await ingestFiles(t.wh, [WITS], { log: silentLog })
    const raw = readRawTable(WITS)
    const values = rawColumn(raw, 'Trade Value 1000USD')
    const negative = values.filter((v) => v.startsWith('-')).length
    expect(summary).toMatchObject({ layout: 'wits', format: 'wits', rowsRead: raw.rows.length, rowsRejected: negative })
    const loaded = await flows(t, WITS)
    expect(sumUnits(loaded.map((f) => f.value))).toBe(sumUnits(values.filter((v) => !v.startsWith('-'))) * 1000n)
    expect(loaded.find((f) => f.partner === 'Italy')).toMatchObject({ reporter: 'Azerbaijan', product: '270900', mass: '7406219.876' })
    expect(loaded.filter((f) => f.partner === '0').map((f) => f.product).sort()).toEqual(['270900', 'TOTAL'])
    const rejects = await sql<{ line: number; reason: string }>`select line, reason from etl.rejected_row`.execute(t.wh.db)
    expect(rejects.rows).toEqual([{ line: 7, reason: expect.stringMatching(/^negative value/) }])
  })
})
