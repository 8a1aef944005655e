import { existsSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ingestFiles } from '../src/jobs/ingest-files.ts'
import { loadArticleFiles, loadPublishedFiles, runChecks } from '../src/jobs/figures.ts'
import { listChecks, type CheckRow } from '../src/load/index.ts'
import { ENGINES, createTestWarehouse, silentLog, type TestWarehouse } from './helpers/warehouse.ts'

const CLAIMS = 'fixtures/articles/news-az-2025-03-08-azerbaijan-israel.claims.json'
const PUBLISHED = 'fixtures/published/faktyoxla-2795-azerbaijan-israel-oil-2023.json'
const SEED = '../shared/seed/article.txt'

const byText = (checks: readonly CheckRow[], text: string) => checks.find((c) => c.text.replace(/\s+/g, ' ').endsWith(text))

describe.each(ENGINES)('article figures checked against the warehouse on the %s engine', (engine) => {
  let t: TestWarehouse
  beforeAll(async () => {
    t = await createTestWarehouse(engine)
    await loadPublishedFiles(t.wh, [PUBLISHED], silentLog)
    await loadArticleFiles(t.wh, [{ path: CLAIMS }], silentLog)
  })
  afterAll(async () => t?.close())

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

  it.skipIf(!existsSync(SEED))('the founding article itself: its three trade claims are checked', async () => {
    const [loaded] = await loadArticleFiles(t.wh, [{ path: SEED, url: 'https://news.az/#founding-article', published: '2025-03-08' }], silentLog)
    expect(loaded?.figures).toBeGreaterThan(10)
    await runChecks(t.wh, silentLog)
    const fromArticle = (await listChecks(t.wh.db)).filter((c) => c.article_url === 'https://news.az/#founding-article')
    const statuses = Object.fromEntries(fromArticle.filter((c) => c.text.length < 30).map((c) => [c.text.replace(/\s+/g, ' '), c.status]))
    expect(statuses).toMatchObject({ '2.289 million tons': 'confirmed', '33.8%': 'confirmed', '40%': 'differs' })
  })
})
