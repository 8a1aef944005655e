import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { createWriteStream, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openWarehouse } from '../src/load/index.ts'
import { ENGINES, createTestWarehouse, type TestWarehouse } from './helpers/warehouse.ts'
import { NODE_FLAGS } from './helpers/run-cli.ts'

const BIN = resolve('bin/trade-etl.js')
const ROWS = 150_000

/** A BACI-layout file of `rows` distinct flows, written by the test (no fixture that large). */
async function writeBaci(path: string, rows: number): Promise<void> {
  const out = createWriteStream(path)
  out.write('t,i,j,k,v,q\n')
  let buffer = ''
  for (let n = 0; n < rows; n++) {
    buffer += `2021,${4 + (Math.floor(n / 5000) % 200) * 4},842,${100000 + (n % 5000)},${(n % 997) + 0.5},${n % 7 === 0 ? 'NA' : n % 13}\n`
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await once(out, 'drain')
      buffer = ''
    }
  }
  out.end(buffer)
  await once(out, 'finish')
}

interface Stopped {
  /** The exit code as a shell reports it: a death by signal N is 128 + N. */
  readonly code: number | null
  readonly stderr: string
}

/** Starts `ingest FILE`, waits for the load to begin, sends `signals` (a moment apart), resolves on exit. */
async function ingestAndSignal(file: string, env: NodeJS.ProcessEnv, signals: NodeJS.Signals[], args: string[] = ['ingest', file, '--json']): Promise<Stopped> {
  const child = spawn(process.execPath, [...NODE_FLAGS, BIN, ...args], { env: { ...process.env, LOG_LEVEL: 'info', ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  let stderr = ''
  let sent = false
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString()
    if (!sent && stderr.includes('"file started"')) {
      sent = true
      // Into the COPY: the first rows have gone to the warehouse by now.
      setTimeout(() => {
        for (const [n, signal] of signals.entries()) setTimeout(() => child.kill(signal), n * 50)
      }, 150)
    }
  })
  const [exitCode, signal] = await once(child, 'exit') as [number | null, NodeJS.Signals | null]
  // A signal that lands while the process is already exiting (its handlers torn down) ends it by
  // the signal's default action: the shell's 130/143 all the same.
  const code = exitCode ?? (signal === 'SIGINT' ? 130 : signal === 'SIGTERM' ? 143 : null)
  return { code, stderr }
}

function ingestJson(file: string, env: NodeJS.ProcessEnv): Promise<{ files: { rowsLoaded: number; rowsRead: number; skipped: boolean }[] }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [...NODE_FLAGS, BIN, 'ingest', file, '--json'], { env: { ...process.env, LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'inherit'] })
    let stdout = ''
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString()
    })
    child.on('exit', (code) => (code === 0 ? done(JSON.parse(stdout) as never) : fail(new Error(`ingest exited ${code}`))))
  })
}

describe.each(ENGINES)('SIGINT/SIGTERM during an ingest on the %s engine', (engine) => {
  let env: NodeJS.ProcessEnv
  let t: TestWarehouse | undefined
  let file: string
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'trade-etl-signal-'))
    file = join(dir, 'BACI_HS17_Y2021_V202401.csv')
    await writeBaci(file, ROWS)
    if (engine === 'server') {
      t = await createTestWarehouse('server')
      await t.wh.close()
      env = { DATABASE_URL: t.url, TRADE_ETL_HOME: '' }
    } else {
      env = { DATABASE_URL: '', TRADE_ETL_HOME: join(dir, 'home') }
    }
  })
  afterAll(async () => t?.close())

  it('SIGTERM exits 143 with nothing half-loaded; a second SIGINT right after still exits at once; the rerun loads it whole', async () => {
    const term = await ingestAndSignal(file, env, ['SIGTERM'])
    expect(term.code).toBe(143)
    expect(term.stderr).toContain('"msg":"stopping: the load in progress rolls back"')
    // Every stderr line is JSON (stderr is a pipe here).
    for (const line of term.stderr.split('\n').filter(Boolean)) expect(() => JSON.parse(line) as unknown).not.toThrow()

    const twice = await ingestAndSignal(file, env, ['SIGINT', 'SIGINT'])
    expect(twice.code).toBe(130)

    // Nothing of the aborted loads was committed: the rerun loads every row, not a remainder.
    const { files } = await ingestJson(file, env)
    expect(files).toHaveLength(1)
    expect(files[0]).toMatchObject({ skipped: false, rowsRead: ROWS, rowsLoaded: ROWS })
  }, 180_000)

  it('schedule: SIGTERM while the caught-up run ingests rolls it back, marks the run aborted and exits 0', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'trade-etl-schedule-'))
    const config = join(dir, 'schedule.config.json')
    // Other bytes than the file the test above loads in the end (one row more): not skipped.
    const daily = join(dir, 'BACI_HS17_Y2021_V202402.csv')
    await writeBaci(daily, ROWS + 1)
    // A daily job never run: the scheduler catches its last tick up at start, ingesting at once.
    writeFileSync(config, JSON.stringify({ jobs: [{ name: 'baci-daily', kind: 'ingest', files: [daily], schedule: '0 3 * * *' }] }))
    const home = env.TRADE_ETL_HOME === '' ? {} : { TRADE_ETL_HOME: join(dir, 'home') }
    const stopped = await ingestAndSignal(daily, { ...env, ...home }, ['SIGTERM'], ['schedule', '--config', config])
    expect(stopped.code, stopped.stderr).toBe(0)
    expect(stopped.stderr).toContain('"msg":"missed tick: catching up"')
    const wh = engine === 'server'
      ? await openWarehouse({ engine: 'server', url: t?.url as string })
      : await openWarehouse({ engine: 'embedded', dataDir: join(dir, 'home') })
    try {
      const runs = await wh.db.selectFrom('etl.run').select(['job', 'status']).where('job', '=', 'baci-daily').execute()
      expect(runs).toEqual([{ job: 'baci-daily', status: 'aborted' }])
      const loaded = await wh.db.selectFrom('etl.source_file').select('file_id').where('path', '=', daily).execute()
      expect(loaded).toEqual([])
    } finally {
      await wh.close()
    }
  }, 180_000)
})
