import type { ServerResponse } from 'node:http'
import { readFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse } from 'csv-parse/sync'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { JobConfig } from '../src/config/index.ts'
import { resolveJobConfig } from '../src/config/job-config-schema.ts'
import { parseJsonExact } from '../src/extract/index.ts'
import { runJobs, type RunSummary } from '../src/jobs/index.ts'
import { TestServer } from './helpers/http-server.ts'
import { ENGINES, createTestWarehouse, silentLog, type TestWarehouse } from './helpers/warehouse.ts'

const SECRET = 'ct-subscription-3c9d41f7aa'
const NUMERIC = new Set(['refYear', 'refMonth', 'reporterCode', 'partnerCode', 'partner2Code', 'aggrLevel', 'mosCode', 'motCode', 'qtyUnitCode', 'qty', 'altQtyUnitCode', 'altQty', 'netWgt', 'grossWgt', 'cifvalue', 'fobvalue', 'primaryValue'])

/** The real Thailand Plus CSV, as the API would answer it: numbers as JSON numbers written as in the file. */
const rows = parse(readFileSync('fixtures/comtrade-plus/thailand-ic-imports-plus.csv', 'latin1'), { columns: true, relax_column_count: true }) as Record<string, string>[]
function answer(period: string): string {
  const data = rows.filter((r) => r.period === period).map((r) =>
    `{${Object.entries(r).map(([k, v]) => `${JSON.stringify(k)}:${NUMERIC.has(k) && /^-?\d+(\.\d+)?$/.test(v.trim()) ? v.trim() : v === '' ? 'null' : JSON.stringify(v)}`).join(',')}}`)
  return `{"elapsedTime":"0.1 secs","count":${data.length},"data":[${data.join(',')}],"error":""}`
}

/** Exact decimal sum of texts, apart from the warehouse's own arithmetic. */
function sumDecimal(values: readonly string[]): string {
  let scaled = 0n
  for (const v of values) {
    const [i, f = ''] = v.trim().split('.')
    scaled += BigInt(`${i}${f.padEnd(6, '0')}`)
  }
  const s = scaled.toString().padStart(7, '0')
  return `${s.slice(0, -6)}.${s.slice(-6)}`.replace(/\.?0+$/, '')
}

describe.each(ENGINES)('comtrade kind against a local Plus API on the %s engine', (engine) => {
  let t: TestWarehouse
  let server: TestServer
  let cache: string
  const checksums = new Map<string, string>()
  const config = (maxRecords?: number): JobConfig => {
    const c = resolveJobConfig({
      jobs: [{ name: maxRecords === undefined ? 'thailand-ic' : 'thailand-capped', kind: 'comtrade', type: 'C', freq: 'A', classification: 'HS', reporters: ['764'], partners: ['0'], commodities: ['8542'], flows: ['M'], periods: ['2014-2024'], ...(maxRecords === undefined ? {} : { maxRecords }) }],
      downloads: { cache, attempts: 1 },
    }, join(cache, 'c.json'))
    return c
  }

  beforeAll(async () => {
    t = await createTestWarehouse(engine)
    cache = await mkdtemp(join(tmpdir(), 'trade-etl-comtrade-'))
    for (const p of new Set(rows.map((r) => r.period as string))) checksums.set(p, `sum-${p}-1`)
    server = await new TestServer().start()
    const keyed = (res: ServerResponse, key: unknown) => {
      if (key === SECRET) return true
      res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ statusCode: 401, message: `Access denied due to invalid subscription key ${String(key)}` }))
      return false
    }
    server.route('/data/v1/getDa/C/A/HS', (req, res) => {
      if (!keyed(res, req.headers['ocp-apim-subscription-key'])) return
      const q = new URL(req.url ?? '', 'http://x').searchParams
      const data = (q.get('period') ?? '').split(',').filter((p) => checksums.has(p)).map((p) => ({
        datasetCode: Number(`20764${p}`), typeCode: 'C', freqCode: 'A', period: p, reporterCode: 764, reporterISO: 'THA', classificationCode: 'H4',
        totalRecords: rows.filter((r) => r.period === p).length, datasetChecksum: checksums.get(p), firstReleased: '2023-01-01T00:00:00', lastReleased: `2024-06-0${checksums.get(p)?.slice(-1)}T00:00:00`,
      }))
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ count: data.length, data, error: '' }))
    })
    server.route('/data/v1/get/C/A/HS', (req, res) => {
      if (!keyed(res, req.headers['ocp-apim-subscription-key'])) return
      const q = new URL(req.url ?? '', 'http://x').searchParams
      res.writeHead(200, { 'content-type': 'application/json' }).end(answer(q.get('period') ?? ''))
    })
    process.env.TRADE_ETL_COMTRADE_URL = server.base
    process.env.COMTRADE_API_KEY = SECRET
  })
  afterAll(async () => {
    await server?.stop()
    await t?.close()
    await rm(cache, { recursive: true, force: true })
  })

  it('loads every slice with exact values, skips unchanged slices by availability, reloads a changed one only', async () => {
    const first = await runJobs(t.wh, config(), [], silentLog) as RunSummary
    const s1 = first.jobs[0]?.sources ?? []
    expect(s1).toHaveLength(11)
    expect(s1.every((s) => s.status === 'loaded'), JSON.stringify(s1.filter((s) => s.status !== 'loaded'))).toBe(true)
    expect(s1.reduce((n, s) => n + s.rowsLoaded + s.rowsRejected, 0)).toBe(rows.length)
    const primary = rows.filter((r) => r.partner2Code === '0' && r.customsCode === 'C00' && r.motCode === '0' && r.mosCode?.trim() === '0')
    const got = await t.wh.db.selectFrom('reporting.trade_flow').select(['value_usd']).where('reporter_code', '=', '764').where('source_format', '=', 'comtrade-plus').execute()
    expect(got).toHaveLength(primary.length)
    expect(sumDecimal(got.map((g) => g.value_usd as string))).toBe(sumDecimal(primary.map((r) => r.primaryValue as string)))
    const dataHits = server.hitCount('/data/v1/get/C/A/HS')
    expect(dataHits).toBe(11)
    expect(server.requests.find((r) => r.path === '/data/v1/get/C/A/HS')?.url).toMatch(/reporterCode=764&period=2014&partnerCode=0&partner2Code=0&cmdCode=8542&flowCode=M&customsCode=C00&motCode=0&maxRecords=250000&format=JSON/)

    const second = await runJobs(t.wh, config(), [], silentLog) as RunSummary
    expect(second.jobs[0]?.sources.map((s) => s.status)).toEqual(Array(11).fill('not-modified'))
    expect(server.hitCount('/data/v1/get/C/A/HS')).toBe(dataHits)

    checksums.set('2022', 'sum-2022-2')
    const third = await runJobs(t.wh, config(), [], silentLog) as RunSummary
    const changed = third.jobs[0]?.sources.filter((s) => s.status !== 'not-modified') ?? []
    expect(changed.map((s) => [s.source.match(/period=(\d+)/)?.[1], s.status])).toEqual([['2022', 'skipped']])
    expect(server.hitCount('/data/v1/get/C/A/HS')).toBe(dataHits + 1)
  })

  it('an answer at the record cap is an error, nothing loaded from it; the key is in no table', async () => {
    const before = await t.wh.db.selectFrom('etl.source_file').select('file_id').execute()
    const r = await runJobs(t.wh, config(3), [], silentLog) as RunSummary
    expect(r.ok).toBe(false)
    const failed = r.jobs[0]?.sources.filter((s) => s.status === 'failed') ?? []
    expect(failed.length).toBeGreaterThan(0)
    expect(failed[0]?.error).toMatch(/the answer has \d+ records, the cap of 3: it may be cut short, so nothing was loaded; name fewer commodities or partners per job \[COMTRADE_CAP\]/)
    const after = await t.wh.db.selectFrom('etl.source_file').select('file_id').execute()
    expect(after.length - before.length).toBe(r.jobs[0]?.sources.filter((s) => s.status === 'loaded').length)
    const dump = await Promise.all(['etl.http_fetch', 'etl.run', 'etl.job_state', 'etl.source_file', 'etl.comtrade_slice'].map((n) => t.wh.db.selectFrom(n as 'etl.run').selectAll().execute()))
    expect(JSON.stringify(dump)).not.toContain(SECRET)
    expect(JSON.stringify(r)).not.toContain(SECRET)
  })

  it('a wrong key: 401 is not retried, and the key the server echoes back is masked', async () => {
    process.env.COMTRADE_API_KEY = 'wrong-key-0123456789'
    try {
      const r = await runJobs(t.wh, config(), [], silentLog) as RunSummary
      expect(r.ok).toBe(false)
      expect(r.jobs[0]?.sources[0]?.error).toMatch(/getDa\/C\/A\/HS\?reporterCode=764.*answered 401.*invalid subscription key \*\*\*/)
      expect(JSON.stringify(r)).not.toContain('wrong-key-0123456789')
    } finally {
      process.env.COMTRADE_API_KEY = SECRET
    }
  })
})

describe('parseJsonExact', () => {
  it('keeps numbers as written, strings untouched', () => {
    expect(parseJsonExact('{"a":1234567890123456789.25,"b":"x, 12, y","c":[-0.5,3e2],"d":null,"e":true}')).toEqual({ a: '1234567890123456789.25', b: 'x, 12, y', c: ['-0.5', '3e2'], d: null, e: true })
  })
})
