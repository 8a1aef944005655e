import { parseArgs, type ParseArgsConfig } from 'node:util'
import { readEnv, readJobConfig, warehouseLocation } from '../config/index.ts'
import { describeError, TradeEtlError } from '../errors.ts'
import { grantReader, migrateToLatest, queryStatus, queryYoy, withWarehouse, type Warehouse } from '../load/index.ts'
import { createLogger, type Logger } from '../log.ts'
import { SOURCE_FORMATS, type SourceFormat } from '../transform/index.ts'
import { ensureReferenceData } from '../jobs/index.ts'
import { ingestFiles } from '../jobs/index.ts'
import { runJobs } from '../jobs/index.ts'
import { runScheduler } from '../jobs/index.ts'
import { printIngest, printRun, printStatus, printYoy } from './print.ts'
import { commandCheck, commandFigures } from './figures-commands.ts'

/** Exit codes (CONTRACT.md). 75 is EX_TEMPFAIL: cron may simply try again later. */
export const EXIT = { ok: 0, failed: 1, usage: 2, locked: 75 } as const

export const USAGE = `trade-etl: international trade statistics and article figures into a PostgreSQL warehouse

Usage:
  trade-etl migrate
  trade-etl run [JOB...] [--config FILE]
  trade-etl schedule [--config FILE]
  trade-etl ingest FILE... [--format auto|${SOURCE_FORMATS.join('|')}] [--json]
  trade-etl figures FILE [--json] [--load] [--url URL] [--title TEXT] [--published YYYY-MM-DD] [--truncate]
  trade-etl report yoy [--reporter ISO3] [--partner ISO3] [--product HS] [--flow M|X] [--json|--csv]
  trade-etl check [--json]
  trade-etl status [--json]
  trade-etl grant-reader ROLE

Environment: DATABASE_URL=postgres://... uses a PostgreSQL server; without it the warehouse is an
embedded PostgreSQL in ./.trade-etl (TRADE_ETL_HOME overrides). LOG_LEVEL sets the log level.`

function parse<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true })
  } catch (error) {
    throw new TradeEtlError('USAGE', (error as Error).message)
  }
}

/** Opens the warehouse, brings schema and reference data up to date, then runs `fn`. */
async function withReadyWarehouse<T>(log: Logger, fn: (wh: Warehouse) => Promise<T>): Promise<T> {
  const env = readEnv()
  return withWarehouse(warehouseLocation(env), async (wh) => {
    const { applied } = await migrateToLatest(wh.db)
    if (applied.length > 0) log.info({ applied }, 'migrations applied')
    await ensureReferenceData(wh, log)
    return fn(wh)
  })
}

/** Runs one command; resolves to the process exit code. Never throws. */
export async function main(argv: string[]): Promise<number> {
  const log = createLogger()
  const [command, ...rest] = argv
  try {
    switch (command) {
      case 'migrate': {
        parse(rest, {})
        const env = readEnv()
        const applied = await withWarehouse(warehouseLocation(env), async (wh) => {
          const result = await migrateToLatest(wh.db)
          await ensureReferenceData(wh, log)
          return result.applied
        })
        process.stdout.write(applied.length === 0 ? 'warehouse is up to date\n' : `applied ${applied.join(', ')}\n`)
        return EXIT.ok
      }
      case 'run': {
        const { values, positionals } = parse(rest, { config: { type: 'string' }, json: { type: 'boolean' } })
        const config = await readJobConfig(values.config)
        const outcome = await withReadyWarehouse(log, async (wh) => {
          const summary = await runJobs(wh, config, positionals, log)
          if (summary === 'locked') return 'locked' as const
          if (values.json === true) process.stdout.write(`${JSON.stringify(summary)}\n`)
          else await printRun(wh, config, summary)
          return summary
        })
        if (outcome === 'locked') {
          log.warn('another run holds the lock; nothing done')
          return EXIT.locked
        }
        return outcome.ok ? EXIT.ok : EXIT.failed
      }
      case 'schedule': {
        const { values } = parse(rest, { config: { type: 'string' } })
        const config = await readJobConfig(values.config)
        await withReadyWarehouse(log, (wh) => runScheduler(wh, config, log))
        return EXIT.ok
      }
      case 'ingest': {
        const { values, positionals } = parse(rest, { format: { type: 'string', default: 'auto' }, json: { type: 'boolean' } })
        if (positionals.length === 0) throw new TradeEtlError('USAGE', 'ingest needs at least one FILE')
        const format = values.format as string
        if (format !== 'auto' && !(SOURCE_FORMATS as readonly string[]).includes(format)) {
          throw new TradeEtlError('USAGE', `--format must be auto or one of ${SOURCE_FORMATS.join(', ')}`)
        }
        const files = await withReadyWarehouse(log, (wh) => ingestFiles(wh, positionals, { format: format as SourceFormat | 'auto', log }))
        if (values.json === true) process.stdout.write(`${JSON.stringify({ files })}\n`)
        else printIngest(files)
        return files.some((f) => f.error !== undefined) ? EXIT.failed : EXIT.ok
      }
      case 'figures':
        return await commandFigures(rest, log, parse, withReadyWarehouse)
      case 'check':
        return await commandCheck(rest, log, parse, withReadyWarehouse)
      case 'report': {
        const [what, ...more] = rest
        if (what !== 'yoy') throw new TradeEtlError('USAGE', 'report takes one kind: yoy')
        const { values } = parse(more, {
          reporter: { type: 'string' }, partner: { type: 'string' }, product: { type: 'string' }, flow: { type: 'string' },
          json: { type: 'boolean' }, csv: { type: 'boolean' },
        })
        if (values.flow !== undefined && !/^(M|X|RM|RX)$/i.test(values.flow)) throw new TradeEtlError('USAGE', '--flow must be M, X, RM or RX')
        const rows = await withReadyWarehouse(log, (wh) => queryYoy(wh, values))
        printYoy(rows, values.json === true ? 'json' : values.csv === true ? 'csv' : 'table')
        return EXIT.ok
      }
      case 'status': {
        const { values } = parse(rest, { json: { type: 'boolean' } })
        const status = await withReadyWarehouse(log, (wh) => queryStatus(wh))
        if (values.json === true) process.stdout.write(`${JSON.stringify(status)}\n`)
        else printStatus(status)
        return EXIT.ok
      }
      case 'grant-reader': {
        const { positionals } = parse(rest, {})
        if (positionals.length !== 1) throw new TradeEtlError('USAGE', 'grant-reader takes one ROLE')
        await withReadyWarehouse(log, (wh) => grantReader(wh, positionals[0] as string))
        process.stdout.write(`${positionals[0]} can now read the reporting schema\n`)
        return EXIT.ok
      }
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        process.stdout.write(`${USAGE}\n`)
        return command === undefined ? EXIT.usage : EXIT.ok
      default:
        throw new TradeEtlError('USAGE', `unknown command ${JSON.stringify(command)}`)
    }
  } catch (error) {
    if (error instanceof TradeEtlError && error.code === 'USAGE') {
      process.stderr.write(`trade-etl: ${error.message}\n\n${USAGE}\n`)
      return EXIT.usage
    }
    if (error instanceof TradeEtlError && error.code === 'LOCK_HELD') {
      process.stderr.write(`trade-etl: ${describeError(error)}\n`)
      return command === 'run' ? EXIT.locked : EXIT.failed
    }
    process.stderr.write(`trade-etl: ${describeError(error)}\n`)
    log.debug({ err: error }, 'command failed')
    return EXIT.failed
  } finally {
    log.flush()
  }
}
