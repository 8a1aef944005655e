import { existsSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { CompiledQuery } from 'kysely'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { ingestFiles } from '../src/jobs/index.ts'
import { loadArticleFiles, loadPublishedFiles, runChecks } from '../src/jobs/index.ts'
import { listChecks, type CheckRow } from '../src/load/index.ts'
import { ENGINES, createTestWarehouse, silentLog, type TestWarehouse } from './helpers/warehouse.ts'

const CLAIMS = 'fixtures/articles/news-az-2025-03-08-azerbaijan-israel.claims.json'
const PUBLISHED = 'fixtures/published/faktyoxla-2795-azerbaijan-israel-oil-2023.json'
const SEED = '../shared/seed/article.txt'

const byText = (checks: readonly CheckRow[], text: string) => checks.find((c) => c.text.replace(/\s+/g, ' ').endsWith(text))

describe.each(ENGINES)('article figures checked against the warehouse on the %s engine', (engine) => {
  // A warehouse per test, so each runs alone and in any order.
  let t: TestWarehouse
  beforeEach(async () => {
    t = await createTestWarehouse(engine)
    await loadPublishedFiles(t.wh, [PUBLISHED], silentLog)
    await loadArticleFiles(t.wh, [{ path: CLAIMS }], silentLog)
  })
  afterEach(async () => t?.close())

  it('without flows for 2021-2022: insufficient data, saying what is missing and what the claim implies', async () => {
    await runChecks(t.wh, silentLog)
    const checks = await listChecks(t.wh.db)
    expect(byText(checks, '2.289 million tons')).toMatchObject({
      status: 'insufficient data', missing: expect.stringMatching(/no AZE -> ISR HS 2709 .* for 2022 .*it has 2023/),
    })
    expect(byText(checks, '33.8%')).toMatchObject({
      status: 'insufficient data', implied: '2,289,000 t in 2022 after +33.8 % implies 1,710,762 t in 2021',
    })
  })

  it('the share against the published demand figure: 2.2 Mt of about 12 Mt is 18.33 %, not nearly 40 %', async () => {
    await runChecks(t.wh, silentLog)
    const share = byText(await listChecks(t.wh.db), 'nearly 40%')
    expect(share).toMatchObject({ status: 'differs', recomputed: '18.3333', claimed: '40' })
    expect(share?.evidence).toContain('2023: 2,200,000 t of 12,000,000 t')
    expect(share?.basis).toContain('https://faktyoxla.az/az/news/view/2795')
  })

  it('with flows in the warehouse (BACI-shaped fixture): the level and the change are confirmed from the data', async () => {
    await ingestFiles(t.wh, ['fixtures/baci/BACI_HS17_V202301.zip'], { log: silentLog })
    await runChecks(t.wh, silentLog)
    const checks = await listChecks(t.wh.db)
    expect(byText(checks, '2.289 million tons')).toMatchObject({ status: 'confirmed', recomputed: '2289000', gap: '0' })
    const change = byText(checks, '33.8%')
    expect(change).toMatchObject({ status: 'confirmed' })
    expect(Number(change?.recomputed)).toBeCloseTo(33.8, 2)
    expect(change?.basis).toMatch(/^baci: 1 row\(s\) AZE->ISR X HS 2709xx \(6-digit lines\)/)
  })

  it('every verdict carries its inputs, the range allowed, and a query that reproduces its number', async () => {
    await ingestFiles(t.wh, ['fixtures/baci/BACI_HS17_V202301.zip'], { log: silentLog })
    await runChecks(t.wh, silentLog)
    const checks = (await listChecks(t.wh.db)).filter((c) => c.recomputed !== null)
    expect(checks.length).toBeGreaterThanOrEqual(3)
    for (const c of checks) {
      expect(c.query, c.text).toMatch(/^select /)
      const rows = await t.wh.db.executeQuery<{ value: string | number }>(CompiledQuery.raw(c.query ?? ''))
      expect(rows.rows, c.text).toHaveLength(1)
      // The query's own number, rounded as the check rounds it, equals the stored one.
      expect(Number(rows.rows[0]?.value), `${c.text}: ${c.query}`).toBeCloseTo(Number(c.recomputed), 2)
      expect(c.inputs, c.text).toMatchObject({ years: expect.any(Array), measure: expect.any(String) })
      expect(c.tolerance_low === null && c.tolerance_high === null, c.text).toBe(false)
    }
    const level = byText(await listChecks(t.wh.db), '2.289 million tons')
    expect(level?.inputs).toMatchObject({ source: 'baci', reporter: 'AZE', partner: 'ISR', product: '2709', flow: 'X', years: [2022], measure: 'net_mass_t' })
    const change = byText(await listChecks(t.wh.db), '33.8%')
    expect(change?.inputs).toMatchObject({ years: [2021, 2022] })
  })

  it.skipIf(!existsSync(SEED))('the founding article itself: its three trade claims are checked', async () => {
    await ingestFiles(t.wh, ['fixtures/baci/BACI_HS17_V202301.zip'], { log: silentLog })
    const [loaded] = await loadArticleFiles(t.wh, [{ path: SEED, url: 'https://news.az/#founding-article', published: '2025-03-08' }], silentLog)
    expect(loaded?.figures).toBeGreaterThan(10)
    await runChecks(t.wh, silentLog)
    const fromArticle = (await listChecks(t.wh.db)).filter((c) => c.article_url === 'https://news.az/#founding-article')
    const statuses = Object.fromEntries(fromArticle.filter((c) => c.text.length < 30).map((c) => [c.text.replace(/\s+/g, ' '), c.status]))
    expect(statuses).toMatchObject({ '2.289 million tons': 'confirmed', '33.8%': 'confirmed', '40%': 'differs' })
  })
})

describe.each(ENGINES)('checks that need the world as partner on the %s engine', (engine) => {
  let t: TestWarehouse
  beforeAll(async () => {
    t = await createTestWarehouse(engine)
    await ingestFiles(t.wh, ['fixtures/comtrade/sitc-petroleum-legacy-35.csv'], { log: silentLog })
  })
  afterAll(async () => t?.close())

  it('checks a level with no partner named against exports to the world, and a change from the same series', async () => {
    const path = `${mkdtempSync(`${tmpdir()}/trade-etl-claims-`)}/claims.json`
    writeFileSync(path, JSON.stringify({
      url: 'https://example.org/azerbaijan-petroleum',
      figures: [
        // Comtrade: Azerbaijan's SITC 33 exports to the world were 16,285,322,255 USD in 2018, 12,560,562,731 in 2017.
        { kind: 'money', value: '16300000000', unit: 'USD', text: '$16.3 billion', year: 2018, reporter: 'AZE', flow: 'X', hsCode: '33', measure: 'level' },
        { kind: 'percent', value: '29.7', unit: '%', text: '29.7%', year: 2018, reporter: 'AZE', flow: 'X', hsCode: '33', measure: 'change', changeDirection: 'increase' },
        { kind: 'money', value: '20000000000', unit: 'USD', text: '$20 billion', qualifier: 'more than', year: 2017, reporter: 'AZE', flow: 'X', hsCode: '33', measure: 'level' },
      ],
    }))
    await loadArticleFiles(t.wh, [{ path }], silentLog)
    await runChecks(t.wh, silentLog)
    const checks = await listChecks(t.wh.db)
    expect(byText(checks, '$16.3 billion')).toMatchObject({ status: 'confirmed', recomputed: '16285322255' })
    // 16,285,322,255 / 12,560,562,731 - 1 = +29.65 %, inside 29.65..29.75.
    expect(byText(checks, '29.7%')).toMatchObject({ status: 'confirmed' })
    expect(byText(checks, '$20 billion')).toMatchObject({ status: 'differs', recomputed: '12560562731' })
  })
})
