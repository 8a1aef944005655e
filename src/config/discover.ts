import { accessSync, constants, existsSync, mkdirSync, statSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { TradeEtlError } from '../errors.ts'
import type { WarehouseLocation } from '../load/index.ts'
import type { Env } from './env.ts'

/** The file every command looks for in the working directory when --config is not given. */
export const CONFIG_FILE_NAME = 'trade-etl.config.json'

/** Which configuration file a command uses, and what chose it (said to the operator). */
export interface ConfigChoice {
  readonly path: string
  readonly chosenBy: '--config' | 'working directory'
}

/**
 * `--config FILE`, else ./trade-etl.config.json, else none. Never the repository's demo
 * configuration by accident: `npm start` names that one explicitly.
 */
export function findConfig(flag: string | undefined, cwd: string = process.cwd()): ConfigChoice | undefined {
  if (flag !== undefined) {
    const path = resolve(cwd, flag)
    if (!existsSync(path)) throw new TradeEtlError('CONFIG_MISSING', `the configuration file ${path} (--config) does not exist; check the path`)
    return { path, chosenBy: '--config' }
  }
  const here = join(cwd, CONFIG_FILE_NAME)
  return existsSync(here) ? { path: here, chosenBy: 'working directory' } : undefined
}

/** Like findConfig, for the commands that cannot run without jobs. */
export function requireConfig(flag: string | undefined, cwd: string = process.cwd()): ConfigChoice {
  const found = findConfig(flag, cwd)
  if (found === undefined) {
    throw new TradeEtlError('CONFIG_MISSING',
      `no configuration: there is no ${CONFIG_FILE_NAME} in ${cwd}; pass --config FILE or run from the folder that holds it`)
  }
  return found
}

/** The warehouse a command opens, with what chose it, so every command can say which. */
export interface WarehouseChoice {
  readonly location: WarehouseLocation
  /** `DATABASE_URL`, `TRADE_ETL_HOME`, or the config file beside which the home is kept. */
  readonly chosenBy: string
  /** One line for a person: "embedded warehouse /srv/etl/.trade-etl (beside /srv/etl/trade-etl.config.json)". */
  readonly description: string
}

/**
 * DATABASE_URL names a server. Otherwise the embedded home is TRADE_ETL_HOME, else the
 * `.trade-etl` folder beside the configuration file. With neither there is no warehouse to
 * guess: an error, rather than a new empty `.trade-etl` wherever the command happened to run.
 */
export function chooseWarehouse(env: Env, config: ConfigChoice | undefined, cwd: string = process.cwd()): WarehouseChoice {
  if (env.DATABASE_URL !== undefined) {
    // A server has no home of its own; TRADE_ETL_HOME, when set, still holds the reject spools.
    const spool = env.TRADE_ETL_HOME === undefined ? {} : { spoolDir: join(resolve(cwd, env.TRADE_ETL_HOME), 'spool') }
    return { location: { engine: 'server', url: env.DATABASE_URL, ...spool }, chosenBy: 'DATABASE_URL', description: `PostgreSQL server ${redactUrl(env.DATABASE_URL)} (DATABASE_URL)` }
  }
  if (env.TRADE_ETL_HOME !== undefined) {
    const dataDir = resolve(cwd, env.TRADE_ETL_HOME)
    return { location: { engine: 'embedded', dataDir }, chosenBy: 'TRADE_ETL_HOME', description: `embedded warehouse ${dataDir} (TRADE_ETL_HOME)` }
  }
  if (config !== undefined) {
    const dataDir = join(dirname(config.path), '.trade-etl')
    return { location: { engine: 'embedded', dataDir }, chosenBy: config.path, description: `embedded warehouse ${dataDir} (beside ${config.path})` }
  }
  throw new TradeEtlError('CONFIG_MISSING',
    `no warehouse chosen: there is no ${CONFIG_FILE_NAME} in ${cwd}; set DATABASE_URL (a server) or TRADE_ETL_HOME (an embedded warehouse folder), or pass --config FILE`)
}

/**
 * Creates the embedded home, failing at once with the folder and the variable that chose it.
 * Level by level rather than `mkdirSync(..., { recursive: true })`, which spins forever under
 * /proc (Node 20: TRADE_ETL_HOME=/proc/x hung at 100 % CPU).
 */
export function ensureHome(choice: WarehouseChoice): void {
  if (choice.location.engine !== 'embedded' || choice.location.dataDir === 'memory://') return
  const dir = choice.location.dataDir
  const missing: string[] = []
  let existing = dir
  while (!existsSync(existing)) {
    missing.unshift(existing)
    const parent = dirname(existing)
    if (parent === existing) break
    existing = parent
  }
  const fail = (problem: string, cause?: unknown) => {
    throw new TradeEtlError('HOME_UNUSABLE',
      `cannot use ${dir} as the embedded warehouse: ${problem}; it was chosen by ${choice.chosenBy}: point TRADE_ETL_HOME at a folder you can write to`,
      { cause })
  }
  if (!statSync(existing).isDirectory()) fail(`${existing} is not a folder`)
  for (const level of missing) {
    try {
      mkdirSync(level)
    } catch (error) {
      fail(`cannot create ${level} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`, error)
    }
  }
  try {
    accessSync(dir, constants.W_OK)
  } catch (error) {
    fail(`no permission to write in ${dir}`, error)
  }
}

/** A URL with its password replaced, for messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url)
    if (u.password !== '') u.password = '***'
    return u.toString()
  } catch {
    return 'postgres://(unparseable URL)'
  }
}
