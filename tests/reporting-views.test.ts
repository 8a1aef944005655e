import { readdirSync, readFileSync } from 'node:fs'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ingestFiles } from '../src/jobs/index.ts'
import { queryYoy } from '../src/load/index.ts'
import { readRawTable, toUnits } from './helpers/raw-csv.ts'
import { ENGINES, createTestWarehouse, silentLog, type TestWarehouse } from './helpers/warehouse.ts'

// Real Comtrade and Eurostat files (fixtures/PROVENANCE.md), and BACI's layout (synthetic rows).
const FILES = {
  china: 'fixtures/comtrade-plus/china-total-2022-plus.csv',
  thailand: 'fixtures/comtrade-plus/thailand-ic-imports-plus.csv',
  names: 'fixtures/comtrade-plus/germany-crude-imports-names.csv',
  cement: 'fixtures/comtrade/cement-legacy-35.csv',
  bulk: 'fixtures/comtrade/india-china-bulk-codes.csv',
  comext: 'fixtures/comext/critical-inputs-cn8-2022-2024.csv',
  baci: 'fixtures/baci/BACI_HS17_V202301.zip',
} as const

type Raw = ReturnType<typeof readRawTable>
const col = (raw: Raw, name: string) => {
  const i = raw.header.indexOf(name)
  if (i < 0) throw new Error(`no column ${name}`)
  return (r: string[]) => (r[i] ?? '').trim()
}

/** Sums of decimal literals by a key, in the raw helper's exact integer units. */
function sumBy(rows: readonly string[][], key: (r: string[]) => string, value: (r: string[]) => string): Map<string, bigint> {
  const out = new Map<string, bigint>()
  for (const r of rows) out.set(key(r), (out.get(key(r)) ?? 0n) + toUnits(value(r)))
  return out
}

describe.each(ENGINES)('reporting views on real trade files on the %s engine', (engine) => {
  let t: TestWarehouse
  beforeAll(async () => {
    t = await createTestWarehouse(engine)
    const summaries = await ingestFiles(t.wh, Object.values(FILES), { log: silentLog })
    expect(summaries.filter((s) => s.error !== undefined)).toEqual([])
  }, 120_000)
  afterAll(async () => t?.close())

  it('China, Germany, USA 2022 (Comtrade Plus): the sum over non-aggregate partners is the World row, nes areas included', async () => {
    const raw = readRawTable(FILES.china, 'windows-1252')
    const [reporter, flow, partner, value] = ['reporterCode', 'flowCode', 'partnerCode', 'primaryValue'].map((n) => col(raw, n)) as [(r: string[]) => string, (r: string[]) => string, (r: string[]) => string, (r: string[]) => string]
    // The file's own reading: World is partner 0; it holds no grouping (97 EU) as partner.
    expect(raw.rows.filter((r) => partner(r) === '97')).toEqual([])
    const key = (r: string[]) => `${reporter(r)}/${flow(r)}`
    const world = sumBy(raw.rows.filter((r) => partner(r) === '0'), key, value)
    const partners = sumBy(raw.rows.filter((r) => partner(r) !== '0'), key, value)
    const { rows } = await sql<{ k: string; partners: string; world: string; without_nes: string }>`
      select t.reporter_code || '/' || t.flow as k,
             sum(t.value) filter (where not t.partner_is_aggregate)::text as partners,
             sum(t.value) filter (where t.partner_is_aggregate)::text as world,
             sum(t.value) filter (where not t.partner_is_aggregate and c.area_kind <> 'nes area')::text as without_nes
      from reporting.trade_flow t join reporting.country c on c.code = t.partner_code
      where t.source_file = ${FILES.china} group by 1 order by 1`.execute(t.wh.db)
    expect(rows).toHaveLength(6)
    for (const r of rows) {
      expect(toUnits(r.partners), r.k).toBe(partners.get(r.k))
      expect(toUnits(r.world), r.k).toBe(world.get(r.k))
      // Comtrade Plus publishes values to 3 decimals: at most one unit of the last digit per row apart.
      const gap = toUnits(r.world) - toUnits(r.partners)
      expect(gap < 0n ? -gap : gap, r.k).toBeLessThanOrEqual(toUnits('0.003'))
      // Leaving nes areas out (Other Asia nes, Areas nes, Bunkers) loses 2-15 % of the total.
      expect(Number(r.without_nes) / Number(r.world), r.k).toBeLessThan(0.99)
    }
    expect(rows.filter((r) => r.partners === r.world).length).toBe(5)
  })

  it('on every real Comtrade file with both, World and the partner sum differ by less than the rounding of the partner rows', async () => {
    const { rows } = await sql<{ source_file: string; period: string; partners: string; world: string; n: number }>`
      select source_file, period, reporter_code, flow, product_code,
             sum(value) filter (where not partner_is_aggregate)::text as partners,
             sum(value) filter (where partner_is_aggregate)::text as world,
             count(*) filter (where not partner_is_aggregate)::int as n
      from reporting.trade_flow
      where source_format in ('comtrade', 'comtrade-plus')
      group by 1, 2, 3, 4, 5
      having count(*) filter (where partner_is_aggregate) = 1 and count(*) filter (where not partner_is_aggregate) > 0`.execute(t.wh.db)
    expect(new Set(rows.map((r) => r.source_file))).toEqual(new Set([FILES.china, FILES.thailand, FILES.names, FILES.cement]))
    expect(rows).toHaveLength(6 + 11 + 6 + 21)
    // Each partner row is written to whole dollars (cement, Thailand) or cents (Germany): each can
    // be up to one dollar off the unrounded value the World row was summed from.
    for (const r of rows) {
      const gap = Math.abs(Number(r.world) - Number(r.partners))
      expect(gap, `${r.source_file} ${r.period}`).toBeLessThan(r.n)
      expect(gap / Number(r.world)).toBeLessThan(1e-6)
    }
  })

  it('cement (EU-28 imports, legacy Comtrade): from 2010 the value column is truncated to whole dollars; the CIF column with its decimals sums to World', async () => {
    const raw = readRawTable(FILES.cement)
    const [year, partner, customs, value, cif] = ['Year', 'Partner Code', 'Customs Proc. Code', 'Trade Value (US$)', 'CIF Trade Value (US$)'].map((n) => col(raw, n)) as [(r: string[]) => string, (r: string[]) => string, (r: string[]) => string, (r: string[]) => string, (r: string[]) => string]
    const primary = raw.rows.filter((r) => ['', 'C00'].includes(customs(r)) && Number(year(r)) >= 2010)
    // Every value is the CIF value cut to whole dollars (0 <= CIF - value < 1).
    for (const r of primary) {
      const cut = toUnits(cif(r)) - toUnits(value(r))
      expect(cut >= 0n && cut < toUnits('1'), `${year(r)} ${partner(r)}`).toBe(true)
    }
    const { rows } = await sql<{ year: number; gap: string }>`
      select year, (sum(value) filter (where partner_is_aggregate) - sum(value) filter (where not partner_is_aggregate))::text as gap
      from reporting.trade_flow where source_file = ${FILES.cement} and year >= 2010 group by year order by year`.execute(t.wh.db)
    expect(rows).toHaveLength(11)
    for (const r of rows) {
      const ofYear = primary.filter((x) => year(x) === String(r.year))
      const partners = ofYear.filter((x) => partner(x) !== '0')
      const worldCif = toUnits(cif(ofYear.find((x) => partner(x) === '0') as string[]))
      const cifSum = partners.reduce((s, x) => s + toUnits(cif(x)), 0n)
      // The CIF column (3 decimals) sums to World within the rounding of its last digit...
      const cifGap = worldCif - cifSum
      expect(cifGap < 0n ? -cifGap : cifGap, String(r.year)).toBeLessThanOrEqual(BigInt(partners.length) * toUnits('0.0005'))
      // ... and the gap in the warehouse is exactly what truncating each value to dollars lost.
      const truncated = partners.reduce((s, x) => s + toUnits(cif(x)) - toUnits(value(x)), 0n) - (worldCif - toUnits(value(ofYear.find((x) => partner(x) === '0') as string[])))
      expect(toUnits(r.gap), String(r.year)).toBe(truncated + cifGap)
    }
  })

  it('names, aggregates and descriptions: no schema outside reporting needed', async () => {
    const { rows } = await sql<Record<string, unknown>>`
      select distinct reporter_code, reporter_name, reporter_is_aggregate, partner_code, partner_name, partner_is_aggregate, product_code, product_description
      from reporting.trade_flow
      where (source_file = ${FILES.cement} and partner_code in ('0', '792') and year = 2015)
         or (source_file = ${FILES.china} and reporter_code = '156' and partner_code in ('490', '899'))
      order by reporter_code, partner_code`.execute(t.wh.db)
    expect(rows).toMatchObject([
      { reporter_code: '156', reporter_name: 'China', reporter_is_aggregate: false, partner_code: '490', partner_name: 'Other Asia, nes', partner_is_aggregate: false, product_description: 'All commodities' },
      { reporter_code: '156', partner_code: '899', partner_name: 'Areas, nes', partner_is_aggregate: false },
      { reporter_code: '97', reporter_is_aggregate: true, partner_code: '0', partner_name: 'World', partner_is_aggregate: true, product_code: '252310' },
      { reporter_code: '97', reporter_is_aggregate: true, partner_code: '792', partner_is_aggregate: false },
    ])
    expect(String(rows[2]?.product_description)).toMatch(/clinker/i)
    // Comext CN8 codes are described by their HS subheading: CN 26151000 is in HS 261510.
    const cn = await sql<{ d: string }>`select distinct product_description as d from reporting.trade_flow where source_file = ${FILES.comext} and product_code = '26151000'`.execute(t.wh.db)
    expect(cn.rows).toHaveLength(1)
    expect(cn.rows[0]?.d).toMatch(/zirconium/i)
  })

  it('HS2 and HS4 roll-ups are the sums of the six-digit rows of the file; beside India\'s own headings they differ only by rounding', async () => {
    const raw = readRawTable(FILES.bulk)
    const [flow, product, value] = ['Trade Flow Code', 'Commodity Code', 'Value'].map((n) => col(raw, n)) as [(r: string[]) => string, (r: string[]) => string, (r: string[]) => string]
    const six = raw.rows.filter((r) => product(r).length === 6)
    const fl = (r: string[]) => (flow(r) === '1' ? 'M' : 'X')
    const expected = new Map([...sumBy(six, (r) => `${fl(r)}/${product(r).slice(0, 2)}`, value), ...sumBy(six, (r) => `${fl(r)}/${product(r).slice(0, 4)}`, value)])
    const reported = sumBy(raw.rows.filter((r) => product(r).length < 6), (r) => `${fl(r)}/${product(r)}`, value)
    const { rows } = await sql<{ k: string; value: string; rows_summed: number; product_level: number }>`
      select flow || '/' || product_code as k, value::text, rows_summed, product_level
      from reporting.product_rollup where reporter_iso3 = 'IND' and partner_iso3 = 'CHN' and source_format = 'comtrade'`.execute(t.wh.db)
    expect(rows.length).toBe(expected.size)
    for (const r of rows) expect(toUnits(r.value), r.k).toBe(expected.get(r.k))
    expect(rows.reduce((n, r) => n + r.rows_summed, 0)).toBe(six.length * 2)
    // Beside the file's own 2- and 4-digit rows: each six-digit value is rounded to a dollar, so
    // a sum of n of them may be n dollars off. Every heading is; three chapters are not, because
    // India files confidential trade under 99 (not classified) at six digits but in its own
    // chapter at two: what chapters 38 and 92 lack at six digits is what 99 has too much.
    const off = new Map<string, bigint>()
    for (const r of rows) {
      const own = reported.get(r.k)
      if (own === undefined) continue
      const gap = own - toUnits(r.value)
      if ((gap < 0n ? -gap : gap) > BigInt(r.rows_summed) * toUnits('1')) off.set(r.k, gap)
    }
    expect([...off.keys()].sort()).toEqual(['M/38', 'M/92', 'M/99', 'X/38', 'X/99'])
    for (const f of ['M', 'X']) {
      const net = [...off].filter(([k]) => k.startsWith(f)).reduce((s, [, g]) => s + g, 0n)
      expect(net < 0n ? -net : net, f).toBeLessThanOrEqual(toUnits('2'))
    }
    expect(rows.filter((r) => r.product_level === 4 && reported.has(r.k)).length).toBe(1976)
  })

  it('Comext CN8 rows roll up to HS chapters in euros', async () => {
    const raw = readRawTable(FILES.comext)
    const [reporter, period, product, value] = ['DECLARANT_ISO', 'PERIOD', 'PRODUCT_NC', 'VALUE_IN_EUROS'].map((n) => col(raw, n)) as [(r: string[]) => string, (r: string[]) => string, (r: string[]) => string, (r: string[]) => string]
    const expected = sumBy(raw.rows, (r) => `${reporter(r)}/${period(r)}/${product(r).slice(0, 2)}`, value)
    const { rows } = await sql<{ k: string; v: string; usd: string | null; currency: string }>`
      select reporter_code || '/' || period || '/' || product_code as k, sum(value)::text as v, max(value_usd)::text as usd, max(currency) as currency
      from reporting.product_rollup where source_format = 'comext' and product_level = 2 group by 1`.execute(t.wh.db)
    expect(rows.length).toBe(expected.size)
    for (const r of rows) expect(toUnits(r.v), r.k).toBe(expected.get(r.k))
    expect(new Set(rows.map((r) => `${r.currency} ${r.usd}`))).toEqual(new Set(['EUR null']))
  })

  it('report yoy --product 27 finds the chapter summed from BACI\'s six-digit rows', async () => {
    const { rows } = await queryYoy(t.wh, { reporter: 'AZE', partner: 'ISR', product: '27' })
    // BACI_HS17 Azerbaijan -> Israel: the file's HS 27 rows, in thousand USD (independent reading).
    const expected = new Map<number, bigint>()
    for (const year of [2021, 2022]) {
      const raw = readRawTable(`fixtures/baci/BACI_HS17_Y${year}_V202301.csv`)
      const [i, j, k, v] = ['i', 'j', 'k', 'v'].map((n) => col(raw, n)) as [(r: string[]) => string, (r: string[]) => string, (r: string[]) => string, (r: string[]) => string]
      const hs27 = raw.rows.filter((r) => i(r) === '31' && j(r) === '376' && k(r).padStart(6, '0').startsWith('27'))
      expect(hs27.length).toBeGreaterThan(0)
      expected.set(year, hs27.reduce((s, r) => s + toUnits(v(r), 3), 0n))
    }
    expect(rows.map((r) => [r.source_format, r.product_code, r.year])).toEqual([['baci', '27', 2021], ['baci', '27', 2022]])
    for (const r of rows) expect(toUnits(r.value_usd)).toBe(expected.get(r.year ?? 0))
    expect(rows[1]?.value_usd_prev).toBe(rows[0]?.value_usd)
    expect(Number(rows[1]?.value_yoy_pct)).toBeCloseTo((Number(rows[1]?.value_usd) / Number(rows[0]?.value_usd) - 1) * 100, 1)
    // A chapter the source reports itself keeps the source's row, not a second one summed from leaves.
    const { rows: india } = await queryYoy(t.wh, { reporter: 'IND', product: '27', flow: 'M' })
    expect(india.map((r) => [r.source_format, r.value_usd])).toEqual([['comtrade', '637557813']])
  })

  it('mirror flows set each exporter\'s declaration beside its importer\'s, as the file gives them', async () => {
    const raw = readRawTable(FILES.china, 'windows-1252')
    const [reporter, flow, partner, value] = ['reporterISO', 'flowCode', 'partnerISO', 'primaryValue'].map((n) => col(raw, n)) as [(r: string[]) => string, (r: string[]) => string, (r: string[]) => string, (r: string[]) => string]
    const declared = (from: string, fl: string, to: string) => raw.rows.find((r) => reporter(r) === from && flow(r) === fl && partner(r) === to)
    const { rows } = await sql<{ exporter_iso3: string; importer_iso3: string; export_value: string; import_value: string; value_gap: string; value_gap_pct: string; cif_fob_note: string }>`
      select exporter_iso3, importer_iso3, export_value::text, import_value::text, value_gap::text, value_gap_pct::text, cif_fob_note
      from reporting.mirror_flow where source_format = 'comtrade-plus' and product_code = 'TOTAL' and year = 2022`.execute(t.wh.db)
    expect(rows.map((r) => `${r.exporter_iso3}>${r.importer_iso3}`).sort()).toEqual(['CHN>DEU', 'CHN>USA', 'DEU>CHN', 'DEU>USA', 'USA>CHN', 'USA>DEU'])
    for (const r of rows) {
      const x = declared(r.exporter_iso3, 'X', r.importer_iso3) as string[]
      const m = declared(r.importer_iso3, 'M', r.exporter_iso3) as string[]
      expect(toUnits(r.export_value)).toBe(toUnits(value(x)))
      expect(toUnits(r.import_value)).toBe(toUnits(value(m)))
      expect(toUnits(r.value_gap)).toBe(toUnits(value(m)) - toUnits(value(x)))
      expect(r.cif_fob_note).toMatch(Number(r.value_gap_pct) < 0 ? /below/ : Number(r.value_gap_pct) <= 6 ? /within/ : /more than/)
    }
    // USA's exports to China 153.8 bn, China's imports from the USA 179.0 bn: 16.33 % above.
    expect(rows.find((r) => r.exporter_iso3 === 'USA' && r.importer_iso3 === 'CHN')?.value_gap_pct).toBe('16.33')
  })

  it('partner shares add up to 100 % of the sum over partners, which equals World; rank 1 is the largest partner', async () => {
    const raw = readRawTable(FILES.china, 'windows-1252')
    const [reporter, flow, partner, value] = ['reporterCode', 'flowCode', 'partnerCode', 'primaryValue'].map((n) => col(raw, n)) as [(r: string[]) => string, (r: string[]) => string, (r: string[]) => string, (r: string[]) => string]
    const imports = raw.rows.filter((r) => reporter(r) === '156' && flow(r) === 'M' && partner(r) !== '0')
    const largest = imports.reduce((a, b) => (toUnits(value(b)) > toUnits(value(a)) ? b : a))
    const { rows } = await sql<{ partner_code: string; value_share_pct: string; partners_value: string; world_value: string; partner_rank: number }>`
      select partner_code, value_share_pct::text, partners_value::text, world_value::text, partner_rank
      from reporting.partner_share where reporter_iso3 = 'CHN' and flow = 'M' and product_code = 'TOTAL' and period = '2022' order by partner_rank`.execute(t.wh.db)
    expect(rows).toHaveLength(imports.length)
    expect(rows.map((r) => r.partner_code)).not.toContain('0')
    expect(rows[0]).toMatchObject({ partner_code: partner(largest), partner_rank: 1 })
    expect(toUnits(rows[0]?.partners_value ?? '')).toBe(imports.reduce((s, r) => s + toUnits(value(r)), 0n))
    expect(rows[0]?.world_value).toBe(rows[0]?.partners_value)
    expect(rows.reduce((s, r) => s + Number(r.value_share_pct), 0)).toBeCloseTo(100, 1)
  })

  it('every example query in sql/reports runs on the fixture data and returns plausible rows', async () => {
    const dir = 'sql/reports'
    const files = readdirSync(dir).filter((f) => f.endsWith('.sql')).sort()
    expect(files.length).toBeGreaterThanOrEqual(5)
    const results = new Map<string, Record<string, unknown>[]>()
    for (const f of files) {
      const text = readFileSync(`${dir}/${f}`, 'utf8')
      expect(text, f).toMatch(/^-- /)
      // A BI user pastes the file as it is: one statement, reading nothing outside reporting.
      expect(text.replace(/--.*$/gm, ''), f).not.toMatch(/\b(core|etl|staging)\./)
      results.set(f, (await sql<Record<string, unknown>>`${sql.raw(text)}`.execute(t.wh.db)).rows)
      expect(results.get(f)?.length, f).toBeGreaterThan(0)
    }
    const top = results.get('top-partners.sql') ?? []
    expect(top.length).toBe(10)
    expect(top[0]).toMatchObject({ partner_rank: 1, partner_name: 'Other Asia, nes' })
    for (const [a, b] of top.slice(1).map((r, i) => [top[i], r])) expect(Number(a?.value_usd)).toBeGreaterThanOrEqual(Number(b?.value_usd))
    const pair = results.get('pair-yoy.sql') ?? []
    expect(pair.map((r) => r.year)).toEqual([2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024])
    for (const [a, b] of pair.slice(1).map((r, i) => [pair[i], r])) expect(b?.value_usd_prev).toBe(a?.value_usd)
    const gaps = results.get('mirror-gaps.sql') ?? []
    expect(gaps[0]).toMatchObject({ exporter_iso3: 'CHN', importer_iso3: 'DEU' })
    const totals = results.get('reporter-totals.sql') ?? []
    for (const r of totals) expect(Math.abs(Number(r.partners_usd) - Number(r.world_usd))).toBeLessThan(Number(r.partners))
    const hs2 = results.get('hs2-rollup.sql') ?? []
    expect(hs2.map((r) => r.hs2_code)).toContain('27')
    const shares = results.get('partner-share-over-years.sql') ?? []
    for (const r of shares) expect(Number(r.value_share_pct)).toBeGreaterThan(0)
    expect(shares.every((r) => Number(r.value_share_pct) <= 100)).toBe(true)
  })
})
