import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openWarehouse } from '../src/load/index.ts'
import { TestServer, staticBody } from './helpers/http-server.ts'
import { cli } from './helpers/run-cli.ts'
import { ENGINES, createTestWarehouse, type TestWarehouse } from './helpers/warehouse.ts'

const SECRET = 'k3y-0f-the-test-9b1e7c'
/** Each test starts several trade-etl processes (about 15 s on an idle machine). */
const CLI_TIMEOUT = 240_000

/** Data lines of a CSV, counted apart from the loader: every one must be loaded or rejected. */
const dataLines = (text: string) => text.split(/\r?\n/).filter((l) => l.trim() !== '').length - 1

interface RunDoc {
  ok: boolean
  jobs: { name: string; kind: string; ok: boolean; sources: { source: string; status: string; bytes: number; rowsLoaded: number; rowsRejected: number; error?: string }[] }[]
}

describe.each(ENGINES)('sources over HTTP on the %s engine', (engine) => {
  const cement = readFileSync('fixtures/comtrade/cement-legacy-35.csv', 'latin1')
  const bulk = readFileSync('fixtures/comtrade/india-china-bulk-codes.csv')
  const zip = readFileSync('fixtures/baci/BACI_HS17_V202301.zip')
  const totals = readFileSync('fixtures/comtrade/totals-legacy-35.csv')
  // The zip's lines: two data members and CEPII's two side tables (each its own source, issue 9).
  const baciLines = ['fixtures/baci/BACI_HS17_Y2021_V202301.csv', 'fixtures/baci/BACI_HS17_Y2022_V202301.csv', 'fixtures/reference/baci-country-codes-V202301.csv',
    'fixtures/reference/baci-product-codes-HS17-V202301.csv'].reduce((n, f) => n + dataLines(readFileSync(f, 'utf8')), 0)
  let cementBody = cement
  let server: TestServer
  let home: string
  let env: NodeJS.ProcessEnv
  let t: TestWarehouse | undefined
  let config: string
  let failing: string

  beforeAll(async () => {
    server = await new TestServer().start()
    server.route('/comtrade/cement.csv', staticBody(() => Buffer.from(cementBody, 'latin1')))
    server.route('/comtrade/india-china.csv.gz', staticBody(() => gzipSync(bulk), { type: 'application/gzip', lastModified: 'Mon, 01 Dec 2025 00:00:00 GMT' }))
    server.route('/cepii/BACI_HS17_V202301.zip', staticBody(() => zip, { type: 'application/zip' }))
    server.route('/moved/totals.csv', (_req, res) => {
      res.writeHead(301, { location: '/comtrade/totals.csv' }).end()
    })
    server.route('/comtrade/totals.csv', staticBody(() => totals))
    server.route('/login.csv', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>Sign in</title>')
    })
    home = mkdtempSync(join(tmpdir(), 'trade-etl-http-'))
    if (engine === 'server') {
      t = await createTestWarehouse('server')
      await t.wh.close()
      env = { DATABASE_URL: t.url, TRADE_ETL_HOME: home }
    } else {
      env = { DATABASE_URL: '', TRADE_ETL_HOME: home }
    }
    config = join(home, 'sources.config.json')
    writeFileSync(config, JSON.stringify({
      jobs: [{
        name: 'trade-files', kind: 'ingest', maxAge: '8d',
        urls: [server.url('/comtrade/cement.csv'), server.url('/comtrade/india-china.csv.gz'), server.url('/cepii/BACI_HS17_V202301.zip')],
      }],
    }))
    failing = join(home, 'failing.config.json')
    const port = new URL(server.base).port
    writeFileSync(failing, JSON.stringify({
      jobs: [{
        name: 'broken-files', kind: 'ingest', maxAge: '8d',
        urls: [`http://reader:${SECRET}@127.0.0.1:${port}/gone.csv?subscription-key=${SECRET}`, server.url('/login.csv'), server.url('/moved/totals.csv')],
      }],
    }))
  })
  afterAll(async () => {
    await server?.stop()
    await t?.close()
    rmSync(home, { recursive: true, force: true })
  })

  it('first run loads every URL; the second is not-modified with no data bytes; a changed file alone loads the third time', async () => {
    const first = await cli(['run', '--json', '--config', config], env)
    expect(first.code, first.stderr).toBe(0)
    const doc1 = JSON.parse(first.stdout) as RunDoc
    const s1 = doc1.jobs[0]?.sources ?? []
    expect(s1.map((s) => s.status)).toEqual(['loaded', 'loaded', 'loaded'])
    expect(s1.map((s) => s.bytes)).toEqual([Buffer.byteLength(cement, 'latin1'), gzipSync(bulk).length, zip.length])
    expect((s1[0]?.rowsLoaded ?? 0) + (s1[0]?.rowsRejected ?? 0)).toBe(dataLines(cement))
    expect((s1[1]?.rowsLoaded ?? 0) + (s1[1]?.rowsRejected ?? 0)).toBe(dataLines(bulk.toString('latin1')))
    expect((s1[2]?.rowsLoaded ?? 0) + (s1[2]?.rowsRejected ?? 0)).toBe(baciLines)
    expect(s1[0]?.source).toBe(server.url('/comtrade/cement.csv'))

    const second = await cli(['run', '--json', '--config', config], env)
    expect(second.code, second.stderr).toBe(0)
    const s2 = (JSON.parse(second.stdout) as RunDoc).jobs[0]?.sources ?? []
    expect(s2.map((s) => [s.status, s.bytes, s.rowsLoaded, s.rowsRejected])).toEqual([
      ['not-modified', 0, 0, 0], ['not-modified', 0, 0, 0], ['not-modified', 0, 0, 0]])

    // Upstream publishes a revised cement file: one value changes.
    cementBody = cement.replace(/\r\n(.*?)\r\n/, (_m, line: string) => `\r\n${line.replace(/,(\d+),/, (_n, v: string) => `,${BigInt(v) + 1n},`)}\r\n`)
    expect(cementBody).not.toBe(cement)
    const third = await cli(['run', '--json', '--config', config], env)
    expect(third.code, third.stderr).toBe(0)
    const s3 = (JSON.parse(third.stdout) as RunDoc).jobs[0]?.sources ?? []
    expect(s3.map((s) => s.status)).toEqual(['loaded', 'not-modified', 'not-modified'])
    expect(s3[0]?.bytes).toBe(Buffer.byteLength(cementBody, 'latin1'))

    const check = await cli(['status', '--check', '--config', config], env)
    expect(check.code, check.stderr).toBe(0)
    expect(check.stdout).toMatch(/^ok {4}trade-files: data is \d+ min old, within maxAge 8d$/m)
  }, CLI_TIMEOUT)

  it('a 404, an HTML page where data was expected and a redirect end as documented; no secret anywhere; status --check exits 3', async () => {
    const res = await cli(['run', '--json', '--config', failing], env)
    expect(res.code).toBe(1)
    const doc = JSON.parse(res.stdout) as RunDoc
    const sources = doc.jobs[0]?.sources ?? []
    expect(sources.map((s) => s.status)).toEqual(['failed', 'failed', 'loaded'])
    expect((sources[2]?.rowsLoaded ?? 0) + (sources[2]?.rowsRejected ?? 0)).toBe(dataLines(totals.toString('latin1')))
    expect(sources[0]?.source).toMatch(/^http:\/\/reader:\*\*\*@127\.0\.0\.1:\d+\/gone\.csv\?subscription-key=\*\*\*$/)
    expect(sources[0]?.error).toMatch(/gone\.csv.*answered 404/)
    expect(sources[1]?.error).toMatch(/login\.csv answered 200 with an HTML page where a data file was expected.*Sign in/)

    const check = await cli(['status', '--check', '--config', failing], env)
    expect(check.code).toBe(3)
    expect(check.stdout).toMatch(/^STALE broken-files: last run failed at .*answered 404/m)

    let tables: string
    const wh = engine === 'server' ? await openWarehouse({ engine: 'server', url: t?.url as string }) : await openWarehouse({ engine: 'embedded', dataDir: home })
    try {
      const dump = await Promise.all(['etl.http_fetch', 'etl.run', 'etl.job_state', 'etl.source_file', 'etl.rejected_row'].map((name) =>
        wh.db.selectFrom(name as 'etl.run').selectAll().execute()))
      tables = JSON.stringify(dump)
      const fetches = dump[0] as unknown as { url: string; http_status: number | null; outcome: string }[]
      expect(fetches.some((f) => f.http_status === 404 && f.outcome === 'failed' && f.url.includes('subscription-key=***'))).toBe(true)
      expect(fetches.some((f) => f.http_status === 200 && f.outcome === 'downloaded' && f.url.endsWith('/moved/totals.csv'))).toBe(true)
    } finally {
      await wh.close()
    }
    for (const text of [res.stdout, res.stderr, check.stdout, check.stderr, tables]) expect(text).not.toContain(SECRET)
  }, CLI_TIMEOUT)
})
