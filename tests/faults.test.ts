import { createWriteStream, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { finished } from 'node:stream/promises'
import { tmpdir } from 'node:os'
import { sql } from 'kysely'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ingestFiles } from '../src/jobs/ingest-files.ts'
import { openWarehouse } from '../src/load/index.ts'
import { ENGINES, createTestWarehouse, silentLog, type TestWarehouse } from './helpers/warehouse.ts'
import { rawColumn, readRawTable, sumUnits } from './helpers/raw-csv.ts'

const CEMENT = 'fixtures/comtrade/cement-legacy-35.csv'
const GERMANY = 'fixtures/comtrade-plus/germany-crude-imports-names.csv'

describe.each(ENGINES)('faults on the %s engine', (engine) => {
  let t: TestWarehouse
  let dir: string
  beforeAll(async () => {
    t = await createTestWarehouse(engine)
    dir = mkdtempSync(`${tmpdir()}/trade-etl-faults-`)
  })
  afterAll(async () => t?.close())

  it('a missing input among several fails alone, named, and the others load', async () => {
    const missing = `${dir}/missing.csv`
    const summaries = await ingestFiles(t.wh, [CEMENT, missing], { log: silentLog })
    const byPath = (path: string) => summaries.find((s) => s.path === path)
    expect(summaries).toHaveLength(2)
    expect(byPath(CEMENT)).toMatchObject({ rowsLoaded: readRawTable(CEMENT).rows.length })
    expect(byPath(CEMENT)?.error).toBeUndefined()
    expect(byPath(missing)?.error).toMatch(/missing\.csv/)
  })

  it('a UTF-8 file with a stray 1252 byte is recorded UTF-8, the line rejected; the clean file after it revises nothing', async () => {
    const lines = new TextDecoder('windows-1252').decode(readFileSync(GERMANY)).split('\n')
    const mixed = `${dir}/GCO_Imports_mixed.csv`
    writeFileSync(mixed, Buffer.concat(lines.map((l, n) => Buffer.from(`${l}${n < lines.length - 1 ? '\n' : ''}`, n === 604 ? 'latin1' : 'utf8'))))
    const [summary] = await ingestFiles(t.wh, [mixed], { log: silentLog })
    expect(summary).toMatchObject({ encoding: 'utf-8', rowsRejected: 1 })
    const stored = await sql<{ encoding: string; line: number; reason: string }>`
      select f.encoding, r.line, r.reason from etl.source_file f join etl.rejected_row r using (file_id) where f.path = ${mixed}`.execute(t.wh.db)
    expect(stored.rows).toEqual([{ encoding: 'utf-8', line: 605, reason: expect.stringMatching(/^not valid UTF-8/) }])
    const clean = `${dir}/GCO_Imports_clean.csv`
    writeFileSync(clean, Buffer.from(lines.join('\n'), 'utf8'))
    const [second] = await ingestFiles(t.wh, [clean], { log: silentLog })
    // Same rows, same keys: nothing revised, nothing duplicated under a garbled name.
    expect(second).toMatchObject({ encoding: 'utf-8', rowsRejected: 0, revised: 0 })
    const raw = readRawTable(GERMANY, 'windows-1252')
    const partners = rawColumn(raw, 'Partner')
    const p2 = rawColumn(raw, 'Partner2')
    const civ = rawColumn(raw, 'Trade Value').filter((_, n) => partners[n] === "Côte d'Ivoire" && p2[n] === 'World')
    const r = await sql<{ v: string }>`
      select coalesce(sum(value), 0)::text as v from core.trade_flow where source_format = 'comtrade-plus' and partner_code = ${"Côte d'Ivoire"} and partner2_code = '0'`.execute(t.wh.db)
    expect(sumUnits([r.rows[0]?.v ?? '0'])).toBe(sumUnits(civ))
  })
})

const server = process.env.TEST_DATABASE_URL === undefined ? describe.skip : describe

/** A BACI file of `rows` unique flows, big enough for a COPY to be caught in flight. */
async function bigBaci(path: string, rows: number, year: number): Promise<void> {
  const out = createWriteStream(path)
  out.write('t,i,j,k,v,q\n')
  for (let n = 0; n < rows; n += 10_000) {
    let chunk = ''
    for (let m = n; m < Math.min(rows, n + 10_000); m++) chunk += `${year},${4 + (m % 200)},${8 + Math.floor(m / 200) % 300},${100000 + Math.floor(m / 60_000)},1.5,2\n`
    out.write(chunk)
  }
  out.end()
  await finished(out)
}

server('connection faults and concurrency on the server', () => {
  let t: TestWarehouse
  let dir: string
  beforeAll(async () => {
    t = await createTestWarehouse('server')
    dir = mkdtempSync(`${tmpdir()}/trade-etl-faults-server-`)
  })
  afterAll(async () => t?.close())

  /** Terminates the backend of every COPY into core.trade_flow seen, up to `times`, from a second connection. */
  function killCopies(times: number): { stop(): Promise<number> } {
    const admin = new pg.Client({ connectionString: t.url })
    const killed = new Set<number>()
    let running = true
    const loop = (async () => {
      await admin.connect()
      while (running && killed.size < times) {
        // One backend at a time, each once (a terminated backend lingers in pg_stat_activity).
        const r = await admin.query<{ pid: number; ok: boolean }>(
          `select pid, pg_terminate_backend(pid) as ok from pg_stat_activity
           where datname = current_database() and pid <> pg_backend_pid() and state = 'active' and query ilike 'copy core.trade_f%'
             and not (pid = any($1::int[])) limit 1`, [[...killed]])
        for (const row of r.rows) if (row.ok) killed.add(row.pid)
        await new Promise((resolve) => setTimeout(resolve, 5))
      }
      await admin.end()
    })()
    return { async stop() { running = false; await loop; return killed.size } }
  }

  it('a COPY killed mid-way is retried once on a new connection and loads', async () => {
    const path = `${dir}/BACI_HS17_Y2021_V202301.csv`
    await bigBaci(path, 300_000, 2021)
    const killer = killCopies(1)
    const [summary] = await ingestFiles(t.wh, [path], { log: silentLog })
    expect(await killer.stop()).toBe(1)
    expect(summary?.error).toBeUndefined()
    expect(summary).toMatchObject({ rowsLoaded: 300_000, retried: true })
  })

  it('a COPY killed on both attempts fails that file with "connection lost", and the next file loads', async () => {
    const path = `${dir}/BACI_HS17_Y2020_V202301.csv`
    await bigBaci(path, 300_000, 2020)
    const killer = killCopies(2)
    const summaries = await ingestFiles(t.wh, [path, CEMENT], { log: silentLog })
    expect(await killer.stop()).toBe(2)
    // Two kills: the big file's two attempts (it fails, named, "connection lost", none of its
    // rows stay) or, when its retry finished before the killer saw it, its first attempt and the
    // next file's first attempt (both retried and loaded). Either way every file is accounted for.
    expect(summaries.map((s) => s.path)).toEqual([path, CEMENT])
    const lost = summaries.filter((s) => s.error !== undefined)
    for (const s of lost) expect(s.error).toMatch(/: connection lost .*\[CONNECTION_LOST\]/)
    expect(lost.length === 1 ? lost[0]?.path : summaries.filter((s) => s.retried === true).length).toBe(lost.length === 1 ? path : 2)
    expect(summaries[1]?.error).toBeUndefined()
    const after = await sql<{ n: number }>`select count(*)::int as n from core.trade_flow where file_id in (select file_id from etl.source_file where path = ${path})`.execute(t.wh.db)
    expect(after.rows[0]?.n).toBe(lost.length === 1 ? 0 : 300_000)
    expect(summaries[1]?.rowsLoaded).toBeGreaterThan(0)
  })

  it("the lock's connection dropping is handled, not a crash", async () => {
    const release = await t.wh.tryLock('trade-etl:test-lock')
    expect(release).not.toBeNull()
    const admin = new pg.Client({ connectionString: t.url })
    await admin.connect()
    // This test's database only: another run on the same server holds advisory locks of its own.
    await admin.query(`select pg_terminate_backend(pid) from pg_locks
      where locktype = 'advisory' and pid <> pg_backend_pid() and database = (select oid from pg_database where datname = current_database())`)
    await admin.end()
    await new Promise((resolve) => setTimeout(resolve, 100))
    await release?.()
    // The lock went with its session: it can be taken again.
    const again = await t.wh.tryLock('trade-etl:test-lock')
    expect(again).not.toBeNull()
    await again?.()
  })

  it('the same file ingested twice at once: one loaded, one skipped; overlapping files in opposite order: no deadlock', async () => {
    const other = await openWarehouse({ engine: 'server', url: t.url as string })
    try {
      const same = `${dir}/twice.csv`
      writeFileSync(same, readFileSync('fixtures/comtrade/bicycles-legacy-35.csv'))
      const results = await Promise.all([ingestFiles(t.wh, [same], { log: silentLog }), ingestFiles(other, [same], { log: silentLog })])
      expect(results.map((r) => r[0]?.error)).toEqual([undefined, undefined])
      expect(results.map((r) => r[0]?.skipped).sort()).toEqual([false, true])
      const lines = readFileSync(`${dir}/BACI_HS17_Y2021_V202301.csv`, 'utf8').trimEnd().split('\n')
      const a = `${dir}/BACI_HS17_Y2019_V202301.csv`
      const b = `${dir}/BACI_HS17_Y2019_V202401.csv`
      const body = lines.slice(1, 40_001).map((l) => l.replace(/^2021/, '2019'))
      writeFileSync(a, [lines[0], ...body].join('\n'))
      writeFileSync(b, [lines[0], ...body.reverse().map((l) => l.replace(/,1\.5,/, ',2.5,'))].join('\n'))
      const both = await Promise.all([ingestFiles(t.wh, [a], { log: silentLog }), ingestFiles(other, [b], { log: silentLog })])
      expect(both.map((r) => r[0]?.error)).toEqual([undefined, undefined])
      expect(both.map((r) => r[0]?.rowsLoaded)).toEqual([40_000, 40_000])
    } finally {
      await other.close()
    }
  })
})
