import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ingestFiles } from '../src/jobs/index.ts'
import { openWarehouse } from '../src/load/index.ts'
import { startTimeOf } from '../src/load/home-lock.ts'
import { spoolRootOf, sweepSpools } from '../src/load/spool.ts'
import { ENGINES, createTestWarehouse, silentLog, type TestWarehouse } from './helpers/warehouse.ts'

/**
 * A BACI file with far more than the 5,000 rejects a spool keeps in memory (every third row has
 * a negative value), and its books read independently of the loader: lines, good rows, their
 * value sum in USD (v is thousand USD).
 */
function manyRejects(rows: number): { text: string; good: number; bad: number; sumUsd: bigint } {
  let text = 't,i,j,k,v,q\n'
  let good = 0
  let bad = 0
  let sumUsd = 0n
  for (let n = 0; n < rows; n++) {
    const negative = n % 3 === 0
    const v = negative ? `-${n + 1}` : `${n + 1}`
    // Long raw lines, so the spool's file is read back in several chunks cut mid-line.
    text += `2021,${4 + (n % 50)},${8 + Math.floor(n / 50)},${100000 + (n % 997)},${v},1.${'0'.repeat(38)}\n`
    if (negative) bad++
    else {
      good++
      sumUsd += BigInt(n + 1) * 1000n
    }
  }
  return { text, good, bad, sumUsd }
}

describe.each(ENGINES)('reject spools on the %s engine', (engine) => {
  let t: TestWarehouse
  let dir: string
  beforeEach(async () => {
    t = await createTestWarehouse(engine)
    dir = mkdtempSync(join(tmpdir(), 'trade-etl-spool-test-'))
  })
  afterEach(async () => t?.close())

  it('loads a file with more than 5,000 rejects whole: every reject stored with its line, the spool removed', async () => {
    const file = join(dir, 'BACI_HS17_Y2021_V202301.csv')
    const expected = manyRejects(15_300)
    writeFileSync(file, expected.text)
    const [summary] = await ingestFiles(t.wh, [file], { log: silentLog })
    expect(summary?.error).toBeUndefined()
    expect(summary).toMatchObject({ rowsRead: expected.good + expected.bad, rowsLoaded: expected.good, rowsRejected: expected.bad })
    const db = await sql<{ flows: number; sum: string; rejects: number; lines_ok: boolean }>`
      select (select count(*)::int from core.trade_flow) as flows, (select sum(value)::text from core.trade_flow) as sum,
             (select count(*)::int from etl.rejected_row) as rejects,
             (select bool_and(line % 3 = 2 and reason like 'negative value%') from etl.rejected_row) as lines_ok`.execute(t.wh.db)
    expect(db.rows[0]).toEqual({ flows: expected.good, sum: expected.sumUsd.toString(), rejects: expected.bad, lines_ok: true })
    // This process's spools only: the folder is shared with other runs on the machine.
    expect(readdirSync(t.wh.spoolDir).filter((n) => n.startsWith(`rejects-${process.pid}-`))).toEqual([])
  })
})

describe('the spool sweep', () => {
  it('removes the spools of processes that are gone, keeps those of live ones', async () => {
    const home = mkdtempSync(join(tmpdir(), 'trade-etl-spool-home-'))
    const spool = join(home, 'spool')
    // The parent process is alive: under its own start time it is a live holder; under another
    // start time it is a reused pid, i.e. the writer is gone.
    const parentStart = startTimeOf(process.ppid) as string
    const live = `rejects-${process.ppid}-${parentStart}-abc123`
    const dead = `rejects-${process.ppid}-${Number(parentStart) + 1}-def456`
    for (const name of [live, dead]) {
      mkdirSync(join(spool, name), { recursive: true })
      writeFileSync(join(spool, name, 'rejects.copy'), '1\t2\tx\ty\n')
    }
    writeFileSync(join(spool, 'not-a-spool.txt'), 'kept')
    // Opening a warehouse sweeps its spool folder (a server's, when the suite has one: opening
    // an embedded home from scratch costs an initdb); the sweep alone otherwise.
    const url = process.env.TEST_DATABASE_URL
    if (url === undefined) {
      expect(sweepSpools(spool)).toEqual([dead])
    } else {
      const wh = await openWarehouse({ engine: 'server', url, spoolDir: spool })
      await wh.close()
      expect(wh.spoolDir).toBe(spool)
    }
    expect(readdirSync(spool).sort()).toEqual(['not-a-spool.txt', live].sort())
    expect(spoolRootOf({ engine: 'embedded', dataDir: home })).toBe(spool)
  })
})
