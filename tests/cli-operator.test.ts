import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { explainError } from '../src/cli/explain-error.ts'
import type { WarehouseChoice } from '../src/config/index.ts'
import { resolveJobConfig } from '../src/config/job-config-schema.ts'
import { TradeEtlError } from '../src/errors.ts'
import { scheduledJobs } from '../src/jobs/index.ts'
import { NODE_FLAGS } from './helpers/run-cli.ts'

const BIN = resolve('bin/trade-etl.js')

interface Result {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

/** The real command, from `cwd`, with stderr a pipe (as under cron): JSON lines there. */
function cli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Result> {
  return new Promise((done) => {
    execFile(process.execPath, [...NODE_FLAGS, BIN, ...args], {
      cwd: options.cwd ?? process.cwd(),
      env: { ...process.env, DATABASE_URL: '', TRADE_ETL_HOME: '', LOG_LEVEL: '', ...options.env },
      timeout: 30_000,
    }, (error, stdout, stderr) => done({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : -1, stdout, stderr }))
  })
}

/** Every line on stderr is a JSON object; returns their messages. */
function jsonLines(stderr: string): string[] {
  return stderr.split('\n').filter((l) => l !== '').map((l) => (JSON.parse(l) as { msg: string }).msg)
}

const emptyDir = () => mkdtempSync(join(tmpdir(), 'trade-etl-empty-'))

describe('the command line an operator meets', () => {
  it('--version prints the package version', async () => {
    const r = await cli(['--version'])
    expect(r.code).toBe(0)
    expect(r.stdout.trim()).toBe((JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version)
  })

  it('--help works for every command and exits 0', async () => {
    const commands = [['migrate'], ['run'], ['schedule'], ['ingest'], ['figures'], ['report', 'yoy'], ['check'], ['status'], ['grant-reader']]
    const results = await Promise.all(commands.map((c) => cli([...c, '--help'])))
    results.forEach((r, n) => {
      expect(r.code, commands[n]?.join(' ')).toBe(0)
      expect(r.stdout).toMatch(new RegExp(`^Usage: trade-etl ${commands[n]?.join(' ')}`))
    })
  })

  it('a misspelt command or flag gets a "did you mean" and exit 2', async () => {
    const [command, flag] = await Promise.all([cli(['ingets', 'x.csv']), cli(['ingest', '--jsn', 'x.csv'])])
    expect(command.code).toBe(2)
    expect(jsonLines(command.stderr).join(' ')).toContain('Did you mean ingest?')
    expect(flag.code).toBe(2)
    expect(jsonLines(flag.stderr).join(' ')).toContain('Did you mean --json?')
  })

  it('from an empty directory, run says there is no config, exits 2 and creates nothing', async () => {
    const dir = emptyDir()
    const r = await cli(['run'], { cwd: dir })
    expect(r.code).toBe(2)
    expect(jsonLines(r.stderr)).toEqual([expect.stringContaining(`no configuration: there is no trade-etl.config.json in ${dir}; pass --config FILE`)])
    expect(existsSync(join(dir, '.trade-etl'))).toBe(false)
  })

  it('a reading command with no config and no warehouse variable names the ways to choose one', async () => {
    const dir = emptyDir()
    const r = await cli(['status'], { cwd: dir })
    expect(r.code).toBe(2)
    expect(jsonLines(r.stderr)[0]).toMatch(/no warehouse chosen: .*set DATABASE_URL .* or TRADE_ETL_HOME/)
    expect(existsSync(join(dir, '.trade-etl'))).toBe(false)
  })

  it('--config naming a missing file is a configuration error', async () => {
    const r = await cli(['run', '--config', 'no-such.json'], { cwd: emptyDir() })
    expect(r.code).toBe(2)
    expect(jsonLines(r.stderr)[0]).toContain('no-such.json (--config) does not exist')
  })

  it('a home that cannot be created fails at once naming the folder and TRADE_ETL_HOME', async () => {
    // Node's recursive mkdir spins forever under /proc; the child's timeout would fail this test.
    const [proc, underFile] = await Promise.all([
      cli(['status'], { env: { TRADE_ETL_HOME: '/proc/x' } }),
      cli(['status'], { env: { TRADE_ETL_HOME: `${resolve('package.json')}/home` } }),
    ])
    expect(proc.code).toBe(2)
    expect(jsonLines(proc.stderr)[0]).toMatch(/cannot use \/proc\/x as the embedded warehouse: cannot create \/proc\/x .*chosen by TRADE_ETL_HOME/)
    expect(underFile.code).toBe(2)
    expect(jsonLines(underFile.stderr)[0]).toContain('package.json is not a folder')
  })

  it('a refused connection names host and port and DATABASE_URL', async () => {
    // A port that was free a moment ago: nothing listens there.
    const port = await new Promise<number>((done) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port: p } = server.address() as { port: number }
        server.close(() => done(p))
      })
    })
    const r = await cli(['status'], { env: { DATABASE_URL: `postgres://root:secret@127.0.0.1:${port}/x` } })
    expect(r.code).toBe(1)
    const [message] = jsonLines(r.stderr)
    expect(message).toContain(`cannot connect to the PostgreSQL server at 127.0.0.1:${port}: connection refused`)
    expect(message).toContain('check DATABASE_URL')
    expect(r.stderr).not.toContain('secret')
  })

  it('an invalid config key is a configuration error (exit 2) naming the file', async () => {
    const dir = emptyDir()
    writeFileSync(join(dir, 'trade-etl.config.json'), JSON.stringify({ jobs: [{ name: 'x', kind: 'ingest', files: [] }] }))
    const r = await cli(['run'], { cwd: dir })
    expect(r.code).toBe(2)
    expect(jsonLines(r.stderr)[0]).toContain(join(dir, 'trade-etl.config.json'))
  })
})

describe('explainError', () => {
  const home: WarehouseChoice = { location: { engine: 'embedded', dataDir: '/srv/etl/.trade-etl' }, chosenBy: 'TRADE_ETL_HOME', description: '' }

  it('a permission error names the folder and the variable that chose it', () => {
    const error = Object.assign(new Error("EACCES: permission denied, mkdir '/srv/etl/.trade-etl/pgdata'"), { code: 'EACCES', syscall: 'mkdir', path: '/srv/etl/.trade-etl/pgdata' })
    const { message, exit } = explainError(error, home)
    expect(exit).toBe(1)
    expect(message).toBe('permission denied: mkdir /srv/etl/.trade-etl/pgdata; the folder was chosen by TRADE_ETL_HOME: point TRADE_ETL_HOME at a folder you can write to [HOME_UNUSABLE]')
  })

  it('a refused connection wrapped in an AggregateError is still explained', () => {
    const inner = Object.assign(new Error('connect ECONNREFUSED ::1:5433'), { code: 'ECONNREFUSED', address: '::1', port: 5433 })
    const { message } = explainError(new AggregateError([inner]), { location: { engine: 'server', url: 'postgres://u:pw@db.example:5433/w' }, chosenBy: 'DATABASE_URL', description: '' })
    expect(message).toMatch(/^cannot connect to the PostgreSQL server at db\.example:5433: connection refused/)
    expect(message).not.toContain('pw')
  })
  /** What the operator reads for a mistake: the one line and the exit code. */
  const explainThrown = (fn: () => unknown) => {
    try {
      fn()
    } catch (error) {
      return explainError(error)
    }
    throw new Error('no error thrown')
  }

  it('a misspelt config key ("shedule") is refused naming the file, the key and the right one', () => {
    const raw = { jobs: [{ name: 'nightly', kind: 'ingest', files: ['x.csv'], shedule: '0 3 * * *' }] }
    const { message, exit } = explainThrown(() => resolveJobConfig(raw, '/etc/trade-etl/trade-etl.config.json'))
    expect(exit).toBe(2)
    expect(message).toMatch(/^\/etc\/trade-etl\/trade-etl\.config\.json: jobs\.0: unknown key "shedule" \(did you mean "schedule"\?\)/)
    expect(message).not.toContain('\n')
  })

  it('schedule with no scheduled job is a configuration error (exit 2) saying what to add, not a silent wait or exit 13', () => {
    const config = resolveJobConfig({ jobs: [{ name: 'nightly', kind: 'ingest', files: ['x.csv'] }] }, '/etc/trade-etl/c.json')
    const { message, exit } = explainThrown(() => scheduledJobs(config, '/etc/trade-etl/c.json'))
    expect(exit).toBe(2)
    expect(message).toMatch(/^\/etc\/trade-etl\/c\.json: no job has a "schedule".*"schedule": "0 3 \* \* \*".*trade-etl run/)
    const scheduled = resolveJobConfig({ jobs: [{ name: 'a', kind: 'ingest', files: ['x.csv'] }, { name: 'b', kind: 'ingest', files: ['y.csv'], schedule: '0 3 * * *' }] }, 'c.json')
    expect(scheduledJobs(scheduled, 'c.json').map((j) => j.name)).toEqual(['b'])
  })

  it('another process holding the warehouse exits 75 saying to try again', () => {
    const { message, exit } = explainError(new TradeEtlError('LOCK_HELD', 'the embedded warehouse /srv/etl/.trade-etl is in use by process 4242 (trade-etl schedule)'))
    expect(exit).toBe(75)
    expect(message).toMatch(/in use by process 4242 .*try again when it has finished$/)
  })

  it('a host that does not resolve names it and DATABASE_URL', () => {
    const error = Object.assign(new Error('getaddrinfo ENOTFOUND db.internal'), { code: 'ENOTFOUND', hostname: 'db.internal' })
    const { message, exit } = explainError(error, { location: { engine: 'server', url: 'postgres://u:pw@db.internal:5432/w' }, chosenBy: 'DATABASE_URL', description: '' })
    expect(exit).toBe(1)
    expect(message).toBe('cannot connect to the PostgreSQL server: host db.internal not found; check DATABASE_URL [CONNECTION_FAILED]')
  })
})
