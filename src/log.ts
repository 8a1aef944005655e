import { destination, pino, stdTimeFunctions, type Logger } from 'pino'

export type { Logger }

/**
 * Logs go to stderr as JSON lines, so stdout stays free for reports and `--json` documents.
 * LOG_LEVEL sets the level (default info; 'silent' in tests).
 */
export function createLogger(level: string = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({ level, base: undefined, timestamp: stdTimeFunctions.isoTime }, destination(2))
}
