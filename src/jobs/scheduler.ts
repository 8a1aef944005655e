import { schedule, type ScheduledTask } from 'node-cron'
import type { Job, JobConfig } from '../config/index.ts'
import { TradeEtlError } from '../errors.ts'
import { claimCronTick, type Warehouse } from '../load/index.ts'
import type { Logger } from '../log.ts'
import { runJobs } from './run-jobs.ts'

/**
 * The jobs `schedule` runs. None is a configuration mistake, said at once (exit 2), rather than
 * a scheduler that waits forever doing nothing.
 */
export function scheduledJobs(config: JobConfig, path: string): Job[] {
  const scheduled = config.jobs.filter((j) => j.schedule !== undefined)
  if (scheduled.length > 0) return scheduled
  throw new TradeEtlError('CONFIG_INVALID',
    `no job has a "schedule", so the scheduler has nothing to run; give a job one (e.g. "schedule": "0 3 * * *") or call \`trade-etl run\` from cron instead`, { file: path })
}

/**
 * Runs each job with a `schedule` on its cron expression until SIGINT/SIGTERM. A tick is
 * claimed in etl.cron_tick with insert ... on conflict do nothing, so when several schedulers
 * share a server each tick runs once; a run already in progress makes the tick wait for the
 * next one (the run lock), never pile up.
 */
export async function runScheduler(wh: Warehouse, config: JobConfig, log: Logger, stop?: AbortSignal): Promise<void> {
  const scheduled = config.jobs.filter((j) => j.schedule !== undefined)
  if (scheduled.length === 0) log.warn('no job has a schedule; nothing to do')
  const tasks: ScheduledTask[] = []
  const running = new Set<Promise<unknown>>()
  // Stopping aborts the run in progress: its COPY is cancelled, its transaction rolled back and
  // the run marked 'aborted', instead of a SIGTERM waiting for a long ingest to end.
  const abort = new AbortController()
  for (const job of scheduled) {
    const task = schedule(job.schedule as string, async (ctx) => {
      // The tick's own scheduled time, to the second: every scheduler computes the same key.
      const tickAt = new Date(Math.floor((ctx?.date ?? new Date()).getTime() / 1000) * 1000)
      if (!(await claimCronTick(wh, job.name, tickAt))) return
      const work = runJobs(wh, config, [job.name], log, abort.signal)
        .then((r) => log.info({ job: job.name, result: r === 'locked' ? 'locked' : r.ok ? 'ok' : 'failed' }, 'scheduled run finished'))
        .catch((error: unknown) => log.error({ job: job.name, err: error }, 'scheduled run failed'))
      running.add(work)
      await work
      running.delete(work)
    }, { name: job.name, noOverlap: true })
    tasks.push(task)
    log.info({ job: job.name, schedule: job.schedule }, 'job scheduled')
  }
  await new Promise<void>((resolve) => {
    const done = () => resolve()
    process.once('SIGINT', done)
    process.once('SIGTERM', done)
    stop?.addEventListener('abort', done, { once: true })
  })
  log.info('stopping scheduler')
  for (const task of tasks) await task.stop()
  abort.abort()
  await Promise.allSettled(running)
}
