import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { ingestFiles } from '../src/jobs/index.ts'
import { LOADING_SETTINGS, openWarehouse, type Warehouse } from '../src/load/index.ts'
import { silentLog } from './helpers/warehouse.ts'

/**
 * The embedded engine in a folder COPYs through a file in its data directory (an in-memory one,
 * as most tests use, through Blobs): many pieces, rows cut across the reject spool's 64 KiB
 * reads, and what a killed process left behind.
 */
describe('COPY into an embedded warehouse in a folder', () => {
  let dir: string
  let wh: Warehouse
  let pgdata: string
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'trade-etl-embedded-copy-'))
    const home = join(dir, 'home')
    cpSync(inject('embeddedHome'), home, { recursive: true })
    pgdata = join(home, 'pgdata')
    // A COPY file of a process killed mid-load.
    writeFileSync(join(pgdata, 'trade-etl-copy-4242.tmp'), '1\t2\t3\n')
    wh = await openWarehouse({ engine: 'embedded', dataDir: home, settings: LOADING_SETTINGS })
  })
  afterAll(async () => {
    await wh?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('removes what a killed process left, and opens with the loading settings', async () => {
    expect(readdirSync(pgdata).filter((n) => n.startsWith('trade-etl-copy-'))).toEqual([])
    const shown = await sql<{ buffers: string; sort: string }>`select current_setting('shared_buffers') as buffers, current_setting('maintenance_work_mem') as sort`.execute(wh.db)
    expect(shown.rows).toEqual([{ buffers: LOADING_SETTINGS.shared_buffers, sort: LOADING_SETTINGS.maintenance_work_mem }])
  })

  it('loads every good row of a file many pieces long and keeps every bad one, nothing left on disk', async () => {
    // 40,000 rows (2.4 MB of COPY text: several pieces); every fifth value is not a number, so
    // 8,000 rejects go through the spool file and back in pieces cut anywhere.
    const lines = ['t,i,j,k,v,q']
    let good = 0
    let thousandths = 0n
    for (let n = 0; n < 40_000; n++) {
      const bad = n % 5 === 4
      const v = `${n % 997}.${String(n % 1000).padStart(3, '0')}`
      lines.push(`2019,${4 + 4 * Math.floor(n / 5000)},${8 + 4 * (n % 50)},${100000 + (n % 5000) * 7 + Math.floor(n / 250_000)},${bad ? `x${v}` : v},${n % 13}`)
      if (!bad) {
        good++
        thousandths += BigInt(v.replace('.', ''))
      }
    }
    const path = join(dir, 'BACI_HS17_Y2019_V202301.csv')
    writeFileSync(path, `${lines.join('\n')}\n`)
    const [summary] = await ingestFiles(wh, [path], { log: silentLog })
    expect(summary).toMatchObject({ rowsRead: 40_000, rowsLoaded: good, rowsRejected: 40_000 - good })
    // BACI's v is thousands of US dollars with three decimals: the sum in dollars is the thousandths.
    const sums = await sql<{ value: string; rows: number; rejects: number }>`
      select (select sum(value)::text from core.trade_flow) as value, (select count(*)::int from core.trade_flow) as rows,
             (select count(*)::int from etl.rejected_row) as rejects`.execute(wh.db)
    expect(sums.rows).toEqual([{ value: thousandths.toString(), rows: good, rejects: 40_000 - good }])
    expect(readdirSync(pgdata).filter((n) => n.startsWith('trade-etl-copy-'))).toEqual([])
    expect(existsSync(join(pgdata, `trade-etl-copy-${process.pid}.tmp`))).toBe(false)
  })
})
