import { setTimeout as sleep } from 'node:timers/promises'
import { readFileSync } from 'node:fs'
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander'
import { chooseWarehouse, ensureHome, findConfig, readEnv, readJobConfig, requireConfig, type JobConfig, type WarehouseChoice } from '../config/index.ts'
import { TradeEtlError } from '../errors.ts'
import { LOADING_SETTINGS, LOADING_WASM_TIER, grantReader, holderUrl, migrateToLatest, queryStatus, readHolderState, serveEmbedded, serveToReaders, withWarehouse, type EmbeddedEngine, type Warehouse } from '../load/index.ts'
import { createLogger, routeLibraryLogs, type Logger } from '../log.ts'
import { SOURCE_FORMATS, type SourceFormat } from '../transform/index.ts'
import { ensureReferenceData, ingestFiles, runJobs, runScheduler, scheduledJobs, unloadSource } from '../jobs/index.ts'
import { printIngest, printRun, printStatus, printUnload, printYoy } from './print.ts'
import { commandCheck, commandFigures, type FiguresOptions } from './figures-commands.ts'
import { tell } from './tell.ts'
import { EXIT, explainError } from './explain-error.ts'
import { ProgressDisplay } from './progress.ts'
import { HolderStatePublisher, noteWhileWaiting, type NowLoading } from './holder-state.ts'
import { runJson } from './run-json.ts'
import { commandStatusCheck } from './status-check-command.ts'

export { EXIT }

const VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version

const ENVIRONMENT_HELP = `
Warehouse: DATABASE_URL=postgres://... uses a PostgreSQL server. Without it the warehouse is an
embedded PostgreSQL in TRADE_ETL_HOME, else in .trade-etl beside the configuration file.
Configuration: --config FILE, else ./trade-etl.config.json.
LOG_LEVEL sets the log level (info). Exit codes: 0 ok, 1 failed, 2 usage or configuration error,
3 status --check found a stale or failed job, 75 another run holds the lock, 130/143 stopped by
SIGINT/SIGTERM.`

/** Options every command takes (commander reads them before or after the command name). */
interface GlobalOptions {
  readonly config?: string
  readonly quiet?: boolean
}

/** What one invocation shares between its commands: logger, stop signal, the warehouse it chose. */
export class Session {
  readonly log: Logger
  readonly signal: AbortSignal
  /** Bars at a terminal; undefined with --json, --quiet or when stderr is not a TTY. */
  readonly progress: ProgressDisplay | undefined
  #choice: WarehouseChoice | undefined
  #options: GlobalOptions = {}
  #command = 'trade-etl'
  /** The home whose holder answered the last reading command, when one did. */
  #readThrough: string | undefined

  constructor(log: Logger, signal: AbortSignal, progress: ProgressDisplay | undefined) {
    this.log = log
    this.signal = signal
    this.progress = progress
  }

  /** Takes the bars down before a report is printed on stdout. */
  stopProgress(): void {
    this.progress?.stop()
  }

  setOptions(options: GlobalOptions, command: string): void {
    this.#options = options
    this.#command = command
  }

  /**
   * What the process that answered the last reading command is loading now, with its pid and
   * command: undefined when this process opened the warehouse itself, null when the holder loads nothing.
   */
  nowLoading(): NowLoading | null | undefined {
    if (this.#readThrough === undefined) return undefined
    const state = readHolderState(this.#readThrough)
    return state?.loading == null ? null : { pid: state.pid, command: state.command, updatedAt: state.updatedAt, ...state.loading }
  }

  get quiet(): boolean {
    return this.#options.quiet === true
  }

  /** The warehouse chosen so far (for error messages), if any. */
  get choice(): WarehouseChoice | undefined {
    return this.#choice
  }

  /** The job configuration, for commands that need jobs: --config or ./trade-etl.config.json. */
  async jobConfig(): Promise<JobConfig> {
    return readJobConfig(this.configPath())
  }

  /** The job configuration's path: --config or ./trade-etl.config.json, else a usage error. */
  configPath(): string {
    return requireConfig(this.#options.config).path
  }

  /** Chooses the warehouse the same way for every command, and says which at a terminal. */
  chooseWarehouse(announce: boolean): WarehouseChoice {
    const choice = chooseWarehouse(readEnv(), findConfig(this.#options.config))
    this.#choice = choice
    ensureHome(choice)
    if (announce && process.stderr.isTTY === true && !this.quiet) process.stderr.write(`trade-etl: ${choice.description}\n`)
    else this.log.debug({ warehouse: choice.description }, 'warehouse chosen')
    return choice
  }

  /** Opens the warehouse, brings schema and reference data up to date, then runs `fn`. */
  async withReadyWarehouse<T>(fn: (wh: Warehouse) => Promise<T>, announce = true, purpose: 'load' | 'read' = 'read'): Promise<T> {
    const choice = this.chooseWarehouse(announce)
    const location = purpose === 'load' && choice.location.engine === 'embedded' ? { ...choice.location, settings: LOADING_SETTINGS, wasmTier: LOADING_WASM_TIER } : choice.location
    return withWarehouse(location, async (wh) => {
      // While this process holds the embedded warehouse, other trade-etl processes read through it.
      const served = wh.embedded === undefined ? undefined : await serveToReaders(wh.embedded)
      // And can tell what they wait for while a file's transaction holds the one session.
      const published = served === undefined ? undefined : new HolderStatePublisher(wh.embedded?.dataDir as string, this.#command)
      try {
        const { applied } = await migrateToLatest(wh.db)
        if (applied.length > 0) this.log.info({ applied }, 'migrations applied')
        await ensureReferenceData(wh, this.log)
        return await fn(wh)
      } finally {
        published?.stop()
        await served?.close()
      }
    })
  }

  /**
   * For reading commands: like withReadyWarehouse, but when another process holds the embedded
   * warehouse (a scheduler, an ingest), asks that process over its socket instead of failing.
   */
  async withReadingWarehouse<T>(fn: (wh: Warehouse) => Promise<T>, announce = true): Promise<T> {
    // The holder may finish while this process waits for it (an ingest ends, a scheduler
    // stops): its socket closes and the warehouse is free, so the next attempt opens it.
    // Between the two (the holder has closed its socket but not yet its warehouse, or has
    // taken the lock but not yet opened its socket) this waits, a few seconds at most.
    let deadline = Date.now() + HOLDER_GAP_MS
    /** Holders gone while answering: each is followed by a fresh attempt, a few at most. */
    let wentAway = 0
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.withReadyWarehouse(fn, attempt === 1 && announce)
      } catch (error) {
        const location = this.#choice?.location
        if (!(error instanceof TradeEtlError && error.code === 'LOCK_HELD') || location?.engine !== 'embedded') throw error
        const url = holderUrl(location.dataDir)
        if (url === undefined) {
          if (Date.now() > deadline) throw error
          await sleep(100)
          continue
        }
        if (wentAway === 0) this.log.info({ home: location.dataDir }, 'warehouse in use: reading through the process that holds it')
        this.#readThrough = location.dataDir
        // PGlite is one session: the answer waits for the holder's transaction (a file's load).
        const stopNotes = noteWhileWaiting(location.dataDir, this.log, this.quiet)
        try {
          return await withWarehouse({ engine: 'server', url }, fn)
        } catch (readError) {
          this.#readThrough = undefined
          if (!holderWentAway(readError) || wentAway >= MAX_HOLDERS_GONE) throw readError
          wentAway++
          // The gap starts again: the holder closes its warehouse after its socket (a reader
          // that waited for a long load would otherwise be past the first deadline already).
          deadline = Date.now() + HOLDER_GAP_MS
          this.log.info({ home: location.dataDir }, 'the process holding the warehouse stopped while answering: opening it again')
        } finally {
          stopNotes()
        }
      }
    }
  }
}

/** The command as typed ('report yoy'), without the program's name. */
function commandName(command: Command): string {
  const names: string[] = []
  for (let c: Command | null = command; c !== null && c.parent !== null; c = c.parent) names.unshift(c.name())
  return names.join(' ') || command.name()
}

/** How long a reading command waits for a warehouse that is held but not (or no longer) served. */
const HOLDER_GAP_MS = 5000
/** How many holders may go away under one reading command before it gives up (each one's error is the answer then). */
const MAX_HOLDERS_GONE = 5

/** A connection to a holder's socket that ended under us (the holder exited), not an SQL error. */
function holderWentAway(error: unknown): boolean {
  const seen = new Set<unknown>()
  for (let e: unknown = error; e !== undefined && e !== null && !seen.has(e); e = (e as { cause?: unknown }).cause) {
    seen.add(e)
    const code = (e as { code?: unknown }).code
    const message = String((e as { message?: unknown }).message ?? '')
    if (code === 'ECONNRESET' || code === 'ECONNREFUSED' || code === 'ENOENT' || code === 'EPIPE'
      || /Connection terminated|connection ended|server closed the connection/i.test(message)) return true
  }
  return false
}

const out = (text: string) => process.stdout.write(`${text}\n`)

/**
 * The command tree. A new command is one `program.command(...)` block here, with its logic in
 * `src/cli/<name>-command.ts` exporting one function that resolves to the exit code.
 */
function buildProgram(session: Session, setExit: (code: number) => void): Command {
  const program = new Command('trade-etl')
    .description('International trade statistics and article figures into a PostgreSQL warehouse')
    .version(VERSION, '-V, --version', 'print the version')
    .option('--config <file>', 'job configuration (default: ./trade-etl.config.json)')
    .option('-q, --quiet', 'no progress display and only warnings in the log')
    .addHelpText('after', ENVIRONMENT_HELP)
    .showSuggestionAfterError(true)
    .showHelpAfterError('(add --help for usage)')
    .exitOverride()
    .configureOutput({ writeErr: (text) => tell(session.log, 'error', text.replace(/^error: /, '').trimEnd().replace(/\n/g, ' '), { exit: EXIT.usage }) })
    .hook('preAction', (_program, command) => session.setOptions(command.optsWithGlobals<GlobalOptions>(), commandName(command)))
  const action = <A extends unknown[]>(fn: (...args: A) => Promise<number>) =>
    async (...args: A) => setExit(await fn(...args))
  const log = session.log

  program.command('migrate')
    .description('apply sql/ migrations and reference data; idempotent')
    .action(action(async () => {
      const choice = session.chooseWarehouse(true)
      const applied = await withWarehouse(choice.location, async (wh) => {
        const result = await migrateToLatest(wh.db)
        await ensureReferenceData(wh, log)
        return result.applied
      })
      out(applied.length === 0 ? 'warehouse is up to date' : `applied ${applied.join(', ')}`)
      return EXIT.ok
    }))

  program.command('run')
    .description('run the configured jobs once (all by default); what system cron calls')
    .argument('[job...]', 'job names (default: every job)')
    .option('--json', 'print the run summary as one JSON document')
    .action(action(async (names: string[], opts: { json?: boolean }) => {
      const config = await session.jobConfig()
      const outcome = await session.withReadyWarehouse(async (wh) => {
        const summary = await runJobs(wh, config, names, log, session.signal)
        session.stopProgress()
        if (summary === 'locked') return 'locked' as const
        if (opts.json === true) out(JSON.stringify(runJson(summary)))
        else await printRun(wh, config, summary)
        return summary
      }, opts.json !== true, 'load')
      if (outcome === 'locked') {
        log.warn('another run holds the lock; nothing done')
        return EXIT.locked
      }
      return outcome.ok ? EXIT.ok : EXIT.failed
    }))

  program.command('schedule')
    .description('run each job on its cron schedule until SIGINT/SIGTERM')
    .action(action(async () => {
      const config = await session.jobConfig()
      scheduledJobs(config, session.configPath())
      await session.withReadyWarehouse((wh) => runScheduler(wh, config, log, { stop: session.signal }), true, 'load')
      return EXIT.ok
    }))

  program.command('ingest')
    .description('load trade files (.csv, .tsv, .txt, .gz, .zip, .7z), each in one transaction')
    .argument('<file...>', 'files, folders or globs')
    .addOption(new Option('--format <name>', 'force a layout').choices(['auto', ...SOURCE_FORMATS]).default('auto'))
    .option('--json', 'print {"files": [...]} on stdout')
    .action(action(async (files: string[], opts: { format: SourceFormat | 'auto'; json?: boolean }) => {
      const summaries = await session.withReadyWarehouse(
        // Progress goes to INGEST_PROGRESS_CHANNEL, where the bars and the holder's state both read it.
        (wh) => ingestFiles(wh, files, { format: opts.format, log, signal: session.signal }), opts.json !== true, 'load')
      session.stopProgress()
      session.signal.throwIfAborted()
      if (opts.json === true) out(JSON.stringify({ files: summaries }))
      else printIngest(summaries)
      return summaries.some((f) => f.error !== undefined) ? EXIT.failed : EXIT.ok
    }))

  program.command('figures')
    .description('extract the numeric figures quoted in an article (plain text or HTML)')
    .argument('<file>', 'the article')
    .option('--json', 'print {"figures": [...]}')
    .option('--load', 'store the article and its figures in the warehouse')
    .option('--url <url>', 'where the article was published')
    .option('--title <text>', 'its title')
    .option('--published <YYYY-MM-DD>', 'its date')
    .option('--truncate', 'read only the first part of an article past the size limit instead of refusing it')
    .action(action(async (file: string, opts: FiguresOptions) => commandFigures(file, opts, log, (fn) => session.withReadyWarehouse(fn))))

  const report = program.command('report').description('reports from the reporting schema')
  report.command('yoy')
    .description('year-over-year table from reporting.trade_yoy')
    .option('--reporter <ISO3>', 'reporter ISO3 or source code')
    .option('--partner <ISO3>', 'partner ISO3 or source code')
    .option('--product <HS>', 'product code')
    .option('--flow <M|X|RM|RX>', 'trade flow', (flow: string) => {
      if (!/^(M|X|RM|RX)$/i.test(flow)) throw new InvalidArgumentError('the flow is M, X, RM or RX.')
      return flow.toUpperCase()
    })
    .addOption(new Option('--json', 'print {"rows": [...]}, every row').conflicts('csv'))
    .option('--csv', 'print CSV, every row')
    .option('--chart <file>', 'also draw value and net mass with their change on the previous year, to an .svg or .png file')
    .action(action(async (opts: { reporter?: string; partner?: string; product?: string; flow?: string; json?: boolean; csv?: boolean; chart?: string }) => {
      const mode = opts.json === true ? 'json' : opts.csv === true ? 'csv' : 'table'
      const selection = [opts.reporter ?? 'all reporters', opts.flow === undefined ? undefined : ({ X: 'exports', M: 'imports', RX: 're-exports', RM: 're-imports' } as Record<string, string>)[opts.flow],
        opts.partner === undefined ? undefined : `partner ${opts.partner}`, opts.product === undefined ? undefined : `product ${opts.product}`].filter((x) => x !== undefined).join(', ')
      await session.withReadingWarehouse((wh) => printYoy(wh, opts, { mode, chart: opts.chart, selection }), mode === 'table')
      return EXIT.ok
    }))

  program.command('check')
    .description('article figures against the trade data: confirmed / differs / insufficient data')
    .option('--json', 'print {"checks": [...]}')
    .action(action(async (opts: { json?: boolean }) => commandCheck(opts, log, (fn) => session.withReadingWarehouse(fn))))

  program.command('status')
    .description('recent runs, files, rejects, freshness')
    .option('--json', 'print one JSON document')
    .option('--check', "for monitoring: exit 3 when a job's last run failed or a source is older than its maxAge")
    .action(action(async (opts: { json?: boolean; check?: boolean }) => {
      if (opts.check === true) return commandStatusCheck({ config: session.configPath(), json: opts.json }, (fn) => session.withReadyWarehouse(fn, false))
      // One transaction: through a holder its five queries wait for the holder's transaction once,
      // not once each between its files (the lock is the client's until its transaction ends).
      const status = await session.withReadingWarehouse((wh) => wh.transaction((tx) => queryStatus({ ...wh, db: tx.db })), false)
      const warehouse = session.choice as WarehouseChoice
      // As the answer is printed: the holder may have started its next file meanwhile.
      const nowLoading = session.nowLoading() ?? null
      if (opts.json === true) out(JSON.stringify({ warehouse: { engine: warehouse.location.engine, description: warehouse.description, chosenBy: warehouse.chosenBy }, nowLoading, ...status }))
      else printStatus(status, warehouse.description, nowLoading)
      return EXIT.ok
    }))

  program.command('serve')
    .description('the embedded warehouse over the PostgreSQL wire protocol on 127.0.0.1, until SIGINT/SIGTERM')
    .option('--port <n>', 'TCP port (0: any free port)', (v: string) => {
      if (!/^\d+$/.test(v) || Number(v) > 65535) throw new InvalidArgumentError('the port is a number from 0 to 65535.')
      return Number(v)
    }, 5433)
    .action(action(async (opts: { port: number }) => {
      if (readEnv().DATABASE_URL !== undefined) throw new TradeEtlError('USAGE', 'serve serves the embedded warehouse; with DATABASE_URL set, connect to that server directly (or unset DATABASE_URL)')
      await session.withReadyWarehouse(async (wh) => {
        const served = await serveEmbedded(wh.embedded as EmbeddedEngine, { host: '127.0.0.1', port: opts.port })
        try {
          out(`serving ${session.choice?.description ?? 'the embedded warehouse'} on 127.0.0.1:${served.port}: psql -h 127.0.0.1 -p ${served.port}`)
          log.info({ port: served.port }, 'serving')
          await new Promise<void>((resolve) => session.signal.addEventListener('abort', () => resolve(), { once: true }))
        } finally {
          await served.close()
        }
      })
      return EXIT.ok
    }))

  program.command('unload')
    .description('remove one loaded source (its rows, the revisions it made, its rejects) in one transaction')
    .argument('<file|sha256>', 'the file as loaded (found by its bytes or its recorded path), or its sha256')
    .option('--json', 'print {"unloaded": [...]} on stdout')
    .action(action(async (ref: string, opts: { json?: boolean }) => {
      const unloaded = await session.withReadyWarehouse((wh) => unloadSource(wh, ref, log), opts.json !== true)
      if (opts.json === true) out(JSON.stringify({ unloaded }))
      else printUnload(unloaded)
      return EXIT.ok
    }))

  program.command('grant-reader')
    .description('let an existing database role read the reporting schema, and nothing else')
    .argument('<role>', 'the role')
    .action(action(async (role: string) => {
      const grant = await session.withReadyWarehouse((wh) => grantReader(wh, role))
      out(`${role} can now read the reporting schema`)
      for (const r of grant.revoked) out(`revoked from PUBLIC: ${r}`)
      for (const r of grant.notRevoked) log.warn(`not revoked: ${r}`)
      if (grant.otherDatabases.length > 0) {
        log.warn({ databases: grant.otherDatabases }, `${role} can still connect to other databases through PUBLIC (their owners can: REVOKE CONNECT ON DATABASE name FROM PUBLIC)`)
      }
      return EXIT.ok
    }))

  return program
}

/** Runs one command; resolves to the process exit code. Never throws. */
export async function main(argv: string[]): Promise<number> {
  const quiet = argv.includes('--quiet') || argv.includes('-q')
  const progress = process.stderr.isTTY === true && !quiet && !argv.includes('--json') && !argv.includes('--csv') ? new ProgressDisplay() : undefined
  const log = createLogger(process.env.LOG_LEVEL || (quiet ? 'warn' : 'info'), progress === undefined ? {} : { prettyOut: (text) => progress.write(text) })
  routeLibraryLogs(log)
  const stop = new AbortController()
  let stoppedBy: NodeJS.Signals | undefined
  const exitFor = (signal: NodeJS.Signals) => (signal === 'SIGINT' ? EXIT.sigint : EXIT.sigterm)
  const isSchedule = argv.includes('schedule') || argv.includes('serve')
  // The command's exit code once it has finished: a signal while the process winds down (pools
  // closing) exits with it instead of the signal's default action killing the process.
  let settled: number | undefined
  const onSignal = (signal: NodeJS.Signals) => {
    if (settled !== undefined) process.exit(settled)
    if (stoppedBy !== undefined) {
      log.warn({ signal }, 'second signal: exiting now')
      log.flush()
      process.exit(isSchedule ? EXIT.ok : exitFor(stoppedBy))
    }
    stoppedBy = signal
    log.warn({ signal }, 'stopping: the load in progress rolls back')
    stop.abort(new TradeEtlError('ABORTED', `stopped by ${signal}`))
    // The promise to systemd (90 s) and Docker (10 s): gone within 5 s whatever is still running.
    setTimeout(() => {
      log.warn({ signal }, 'did not stop within 4.5 s: exiting now')
      log.flush()
      process.exit(isSchedule ? EXIT.ok : exitFor(signal))
    }, 4500).unref()
  }
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)

  const session = new Session(log, stop.signal, progress)
  try {
    settled = await runCommand(argv, session, log, () => stoppedBy, exitFor, isSchedule)
    return settled
  } finally {
    progress?.stop()
    log.flush()
  }
}

async function runCommand(
  argv: string[],
  session: Session,
  log: Logger,
  stoppedByNow: () => NodeJS.Signals | undefined,
  exitFor: (signal: NodeJS.Signals) => number,
  isSchedule: boolean,
): Promise<number> {
  let code: number = EXIT.ok
  try {
    if (argv.length === 0) {
      const help = buildProgram(session, () => {}).helpInformation()
      if (process.stderr.isTTY === true) process.stderr.write(help)
      else tell(log, 'error', 'a command is needed; `trade-etl --help` lists them', { exit: EXIT.usage })
      return EXIT.usage
    }
    await buildProgram(session, (c) => {
      code = c
    }).parseAsync(argv, { from: 'user' })
    const stoppedBy = stoppedByNow()
    if (stoppedBy !== undefined && !isSchedule) return exitFor(stoppedBy)
    return code
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are answers, not errors; anything else commander rejects is usage.
      return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.exitCode === 0 ? EXIT.ok : EXIT.usage
    }
    const stoppedBy = stoppedByNow()
    if (stoppedBy !== undefined) {
      tell(log, 'warn', `stopped by ${stoppedBy}; the file being loaded was rolled back`, { signal: stoppedBy })
      return isSchedule ? EXIT.ok : exitFor(stoppedBy)
    }
    const explained = explainError(error, session.choice)
    tell(log, 'error', explained.message, error instanceof TradeEtlError ? { exit: explained.exit, code: error.code } : { exit: explained.exit, err: error })
    return explained.exit
  }
}
