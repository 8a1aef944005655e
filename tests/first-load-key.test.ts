import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { sql } from 'kysely'
import pg from 'pg'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ingestFiles } from '../src/jobs/index.ts'
import { firstLoadTuning, queryStatus, RowSplit } from '../src/load/index.ts'
import { ENGINES, createTestWarehouse, silentLog, type TestWarehouse } from './helpers/warehouse.ts'

const KEY = 'PRIMARY KEY (period_id, reporter_id, partner_id, product_id, series_id)'

/** The fact table's primary key as the catalog has it, with the OID of its index (a rebuilt key gets a new one). */
async function factKey(t: TestWarehouse) {
  const r = await sql<{ def: string; index: number }>`
    select pg_get_constraintdef(c.oid) as def, c.conindid::int as index
    from pg_constraint c where c.conrelid = 'core.trade_fact'::regclass and c.contype = 'p'`.execute(t.wh.db)
  return r.rows
}

/** What core.trade_flow holds of BACI 2019, as (reporter, partner, product, value). */
async function flows(t: TestWarehouse) {
  const r = await sql<{ reporter_code: string; partner_code: string; product_code: string; value: string }>`
    select reporter_code, partner_code, product_code, value::text from core.trade_flow
    where source_format = 'baci' order by product_code`.execute(t.wh.db)
  return r.rows
}

describe.each(ENGINES)('the first load into an empty fact table on the %s engine', (engine) => {
  let t: TestWarehouse
  let dir: string
  beforeEach(async () => {
    t = await createTestWarehouse(engine)
    dir = mkdtempSync(`${tmpdir()}/trade-etl-first-key-`)
  })
  afterEach(async () => t?.close())

  it('builds the key after its COPY, the same key as before, and the next file is checked against it', async () => {
    const before = await factKey(t)
    expect(before).toEqual([{ def: KEY, index: expect.any(Number) }])
    const first = `${dir}/BACI_HS17_Y2019_V202301.csv`
    writeFileSync(first, 't,i,j,k,v,q\n2019,4,8,10121,14.9,3.75\n2019,4,8,10122,1.5,NA\n')
    expect(await ingestFiles(t.wh, [first], { log: silentLog })).toMatchObject([{ rowsLoaded: 2, rowsRejected: 0 }])
    const after = await factKey(t)
    expect(after).toEqual([{ def: KEY, index: expect.any(Number) }])
    // Rebuilt: a new index.
    expect(after[0]?.index).not.toBe(before[0]?.index)

    // Into a table that holds rows the key stays as it is, and a key already there is a revision.
    const second = `${dir}/BACI_HS17_Y2019_V202401.csv`
    writeFileSync(second, 't,i,j,k,v,q\n2019,4,8,10121,20,3.75\n')
    expect(await ingestFiles(t.wh, [second], { log: silentLog })).toMatchObject([{ rowsLoaded: 1, revised: 1 }])
    expect(await factKey(t)).toEqual(after)
    expect(await flows(t)).toEqual([
      { reporter_code: '4', partner_code: '8', product_code: '010121', value: '20000' },
      { reporter_code: '4', partner_code: '8', product_code: '010122', value: '1500' },
    ])
  })

  it('a first file that repeats a key fails the build, not the load: the repeat is rejected and the key is there', async () => {
    const path = `${dir}/BACI_HS17_Y2019_V202301.csv`
    writeFileSync(path, 't,i,j,k,v,q\n2019,4,8,10121,14.9,3.75\n2019,4,8,10122,1.5,NA\n2019,4,8,10121,99,99\n')
    expect(await ingestFiles(t.wh, [path], { log: silentLog })).toMatchObject([{ rowsRead: 3, rowsLoaded: 2, rowsRejected: 1 }])
    expect(await factKey(t)).toEqual([{ def: KEY, index: expect.any(Number) }])
    expect(await flows(t)).toEqual([
      { reporter_code: '4', partner_code: '8', product_code: '010121', value: '14900' },
      { reporter_code: '4', partner_code: '8', product_code: '010122', value: '1500' },
    ])
    const rejects = await sql<{ line: number; reason: string }>`select line, reason from etl.rejected_row`.execute(t.wh.db)
    expect(rejects.rows).toEqual([{ line: 4, reason: 'duplicate key: the same flow as line 2' }])
  })

  it.runIf(engine === 'embedded')('loads a file bigger than the rows before the key whole, and rejects repeats before and after that point with their lines', async () => {
    const saved = firstLoadTuning.embeddedRowsBeforeKey
    firstLoadTuning.embeddedRowsBeforeKey = 3
    try {
      // 7 rows: the key is built after the first 3; the 7th repeats the 2nd (before the key) and
      // the 6th the 5th (both after it).
      const products = [10121, 10122, 10129, 10130, 10190, 10190, 10122]
      const values = [1.5, 2, 3.25, 4, 5, 6, 7]
      const path = `${dir}/BACI_HS17_Y2019_V202301.csv`
      writeFileSync(path, `t,i,j,k,v,q\n${products.map((k, n) => `2019,4,8,${k},${values[n]},NA\n`).join('')}`)
      expect(await ingestFiles(t.wh, [path], { log: silentLog })).toMatchObject([{ rowsRead: 7, rowsLoaded: 5, rowsRejected: 2 }])
      expect(await factKey(t)).toEqual([{ def: KEY, index: expect.any(Number) }])
      // The first of each key stays, in thousand USD as written.
      expect((await flows(t)).map((f) => [f.product_code, f.value])).toEqual([
        ['010121', '1500'], ['010122', '2000'], ['010129', '3250'], ['010130', '4000'], ['010190', '5000'],
      ])
      const rejects = await sql<{ line: number; reason: string }>`select line, reason from etl.rejected_row order by line`.execute(t.wh.db)
      expect(rejects.rows).toEqual([
        { line: 7, reason: 'duplicate key: the same flow as line 6' },
        { line: 8, reason: 'duplicate key: the same flow as line 3' },
      ])

      // Without repeats the two parts add up to the file: 10 rows, key after the first 3.
      const clean = `${dir}/BACI_HS17_Y2020_V202301.csv`
      writeFileSync(clean, `t,i,j,k,v,q\n${Array.from({ length: 10 }, (_, n) => `2020,4,8,${10121 + n},${n + 1},NA\n`).join('')}`)
      expect(await ingestFiles(t.wh, [clean], { log: silentLog })).toMatchObject([{ rowsRead: 10, rowsLoaded: 10, rowsRejected: 0 }])
      const sum = await sql<{ n: number; v: string }>`select count(*)::int as n, sum(value)::text as v from core.trade_flow where period = '2020'`.execute(t.wh.db)
      expect(sum.rows).toEqual([{ n: 10, v: '55000' }])
    } finally {
      firstLoadTuning.embeddedRowsBeforeKey = saved
    }
  })

  it.runIf(engine === 'server')('a reader holding the table keeps the key in place: the load goes the usual way, nobody waits for it', async () => {
    const before = await factKey(t)
    const reader = new pg.Client({ connectionString: t.url })
    await reader.connect()
    try {
      await reader.query('begin isolation level repeatable read')
      await reader.query('select count(*) from core.trade_fact')
      const path = `${dir}/BACI_HS17_Y2019_V202301.csv`
      writeFileSync(path, 't,i,j,k,v,q\n2019,4,8,10121,14.9,3.75\n')
      expect(await ingestFiles(t.wh, [path], { log: silentLog })).toMatchObject([{ rowsLoaded: 1, rowsRejected: 0 }])
      // The reader's snapshot still answers while the load has committed.
      expect((await reader.query('select count(*)::int as n from core.trade_fact')).rows).toEqual([{ n: 0 }])
      await reader.query('commit')
    } finally {
      await reader.end()
    }
    expect(await factKey(t)).toEqual(before)
    expect(await flows(t)).toEqual([{ reporter_code: '4', partner_code: '8', product_code: '010121', value: '14900' }])
  })

  it.runIf(engine === 'server')('status answers during a first load, names its file and leaves out the fact counts it would wait for', async () => {
    const path = `${dir}/BACI_HS17_Y2019_V202301.csv`
    writeFileSync(path, 't,i,j,k,v,q\n2019,4,8,10121,14.9,3.75\n')
    expect(await ingestFiles(t.wh, [path], { log: silentLog })).toMatchObject([{ rowsLoaded: 1 }])
    expect((await queryStatus(t.wh)).freshness).toMatchObject([{ source_format: 'baci', rows: 1 }])
    // A session as a first load leaves it (the load itself is too quick to catch here).
    const loader = new pg.Client({ connectionString: t.url })
    await loader.connect()
    try {
      await loader.query('begin')
      await loader.query(`select set_config('application_name', 'trade-etl loading BACI_HS17_Y2020_V202301.csv', true)`)
      await loader.query('lock table core.trade_fact in access exclusive mode')
      const status = await queryStatus(t.wh)
      expect(status.firstLoad).toEqual({ path: 'BACI_HS17_Y2020_V202301.csv', since: expect.any(Date) })
      expect(status.freshness).toEqual([])
      expect(status.files).toMatchObject([{ path, rows_loaded: 1 }])
      await loader.query('rollback')
    } finally {
      await loader.end()
    }
    expect((await queryStatus(t.wh)).firstLoad).toBeNull()
  })

  it.runIf(engine === 'server')('a first load into another warehouse on the same server is not this one\'s (their tables share ids)', async () => {
    const other = await createTestWarehouse('server')
    const loader = new pg.Client({ connectionString: other.url })
    await loader.connect()
    try {
      await loader.query('begin')
      await loader.query(`select set_config('application_name', 'trade-etl loading BACI_HS17_Y2021_V202301.csv', true)`)
      await loader.query('lock table core.trade_fact in access exclusive mode')
      expect((await queryStatus(t.wh)).firstLoad).toBeNull()
      expect((await queryStatus(other.wh)).firstLoad).toEqual({ path: 'BACI_HS17_Y2021_V202301.csv', since: expect.any(Date) })
      await loader.query('rollback')
    } finally {
      await loader.end()
      await other.close()
    }
  })
})

describe('RowSplit', () => {
  const chunks = (...texts: string[]) => (async function* () { for (const text of texts) yield Buffer.from(text) })()
  const read = async (part: AsyncIterable<Buffer>) => {
    let text = ''
    for await (const chunk of part) text += chunk.toString()
    return text
  }

  it('ends the head at the chunk that reaches the rows, or at the next chunk that ends a row', async () => {
    const split = new RowSplit(chunks('a\nb\n', 'c\nd', 'e\nf\n', 'g\n'), 3)
    expect(await read(split.head())).toBe('a\nb\nc\nde\nf\n')
    expect(await read(split.rest())).toBe('g\n')
    await split.close()
  })

  it('gives an empty rest when the head took everything, and close ends a source left unread', async () => {
    const whole = new RowSplit(chunks('a\n', 'b\n'), 5)
    expect(await read(whole.head())).toBe('a\nb\n')
    expect(await read(whole.rest())).toBe('')
    let ended = false
    const source = (async function* () {
      try {
        for (;;) yield Buffer.from('x\n')
      } finally {
        ended = true
      }
    })()
    const split = new RowSplit(source, 2)
    expect(await read(split.head())).toBe('x\nx\n')
    await split.close()
    expect(ended).toBe(true)
  })
})
