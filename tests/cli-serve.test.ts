import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import pg from 'pg'
import { describe, expect, it } from 'vitest'
import { NODE_FLAGS } from './helpers/run-cli.ts'

const run = promisify(execFile)
const BIN = resolve('bin/trade-etl.js')

/** psql is a client of the machine, not of the project: its part of the test needs the binary. */
const HAS_PSQL = await run('psql', ['--version']).then(() => true, () => false)

/** The port `serve --port 0` says it listens on (its first stdout line); rejects if it exits first. */
function servedPort(server: ChildProcess): Promise<number> {
  return new Promise<number>((done, fail) => {
    let out = ''
    server.stdout?.on('data', (c: Buffer) => {
      out += c.toString()
      const m = /on 127\.0\.0\.1:(\d+)/.exec(out)
      if (m !== null) done(Number(m[1]))
    })
    server.on('exit', (code) => fail(new Error(`serve exited ${code}`)))
  })
}

describe('trade-etl serve (embedded warehouse over the wire protocol)', () => {
  it('psql and pg clients, several at once, read the loaded rows; status reads through the holder; SIGTERM stops it with 0', async () => {
    // No DATABASE_URL at all: the embedded warehouse, as on a fresh machine.
    const { DATABASE_URL: _server, ...withoutServer } = process.env
    const env = { ...withoutServer, TRADE_ETL_HOME: join(mkdtempSync(join(tmpdir(), 'trade-etl-serve-')), 'home'), LOG_LEVEL: 'warn' }
    const ingest = await run(process.execPath, [...NODE_FLAGS, BIN, 'ingest', 'fixtures/baci/BACI_HS17_V202301.zip', '--json'], { env })
    // Trade rows only: a BACI zip's side tables are sources too, of reference rows (issue 9).
    const loaded = (JSON.parse(ingest.stdout) as { files: { rowsLoaded: number; layout?: string }[] }).files
      .filter((f) => f.layout?.startsWith('baci-') !== true).reduce((n, f) => n + f.rowsLoaded, 0)
    expect(loaded).toBeGreaterThan(0)

    const server = spawn(process.execPath, [...NODE_FLAGS, BIN, 'serve', '--port', '0'], { env, stdio: ['ignore', 'pipe', 'pipe'] })
    const port = await servedPort(server)
    try {
      if (HAS_PSQL) {
        const psql = await run('psql', ['-h', '127.0.0.1', '-p', String(port), '-tA', '-c', 'select count(*) from reporting.trade_flow'], { env: { ...withoutServer, PGUSER: 'trade_etl', PGDATABASE: 'postgres' } })
        expect(Number(psql.stdout.trim())).toBe(loaded)
      } else {
        console.warn('psql not installed: serve checked with pg clients only')
      }

      const clients = [0, 1, 2].map(() => new pg.Client({ host: '127.0.0.1', port, user: 'trade_etl', database: 'postgres' }))
      await Promise.all(clients.map((c) => c.connect()))
      // Clients at once, each with its queries one after the other (pg queues a client's queries
      // itself, a use it deprecates).
      const counts = (await Promise.all(clients.map(async (c) => {
        const mine: number[] = []
        for (let n = 0; n < 3; n++) mine.push(Number((await c.query<{ n: string }>('select count(*) as n from reporting.trade_flow where year = $1', [2021])).rows[0]?.n))
        return mine
      }))).flat()
      const byYear = Number((await clients[0]!.query<{ n: string }>("select count(*) as n from reporting.trade_flow where year = 2021")).rows[0]?.n)
      // The analyst views read through the wire too: BACI's rows have no World row, so every row is a partner's.
      const shares = Number((await clients[0]!.query<{ n: string }>('select count(*) as n from reporting.partner_share')).rows[0]?.n)
      await Promise.all(clients.map((c) => c.end()))
      expect(shares).toBe(loaded)
      expect(byYear).toBeGreaterThan(0)
      expect(counts).toEqual(counts.map(() => byYear))

      const status = await run(process.execPath, [...NODE_FLAGS, BIN, 'status', '--json'], { env })
      expect((JSON.parse(status.stdout) as { files: { path: string }[] }).files.map((f) => f.path)).toContain('fixtures/baci/BACI_HS17_V202301.zip!BACI_HS17_Y2021_V202301.csv')
      // report yoy too, while serve holds the warehouse: the same rows psql sees for 2021.
      const yoy = JSON.parse((await run(process.execPath, [BIN, 'report', 'yoy', '--json'], { env, maxBuffer: 64 << 20 })).stdout) as { rows: { year: number; source_format: string }[] }
      expect(yoy.rows.filter((r) => Number(r.year) === 2021).length).toBe(byYear)
    } finally {
      server.kill('SIGTERM')
    }
    const [code] = await new Promise<[number | null]>((done) => server.on('exit', (c) => done([c])))
    expect(code).toBe(0)
  }, 180_000)

  it('a reader waiting on the holder answers by itself when the holder stops before answering', async () => {
    const { DATABASE_URL: _server, ...withoutServer } = process.env
    const env = { ...withoutServer, TRADE_ETL_HOME: join(mkdtempSync(join(tmpdir(), 'trade-etl-serve-')), 'home'), LOG_LEVEL: 'info' }
    await run(process.execPath, [...NODE_FLAGS, BIN, 'ingest', 'fixtures/comtrade/totals-legacy-35.csv', '--json'], { env })
    const server = spawn(process.execPath, [...NODE_FLAGS, BIN, 'serve', '--port', '0'], { env, stdio: ['ignore', 'pipe', 'pipe'] })
    let serverErr = ''
    server.stderr.on('data', (c: Buffer) => { serverErr += c.toString() })
    const exited = new Promise<number | null>((done) => server.on('exit', (c) => done(c)))
    const port = await servedPort(server)
    // A client in an open transaction keeps the warehouse to itself: the reader queues behind it.
    const client = new pg.Client({ host: '127.0.0.1', port, user: 'trade_etl', database: 'postgres' })
    client.on('error', () => {})
    await client.connect()
    await client.query('begin')
    const reader = spawn(process.execPath, [...NODE_FLAGS, BIN, 'status', '--json'], { env, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    reader.stdout.on('data', (c: Buffer) => { stdout += c.toString() })
    const readerExit = new Promise<number | null>((done) => reader.on('exit', (c) => done(c)))
    // The reader has reached the holder and waits (it says so in its log) before the holder stops.
    await new Promise<void>((done) => reader.stderr.on('data', (c: Buffer) => {
      stderr += c.toString()
      if (/reading through the process that holds it/.test(stderr)) done()
    }))
    server.kill('SIGTERM')
    expect(await exited, serverErr.slice(-1200)).toBe(0)
    expect(await readerExit, stderr).toBe(0)
    expect((JSON.parse(stdout) as { freshness: { source_format: string; rows: number }[] }).freshness.map((f) => f.source_format)).toEqual(['comtrade'])
  }, 120_000)
})
