import type { Logger } from '../log.ts'

/**
 * A message for the operator on stderr: a plain line at a terminal, a JSON log line otherwise,
 * so that stderr of cron, systemd or Docker holds nothing but JSON lines. Every command's notes
 * and errors go through here or the logger, never straight to stderr.
 */
export function tell(log: Logger, level: 'info' | 'warn' | 'error', message: string, fields: Record<string, unknown> = {}): void {
  if (process.stderr.isTTY === true) process.stderr.write(`trade-etl: ${message}\n`)
  else log[level](fields, message)
}
