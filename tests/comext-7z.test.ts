import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import SevenZip from '7z-wasm'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { resolveJobConfig } from '../src/config/job-config-schema.ts'
import { runJobs, type RunSummary } from '../src/jobs/index.ts'
import { TestServer, staticBody } from './helpers/http-server.ts'
import { ENGINES, createTestWarehouse, silentLog, type TestWarehouse } from './helpers/warehouse.ts'

/**
 * The archive is made here, by 7-Zip itself (7z-wasm, LZMA2 as Eurostat's bulk files use), from
 * the real Comext extract in fixtures/comext (provenance in fixtures/PROVENANCE.md) named as a
 * bulk member (.dat): a real-shaped archive without a binary fixture in the repository.
 */
async function makeSevenZip(dir: string, member: string, archive: string): Promise<void> {
  const sevenZip = await SevenZip({ print: () => undefined, printErr: () => undefined })
  sevenZip.FS.mkdir('/w')
  sevenZip.FS.mount(sevenZip.NODEFS, { root: dir }, '/w')
  sevenZip.FS.chdir('/w')
  const exitCode = process.exitCode
  const code = sevenZip.callMain(['a', '-t7z', '-m0=lzma2', archive, member, '-bso0', '-bsp0']) as unknown
  process.exitCode = exitCode
  expect(Number(code ?? 0)).toBe(0)
}

/** EUR in thousandths (the file writes up to three decimals) summed from the CSV text, apart from the warehouse. */
function sumEuros(csv: string): { rows: number; cents: bigint } {
  const lines = csv.trim().split(/\r?\n/).slice(1)
  let cents = 0n
  for (const l of lines) {
    const v = (l.split(',').at(-1) ?? '').trim()
    const [i = '0', f = ''] = v.split('.')
    expect(f.length).toBeLessThanOrEqual(3)
    cents += BigInt(`${i}${f.padEnd(3, '0')}`)
  }
  return { rows: lines.length, cents }
}

describe.each(ENGINES)('Eurostat Comext bulk .7z files on the %s engine', (engine) => {
  const csv = readFileSync('fixtures/comext/critical-inputs-cn8-2022-2024.csv', 'utf8')
  let t: TestWarehouse
  let server: TestServer
  let dir: string

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'trade-etl-comext-'))
    copyFileSync('fixtures/comext/critical-inputs-cn8-2022-2024.csv', join(dir, 'full_v2_2024.dat'))
    await makeSevenZip(dir, 'full_v2_2024.dat', 'full_v2_2024.7z')
    writeFileSync(join(dir, 'broken.7z'), readFileSync(join(dir, 'full_v2_2024.7z')).subarray(0, 4000))
    t = await createTestWarehouse(engine)
    server = await new TestServer().start()
    server.route('/comext/full_v2_2024.7z', staticBody(() => readFileSync(join(dir, 'full_v2_2024.7z')), { type: 'application/x-7z-compressed' }))
    server.route('/comext/broken.7z', staticBody(() => readFileSync(join(dir, 'broken.7z')), { type: 'application/x-7z-compressed' }))
  })
  afterAll(async () => {
    await server?.stop()
    await t?.close()
    await rm(dir, { recursive: true, force: true })
  })

  it('downloads a .7z, loads its member exactly, leaves nothing unpacked behind; a broken one fails naming the URL', async () => {
    const before = readdirSync(tmpdir()).filter((d) => d.startsWith('trade-etl-7z-'))
    const config = resolveJobConfig({
      jobs: [{ name: 'comext', kind: 'ingest', urls: [server.url('/comext/full_v2_2024.7z'), server.url('/comext/broken.7z')] }],
      downloads: { cache: join(dir, 'cache'), attempts: 1 },
    }, join(dir, 'c.json'))
    const exitCode = process.exitCode
    const run = await runJobs(t.wh, config, [], silentLog) as RunSummary
    expect(process.exitCode).toBe(exitCode)
    const [good, broken] = run.jobs[0]?.sources ?? []
    const expected = sumEuros(csv)
    expect(good?.status).toBe('loaded')
    expect((good?.rowsLoaded ?? 0) + (good?.rowsRejected ?? 0)).toBe(expected.rows)
    expect(broken?.status).toBe('failed')
    expect(broken?.error).toMatch(/broken\.7z.*not a readable 7z archive: 7-Zip exited 2.*\[ARCHIVE_CORRUPT\]/)

    const files = await t.wh.db.selectFrom('etl.source_file').select(['path', 'member', 'format', 'rows_loaded']).where('format', '=', 'comext').execute()
    expect(files).toEqual([{ path: `${server.url('/comext/full_v2_2024.7z')}!full_v2_2024.dat`, member: 'full_v2_2024.dat', format: 'comext', rows_loaded: good?.rowsLoaded }])
    expect(good?.rowsRejected).toBe(0)
    const sum = await sql<{ cents: string }>`select (sum(value) * 1000)::numeric(30, 0)::text as cents from core.trade_flow where source_format = 'comext'`.execute(t.wh.db)
    expect(BigInt(sum.rows[0]?.cents ?? '0')).toBe(expected.cents)
    // This process's folders only: another test run may be unpacking beside it.
    expect(readdirSync(tmpdir()).filter((d) => d.startsWith(`trade-etl-7z-${process.pid}-`) && !before.includes(d))).toEqual([])

    const again = await runJobs(t.wh, config, [], silentLog) as RunSummary
    expect(again.jobs[0]?.sources.map((s) => s.status)).toEqual(['not-modified', 'failed'])
  })
})
