import { readJobConfig } from '../config/index.ts'
import { checkFreshness, type Freshness } from '../jobs/index.ts'
import type { Warehouse } from '../load/index.ts'

/** Exit code of `status --check` when a job is stale or failed (CONTRACT.md). */
export const EXIT_STALE = 3

/**
 * `trade-etl status --check [--config FILE] [--json]`: for cron and monitoring. Prints one line
 * per job (ok or STALE, and why) and resolves to 0 when all are fresh, 3 otherwise.
 */
export async function commandStatusCheck(
  values: { config?: string | undefined; json?: boolean | undefined },
  withReadyWarehouse: <T>(fn: (wh: Warehouse) => Promise<T>) => Promise<T>,
  now: () => Date = () => new Date(),
): Promise<number> {
  const config = await readJobConfig(values.config)
  const verdicts: Freshness[] = await withReadyWarehouse((wh) => checkFreshness(wh, config.jobs, now()))
  const ok = verdicts.every((v) => v.ok)
  if (values.json === true) process.stdout.write(`${JSON.stringify({ ok, jobs: verdicts })}\n`)
  else for (const v of verdicts) process.stdout.write(`${v.ok ? 'ok   ' : 'STALE'} ${v.job}: ${v.reason}\n`)
  return ok ? 0 : EXIT_STALE
}
