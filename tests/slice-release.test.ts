import { readFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { resolveJobConfig } from '../src/config/job-config-schema.ts'
import { runJobs, type RunSummary } from '../src/jobs/index.ts'
import { TestServer, staticBody } from './helpers/http-server.ts'
import { ENGINES, createTestWarehouse, silentLog, type TestWarehouse } from './helpers/warehouse.ts'

/** The BACI file's data lines as the test reads them: exporter, importer, product, value in thousand USD. */
interface BaciLine { readonly i: string; readonly j: string; readonly k: string; readonly v: string }
const baciLines = (text: string): BaciLine[] => text.trim().split(/\r?\n/).slice(1).map((l) => {
  const [, i = '', j = '', k = '', v = ''] = l.split(',')
  return { i, j, k: k.padStart(6, '0'), v: v.trim() }
})
/** Thousand USD as written -> USD, exactly, without the warehouse's arithmetic. */
const thousands = (v: string): bigint => {
  const [int = '0', frac = ''] = v.split('.')
  return BigInt(`${int}${frac.padEnd(3, '0').slice(0, 3)}`)
}
const usd = (v: string | null | undefined): bigint => BigInt(String(v).replace(/\.0*$/, ''))

describe.each(ENGINES)('a newer release replaces its slice on the %s engine', (engine) => {
  const v1 = readFileSync('fixtures/baci/BACI_HS17_Y2022_V202301.csv', 'utf8')
  // v2: one flow gone (Azerbaijan's crude oil to China, 31 -> 156, 270900), one value revised.
  const v2 = v1.replace(/^2022,31,156,270900,.*\r?\n/m, '').replace(/^2022,4,8,10121,14\.9,/m, '2022,4,8,10121,15.9,')
  const gone = { i: '31', j: '156', k: '270900' }
  const revised = { i: '4', j: '8', k: '010121' }
  const cement = readFileSync('fixtures/comtrade/cement-legacy-35.csv')
  let body = v1
  let server: TestServer
  let t: TestWarehouse
  let cache: string

  beforeAll(async () => {
    expect(baciLines(v2)).toHaveLength(baciLines(v1).length - 1)
    expect(v2).toContain('2022,4,8,10121,15.9,')
    server = await new TestServer().start()
    server.route('/cepii/BACI_HS17_Y2022_V202301.csv', staticBody(() => body))
    server.route('/comtrade/cement.csv', staticBody(() => cement))
    t = await createTestWarehouse(engine)
    cache = await mkdtemp(join(tmpdir(), 'trade-etl-slice-'))
  })
  afterAll(async () => {
    await server?.stop()
    await t?.close()
    await rm(cache, { recursive: true, force: true })
  })

  type FlowRow = { reporter_code: string | null; partner_code: string | null; product_code: string | null; value_usd: string | null }
  const baciFlows = async (rows: Promise<FlowRow[]>) =>
    new Map((await rows).map((r) => [`${r.reporter_code}-${r.partner_code}-${r.product_code}`, usd(r.value_usd)]))
  const expected = (text: string) => new Map(baciLines(text).map((l) => [`${l.i}-${l.j}-${l.k}`, thousands(l.v)]))
  const key = (f: { i: string; j: string; k: string }) => `${f.i}-${f.j}-${f.k}`

  it('v1, then nothing changed, then v2: only v2 loads, the missing flow is withdrawn, history and as-of keep v1', async () => {
    const config = resolveJobConfig({
      jobs: [{ name: 'releases', kind: 'ingest', urls: [server.url('/cepii/BACI_HS17_Y2022_V202301.csv'), server.url('/comtrade/cement.csv')] }],
      downloads: { cache, attempts: 1 },
    }, join(cache, 'c.json'))
    const current = () => baciFlows(t.wh.db.selectFrom('reporting.trade_flow').select(['reporter_code', 'partner_code', 'product_code', 'value_usd']).where('source_format', '=', 'baci').execute())
    // Times as the database writes them (microseconds; a JS Date would round them to ms).
    const asOf = (at: string) => baciFlows(sql<FlowRow>`
      select reporter_code, partner_code, product_code, value_usd::text from reporting.trade_flow_as_of(${at}::timestamptz) where source_format = 'baci'`.execute(t.wh.db).then((r) => r.rows))

    const first = await runJobs(t.wh, config, [], silentLog) as RunSummary
    expect(first.jobs[0]?.sources.map((s) => s.status)).toEqual(['loaded', 'loaded'])
    expect(await current()).toEqual(expected(v1))
    const v1At = (await sql<{ at: string; before: string }>`
      select loaded_at::text as at, (loaded_at - interval '1 microsecond')::text as before from etl.source_file where path like '%BACI%'`.execute(t.wh.db)).rows[0]

    const second = await runJobs(t.wh, config, [], silentLog) as RunSummary
    expect(second.jobs[0]?.sources.map((s) => [s.status, s.bytes, s.rowsLoaded])).toEqual([['not-modified', 0, 0], ['not-modified', 0, 0]])

    body = v2
    const third = await runJobs(t.wh, config, [], silentLog) as RunSummary
    const [baci, other] = third.jobs[0]?.sources ?? []
    expect([baci?.status, other?.status]).toEqual(['loaded', 'not-modified'])
    expect(baci).toMatchObject({ rowsLoaded: baciLines(v2).length, rowsRejected: 0, rowsWithdrawn: 1, bytes: Buffer.byteLength(v2) })

    // Reporting shows v2: the gone flow is not there, the revised one has its new value.
    const now = await current()
    expect(now).toEqual(expected(v2))
    expect(now.has(key(gone))).toBe(false)
    expect(now.get(key(revised))).toBe(thousands('15.9'))
    // Year over year follows: the withdrawn flow has no 2022 row there any more, the revised one its new value.
    const yoy = baciFlows(t.wh.db.selectFrom('reporting.trade_yoy').select(['reporter_code', 'partner_code', 'product_code', 'value_usd'])
      .where('source_format', '=', 'baci').where('year', '=', 2022).execute())
    expect((await yoy).has(key(gone))).toBe(false)
    expect((await yoy).get(key(revised))).toBe(thousands('15.9'))

    // The history has both, each with the release that replaced or withdrew it.
    const history = await t.wh.db.selectFrom('reporting.trade_flow_revision')
      .select(['reporter_code', 'partner_code', 'product_code', 'value_usd', 'change', 'source_file', 'superseded_by_file'])
      .where('source_format', '=', 'baci').orderBy('change').execute()
    expect(history.map((h) => [`${h.reporter_code}-${h.partner_code}-${h.product_code}`, usd(h.value_usd), h.change])).toEqual([
      [key(revised), thousands('14.9'), 'revised'],
      [key(gone), thousands(baciLines(v1).find((l) => key(l) === key(gone))?.v ?? ''), 'withdrawn'],
    ])
    expect(history.every((h) => h.source_file === server.url('/cepii/BACI_HS17_Y2022_V202301.csv') && h.superseded_by_file === h.source_file)).toBe(true)

    // The warehouse as it was: before anything, after v1, and now.
    expect((await asOf(v1At?.before ?? '')).size).toBe(0)
    expect(await asOf(v1At?.at ?? '')).toEqual(expected(v1))
    expect(await asOf('infinity')).toEqual(expected(v2))
    // Every row v2 repeated unchanged is kept once, with its values, as ids (sql/0061).
    const book = await sql<{ n: number; valued: number }>`
      select count(*)::int as n, count(value)::int as valued from core.trade_fact_superseded`.execute(t.wh.db)
    expect(book.rows[0]).toEqual({ n: baciLines(v2).length - 1, valued: baciLines(v2).length - 1 })
    const twice = await sql<{ n: number }>`select count(*)::int as n from core.trade_flow_revision where change = 'unchanged'`.execute(t.wh.db)
    expect(twice.rows[0]?.n).toBe(0)
  })
})
