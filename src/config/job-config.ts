import { readFile } from 'node:fs/promises'
import { TradeEtlError } from '../errors.ts'
import type { JobConfig } from './job-config-schema.ts'

export type { Job, JobConfig, DownloadSettings } from './job-config-schema.ts'

export const DURATION = /^(\d+(?:\.\d+)?)\s*(s|m|h|d|w)$/
const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 }

/** "36h", "8d", "90s" as milliseconds. */
export function parseDuration(text: string): number {
  const m = DURATION.exec(text.trim())
  if (m === null) throw new TradeEtlError('CONFIG_INVALID', `not a duration: ${JSON.stringify(text)} (write a number and s, m, h, d or w: "36h", "8d")`)
  return Number(m[1]) * (UNIT_MS[m[2] as string] as number)
}
/** The checked-in configuration `npm start` runs. */
export const DEFAULT_CONFIG = new URL('../../trade-etl.config.json', import.meta.url).pathname

/** Reads and validates a job configuration; relative paths are taken from the file's folder. */
export async function readJobConfig(path: string = DEFAULT_CONFIG): Promise<JobConfig> {
  let raw: unknown
  try {
    raw = JSON.parse(await readFile(path, 'utf8'))
  } catch (error) {
    throw new TradeEtlError('CONFIG_INVALID', `cannot read the configuration: ${(error as Error).message}`, { file: path, cause: error })
  }
  const { resolveJobConfig } = await import('./job-config-schema.ts')
  return resolveJobConfig(raw, path)
}

/** Every period a comtrade job names, ranges expanded, in order. */
export function expandPeriods(periods: readonly string[]): string[] {
  const out: string[] = []
  for (const p of periods) {
    const [from, to = from] = p.split('-') as [string, string?]
    if (from.length === 4) {
      for (let y = Number(from); y <= Number(to); y++) out.push(String(y))
    } else {
      for (let y = Number(from.slice(0, 4)), m = Number(from.slice(4)); y * 100 + m <= Number(to); m === 12 ? (y++, m = 1) : m++) out.push(`${y}${String(m).padStart(2, '0')}`)
    }
  }
  return [...new Set(out)]
}
