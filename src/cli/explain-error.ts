import { describeError, TradeEtlError, type ErrorCode } from '../errors.ts'
import { redactUrl, type WarehouseChoice } from '../config/index.ts'

/** Exit codes (CONTRACT.md, README "Exit codes"). 75 is EX_TEMPFAIL: cron may simply try again later. */
export const EXIT = { ok: 0, failed: 1, usage: 2, stale: 3, locked: 75, sigint: 130, sigterm: 143 } as const

/** Mistakes in how the command was called or configured: fixing the call fixes them. */
const USAGE_CODES: ReadonlySet<ErrorCode> = new Set(['USAGE', 'CONFIG_INVALID', 'CONFIG_MISSING', 'ENV_INVALID', 'JOB_UNKNOWN', 'HOME_UNUSABLE'])

export interface Explained {
  /** One line: the cause, then what to do. */
  readonly message: string
  readonly exit: number
}

interface SystemError {
  readonly code?: string
  readonly errno?: number
  readonly syscall?: string
  readonly address?: string
  readonly port?: number
  readonly path?: string
  readonly hostname?: string
}

/** The first error in a chain (`cause`, AggregateError) that carries a system or server code. */
function systemError(error: unknown): SystemError | undefined {
  const seen = new Set<unknown>()
  const queue = [error]
  while (queue.length > 0) {
    const e = queue.shift()
    if (e === null || typeof e !== 'object' || seen.has(e)) continue
    seen.add(e)
    if (typeof (e as SystemError).code === 'string' && !(e instanceof TradeEtlError)) return e as SystemError
    if (e instanceof AggregateError) queue.push(...(e.errors as unknown[]))
    queue.push((e as { cause?: unknown }).cause)
  }
  return undefined
}

/** Where the server is, as the operator wrote it (password never shown). */
function serverName(choice: WarehouseChoice | undefined, e: SystemError): string {
  if (choice?.location.engine === 'server') {
    try {
      const url = new URL(choice.location.url)
      return `${url.hostname || 'localhost'}:${url.port || '5432'}`
    } catch {
      return redactUrl(choice.location.url)
    }
  }
  return `${e.address ?? e.hostname ?? 'localhost'}:${e.port ?? 5432}`
}

/**
 * Turns whatever a command threw into one line that names the cause and the fix, and its
 * exit code. Raw system errors (`ECONNREFUSED`, `EACCES ... mkdir`) never reach the operator.
 */
export function explainError(error: unknown, choice?: WarehouseChoice): Explained {
  if (error instanceof TradeEtlError) {
    if (error.code === 'LOCK_HELD') return { message: `${describeError(error)}; try again when it has finished`, exit: EXIT.locked }
    return { message: describeError(error), exit: USAGE_CODES.has(error.code) ? EXIT.usage : EXIT.failed }
  }
  const sys = systemError(error)
  const via = choice?.chosenBy === 'DATABASE_URL' ? 'check DATABASE_URL' : 'check DATABASE_URL, or unset it to use the embedded warehouse'
  switch (sys?.code) {
    case 'ECONNREFUSED':
      return { message: `cannot connect to the PostgreSQL server at ${serverName(choice, sys)}: connection refused; is the server running? ${via} [CONNECTION_FAILED]`, exit: EXIT.failed }
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return { message: `cannot connect to the PostgreSQL server: host ${sys.hostname ?? serverName(choice, sys)} not found; ${via} [CONNECTION_FAILED]`, exit: EXIT.failed }
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
      return { message: `cannot connect to the PostgreSQL server at ${serverName(choice, sys)}: ${sys.code}; ${via} [CONNECTION_FAILED]`, exit: EXIT.failed }
    case '3D000':
    case '28P01':
    case '28000':
      return { message: `the PostgreSQL server at ${serverName(choice, sys)} refused: ${(error as Error).message}; ${via} [CONNECTION_FAILED]`, exit: EXIT.failed }
    case 'EACCES':
    case 'EPERM':
    case 'EROFS': {
      const folder = sys.path ?? (choice?.location.engine === 'embedded' ? choice.location.dataDir : 'a file')
      const setBy = choice?.location.engine === 'embedded' && sys.path?.startsWith(choice.location.dataDir) === true ? `; the folder was chosen by ${choice.chosenBy}: point TRADE_ETL_HOME at a folder you can write to` : ''
      return { message: `permission denied: ${sys.syscall ?? 'access'} ${folder}${setBy} [HOME_UNUSABLE]`, exit: EXIT.failed }
    }
    case 'ENOSPC':
      return { message: `no space left on the device holding ${sys.path ?? 'the warehouse'}: free some space and run again`, exit: EXIT.failed }
    default:
      return { message: describeError(error), exit: EXIT.failed }
  }
}
