import { destination, pino, stdTimeFunctions, type Logger } from 'pino'

export type { Logger }

/**
 * Logs go to stderr as JSON lines, so stdout stays free for reports and `--json` documents.
 * LOG_LEVEL sets the level; by default 'info' for cron and pipes, 'warn' at a terminal, where
 * a person reads the report on stdout and JSON lines would bury it.
 */
export function createLogger(level: string = process.env.LOG_LEVEL || (process.stderr.isTTY ? 'warn' : 'info')): Logger {
  return pino({ level, base: undefined, timestamp: stdTimeFunctions.isoTime }, destination(2))
}
