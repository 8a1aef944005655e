import { sql } from 'kysely'
import { Writable } from 'node:stream'
import pg from 'pg'
import { pino, type Logger } from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { resolveJobConfig } from '../src/config/job-config-schema.ts'
import type { JobConfig } from '../src/config/index.ts'
import { grantReader } from '../src/load/index.ts'
import { runJobs } from '../src/jobs/index.ts'
import { runScheduler } from '../src/jobs/index.ts'
import { openWarehouse } from '../src/load/index.ts'
import { ENGINES, createTestWarehouse, silentLog, type TestWarehouse } from './helpers/warehouse.ts'

const config = (schedule?: string): JobConfig => resolveJobConfig({
  jobs: [{ name: 'cement', kind: 'ingest', files: ['fixtures/comtrade/cement-legacy-35.csv'], ...(schedule === undefined ? {} : { schedule }) }],
}, 'test.config.json')

/** A logger that keeps the tick of every scheduled run it is told of (ISO strings). */
function tickLog(): { log: Logger; ticks: string[] } {
  const ticks: string[] = []
  const log = pino({ level: 'info' }, new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) {
        const entry = JSON.parse(line) as { msg?: string; tickAt?: string; attempt?: number }
        if (entry.msg === 'scheduled run finished' && entry.attempt === 1 && entry.tickAt !== undefined) ticks.push(entry.tickAt)
      }
      done()
    },
  }))
  return { log, ticks }
}

describe.each(ENGINES)('runs, locks and the scheduler on the %s engine', (engine) => {
  let t: TestWarehouse
  beforeAll(async () => {
    t = await createTestWarehouse(engine)
  })
  afterAll(async () => t?.close())

  it('runs a job once and records the run; a run while the lock is held is refused', async () => {
    const unlock = await t.wh.tryLock('trade-etl:run')
    expect(unlock).not.toBeNull()
    expect(await runJobs(t.wh, config(), [], silentLog)).toBe('locked')
    await unlock?.()
    const summary = await runJobs(t.wh, config(), [], silentLog)
    expect(summary).toMatchObject({ ok: true, jobs: [{ job: 'cement', ok: true }] })
    const runs = await t.wh.db.selectFrom('etl.run').select(['status', 'job']).execute()
    expect(runs).toEqual([{ status: 'ok', job: 'cement' }])
  })

  it('refuses an unknown job by name', async () => {
    await expect(runJobs(t.wh, config(), ['nope'], silentLog)).rejects.toThrow(/no such job: nope/)
  })

  it('schedules, runs each tick once, and stops cleanly on abort', async () => {
    const stop = new AbortController()
    const { log, ticks } = tickLog()
    const done = runScheduler(t.wh, config('* * * * * *'), log, { stop: stop.signal })
    await new Promise((resolve) => setTimeout(resolve, 2600))
    stop.abort()
    await done
    // One bookkeeping row for the job, however many ticks ran; each tick ran once.
    const rows = await t.wh.db.selectFrom('etl.cron_job').select(['job', 'last_tick_at']).execute()
    expect(rows.map((r) => r.job)).toEqual(['cement'])
    expect(ticks.length).toBeGreaterThanOrEqual(2)
    expect(new Set(ticks).size).toBe(ticks.length)
    expect(rows[0]?.last_tick_at.toISOString()).toBe([...ticks].sort().at(-1))
    const runs = await sql<{ n: number }>`select count(*)::int as n from etl.run where status = 'ok'`.execute(t.wh.db)
    expect(runs.rows[0]?.n).toBeGreaterThanOrEqual(2)
  })
})

describe.runIf(ENGINES.includes('server'))('on a shared server', () => {
  let t: TestWarehouse
  beforeAll(async () => {
    t = await createTestWarehouse('server')
  })
  afterAll(async () => t?.close())

  it('two schedulers claim each tick exactly once between them', async () => {
    const other = await openWarehouse({ engine: 'server', url: t.url as string })
    const stop = new AbortController()
    const { log, ticks } = tickLog()
    const both = Promise.all([runScheduler(t.wh, config('* * * * * *'), log, { stop: stop.signal }), runScheduler(other, config('* * * * * *'), log, { stop: stop.signal })])
    await new Promise((resolve) => setTimeout(resolve, 2600))
    stop.abort()
    await both
    await other.close()
    // Both schedulers log into `ticks`: no tick was run by both.
    expect(ticks.length).toBeGreaterThanOrEqual(2)
    expect(new Set(ticks).size).toBe(ticks.length)
    const runs = await sql<{ n: number }>`select count(*)::int as n from etl.run`.execute(t.wh.db)
    // Each claimed tick started one run (or found the lock held and started none).
    expect(runs.rows[0]?.n).toBeLessThanOrEqual(ticks.length)
  })

  it('grant-reader lets a role read reporting and nothing else', async () => {
    const role = `bi_reader_${Math.random().toString(36).slice(2, 8)}`
    await sql`create role ${sql.id(role)} login`.execute(t.wh.db)
    await expect(grantReader(t.wh, 'no_such_role_here')).rejects.toThrow(/no database role/)
    // A login role granted nothing: before grant-reader PUBLIC lets it in and make temp tables.
    const stranger = `${role}_x`
    await sql`create role ${sql.id(stranger)} login`.execute(t.wh.db)
    const as = (name: string) => {
      const url = new URL(t.url as string)
      url.username = name
      return new pg.Client({ connectionString: url.toString() })
    }
    const grant = await grantReader(t.wh, role)
    expect(grant.revoked).toEqual([expect.stringMatching(/^TEMPORARY, CONNECT on database trade_etl_test_/), expect.stringMatching(/^EXECUTE on lo_creat/)])
    // Other databases are their owners' to close: reported, not changed (postgres lets PUBLIC in).
    expect(grant.otherDatabases).toContain('postgres')
    const client = as(role)
    await client.connect()
    try {
      await expect(client.query('select count(*) from reporting.trade_flow')).resolves.toBeDefined()
      await expect(client.query('select count(*) from reporting.trade_yoy')).resolves.toBeDefined()
      await expect(client.query('select count(*) from reporting.trade_flow_as_of(now())')).resolves.toBeDefined()
      await expect(client.query('select count(*) from core.trade_flow')).rejects.toThrow(/permission denied/)
      await expect(client.query('select count(*) from etl.source_file')).rejects.toThrow(/permission denied/)
      await expect(client.query('create temp table scratch (x int)')).rejects.toThrow(/permission denied to create temporary tables/)
      await expect(client.query('select lo_create(0)')).rejects.toThrow(/permission denied for function lo_create/)
      await expect(client.query('select lo_from_bytea(0, $1)', [Buffer.from('x')])).rejects.toThrow(/permission denied for function lo_from_bytea/)
      const stray = as(stranger)
      await expect(stray.connect()).rejects.toThrow(/permission denied for database/)
      await stray.end().catch(() => {})
      // The loader still makes its temp tables (granted by name before PUBLIC's went).
      await expect(t.wh.transaction(async (tx) => sql`create temp table loader_scratch (x int) on commit drop`.execute(tx.db))).resolves.toBeDefined()
    } finally {
      await client.end()
      for (const r of [role, stranger]) {
        await sql`drop owned by ${sql.id(r)}`.execute(t.wh.db)
        await sql`drop role ${sql.id(r)}`.execute(t.wh.db)
      }
    }
  })
})
