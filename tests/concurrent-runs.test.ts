import { randomBytes } from 'node:crypto'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { sql } from 'kysely'
import pg from 'pg'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ensureReferenceData } from '../src/jobs/index.ts'
import { openWarehouse } from '../src/load/index.ts'
import { cli } from './helpers/run-cli.ts'
import { createTestWarehouse, silentLog, type TestWarehouse } from './helpers/warehouse.ts'

describe.runIf(process.env.TEST_DATABASE_URL)('concurrent starts on one server warehouse', () => {
  let t: TestWarehouse
  beforeEach(async () => {
    t = await createTestWarehouse('server')
  })
  afterEach(async () => t?.close())

  it('loads the reference data once when two processes find it missing at the same time', async () => {
    const countries = async () => (await sql<{ n: number }>`select count(*)::int as n from core.country`.execute(t.wh.db)).rows[0]?.n
    const before = await countries()
    await sql`delete from etl.source_file where format = 'reference'`.execute(t.wh.db)
    const other = await openWarehouse({ engine: 'server', url: t.url as string })
    try {
      const loaded = await Promise.all([ensureReferenceData(t.wh, silentLog), ensureReferenceData(other, silentLog)])
      expect(loaded.sort()).toEqual([false, true])
    } finally {
      await other.close()
    }
    const records = await sql<{ n: number }>`select count(*)::int as n from etl.source_file where format = 'reference'`.execute(t.wh.db)
    expect(records.rows[0]?.n).toBe(1)
    expect(await countries()).toBe(before)
  })

  it('two `run`s on a fresh, never migrated database: each loads or exits 75, none fails', async () => {
    const name = `trade_etl_test_${randomBytes(6).toString('hex')}`
    const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL })
    await admin.connect()
    await admin.query(`create database ${name}`)
    try {
      const url = new URL(process.env.TEST_DATABASE_URL as string)
      url.pathname = `/${name}`
      const dir = mkdtempSync(join(tmpdir(), 'trade-etl-concurrent-'))
      const config = join(dir, 'trade-etl.config.json')
      writeFileSync(config, JSON.stringify({ jobs: [{ name: 'cement', kind: 'ingest', files: [resolve('fixtures/comtrade/cement-legacy-35.csv')] }] }))
      const env = { DATABASE_URL: url.toString() }
      const runs = await Promise.all([cli(['run', '--config', config, '--json'], env), cli(['run', '--config', config, '--json'], env)])
      for (const r of runs) expect([0, 75], r.stderr).toContain(r.code)
      for (const r of runs.filter((x) => x.code === 75)) expect(r.stderr).toMatch(/another run holds the lock/)
      const db = new pg.Client({ connectionString: url.toString() })
      await db.connect()
      try {
        const { rows } = await db.query<{ reference: number; cement: number }>(`
          select (select count(*)::int from etl.source_file where format = 'reference') as reference,
                 (select count(*)::int from etl.source_file where path like '%cement-legacy-35.csv') as cement`)
        expect(rows[0]).toEqual({ reference: 1, cement: 1 })
      } finally {
        await db.end()
      }
    } finally {
      await admin.query(`drop database if exists ${name} with (force)`)
      await admin.end()
    }
  })
})
