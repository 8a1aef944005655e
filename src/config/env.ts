import { TradeEtlError } from '../errors.ts'

/** The environment the commands read (blank values count as unset). */
export interface Env {
  readonly DATABASE_URL?: string
  readonly TRADE_ETL_HOME?: string
}

/**
 * Reads the environment once, at start-up; everything after trusts the result. Two fields, checked
 * by hand: every command calls this, and loading zod for it cost 50-100 ms of each command's start
 * (`--help` 0.29 -> 0.22 s, a 10-row ingest 0.50 -> 0.40 s with zod left out of the bundle).
 */
export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const url = source.DATABASE_URL || undefined
  const home = source.TRADE_ETL_HOME || undefined
  if (url !== undefined && !/^postgres(ql)?:\/\//.test(url)) throw new TradeEtlError('ENV_INVALID', 'DATABASE_URL: must be a postgres:// URL')
  return { ...(url === undefined ? {} : { DATABASE_URL: url }), ...(home === undefined ? {} : { TRADE_ETL_HOME: home }) }
}
