import { readFileSync } from 'node:fs'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ingestFiles } from '../src/jobs/index.ts'
import { readRawTable, toUnits } from './helpers/raw-csv.ts'
import { ENGINES, createTestWarehouse, silentLog, type TestWarehouse } from './helpers/warehouse.ts'

/**
 * Every real fixture layout, loaded one file at a time, BACI's 2022 before its 2021 (so the
 * later load has to revise the year after it), then the Thai file again as a revised release.
 */
const FILES = [
  'fixtures/baci/BACI_HS17_Y2022_V202301.csv',
  'fixtures/baci/BACI_HS17_Y2021_V202301.csv',
  'fixtures/comtrade/sitc-petroleum-legacy-35.csv',
  'fixtures/comtrade/totals-legacy-35.csv',
  'fixtures/comtrade/usa-china-legacy-12.csv',
  'fixtures/comtrade/india-china-bulk-codes.csv',
  'fixtures/comtrade/bicycles-legacy-35.csv',
  'fixtures/comtrade-plus/china-total-2022-plus.csv',
  'fixtures/comtrade-plus/thailand-ic-imports-plus.csv',
  'fixtures/comtrade-plus/germany-crude-imports-names.csv',
  'fixtures/comext/critical-inputs-cn8-2022-2024.csv',
] as const
const COMEXT = 'fixtures/comext/critical-inputs-cn8-2022-2024.csv'

/** The year-over-year view as sql/0007 defined it: a window over every fact, per query. */
function oldDefinition(): string {
  const text = readFileSync('sql/0007_create_coded_trade_fact.sql', 'utf8')
  const start = text.indexOf('create or replace view reporting.trade_yoy as')
  const end = text.indexOf(';', start)
  // Kept as a table: the comparisons below read it three times.
  return `create temp table old_trade_yoy as select * from (${text.slice(start, end).replace('create or replace view reporting.trade_yoy as', '')}) v`
}

const OLD_COLUMNS = sql.raw(`source_format, reporter_code, reporter_iso3, partner_code, partner_iso3, flow, product_code, year,
  classification, classification_prev, value_usd, value_usd_prev, net_mass_t, net_mass_t_prev, net_mass_yoy_pct`)

describe.each(ENGINES)('reporting.trade_yoy computed from the facts on the %s engine', (engine) => {
  let t: TestWarehouse
  beforeAll(async () => {
    t = await createTestWarehouse(engine)
    for (const file of FILES) {
      const [summary] = await ingestFiles(t.wh, [file], { log: silentLog })
      expect(summary?.error).toBeUndefined()
    }
  })
  afterAll(async () => t?.close())

  // The old view costs ~20 s on the embedded engine: the comparison runs on one engine, the server
  // when there is one (the view is the same SQL on both; the other tests here run on each).
  it.runIf(engine === 'server' || !ENGINES.includes('server'))('gives the same rows as the window-function view of sql/0007, on every layout', async () => {
    await sql.raw(oldDefinition()).execute(t.wh.db)
    const count = async (q: string) => Number((await sql.raw<{ n: string }>(q).execute(t.wh.db)).rows[0]?.n)
    const total = await count('select count(*) as n from reporting.trade_yoy')
    expect(total).toBe(await count('select count(*) as n from old_trade_yoy'))
    expect(total).toBeGreaterThan(5000)
    // Rows with a previous year, so the lag is exercised across loads (BACI 2022 before 2021).
    expect(await count("select count(*) as n from reporting.trade_yoy where source_format = 'baci' and value_usd_prev is not null")).toBeGreaterThan(0)
    const onlyNew = await sql`select ${OLD_COLUMNS} from reporting.trade_yoy except all select ${OLD_COLUMNS} from old_trade_yoy`.execute(t.wh.db)
    const onlyOld = await sql`select ${OLD_COLUMNS} from old_trade_yoy except all select ${OLD_COLUMNS} from reporting.trade_yoy`.execute(t.wh.db)
    expect(onlyNew.rows).toEqual([])
    expect(onlyOld.rows).toEqual([])
    // value_yoy_pct: the same wherever the old view had one (USD); only euro rows gained one.
    const pct = await sql<{ same: string; gained_usd: string; gained_eur: string }>`
      select count(*) filter (where o.value_yoy_pct = n.value_yoy_pct) as same,
             count(*) filter (where o.value_yoy_pct is null and n.value_yoy_pct is not null and n.currency = 'USD') as gained_usd,
             count(*) filter (where o.value_yoy_pct is null and n.value_yoy_pct is not null and n.currency = 'EUR') as gained_eur,
             count(*) filter (where o.value_yoy_pct is not null) as old_count
      from old_trade_yoy o join reporting.trade_yoy n
        using (source_format, reporter_code, partner_code, flow, product_code, year)`.execute(t.wh.db)
    const p = pct.rows[0] as { same: string; gained_usd: string; gained_eur: string; old_count: string }
    expect(p.same).toBe(p.old_count)
    expect(Number(p.gained_usd)).toBe(0)
    expect(Number(p.gained_eur)).toBeGreaterThan(0)
  })

  it('gives Comext its change in euros, as a reading of the file computes it', async () => {
    // Independent reading: sum VALUE_IN_EUROS per declarant, partner, product, flow and year.
    const raw = readRawTable(COMEXT)
    const col = (name: string) => raw.header.indexOf(name)
    const sums = new Map<string, bigint>()
    for (const r of raw.rows) {
      const key = [r[col('DECLARANT_ISO')], r[col('PARTNER_ISO')], r[col('PRODUCT_NC')], r[col('FLOW')] === '1' ? 'M' : 'X', r[col('PERIOD')]].join('|')
      sums.set(key, (sums.get(key) ?? 0n) + toUnits(r[col('VALUE_IN_EUROS')] as string))
    }
    const expected = new Map<string, string>()
    for (const [key, value] of sums) {
      const parts = key.split('|')
      const prev = sums.get([...parts.slice(0, 4), String(Number(parts[4]) - 1)].join('|'))
      if (prev === undefined || prev === 0n) continue
      // round(100 * (value - prev) / prev, 2), half away from zero, in integers.
      const scaled = (value - prev) * 10000n
      const sign = (scaled < 0n) !== (prev < 0n) ? -1n : 1n
      const q = (scaled * 2n + sign * (prev < 0n ? -prev : prev)) / (2n * prev)
      const abs = q < 0n ? -q : q
      expected.set(key, `${q < 0n ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`)
    }
    expect(expected.size).toBeGreaterThan(100)
    const rows = await sql<{ key: string; pct: string }>`
      select concat_ws('|', reporter_code, partner_code, product_code, flow, year) as key, value_yoy_pct::text as pct
      from reporting.trade_yoy where source_format = 'comext' and value_yoy_pct is not null and currency = 'EUR' and value_usd is null`.execute(t.wh.db)
    expect(new Map(rows.rows.map((r) => [r.key, r.pct]))).toEqual(expected)
  })

  it('names the countries and products, and filters by ISO3 through the index', async () => {
    const row = await t.wh.db.selectFrom('reporting.trade_yoy').select(['reporter_name', 'partner_name', 'product_description', 'net_mass_yoy_pct'])
      .where('reporter_iso3', '=', 'AZE').where('partner_iso3', '=', 'ISR').where('product_code', '=', '270900').where('year', '=', 2022)
      .where('source_format', '=', 'baci').executeTakeFirstOrThrow()
    expect(row.net_mass_yoy_pct).toBe('33.80')
    expect(row.reporter_name).toMatch(/Azerbaijan/)
    expect(row.partner_name).toMatch(/Israel/)
    expect(row.product_description).toMatch(/petroleum/i)
  })

  it('applies ISO3 filters below the sums and the window, before facts are read (sql/0060)', async () => {
    const plan = await sql<{ 'QUERY PLAN': unknown }>`explain (format json)
      select * from reporting.trade_yoy where reporter_iso3 = 'AZE' and partner_iso3 = 'ISR'`.execute(t.wh.db)
    type PlanNode = Record<string, unknown> & { Plans?: PlanNode[] }
    const raw = plan.rows[0]?.['QUERY PLAN']
    const root = ((typeof raw === 'string' ? JSON.parse(raw) : raw) as { Plan: PlanNode }[])[0]?.Plan as PlanNode
    const find = (node: PlanNode, match: (n: PlanNode) => boolean): PlanNode[] =>
      [...(match(node) ? [node] : []), ...(node.Plans ?? []).flatMap((c) => find(c, match))]
    const conditions = (n: PlanNode) => ['Filter', 'Index Cond', 'Join Filter', 'Recheck Cond'].map((k) => String(n[k] ?? '')).join(' ')
    const windows = find(root, (n) => n['Node Type'] === 'WindowAgg')
    expect(windows).toHaveLength(1)
    // Both ISO3s are tested under the window, on the country rows, not on its output.
    const below = find(windows[0] as PlanNode, (n) => /'AZE'/.test(conditions(n)) || /'ISR'/.test(conditions(n)))
    expect(below.map(conditions).join(' ')).toMatch(/'AZE'/)
    expect(below.map(conditions).join(' ')).toMatch(/'ISR'/)
    expect(find(root, (n) => n['Node Type'] !== 'WindowAgg' && /'AZE'/.test(conditions(n))).every((n) => below.includes(n))).toBe(true)
  })
})
