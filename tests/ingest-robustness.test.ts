import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { gzipSync } from 'node:zlib'
import { sql } from 'kysely'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ingestFiles } from '../src/jobs/index.ts'
import { queryStatus } from '../src/load/index.ts'
import { ENGINES, createTestWarehouse, silentLog, type TestWarehouse } from './helpers/warehouse.ts'
import { NODE_FLAGS } from './helpers/run-cli.ts'

const CEMENT = 'fixtures/comtrade/cement-legacy-35.csv'
const THAILAND = 'fixtures/comtrade-plus/thailand-ic-imports-plus.csv'

async function counts(t: TestWarehouse) {
  const r = await sql<{ files: number; flows: number; rejects: number }>`
    select (select count(*)::int from etl.source_file) as files, (select count(*)::int from core.trade_flow) as flows,
           (select count(*)::int from etl.rejected_row) as rejects`.execute(t.wh.db)
  return r.rows[0]
}

describe.each(ENGINES)('ingestion of broken and wrapped inputs on the %s engine', (engine) => {
  let t: TestWarehouse
  let dir: string
  beforeAll(async () => {
    t = await createTestWarehouse(engine)
    dir = mkdtempSync(`${tmpdir()}/trade-etl-robust-`)
  })
  afterAll(async () => t?.close())

  it.each([
    ['empty.csv', Buffer.alloc(0), /empty.csv: the file is empty \[FILE_EMPTY\]/],
    ['blank.csv', Buffer.from('\n\n  \n'), /blank.csv: the file is empty \[FILE_EMPTY\]/],
    ['binary.csv', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 1, 2, 3, 0, 0, 0]), /binary.csv: the file is binary/],
  ])('fails %s cleanly and changes nothing', async (name, bytes, message) => {
    const before = await counts(t)
    const path = `${dir}/${name}`
    writeFileSync(path, bytes)
    const [summary] = await ingestFiles(t.wh, [path], { log: silentLog })
    expect(summary?.error).toMatch(message)
    expect(await counts(t)).toEqual(before)
  })

  it('fails a truncated gzip naming the file, and loads nothing of it', async () => {
    const before = await counts(t)
    const whole = gzipSync(readFileSync(CEMENT))
    const path = `${dir}/cut.csv.gz`
    writeFileSync(path, whole.subarray(0, Math.floor(whole.length * 0.6)))
    const [summary] = await ingestFiles(t.wh, [path], { log: silentLog })
    expect(summary?.error).toMatch(/cut\.csv\.gz: compressed data is truncated or corrupt .*ARCHIVE_CORRUPT/)
    expect(await counts(t)).toEqual(before)
  })

  it('fails a zip that is not a zip', async () => {
    const path = `${dir}/fake.zip`
    writeFileSync(path, 'not a zip at all')
    const [summary] = await ingestFiles(t.wh, [path], { log: silentLog })
    expect(summary?.error).toMatch(/fake\.zip: not a readable zip archive/)
  })

  it('reads gzip, and folders, with the same rows as the plain file', async () => {
    const folder = `${dir}/downloads`
    mkdirSync(`${folder}/nested`, { recursive: true })
    writeFileSync(`${folder}/cement.csv.gz`, gzipSync(readFileSync(CEMENT)))
    copyFileSync('fixtures/comtrade/totals-legacy-35.csv', `${folder}/nested/totals.csv`)
    writeFileSync(`${folder}/notes.md`, 'not data, not a data extension: passed over')
    const summaries = await ingestFiles(t.wh, [folder], { log: silentLog })
    expect(summaries.map((s) => [s.path.replace(folder, ''), s.rowsLoaded, s.error])).toEqual([
      ['/cement.csv.gz', 874, undefined],
      ['/nested/totals.csv', 288, undefined],
    ])
  })

  it('decodes Windows-1252 files (Comtrade Plus downloads) right', async () => {
    const [summary] = await ingestFiles(t.wh, [THAILAND], { log: silentLog })
    expect(summary).toMatchObject({ encoding: 'windows-1252', rowsRejected: 0 })
    // The file names partners in 1252; the warehouse maps codes, so check the bytes made it as text.
    const raw = readFileSync(THAILAND)
    expect(raw.includes(0xf4) || raw.includes(0xe9) || raw.includes(0xfc)).toBe(true)
    const r = await sql<{ n: number }>`select count(*)::int as n from reporting.trade_flow where source_file = ${THAILAND} and partner_iso3 = 'CIV'`.execute(t.wh.db)
    expect(r.rows[0]?.n).toBeGreaterThan(0)
  })

  it('loads an unknown country code with a NULL ISO3 and lists it in status', async () => {
    const path = `${dir}/unknown-code.csv`
    const lines = readFileSync('fixtures/comtrade/usa-china-legacy-12.csv', 'utf8').split('\r\n').slice(0, 3)
    writeFileSync(path, [lines[0], (lines[1] as string).replace(',842,USA,156,China,', ',842,USA,9999,Atlantis,'), lines[2], ''].join('\n'))
    const [summary] = await ingestFiles(t.wh, [path], { log: silentLog })
    expect(summary).toMatchObject({ rowsLoaded: 2, rowsRejected: 0 })
    const r = await sql<{ partner_iso3: string | null }>`select partner_iso3 from reporting.trade_flow where source_file = ${path} and partner_code = '9999'`.execute(t.wh.db)
    expect(r.rows).toEqual([{ partner_iso3: null }])
    const status = await queryStatus(t.wh)
    expect(status.unknownCodes).toContainEqual({ source_format: 'comtrade', code: '9999', role: 'partner', rows: 1 })
  })

  it('decodes a UTF-8 file with a BOM and quoted, tab-separated fields', async () => {
    const lines = readFileSync(CEMENT, 'utf8').split('\r\n').filter((l) => l !== '').slice(0, 6)
    const tsv = lines.map((l) => l.split(',').map((c) => `"${c}"`).join('\t')).join('\n')
    const path = `${dir}/cement-bom.tsv`
    writeFileSync(path, `\uFEFF${tsv}\n`)
    const [summary] = await ingestFiles(t.wh, [path], { log: silentLog })
    expect(summary).toMatchObject({ layout: 'comtrade-legacy', rowsRead: 5, rowsLoaded: 5, rowsRejected: 0 })
  })

  it('merges a revised BACI release through staging with the columns BACI writes, and rejects a repeated key', async () => {
    const first = `${dir}/BACI_HS17_Y2019_V202301.csv`
    const second = `${dir}/BACI_HS17_Y2019_V202401.csv`
    writeFileSync(first, 't,i,j,k,v,q\n2019,4,8,10121,14.9,3.75\n2019,4,8,10122,1.5,NA\n2019,31,376,270900,51002.7,77410.91\n')
    // The next release revises one value, adds a flow, and repeats a key (the first one counts).
    writeFileSync(second, 't,i,j,k,v,q\n2019,4,8,10121,14.9,3.75\n2019,4,8,10122,1.75,NA\n2019,31,376,270900,51002.7,77410.91\n2019,31,376,271019,2.5,1\n2019,4,8,10121,99,99\n')
    expect(await ingestFiles(t.wh, [first], { log: silentLog })).toMatchObject([{ rowsRead: 3, rowsLoaded: 3, rowsRejected: 0 }])
    expect(await ingestFiles(t.wh, [second], { log: silentLog })).toMatchObject([{ rowsRead: 5, rowsLoaded: 4, rowsRejected: 1, revised: 1 }])
    const rows = await sql<Record<string, string | null>>`
      select reporter_code, partner_code, product_code, value::text, net_mass_t::text, partner2_code, customs_code, mot_code, flow,
             is_primary::text, currency, reporter_iso3, quantity::text, quantity_unit, flag, line::text
      from core.trade_flow where source_format = 'baci' and period = '2019' order by product_code`.execute(t.wh.db)
    const common = { partner2_code: '0', customs_code: 'C00', mot_code: '0', flow: 'X', is_primary: 'true', currency: 'USD', reporter_iso3: null, quantity: null, quantity_unit: null, flag: null }
    expect(rows.rows).toEqual([
      { reporter_code: '4', partner_code: '8', product_code: '010121', value: '14900', net_mass_t: '3.75', line: '2', ...common },
      { reporter_code: '4', partner_code: '8', product_code: '010122', value: '1750', net_mass_t: null, line: '3', ...common },
      { reporter_code: '31', partner_code: '376', product_code: '270900', value: '51002700', net_mass_t: '77410.91', line: '4', ...common },
      { reporter_code: '31', partner_code: '376', product_code: '271019', value: '2500', net_mass_t: '1', line: '5', ...common },
    ])
    const revision = await sql<{ value: string; line: number }>`select value::text, line from core.trade_flow_revision where product_code = '010122'`.execute(t.wh.db)
    expect(revision.rows).toEqual([{ value: '1500', line: 3 }])
    const rejects = await sql<{ line: number; reason: string }>`
      select line, reason from etl.rejected_row join etl.source_file using (file_id) where path = ${second}`.execute(t.wh.db)
    expect(rejects.rows).toEqual([{ line: 6, reason: 'duplicate key: the same flow as line 2' }])
  })
})

/** A BACI file big enough that a kill lands mid-COPY. */
function writeBaci(path: string, rows: number): void {
  const out: string[] = ['t,i,j,k,v,q']
  for (let n = 0; n < rows; n++) out.push(`2022,${4 + (n % 300) * 4},${8 + Math.floor(n / 300000) * 4},${100000 + Math.floor(n / 300) % 1000},${(n % 9973) + 0.125},${n % 7 === 0 ? 'NA' : n % 1000}`)
  writeFileSync(path, `${out.join('\n')}\n`)
}

describe.runIf(ENGINES.includes('server'))('kill -9 mid-load on the server', () => {
  let t: TestWarehouse
  beforeAll(async () => {
    t = await createTestWarehouse('server')
  })
  afterAll(async () => t?.close())

  it('leaves nothing half-loaded, and a rerun gives the same warehouse as one clean run', async () => {
    const dir = mkdtempSync(`${tmpdir()}/trade-etl-kill-`)
    const path = `${dir}/BACI_HS17_Y2022_V202301.csv`
    writeBaci(path, 250_000)
    const env = { ...process.env, DATABASE_URL: t.url, LOG_LEVEL: 'warn' }
    const child = spawn(process.execPath, [...NODE_FLAGS, 'bin/trade-etl.js', 'ingest', path], { env, stdio: 'ignore' })
    // Kill as soon as the COPY is running on the server.
    const watcher = new pg.Client({ connectionString: t.url })
    await watcher.connect()
    let copying = false
    for (let i = 0; i < 300 && !copying; i++) {
      const r = await watcher.query<{ n: number }>("select count(*)::int as n from pg_stat_activity where datname = current_database() and query ilike 'copy core.trade_fact%' and state = 'active'")
      copying = (r.rows[0]?.n ?? 0) > 0
      if (!copying) await new Promise((resolve) => setTimeout(resolve, 50))
    }
    await watcher.end()
    expect(copying).toBe(true)
    child.kill('SIGKILL')
    await once(child, 'exit')

    // Nothing of the killed load is visible; the server rolled it back with the connection.
    await new Promise((resolve) => setTimeout(resolve, 300))
    const after = await sql<{ n: number }>`select count(*)::int as n from core.trade_flow where source_format = 'baci'`.execute(t.wh.db)
    expect(after.rows[0]?.n).toBe(0)

    const [summary] = await ingestFiles(t.wh, [path], { log: silentLog })
    expect(summary).toMatchObject({ rowsRead: 250_000, rowsLoaded: 250_000, rowsRejected: 0, skipped: false })
    const total = await sql<{ n: number; v: string }>`select count(*)::int as n, sum(value)::text as v from core.trade_flow where source_format = 'baci'`.execute(t.wh.db)
    let expected = 0n
    for (let n = 0; n < 250_000; n++) expected += BigInt((n % 9973) * 1000 + 125)
    expect(total.rows[0]).toEqual({ n: 250_000, v: expected.toString() })
  })
})
