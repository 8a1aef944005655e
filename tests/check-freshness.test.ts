import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { resolveJobConfig } from '../src/config/job-config-schema.ts'
import { checkFreshness } from '../src/jobs/index.ts'
import { recordJobState, startRun } from '../src/load/index.ts'
import { ENGINES, createTestWarehouse, type TestWarehouse } from './helpers/warehouse.ts'

const DAY = 86_400_000

describe.each(ENGINES)('status --check verdicts on the %s engine', (engine) => {
  let t: TestWarehouse
  beforeAll(async () => {
    t = await createTestWarehouse(engine)
  })
  afterAll(async () => t?.close())

  it('fresh within maxAge, stale past it, stale after a failed run, never-run stale only with a maxAge (injected clock)', async () => {
    const config = resolveJobConfig({
      jobs: [
        { name: 'weekly', kind: 'ingest', files: ['x.csv'], maxAge: '8d' },
        { name: 'broken', kind: 'ingest', files: ['y.csv'] },
        { name: 'new-job', kind: 'ingest', files: ['z.csv'], maxAge: '1d' },
        { name: 'no-limit', kind: 'ingest', files: ['z.csv'] },
      ],
    }, 'c.json')
    const t0 = new Date('2026-01-01T00:00:00Z')
    const runId = await startRun(t.wh, ['weekly', 'broken'])
    await recordJobState(t.wh, { job: 'weekly', runId, status: 'running', at: t0, error: null })
    await recordJobState(t.wh, { job: 'weekly', runId, status: 'ok', at: t0, error: null })
    await recordJobState(t.wh, { job: 'broken', runId, status: 'ok', at: t0, error: null })
    await recordJobState(t.wh, { job: 'broken', runId, status: 'failed', at: new Date(t0.getTime() + 1000), error: 'GET http://x/y.csv answered 500' })

    const at7 = await checkFreshness(t.wh, config.jobs, new Date(t0.getTime() + 7 * DAY))
    expect(at7.map((v) => [v.job, v.ok])).toEqual([['weekly', true], ['broken', false], ['new-job', false], ['no-limit', true]])
    expect(at7[1]?.reason).toMatch(/last run failed at 2026-01-01T00:00:01.000Z: GET http:\/\/x\/y.csv answered 500/)
    expect(at7[2]?.reason).toBe('never succeeded; maxAge is 1d')

    const at9 = await checkFreshness(t.wh, config.jobs, new Date(t0.getTime() + 9 * DAY))
    expect(at9[0]).toMatchObject({ ok: false, reason: expect.stringMatching(/data is 9\.0 d old .* older than maxAge 8d/) })
    // one row per job however many runs
    expect(await t.wh.db.selectFrom('etl.job_state').select('job').execute()).toHaveLength(2)
  })
})
