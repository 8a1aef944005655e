import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ingestFiles } from '../src/jobs/index.ts'
import { queryStatus } from '../src/load/index.ts'
import { readRawTable } from './helpers/raw-csv.ts'
import { ENGINES, createTestWarehouse, silentLog, type TestWarehouse } from './helpers/warehouse.ts'

// Layouts with and without ISO3 columns, codes the reference does not know (a names-only export).
const FILES = [
  'fixtures/baci/BACI_HS17_Y2021_V202301.csv',
  'fixtures/baci/BACI_HS17_Y2022_V202301.csv',
  'fixtures/comtrade/totals-legacy-35.csv',
  'fixtures/comtrade-plus/germany-crude-imports-names.csv',
] as const

describe.each(ENGINES)('status on the %s engine', (engine) => {
  let t: TestWarehouse
  beforeAll(async () => {
    t = await createTestWarehouse(engine)
    // And country codes no reference has (999 as a reporter, 998 as a partner, twice).
    const odd = join(mkdtempSync(join(tmpdir(), 'trade-etl-status-')), 'BACI_HS17_Y2020_V202301.csv')
    writeFileSync(odd, 't,i,j,k,v,q\n2020,999,4,010121,1.5,2.0\n2020,4,998,010121,2.5,1.0\n2020,4,998,010129,3.5,1.0\n')
    for (const file of [...FILES, odd]) {
      const [summary] = await ingestFiles(t.wh, [file], { log: silentLog })
      expect(summary?.error).toBeUndefined()
    }
  })
  afterAll(async () => t?.close())

  it('gives each source its files, rows and years as the files have them', async () => {
    const status = await queryStatus(t.wh)
    // Independent reading: rows and years of the BACI files, by their own columns.
    const baci = FILES.filter((f) => f.includes('/baci/')).map((f) => readRawTable(f))
    const years = baci.flatMap((b) => b.rows.map((r) => Number(r[b.header.indexOf('t')])))
    const byFormat = new Map(status.freshness.map((f) => [f.source_format, f]))
    expect(byFormat.get('baci')).toMatchObject({ files: 3, rows: baci.reduce((n, b) => n + b.rows.length, 0) + 3, first_year: Math.min(...years, 2020), last_year: Math.max(...years, 2020) })
    const legacy = readRawTable('fixtures/comtrade/totals-legacy-35.csv')
    const legacyYears = legacy.rows.map((r) => Number(r[legacy.header.indexOf('Year')]))
    expect(byFormat.get('comtrade')).toMatchObject({ files: 1, rows: legacy.rows.length, first_year: Math.min(...legacyYears), last_year: Math.max(...legacyYears) })
    expect([...byFormat.keys()].sort()).toEqual(['baci', 'comtrade', 'comtrade-plus'])
  })

  it('lists the codes no reference maps as the decoded core.trade_flow says, most rows first', async () => {
    const status = await queryStatus(t.wh)
    // The same question asked of the decoded view, row by row (how status asked it before).
    const old = await sql<{ source_format: string; code: string; role: string; rows: number }>`
      select source_format, code, role, count(*)::int as rows from (
        select f.source_format, f.reporter_code as code, 'reporter' as role from core.trade_flow f
        where f.reporter_iso3 is null and not exists (select 1 from core.country c where c.code = f.reporter_code)
        union all
        select f.source_format, f.partner_code, 'partner' from core.trade_flow f
        where f.partner_iso3 is null and not exists (select 1 from core.country c where c.code = f.partner_code)
      ) u group by 1, 2, 3`.execute(t.wh.db)
    const key = (u: { source_format: string; code: string; role: string }) => `${u.source_format}|${u.role}|${u.code}`
    expect(old.rows).toEqual(expect.arrayContaining([{ source_format: 'baci', code: '999', role: 'reporter', rows: 1 }, { source_format: 'baci', code: '998', role: 'partner', rows: 2 }]))
    expect(old.rows.length).toBeLessThanOrEqual(50)
    expect(new Map(status.unknownCodes.map((u) => [key(u), u.rows]))).toEqual(new Map(old.rows.map((u) => [key(u), u.rows])))
    expect(status.unknownCodes.map((u) => u.rows)).toEqual([...status.unknownCodes.map((u) => u.rows)].sort((a, b) => b - a))
  })
})
