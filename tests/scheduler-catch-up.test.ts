import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { readFileSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { resolveJobConfig } from '../src/config/job-config-schema.ts'
import type { JobConfig } from '../src/config/index.ts'
import { catchUpMissedTicks, previousTick } from '../src/jobs/index.ts'
import { openWarehouse, recordJobState, startRun } from '../src/load/index.ts'
import { TestServer, staticBody } from './helpers/http-server.ts'
import { ENGINES, createTestWarehouse, silentLog, type TestWarehouse } from './helpers/warehouse.ts'

/** Local time, as node-cron reads an expression. */
const at = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0) => new Date(y, mo - 1, d, h, mi, s)

describe('previousTick', () => {
  it('is the latest matching time at or before now, to the second', () => {
    expect(previousTick('0 3 * * *', at(2030, 1, 2, 10))).toEqual(at(2030, 1, 2, 3))
    expect(previousTick('0 3 * * *', at(2030, 1, 2, 2, 59, 59))).toEqual(at(2030, 1, 1, 3))
    expect(previousTick('0 3 * * *', at(2030, 1, 2, 3))).toEqual(at(2030, 1, 2, 3))
    expect(previousTick('*/15 * * * *', at(2030, 1, 2, 10, 7, 30))).toEqual(at(2030, 1, 2, 10))
    expect(previousTick('*/10 * * * * *', at(2030, 1, 2, 10, 0, 7))).toEqual(at(2030, 1, 2, 10, 0, 0))
    // 2 January 2030 is a Wednesday: the Monday before is 31 December 2029.
    expect(previousTick('30 9 * * 1', at(2030, 1, 2, 12))).toEqual(at(2029, 12, 31, 9, 30))
    expect(previousTick('0 0 1 3 *', at(2030, 1, 2))).toEqual(at(2029, 3, 1))
  })
})

describe.each(ENGINES)('the scheduler with an injected clock on the %s engine', (engine) => {
  let t: TestWarehouse
  let server: TestServer
  let cache: string
  const cement = readFileSync('fixtures/comtrade/cement-legacy-35.csv')

  beforeEach(async () => {
    t = await createTestWarehouse(engine)
    server = await new TestServer().start()
    cache = await mkdtemp(join(tmpdir(), 'trade-etl-cron-'))
  })
  afterEach(async () => {
    await server?.stop()
    await t?.close()
    await rm(cache, { recursive: true, force: true })
  })

  const config = (jobs: Record<string, unknown>[]): JobConfig => resolveJobConfig({ jobs, downloads: { cache, attempts: 1 } }, join(cache, 'c.json'))
  const runs = async () => (await t.wh.db.selectFrom('etl.run').select(['job', 'status']).orderBy('run_id').execute()).map((r) => `${r.job}:${r.status}`)

  it('a tick missed while no scheduler ran is caught up once; a second scheduler, or a restart, does not run it again', async () => {
    const c = config([{ name: 'cement', kind: 'ingest', files: [join(process.cwd(), 'fixtures/comtrade/cement-legacy-35.csv')], schedule: '0 3 * * *' }])
    // Never run: the 03:00 tick of 2 January was missed.
    expect(await catchUpMissedTicks(t.wh, c, silentLog, { now: () => at(2030, 1, 2, 10) })).toEqual(['cement'])
    expect(await runs()).toEqual(['cement:ok'])
    const row = await t.wh.db.selectFrom('etl.cron_job').select(['job', 'last_tick_at']).execute()
    expect(row).toEqual([{ job: 'cement', last_tick_at: at(2030, 1, 2, 3) }])
    // The same start again (a restart, another scheduler): the tick is claimed, nothing runs.
    expect(await catchUpMissedTicks(t.wh, c, silentLog, { now: () => at(2030, 1, 2, 11) })).toEqual([])
    // The next day's tick was missed too: two schedulers start at once, one of them runs it.
    const other = engine === 'server' ? await openWarehouse({ engine: 'server', url: t.url as string }) : t.wh
    try {
      const both = await Promise.all([
        catchUpMissedTicks(t.wh, c, silentLog, { now: () => at(2030, 1, 3, 10) }),
        catchUpMissedTicks(other, c, silentLog, { now: () => at(2030, 1, 3, 10) }),
      ])
      expect(both.flat()).toEqual(['cement'])
    } finally {
      if (other !== t.wh) await other.close()
    }
    expect(await runs()).toEqual(['cement:ok', 'cement:ok'])
    expect(await t.wh.db.selectFrom('etl.cron_job').select(['job', 'last_tick_at']).execute()).toEqual([{ job: 'cement', last_tick_at: at(2030, 1, 3, 3) }])
  })

  it('a job whose last success is newer than its latest tick is not caught up', async () => {
    const c = config([{ name: 'cement', kind: 'ingest', files: [join(process.cwd(), 'fixtures/comtrade/cement-legacy-35.csv')], schedule: '0 3 * * *' }])
    // Run by `trade-etl run` (cron, a person) at 04:00, after the 03:00 tick: no scheduler claimed that tick.
    const runId = await startRun(t.wh, ['cement'])
    await recordJobState(t.wh, { job: 'cement', runId, status: 'ok', at: at(2030, 1, 2, 4), error: null })
    expect(await catchUpMissedTicks(t.wh, c, silentLog, { now: () => at(2030, 1, 2, 10) })).toEqual([])
    expect(await t.wh.db.selectFrom('etl.cron_job').selectAll().execute()).toEqual([])
    // A day later the 03:00 tick is newer than that success: caught up.
    expect(await catchUpMissedTicks(t.wh, c, silentLog, { now: () => at(2030, 1, 3, 10) })).toEqual(['cement'])
  })

  it('a failed run is retried as configured, waits doubling; a job that keeps failing stops after its retries', async () => {
    server.route('/flaky.csv', (req, res, hit) => {
      if (hit <= 2) res.writeHead(404, { 'content-type': 'text/plain' }).end('not yet published')
      else void staticBody(() => cement)(req, res, hit)
    })
    const c = config([
      { name: 'flaky', kind: 'ingest', urls: [server.url('/flaky.csv')], schedule: '0 3 * * *', retries: 3, retryDelay: '30s' },
      { name: 'gone', kind: 'ingest', urls: [server.url('/gone.csv')], schedule: '0 4 * * *', retries: 1, retryDelay: '5m' },
    ])
    const waits: number[] = []
    const ran = await catchUpMissedTicks(t.wh, c, silentLog, { now: () => at(2030, 1, 2, 10), sleep: async (ms) => { waits.push(ms) } })
    expect(ran).toEqual(['flaky', 'gone'])
    expect(await runs()).toEqual(['flaky:failed', 'flaky:failed', 'flaky:ok', 'gone:failed', 'gone:failed'])
    expect(waits).toEqual([30_000, 60_000, 300_000])
    expect(server.hitCount('/flaky.csv')).toBe(3)
    expect(server.hitCount('/gone.csv')).toBe(2)
    const states = await t.wh.db.selectFrom('etl.job_state').select(['job', 'last_status']).orderBy('job').execute()
    expect(states).toEqual([{ job: 'flaky', last_status: 'ok' }, { job: 'gone', last_status: 'failed' }])
  })
})
