import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ingestFiles, unloadSource } from '../src/jobs/index.ts'
import { cli } from './helpers/run-cli.ts'
import { ENGINES, createTestWarehouse, silentLog, type TestWarehouse } from './helpers/warehouse.ts'

const HEADER = 't,i,j,k,v,q\n'
// The first release; the second changes one value (010122), repeats one row unchanged (010121),
// adds one (271019), and has one reject (a negative value) and one duplicate of a key.
const FIRST = `${HEADER}2019,4,8,10121,14.9,3.75\n2019,4,8,10122,1.5,NA\n2019,31,376,270900,51002.7,77410.91\n`
const SECOND = `${HEADER}2019,4,8,10121,14.9,3.75\n2019,4,8,10122,1.75,NA\n2019,31,376,271019,2.5,1\n2019,31,376,271020,-2,1\n2019,4,8,10121,99,99\n`
const THIRD = `${HEADER}2019,4,8,10122,1.8,NA\n2019,31,376,271019,2.5,1\n`

/** Every flow with the file and line it came from: the warehouse as a reader sees it. */
async function snapshot(t: TestWarehouse) {
  const flows = await sql<{ key: string; value: string; mass: string | null; file: string; line: number }>`
    select f.reporter_code || '/' || f.partner_code || '/' || f.product_code || '/' || f.period as key, f.value::text as value,
           f.net_mass_t::text as mass, s.path as file, f.line
    from core.trade_flow f join etl.source_file s using (file_id) order by key`.execute(t.wh.db)
  const history = await sql<{ key: string; value: string; file: string; by: string }>`
    select r.reporter_code || '/' || r.product_code as key, r.value::text as value, o.path as file, n.path as by
    from core.trade_flow_revision r join etl.source_file o on o.file_id = r.file_id join etl.source_file n on n.file_id = r.superseded_by_file_id
    order by key`.execute(t.wh.db)
  const counts = await sql<{ files: number; rejects: number; same: number }>`
    select (select count(*)::int from etl.source_file where format <> 'reference') as files, (select count(*)::int from etl.rejected_row) as rejects,
           (select count(*)::int from core.trade_fact_superseded) as same`.execute(t.wh.db)
  // Year over year, kept at load time, follows an unload too.
  const yoy = await sql<{ key: string; value: string | null; prev: string | null }>`
    select reporter_code || '/' || partner_code || '/' || product_code || '/' || year as key, value_usd::text as value, value_usd_prev::text as prev
    from reporting.trade_yoy order by key`.execute(t.wh.db)
  return { flows: flows.rows, history: history.rows, yoy: yoy.rows, ...counts.rows[0] }
}

/** The data lines of a BACI text and, read on their own, which of them are rejects (negative v). */
function readIndependently(text: string): { lines: number; rejected: number } {
  const rows = text.trim().split('\n').slice(1).map((l) => l.split(','))
  return { lines: rows.length, rejected: rows.filter((r) => (r[4] ?? '').startsWith('-')).length }
}

describe.each(ENGINES)('unload on the %s engine', (engine) => {
  let t: TestWarehouse
  let dir: string
  beforeEach(async () => {
    t = await createTestWarehouse(engine)
    dir = mkdtempSync(join(tmpdir(), 'trade-etl-unload-'))
  })
  afterEach(async () => t?.close())

  const write = (name: string, text: string) => {
    const path = join(dir, name)
    writeFileSync(path, text)
    return path
  }

  it('removes exactly what a later release added and gives the earlier rows back', async () => {
    const first = write('BACI_HS17_Y2019_V202301.csv', FIRST)
    const second = write('BACI_HS17_Y2019_V202401.csv', SECOND)
    await ingestFiles(t.wh, [first], { log: silentLog })
    const before = await snapshot(t)
    const [loaded] = await ingestFiles(t.wh, [second], { log: silentLog })
    expect(loaded?.error).toBeUndefined()
    const after = await snapshot(t)
    expect(after.flows).not.toEqual(before.flows)

    const [unloaded, ...more] = await unloadSource(t.wh, second, silentLog)
    expect(more).toEqual([])
    // Counted from the text: 5 data lines, 1 negative, 1 repeated key -> 3 rows of its own, 2 rejects.
    const read = readIndependently(SECOND)
    expect(unloaded).toMatchObject({ path: second, rowsRemoved: read.lines - read.rejected - 1, rejectsRemoved: read.rejected + 1, rowsRestored: 2 })
    expect(await snapshot(t)).toEqual(before)
  })

  it('keeps what a still later file replaced, and names it in the earlier file\'s history', async () => {
    const [first, second, third] = [write('BACI_HS17_Y2019_V1.csv', FIRST), write('BACI_HS17_Y2019_V2.csv', SECOND), write('BACI_HS17_Y2019_V3.csv', THIRD)]
    for (const f of [first, second, third]) await ingestFiles(t.wh, [f], { log: silentLog })
    const [unloaded] = await unloadSource(t.wh, second, silentLog)
    // 010121 goes back to the first file; 010122 and 271019 stay the third file's.
    expect(unloaded).toMatchObject({ rowsRemoved: 1, rowsRestored: 1 })
    const now = await snapshot(t)
    expect(now.flows).toEqual([
      { key: '31/376/270900/2019', value: '51002700', mass: '77410.91', file: first, line: 4 },
      { key: '31/376/271019/2019', value: '2500', mass: '1', file: third, line: 3 },
      { key: '4/8/010121/2019', value: '14900', mass: '3.75', file: first, line: 2 },
      { key: '4/8/010122/2019', value: '1800', mass: null, file: third, line: 2 },
    ])
    expect(now.history).toEqual([{ key: '4/010122', value: '1500', file: first, by: third }])
    expect(now).toMatchObject({ files: 2, rejects: 0, same: 0 })
  })

  it('finds a source by sha256 or by its recorded path once the file is gone, and every member of a zip', async () => {
    const first = write('BACI_HS17_Y2019_V202301.csv', FIRST)
    const [loaded] = await ingestFiles(t.wh, [first], { log: silentLog })
    const [bySha] = await unloadSource(t.wh, (loaded?.sha256 as string).toUpperCase(), silentLog)
    expect(bySha?.rowsRemoved).toBe(3)
    await ingestFiles(t.wh, [first], { log: silentLog })
    rmSync(first)
    const [byPath] = await unloadSource(t.wh, first, silentLog)
    expect(byPath?.rowsRemoved).toBe(3)
    await ingestFiles(t.wh, ['fixtures/baci/BACI_HS17_V202301.zip'], { log: silentLog })
    const members = await sql<{ n: number; rows: number }>`
      select count(*)::int as n, (sum(rows_loaded) filter (where layout = 'baci'))::int as rows from etl.source_file where path like 'fixtures/baci/BACI_HS17_V202301.zip!%'`.execute(t.wh.db)
    const unloaded = await unloadSource(t.wh, 'fixtures/baci/BACI_HS17_V202301.zip', silentLog)
    expect(unloaded).toHaveLength(members.rows[0]?.n as number)
    expect(unloaded.reduce((n, u) => n + u.rowsRemoved, 0)).toBe(members.rows[0]?.rows)
    expect((await snapshot(t)).flows).toEqual([])
    await expect(unloadSource(t.wh, join(dir, 'never-loaded.csv'), silentLog)).rejects.toMatchObject({ code: 'UNKNOWN_SOURCE' })
  })
})

describe.runIf(process.env.TEST_DATABASE_URL)('trade-etl unload', () => {
  let t: TestWarehouse
  beforeEach(async () => {
    t = await createTestWarehouse('server')
  })
  afterEach(async () => t?.close())

  it('prints what it removed as JSON, and exits 1 for a source never loaded', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'trade-etl-unload-cli-'))
    const file = join(dir, 'BACI_HS17_Y2019_V202301.csv')
    writeFileSync(file, FIRST)
    await ingestFiles(t.wh, [file], { log: silentLog })
    const env = { DATABASE_URL: t.url as string }
    const ok = await cli(['unload', file, '--json'], env)
    expect(ok.code).toBe(0)
    expect(JSON.parse(ok.stdout)).toMatchObject({ unloaded: [{ path: file, rowsRemoved: 3, rejectsRemoved: 0 }] })
    const unknown = await cli(['unload', file], env)
    expect(unknown.code).toBe(1)
    expect(unknown.stderr).toMatch(/nothing loaded matches .* \[UNKNOWN_SOURCE\]/)
  })
})
