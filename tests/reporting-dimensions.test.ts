import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ENGINES, createTestWarehouse, type TestWarehouse } from './helpers/warehouse.ts'

describe.each(ENGINES)('reporting.country and reporting.product on the %s engine', (engine) => {
  let t: TestWarehouse
  beforeAll(async () => {
    t = await createTestWarehouse(engine)
  })
  afterAll(async () => t?.close())

  it('marks World and the EU as aggregates, and nes areas and countries as not', async () => {
    const { rows } = await sql<{ code: string; is_aggregate: boolean; area_kind: string }>`
      select code, is_aggregate, area_kind from reporting.country
      where code in ('0', 'WLD', 'World', '97', 'European Union', '490', '899', '837', '31', 'AZE', 'AZ', '376')
      order by code`.execute(t.wh.db)
    const byCode = Object.fromEntries(rows.map((r) => [r.code, [r.is_aggregate, r.area_kind]]))
    expect(byCode).toEqual({
      '0': [true, 'world'], WLD: [true, 'world'], World: [true, 'world'],
      '97': [true, 'group'], 'European Union': [true, 'group'],
      '490': [false, 'nes area'], '899': [false, 'nes area'], '837': [false, 'nes area'],
      '31': [false, 'country'], AZE: [false, 'country'], AZ: [false, 'country'], '376': [false, 'country'],
    })
  })

  it('gives HS products their chapter and heading, and none to other classifications', async () => {
    const { rows } = await sql<{ classification: string; code: string; hs2_code: string | null; hs4_code: string | null; description: string }>`
      select classification, code, hs2_code, hs4_code, description from reporting.product
      where (classification, code) in (('H3', '270900'), ('H3', '27'), ('HS17', '270900'))
      order by classification, code`.execute(t.wh.db)
    expect(rows.map((r) => [r.classification, r.code, r.hs2_code, r.hs4_code])).toEqual([
      ['H3', '27', '27', null], ['H3', '270900', '27', '2709'], ['HS17', '270900', '27', '2709'],
    ])
    expect(rows[1]?.description).toMatch(/petroleum/i)
  })

  it('comments both views and every one of their columns', async () => {
    const { rows } = await sql<{ relname: string; attname: string | null; described: boolean }>`
      select c.relname, a.attname, d.description is not null as described
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      left join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
      left join pg_description d on d.objoid = c.oid and d.objsubid = coalesce(a.attnum, 0)
      where n.nspname = 'reporting' and c.relname in ('country', 'product')`.execute(t.wh.db)
    expect(rows.length).toBeGreaterThan(10)
    expect(rows.filter((r) => !r.described)).toEqual([])
    const views = await sql<{ relname: string }>`
      select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'reporting' and c.relname in ('country', 'product') and obj_description(c.oid, 'pg_class') is not null`.execute(t.wh.db)
    expect(views.rows).toHaveLength(2)
  })
})
