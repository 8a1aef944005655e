import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { createWriteStream, existsSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { describeWait, etaSeconds, HolderStatePublisher } from '../src/cli/holder-state.ts'
import { INGEST_PROGRESS_CHANNEL, type SourceProgress } from '../src/jobs/index.ts'
import { readHolderState, writeHolderState, type HolderState } from '../src/load/index.ts'
import { NODE_FLAGS } from './helpers/run-cli.ts'
import { createTestHome } from './helpers/warehouse.ts'

const BIN = resolve('bin/trade-etl.js')
/** Large enough that its load (one transaction, several seconds embedded) outlasts a reader's start. */
const ROWS = 1_000_000

/** A BACI-layout file of `rows` distinct flows (no fixture that large). */
async function writeBaci(path: string, rows: number): Promise<void> {
  const out = createWriteStream(path)
  out.write('t,i,j,k,v,q\n')
  let buffer = ''
  for (let n = 0; n < rows; n++) {
    buffer += `2021,${4 + (Math.floor(n / 5000) % 200) * 4},842,${100000 + (n % 5000)},${(n % 997) + 0.5},${n % 13}\n`
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await once(out, 'drain')
      buffer = ''
    }
  }
  out.end(buffer)
  await once(out, 'finish')
}

interface Finished {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
  /** The stderr lines (JSON: stderr is a pipe) written before the answer began on stdout. */
  readonly beforeAnswer: readonly Record<string, unknown>[]
}

function start(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, [...NODE_FLAGS, BIN, ...args], { env: { ...process.env, LOG_LEVEL: 'info', ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
}

/**
 * Runs a command to its end, noting which stderr lines came before its answer began on stdout
 * (its first byte, or what `answered` says: a CSV's header is printed before its rows are asked).
 */
async function finish(child: ChildProcess, answered = (stdout: string) => stdout.length > 0): Promise<Finished> {
  let stdout = ''
  let stderr = ''
  let before: string | undefined
  child.stdout?.on('data', (c: Buffer) => {
    stdout += c.toString()
    if (answered(stdout)) before ??= stderr
  })
  child.stderr?.on('data', (c: Buffer) => {
    stderr += c.toString()
  })
  const [code] = await once(child, 'exit') as [number | null]
  const lines = (text: string) => text.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Record<string, unknown>)
  return { code, stdout, stderr, beforeAnswer: lines(before ?? stderr) }
}

/** Resolves once `child` has written `text` on stderr. */
function stderrShows(child: ChildProcess, text: string): Promise<void> {
  return new Promise((done, fail) => {
    let seen = ''
    child.stderr?.on('data', (c: Buffer) => {
      seen += c.toString()
      if (seen.includes(text)) done()
    })
    child.on('exit', (code) => fail(new Error(`exited ${code} before writing ${text}: ${seen}`)))
  })
}

const waitingLine = (lines: readonly Record<string, unknown>[]) => lines.find((l) => typeof l.msg === 'string' && l.msg.startsWith('waiting for schedule'))

describe('a reader waiting for the process that holds the embedded warehouse', () => {
  it('while schedule loads a large file, status --json and report yoy --csv (one product) say on stderr what they wait for, then answer with clean stdout', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'trade-etl-holder-wait-'))
    const file = join(dir, 'BACI_HS17_Y2021_V202401.csv')
    await writeBaci(file, ROWS)
    const config = join(dir, 'trade-etl.config.json')
    // A daily job never run: the scheduler catches its last tick up at start, loading at once.
    writeFileSync(config, JSON.stringify({ jobs: [{ name: 'baci-daily', kind: 'ingest', files: [file], schedule: '0 3 * * *' }] }))
    const env = { DATABASE_URL: '', TRADE_ETL_HOME: createTestHome() }

    const scheduler = start(['schedule', '--config', config], env)
    try {
      // Inside the file's transaction: its start is reported from there.
      await stderrShows(scheduler, '"msg":"file started"')
      const [status, yoy] = await Promise.all([finish(start(['status', '--json'], env)), finish(start(['report', 'yoy', '--csv', '--product', '100000'], env), (out) => out.split('\n').length > 2)])

      expect(status.code, status.stderr).toBe(0)
      // Before any answer: a line naming the holder, the file and the rows read so far.
      const note = waitingLine(status.beforeAnswer)
      expect(note, status.stderr).toBeDefined()
      expect(note).toMatchObject({ level: 30, holder: { pid: scheduler.pid, command: 'schedule' }, job: 'baci-daily', file })
      expect(typeof note?.rowsRead).toBe('number')
      expect(String(note?.msg)).toContain(`loading ${file} (job baci-daily), `)
      expect(String(note?.msg)).toMatch(/\d rows/)
      // stdout is the JSON document only, and it answers after the file's transaction: the file is in.
      const answer = JSON.parse(status.stdout) as { nowLoading: unknown; files: { path: string; rows_loaded: number }[] }
      expect(answer.files.find((f) => f.path === file)?.rows_loaded).toBe(ROWS)
      expect(answer.nowLoading).toBeNull()

      expect(yoy.code, yoy.stderr).toBe(0)
      expect(waitingLine(yoy.beforeAnswer), yoy.stderr).toMatchObject({ file })
      const csv = yoy.stdout.trimEnd().split('\n')
      expect(csv[0]).toMatch(/^source_format,/)
      // Product 100000 is every 5000th row of the file: one flow for each of its 200 reporters.
      expect(csv.length).toBe(1 + 200)
      for (const line of csv) expect(line).not.toMatch(/waiting/)
    } finally {
      scheduler.kill('SIGTERM')
    }
    const [code] = await once(scheduler, 'exit') as [number | null]
    expect(code).toBe(0)
    // The state was removed with the process.
    expect(existsSync(join(env.TRADE_ETL_HOME, 'holder-state.json'))).toBe(false)
  }, 240_000)

  it('status shows what the holder publishes it is loading (Now loading, nowLoading in --json)', async () => {
    const env = { DATABASE_URL: '', TRADE_ETL_HOME: createTestHome() }
    const server = start(['serve', '--port', '0'], env)
    try {
      await new Promise<void>((done, fail) => {
        server.stdout?.on('data', (c: Buffer) => {
          if (c.toString().includes('serving')) done()
        })
        server.on('exit', (code) => fail(new Error(`serve exited ${code}`)))
      })
      // What a loading holder writes (serve itself loads nothing and rewrites its state only on a load's start or end).
      const state: HolderState = {
        pid: server.pid as number, command: 'serve', updatedAt: new Date().toISOString(),
        loading: { job: 'nightly', file: 'BACI_HS22_Y2023_V202501.csv', bytesRead: 50, bytesTotal: 200, rowsRead: 1234567, startedAt: '2026-01-02T03:04:05.000Z', etaSeconds: 12 },
      }
      writeHolderState(env.TRADE_ETL_HOME, state)
      const [json, text] = await Promise.all([finish(start(['status', '--json'], env)), finish(start(['status'], env))])
      expect(json.code, json.stderr).toBe(0)
      expect((JSON.parse(json.stdout) as { nowLoading: unknown }).nowLoading).toEqual({ pid: server.pid, command: 'serve', updatedAt: state.updatedAt, ...state.loading })
      expect(text.code, text.stderr).toBe(0)
      expect(text.stdout).toContain(`Now loading (serve, pid ${server.pid})`)
      expect(text.stdout).toMatch(/nightly .*BACI_HS22_Y2023_V202501\.csv .*1,234,567 .*25 %/)
    } finally {
      server.kill('SIGTERM')
    }
    await once(server, 'exit')
  }, 120_000)
})

describe('the holder state', () => {
  it('is written on a load start, at most once a second while it runs, marked idle at its end, removed on stop', async () => {
    const home = mkdtempSync(join(tmpdir(), 'trade-etl-holder-state-'))
    const publisher = new HolderStatePublisher(home, 'ingest')
    try {
      expect(readHolderState(home)).toMatchObject({ pid: process.pid, command: 'ingest', loading: null })
      let bytes = 100
      let rows = 10
      const source: SourceProgress = { path: 'a.csv', job: 'j', bytesTotal: 1000, bytesRead: () => bytes, rowsRead: () => rows }
      INGEST_PROGRESS_CHANNEL.publish({ type: 'start', source })
      expect(readHolderState(home)?.loading).toMatchObject({ job: 'j', file: 'a.csv', bytesRead: 100, bytesTotal: 1000, rowsRead: 10 })
      bytes = 500
      rows = 50
      // Eventually rewritten from the counters (a timer, never the load's own loop).
      await expect.poll(() => readHolderState(home)?.loading?.rowsRead, { timeout: 10_000 }).toBe(50)
      INGEST_PROGRESS_CHANNEL.publish({ type: 'end', source, summary: { path: 'a.csv', format: 'baci', sha256: '', rowsRead: 50, rowsLoaded: 50, rowsRejected: 0, skipped: false } })
      expect(readHolderState(home)).toMatchObject({ loading: null })
    } finally {
      publisher.stop()
    }
    expect(existsSync(join(home, 'holder-state.json'))).toBe(false)
  })

  it('from a process that is gone is not read', () => {
    const home = mkdtempSync(join(tmpdir(), 'trade-etl-holder-state-'))
    // Pid 2^22 + 1 is above Linux's pid_max: no process has it.
    writeFileSync(join(home, 'holder-state.json'), JSON.stringify({ pid: 4194305, command: 'run', updatedAt: new Date().toISOString(), loading: null }))
    expect(readHolderState(home)).toBeUndefined()
    writeFileSync(join(home, 'holder-state.json'), '{"pid": 1')
    expect(readHolderState(home)).toBeUndefined()
  })

  it('a waiting reader says file, rows, share and time left, or that the transaction is finishing', () => {
    const now = Date.parse('2026-01-02T03:04:10.000Z')
    const state = (loading: Partial<NonNullable<HolderState['loading']>>, updatedAt = '2026-01-02T03:04:09.000Z'): HolderState => ({
      pid: 1234, command: 'schedule', updatedAt,
      loading: { job: null, file: 'BACI_HS17_Y2022.csv', bytesRead: 450, bytesTotal: 1000, rowsRead: 1234567, startedAt: '2026-01-02T03:04:00.000Z', etaSeconds: 13, ...loading },
    })
    expect(describeWait(state({}), now)?.message).toBe("waiting for schedule (pid 1234): loading BACI_HS17_Y2022.csv, 1,234,567 rows, 45 %, about 12 s left; the answer follows when that file's transaction ends")
    expect(describeWait(state({ bytesRead: 1000, etaSeconds: 0 }), now)?.message).toContain('1,234,567 rows read, finishing its transaction;')
    expect(describeWait(state({}, '2026-01-02T03:04:00.000Z'), now)?.message).toContain('about 3 s left, last news 10 s ago;')
    expect(describeWait(state({ etaSeconds: null, job: 'nightly' }), now)?.message).toContain('loading BACI_HS17_Y2022.csv (job nightly), 1,234,567 rows, 45 %;')
    expect(describeWait({ ...state({}), loading: null }, now)).toBeUndefined()
  })

  it('the ETA is the bytes left at the rate read so far', () => {
    expect(etaSeconds(250, 1000, 10_000)).toBe(30)
    expect(etaSeconds(0, 1000, 10_000)).toBeNull()
    expect(etaSeconds(1200, 1000, 10_000)).toBe(0)
  })
})
