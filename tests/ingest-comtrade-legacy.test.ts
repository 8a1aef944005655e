import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { sql } from 'kysely'
import { parse } from 'csv-parse/sync'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ingestFiles } from '../src/jobs/index.ts'
import { ENGINES, createTestWarehouse, silentLog, type TestWarehouse } from './helpers/warehouse.ts'

const CEMENT = 'fixtures/comtrade/cement-legacy-35.csv'
const SITC = 'fixtures/comtrade/sitc-petroleum-legacy-35.csv'
const REDUCED = 'fixtures/comtrade/usa-china-legacy-12.csv'
const NOT_DATA = 'fixtures/broken/api-error-not-data.csv'

/** The file read by a different route (csv-parse sync, column names): the test's own answer. */
function independent(path: string): Record<string, string>[] {
  return parse(readFileSync(path), { columns: true, bom: true }) as Record<string, string>[]
}
const sum = (values: string[]) => values.reduce((a, v) => a + BigInt(v === '' ? 0 : v), 0n)

describe.each(ENGINES)('Comtrade legacy ingestion on the %s engine', (engine) => {
  let t: TestWarehouse
  beforeAll(async () => {
    t = await createTestWarehouse(engine)
  })
  afterAll(async () => t?.close())

  it('loads the 35-column cement file with breakdown rows kept out of reporting', async () => {
    const [summary] = await ingestFiles(t.wh, [CEMENT], { log: silentLog })
    const rows = independent(CEMENT)
    expect(summary).toMatchObject({ format: 'comtrade', layout: 'comtrade-legacy', rowsRead: 874, rowsLoaded: 874, rowsRejected: 0, skipped: false })
    expect(summary?.rowsRead).toBe(rows.length)

    const primary = rows.filter((r) => r['Customs Proc. Code'] === 'C00' && r['Mode of Transport Code'] === '0' && r['2nd Partner Code'] === '0')
    expect(primary.length).toBeLessThan(rows.length) // the file does have breakdown rows
    const db = await sql<{ n: number; total: string }>`
      select count(*)::int as n, sum(value_usd)::text as total from reporting.trade_flow where source_file = ${CEMENT}`.execute(t.wh.db)
    expect(db.rows[0]?.n).toBe(primary.length)
    expect(BigInt(db.rows[0]?.total ?? '0')).toBe(sum(primary.map((r) => r['Trade Value (US$)'] ?? '')))

    const core = await sql<{ n: number }>`select count(*)::int as n from core.trade_flow where not is_primary`.execute(t.wh.db)
    expect(core.rows[0]?.n).toBe(rows.length - primary.length)
  })

  it('keeps net mass exact in tonnes and fills ISO3 for EU-28 and World', async () => {
    const r = await sql<{ net_mass_t: string; reporter_iso3: string; partner_iso3: string }>`
      select net_mass_t::text, reporter_iso3, partner_iso3 from reporting.trade_flow
      where source_file = ${CEMENT} and year = 2000 and partner_code = '0' and classification = 'H1'`.execute(t.wh.db)
    expect(r.rows[0]).toEqual({ net_mass_t: '4545927.1', reporter_iso3: 'EUR', partner_iso3: 'W00' })
  })

  it('computes year over year from the SITC file (Azerbaijan petroleum exports)', async () => {
    await ingestFiles(t.wh, [SITC], { log: silentLog })
    const rows = independent(SITC).filter((r) => r['Reporter ISO'] === 'AZE' && r['Commodity Code'] === '33')
    const byYear = new Map(rows.map((r) => [Number(r.Year), BigInt(r['Trade Value (US$)'] ?? '0')]))
    const yoy = await t.wh.db.selectFrom('reporting.trade_yoy').selectAll()
      .where('reporter_iso3', '=', 'AZE').where('product_code', '=', '33').where('year', '=', 2016).executeTakeFirstOrThrow()
    expect(yoy.value_usd).toBe(String(byYear.get(2016)))
    expect(yoy.value_usd_prev).toBe(String(byYear.get(2015)))
    const expected = Number(((byYear.get(2016) ?? 0n) - (byYear.get(2015) ?? 0n)) * 10000n / (byYear.get(2015) ?? 1n)) / 100
    expect(Number(yoy.value_yoy_pct)).toBeCloseTo(expected, 2)
    expect(yoy.classification).toBe('S4')
  })

  it('reads the reduced 12-column layout and pads HS chapters that lost their zero', async () => {
    const [summary] = await ingestFiles(t.wh, [REDUCED], { log: silentLog })
    expect(summary).toMatchObject({ rowsRead: 290, rowsLoaded: 290, rowsRejected: 0 })
    const r = await sql<{ n: number }>`select count(*)::int as n from reporting.trade_flow where source_file = ${REDUCED} and product_code = '01' and reporter_iso3 = 'USA' and partner_iso3 = 'CHN'`.execute(t.wh.db)
    expect(r.rows[0]?.n).toBeGreaterThan(0)
    const flows = await sql<{ flow: string }>`select distinct flow from reporting.trade_flow where source_file = ${REDUCED} order by flow`.execute(t.wh.db)
    expect(flows.rows.map((f) => f.flow)).toEqual(['M', 'RX', 'X'])
  })

  it('skips the same bytes the second time', async () => {
    const [again] = await ingestFiles(t.wh, [CEMENT], { log: silentLog })
    expect(again).toMatchObject({ skipped: true, rowsRead: 874, rowsLoaded: 874 })
  })

  it('fails a file that is not trade data, naming it, and changes nothing', async () => {
    const before = await sql<{ n: number }>`select count(*)::int as n from etl.source_file`.execute(t.wh.db)
    const [summary] = await ingestFiles(t.wh, [NOT_DATA], { log: silentLog })
    expect(summary?.error).toMatch(/api-error-not-data\.csv:1: not a trade-data file.*Query complexity.*FILE_NOT_TRADE_DATA/)
    const after = await sql<{ n: number }>`select count(*)::int as n from etl.source_file`.execute(t.wh.db)
    expect(after.rows[0]?.n).toBe(before.rows[0]?.n)
  })

  it('rejects bad rows with their line and reason, and loads the rest', async () => {
    const dir = mkdtempSync(`${tmpdir()}/trade-etl-test-`)
    const lines = readFileSync(CEMENT, 'utf8').split('\r\n')
    const header = lines[0] as string
    const good = lines.slice(1, 4)
    const bad = [
      (good[0] as string).replace(',179910819,179910819,', ',17991x819,179910819,'), // line 5: bad number
      'H1,2000,2000', // line 6: short row
      (good[1] as string).replace(/^H1,2000/, 'H1,20x0'), // line 7: bad year
    ]
    const path = `${dir}/broken.csv`
    writeFileSync(path, [header, ...good, ...bad, ''].join('\r\n'))
    const [summary] = await ingestFiles(t.wh, [path], { log: silentLog })
    expect(summary).toMatchObject({ rowsRead: 6, rowsLoaded: 3, rowsRejected: 3 })
    const rejects = await sql<{ line: number; reason: string }>`
      select line, reason from etl.rejected_row join etl.source_file using (file_id) where path = ${path} order by line`.execute(t.wh.db)
    expect(rejects.rows).toEqual([
      { line: 5, reason: 'bad number in Trade Value (US$): "17991x819"' },
      { line: 6, reason: 'short row: 3 fields, the header has 35' },
      { line: 7, reason: 'bad year in Year: "20x0"' },
    ])
  })

  it('keeps a revised value queryable when a new release changes it', async () => {
    const dir = mkdtempSync(`${tmpdir()}/trade-etl-test-`)
    const first = REDUCED
    const second = `${dir}/release-2.csv`
    await ingestFiles(t.wh, [first], { log: silentLog })
    // The provider revises one value: USA imports of chapter 01 from China.
    writeFileSync(second, readFileSync(REDUCED, 'utf8').replace('H5,2017,1,Import,842,USA,156,China,1,Animals; live,36327640,4', 'H5,2017,1,Import,842,USA,156,China,1,Animals; live,36400000,4'))
    const [summary] = await ingestFiles(t.wh, [second], { log: silentLog })
    expect(summary).toMatchObject({ rowsRead: 290, rowsLoaded: 290, rowsRejected: 0, revised: 1 })
    const current = await sql<{ value_usd: string; source_file: string }>`
      select value_usd::text, source_file from reporting.trade_flow
      where reporter_code = '842' and partner_code = '156' and product_code = '01' and flow = 'M' and classification = 'H5'`.execute(t.wh.db)
    expect(current.rows).toEqual([{ value_usd: '36400000', source_file: second }])
    const old = await sql<{ value: string; path: string }>`
      select r.value::text, s.path from core.trade_flow_revision r join etl.source_file s using (file_id)
      where r.reporter_code = '842' and r.product_code = '01' and r.flow = 'M'`.execute(t.wh.db)
    expect(old.rows).toEqual([{ value: '36327640', path: first }])
    const view = await sql<{ value_usd: string; source_file: string; superseded_by_file: string }>`
      select value_usd::text, source_file, superseded_by_file from reporting.trade_flow_revision where reporter_code = '842' and product_code = '01'`.execute(t.wh.db)
    expect(view.rows).toEqual([{ value_usd: '36327640', source_file: first, superseded_by_file: second }])
  })
})
