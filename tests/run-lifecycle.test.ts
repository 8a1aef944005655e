import { mkdtemp, rm } from 'node:fs/promises'
import { readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { resolveJobConfig } from '../src/config/job-config-schema.ts'
import { runJobs, type RunSummary } from '../src/jobs/index.ts'
import { recordJobState, startRun } from '../src/load/index.ts'
import { TestServer, staticBody } from './helpers/http-server.ts'
import { ENGINES, createTestWarehouse, silentLog, type TestWarehouse } from './helpers/warehouse.ts'

describe.each(ENGINES)('run lifecycle on the %s engine', (engine) => {
  let t: TestWarehouse
  let server: TestServer
  let cache: string
  beforeAll(async () => {
    t = await createTestWarehouse(engine)
    server = await new TestServer().start()
    cache = await mkdtemp(join(tmpdir(), 'trade-etl-life-'))
  })
  afterAll(async () => {
    await server?.stop()
    await t?.close()
    await rm(cache, { recursive: true, force: true })
  })

  it('a run left running by a crash is marked failed by the next run', async () => {
    const crashed = await startRun(t.wh, ['cement'])
    await recordJobState(t.wh, { job: 'cement', runId: crashed, status: 'running', at: new Date(), error: null })
    const config = resolveJobConfig({ jobs: [{ name: 'cement', kind: 'ingest', files: ['fixtures/comtrade/cement-legacy-35.csv'] }] }, 'c.json')
    const r = await runJobs(t.wh, config, [], silentLog) as RunSummary
    expect(r.ok).toBe(true)
    const old = await t.wh.db.selectFrom('etl.run').select(['status', 'error']).where('run_id', '=', crashed).executeTakeFirstOrThrow()
    expect(old).toEqual({ status: 'failed', error: expect.stringMatching(/^left running: the process stopped before the run ended/) })
    const state = await t.wh.db.selectFrom('etl.job_state').select(['last_status', 'last_run_id']).where('job', '=', 'cement').executeTakeFirstOrThrow()
    expect(state).toEqual({ last_status: 'ok', last_run_id: r.runId })
  })

  it('an abort mid-run (SIGTERM in the scheduler) keeps what committed, loads nothing of the source in flight, marks the run aborted', async () => {
    const stop = new AbortController()
    const bulk = readFileSync('fixtures/comtrade/india-china-bulk-codes.csv')
    server.route('/first.csv', staticBody(() => readFileSync('fixtures/comtrade/totals-legacy-35.csv')))
    // The second download starts, then the signal comes while its body is on the way.
    server.route('/second.csv', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/csv', 'content-length': bulk.length })
      res.write(bulk.subarray(0, 1000))
      stop.abort()
      setTimeout(() => res.end(bulk.subarray(1000)), 200)
    })
    const config = resolveJobConfig({
      jobs: [{ name: 'two-urls', kind: 'ingest', urls: [server.url('/first.csv'), server.url('/second.csv')] }],
      downloads: { cache, attempts: 1 },
    }, join(cache, 'c.json'))
    const before = await t.wh.db.selectFrom('etl.source_file').select('path').execute()
    await expect(runJobs(t.wh, config, [], silentLog, stop.signal)).rejects.toThrow()
    const after = await t.wh.db.selectFrom('etl.source_file').select('path').execute()
    expect(after.map((f) => f.path).filter((p) => !before.some((b) => b.path === p))).toEqual([server.url('/first.csv')])
    const run = await t.wh.db.selectFrom('etl.run').select(['status']).orderBy('run_id', 'desc').limit(1).executeTakeFirstOrThrow()
    expect(run.status).toBe('aborted')
    const state = await t.wh.db.selectFrom('etl.job_state').select(['last_status']).where('job', '=', 'two-urls').executeTakeFirstOrThrow()
    expect(state.last_status).toBe('aborted')
  })
})
