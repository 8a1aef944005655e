import { Writable } from 'node:stream'
import { setLogger as setCronLogger } from 'node-cron'
import { destination, pino, stdTimeFunctions, type Logger } from 'pino'
import pretty from 'pino-pretty'

export type { Logger }

export interface LoggerOptions {
  /** Human-readable lines (a person at a terminal) instead of JSON lines. Default: stderr is a TTY. */
  readonly pretty?: boolean
  /**
   * Where pretty lines go instead of stderr: the progress display hands in a writer that prints
   * them above its bars, so a log line never tears a bar in half.
   */
  readonly prettyOut?: (text: string) => void
}

/**
 * Logs go to stderr, so stdout stays free for reports and `--json` documents: JSON lines when
 * stderr is a pipe or a file (cron, systemd, Docker), human-readable lines at a terminal.
 * LOG_LEVEL sets the level (default info).
 */
export function createLogger(level: string = process.env.LOG_LEVEL || 'info', options: LoggerOptions = {}): Logger {
  const base = { level, base: undefined, timestamp: stdTimeFunctions.isoTime }
  if (!(options.pretty ?? process.stderr.isTTY === true)) return pino(base, destination(2))
  const write = options.prettyOut ?? ((text: string) => process.stderr.write(text))
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      write(chunk.toString())
      done()
    },
  })
  return pino(base, pretty({
    destination: sink,
    sync: true,
    colorize: process.stderr.hasColors?.() ?? false,
    translateTime: 'SYS:HH:MM:ss',
    ignore: 'pid,hostname',
    singleLine: true,
  }))
}

/**
 * Libraries that print on their own break "only JSON lines on stderr": node-cron writes coloured
 * console warnings ("missed execution ..."), Node prints process warnings. Both go through the
 * logger instead, once per process.
 */
export function routeLibraryLogs(log: Logger): void {
  const cron = log.child({ lib: 'node-cron' })
  const text = (m: string | Error) => (m instanceof Error ? m.message : m)
  setCronLogger({
    info: (m) => cron.info(m),
    warn: (m) => cron.warn(m),
    error: (m, err) => cron.error({ err: err ?? (m instanceof Error ? m : undefined) }, text(m)),
    debug: (m, err) => cron.debug({ err }, text(m)),
  })
  process.removeAllListeners('warning')
  process.on('warning', (warning) => log.warn({ err: warning }, 'node warning'))
}
