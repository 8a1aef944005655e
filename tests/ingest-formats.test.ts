import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ingestFiles } from '../src/jobs/index.ts'
import { rawColumn, readRawTable, sumUnits, toUnits } from './helpers/raw-csv.ts'
import { ENGINES, createTestWarehouse, silentLog, type TestWarehouse } from './helpers/warehouse.ts'

const FILES = {
  plus: 'fixtures/comtrade-plus/thailand-ic-imports-plus.csv',
  china: 'fixtures/comtrade-plus/china-total-2022-plus.csv',
  names: 'fixtures/comtrade-plus/germany-crude-imports-names.csv',
  bulk: 'fixtures/comtrade/india-china-bulk-codes.csv',
  comext: 'fixtures/comext/critical-inputs-cn8-2022-2024.csv',
  baci: 'fixtures/baci/BACI_HS17_V202301.zip',
} as const

/** Sum of a numeric column in the warehouse, in the raw helper's integer units. */
async function dbSum(t: TestWarehouse, column: 'value_usd' | 'value_eur' | 'net_mass_t', sourceFile: string): Promise<bigint> {
  const r = await sql<{ total: string | null }>`select sum(${sql.ref(column)})::text as total from reporting.trade_flow where source_file like ${`${sourceFile}%`}`.execute(t.wh.db)
  return toUnits(r.rows[0]?.total ?? '0')
}

describe.each(ENGINES)('every layout through the warehouse on the %s engine', (engine) => {
  let t: TestWarehouse
  beforeAll(async () => {
    t = await createTestWarehouse(engine)
    const summaries = await ingestFiles(t.wh, Object.values(FILES), { log: silentLog })
    expect(summaries.filter((s) => s.error !== undefined)).toEqual([])
    for (const s of summaries) expect(s.rowsRead).toBe(s.rowsLoaded + s.rowsRejected)
  })
  afterAll(async () => t?.close())

  it('Comtrade Plus: value of primary rows equals the file, ISO3 from codes', async () => {
    const raw = readRawTable(FILES.plus, 'windows-1252')
    // Codes are trimmed: the file has mosCode '0 ' on 433 rows, the same total as '0'.
    const at = (r: string[], name: string) => (r[raw.header.indexOf(name)] ?? '').trim()
    const primary = raw.rows.filter((r) => at(r, 'partner2Code') === '0' && at(r, 'customsCode') === 'C00' && at(r, 'motCode') === '0' && at(r, 'mosCode') === '0')
    expect(primary).toHaveLength(raw.rows.length)
    expect(await dbSum(t, 'value_usd', FILES.plus)).toBe(sumUnits(primary.map((r) => r[raw.header.indexOf('primaryValue')] ?? '')))
    // Every partner gets an ISO3 but 'Areas, nes' (899), which is no country (the file says '_X ').
    const iso = await sql<{ partner_code: string }>`select distinct partner_code from reporting.trade_flow where source_file = ${FILES.plus} and (reporter_iso3 is null or partner_iso3 is null)`.execute(t.wh.db)
    expect(iso.rows).toEqual([{ partner_code: '899' }])
  })

  it('Comtrade Plus totals: World is W00 and sums exactly', async () => {
    const raw = readRawTable(FILES.china, 'windows-1252')
    expect(await dbSum(t, 'value_usd', FILES.china)).toBe(sumUnits(rawColumn(raw, 'primaryValue')))
    const world = await sql<{ n: number }>`select count(*)::int as n from reporting.trade_flow where source_file = ${FILES.china} and partner_iso3 = 'W00'`.execute(t.wh.db)
    expect(world.rows[0]?.n).toBe(rawColumn(raw, 'partnerISO').filter((p) => p === 'W00').length)
  })

  it('names-only export: breakdown by second partner does not double the total; names map to ISO3', async () => {
    const r = await sql<{ net_mass_t: string; partner_iso3: string }>`
      select net_mass_t::text, partner_iso3 from reporting.trade_flow where source_file = ${FILES.names} and year = 2022 and partner_code = 'Azerbaijan'`.execute(t.wh.db)
    expect(r.rows).toEqual([{ net_mass_t: '2242019', partner_iso3: 'AZE' }])
    // Windows-1252 names decode right and map to ISO3.
    const names = await sql<{ code: string; iso3: string }>`
      select distinct partner_code as code, partner_iso3 as iso3 from reporting.trade_flow
      where source_file = ${FILES.names} and partner_code in ('Côte d''Ivoire', 'Türkiye') order by 1`.execute(t.wh.db)
    expect(names.rows).toEqual([{ code: "Côte d'Ivoire", iso3: 'CIV' }])
    const second = await sql<{ n: number }>`
      select count(*)::int as n from core.trade_flow f join etl.source_file s using (file_id)
      where s.path = ${FILES.names} and f.partner2_code = 'Türkiye'`.execute(t.wh.db)
    expect(second.rows[0]?.n).toBe(15)
    const breakdowns = await sql<{ n: number }>`select count(*)::int as n from core.trade_flow f join etl.source_file s using (file_id) where s.path = ${FILES.names} and not f.is_primary`.execute(t.wh.db)
    expect(breakdowns.rows[0]?.n).toBeGreaterThan(0)
  })

  it('older bulk layout: values exact, flows 1/2 as M/X, ISO3 from codes', async () => {
    const raw = readRawTable(FILES.bulk)
    expect(await dbSum(t, 'value_usd', FILES.bulk)).toBe(sumUnits(rawColumn(raw, 'Value')))
    const flows = await sql<{ flow: string; reporter_iso3: string; partner_iso3: string }>`
      select distinct flow, reporter_iso3, partner_iso3 from reporting.trade_flow where source_file = ${FILES.bulk} order by flow`.execute(t.wh.db)
    expect(flows.rows).toEqual([{ flow: 'M', reporter_iso3: 'IND', partner_iso3: 'CHN' }, { flow: 'X', reporter_iso3: 'IND', partner_iso3: 'CHN' }])
  })

  it('Comext: values stay in euros, never relabelled as dollars; ISO2 codes map to ISO3', async () => {
    const raw = readRawTable(FILES.comext)
    expect(await dbSum(t, 'value_eur', FILES.comext)).toBe(sumUnits(rawColumn(raw, 'VALUE_IN_EUROS')))
    expect(await dbSum(t, 'value_usd', FILES.comext)).toBe(0n)
    const r = await sql<{ n: number }>`select count(*)::int as n from reporting.trade_flow where source_file = ${FILES.comext} and reporter_code = 'AT' and reporter_iso3 = 'AUT'`.execute(t.wh.db)
    expect(r.rows[0]?.n).toBeGreaterThan(0)
  })

  it('BACI zip: thousand USD become USD exactly, yearly members load, ISO3 from BACI codes', async () => {
    for (const year of [2021, 2022]) {
      const raw = readRawTable(`fixtures/baci/BACI_HS17_Y${year}_V202301.csv`)
      expect(await dbSum(t, 'value_usd', `${FILES.baci}!BACI_HS17_Y${year}`)).toBe(sumUnits(rawColumn(raw, 'v'), 3))
      expect(await dbSum(t, 'net_mass_t', `${FILES.baci}!BACI_HS17_Y${year}`)).toBe(sumUnits(rawColumn(raw, 'q')))
    }
    const yoy = await t.wh.db.selectFrom('reporting.trade_yoy').select(['net_mass_yoy_pct', 'net_mass_t_prev'])
      .where('reporter_iso3', '=', 'AZE').where('partner_iso3', '=', 'ISR').where('product_code', '=', '270900').where('year', '=', 2022).executeTakeFirstOrThrow()
    expect(yoy).toEqual({ net_mass_yoy_pct: '33.80', net_mass_t_prev: '1710762.111' })
  })
})
