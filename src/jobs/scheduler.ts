import { createTask, parse as parseCron, schedule, type ScheduledTask } from 'node-cron'
import { parseDuration, type Job, type JobConfig } from '../config/index.ts'
import { TradeEtlError } from '../errors.ts'
import { claimCronTick, listJobStates, type Warehouse } from '../load/index.ts'
import type { Logger } from '../log.ts'
import { runJobs } from './run-jobs.ts'

/** What the scheduler takes from the world besides the warehouse: tests inject all three. */
export interface SchedulerOptions {
  /** Stops the scheduler (besides SIGINT/SIGTERM). */
  readonly stop?: AbortSignal
  /** The clock for catch-up and claims (default: the system clock). */
  readonly now?: () => Date
  /** Waits between retries of a failed run; resolves early (or rejects) when `signal` aborts. */
  readonly sleep?: (ms: number, signal: AbortSignal) => Promise<void>
}

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
 * Runs each job with a `schedule` on its cron expression until SIGINT/SIGTERM. At start, a tick
 * missed while no scheduler ran is caught up once (catchUpMissedTicks). Each tick is claimed in
 * etl.cron_job (one row per job, advanced in one statement), so when several schedulers share a
 * server each tick runs once; a run already in progress makes the tick wait for the next one
 * (the run lock), never pile up. A failed run is run again up to the job's `retries`.
 */
export async function runScheduler(wh: Warehouse, config: JobConfig, log: Logger, options: SchedulerOptions = {}): Promise<void> {
  const scheduled = config.jobs.filter((j) => j.schedule !== undefined)
  if (scheduled.length === 0) log.warn('no job has a schedule; nothing to do')
  const tasks: ScheduledTask[] = []
  const running = new Set<Promise<unknown>>()
  // Stopping aborts the run in progress: its COPY is cancelled, its transaction rolled back and
  // the run marked 'aborted', instead of a SIGTERM waiting for a long ingest to end.
  const abort = new AbortController()
  const stopped = new Promise<void>((resolve) => {
    const done = () => resolve()
    process.once('SIGINT', done)
    process.once('SIGTERM', done)
    options.stop?.addEventListener('abort', done, { once: true })
  }).then(() => {
    log.info('stopping scheduler')
    abort.abort()
  })
  const track = (work: Promise<unknown>) => {
    running.add(work)
    return work.finally(() => running.delete(work))
  }
  const runtime = { ...options, signal: abort.signal }

  for (const job of scheduled) {
    const task = schedule(job.schedule as string, async (ctx) => {
      if (abort.signal.aborted) return
      // The tick's own scheduled time, to the second: every scheduler computes the same key.
      const tickAt = new Date(Math.floor((ctx?.date ?? new Date()).getTime() / 1000) * 1000)
      await track(runTick(wh, config, job, tickAt, log, runtime))
    }, { name: job.name, noOverlap: true })
    tasks.push(task)
    log.info({ job: job.name, schedule: job.schedule }, 'job scheduled')
  }
  await track(catchUpMissedTicks(wh, config, log, runtime))
  await stopped
  for (const task of tasks) await task.stop()
  await Promise.allSettled(running)
}

/**
 * For each scheduled job whose last success is older than its latest scheduled time (or that
 * never succeeded), claims that tick and runs the job once: a tick missed while no scheduler
 * ran (the machine was off, the process down). A tick another scheduler claimed is not run
 * again. Resolves to the jobs it ran.
 */
export async function catchUpMissedTicks(
  wh: Warehouse, config: JobConfig, log: Logger, options: Omit<SchedulerOptions, 'stop'> & { readonly signal?: AbortSignal } = {},
): Promise<string[]> {
  const now = (options.now ?? (() => new Date()))()
  const states = new Map((await listJobStates(wh)).map((s) => [s.job, s]))
  const ran: string[] = []
  for (const job of config.jobs) {
    if (job.schedule === undefined || options.signal?.aborted === true) continue
    const tickAt = previousTick(job.schedule, now)
    const lastOk = states.get(job.name)?.last_ok_at ?? null
    if (tickAt === null || (lastOk !== null && lastOk.getTime() >= tickAt.getTime())) continue
    log.info({ job: job.name, tickAt, lastOk }, 'missed tick: catching up')
    if (await runTick(wh, config, job, tickAt, log, options)) ran.push(job.name)
  }
  return ran
}

/**
 * One tick of a job: claimed (or refused: another scheduler has it), then run, and run again
 * after a failure up to `retries` times, waiting `retryDelay`, doubled each time. Resolves to
 * whether this scheduler claimed the tick.
 */
async function runTick(
  wh: Warehouse, config: JobConfig, job: Job, tickAt: Date, log: Logger, options: Omit<SchedulerOptions, 'stop'> & { readonly signal?: AbortSignal },
): Promise<boolean> {
  const now = options.now ?? (() => new Date())
  if (!(await claimCronTick(wh, job.name, tickAt, now()))) return false
  const sleep = options.sleep ?? sleepFor
  const signal = options.signal ?? new AbortController().signal
  for (let attempt = 0; ; attempt++) {
    let result: 'ok' | 'failed' | 'locked' | 'aborted'
    try {
      const r = await runJobs(wh, config, [job.name], log, signal)
      result = r === 'locked' ? 'locked' : r.ok ? 'ok' : 'failed'
    } catch (error) {
      result = signal.aborted ? 'aborted' : 'failed'
      if (!signal.aborted) log.error({ job: job.name, err: error }, 'scheduled run failed')
    }
    log.info({ job: job.name, tickAt, attempt: attempt + 1, result }, 'scheduled run finished')
    // A run the lock refused is the other run's tick, not a failure to retry.
    if (result !== 'failed' || attempt >= job.retries || signal.aborted) return true
    const delay = parseDuration(job.retryDelay) * 2 ** attempt
    log.warn({ job: job.name, attempt: attempt + 1, retries: job.retries, delayMs: delay }, 'scheduled run failed, retrying')
    try {
      await sleep(delay, signal)
    } catch {
      return true
    }
    if (signal.aborted) return true
  }
}

/** A timer that an abort cuts short. */
function sleepFor(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms)
    function done() {
      clearTimeout(timer)
      signal.removeEventListener('abort', done)
      resolve()
    }
    signal.addEventListener('abort', done, { once: true })
  })
}

/** How far back a missed tick is looked for: a job scheduled less often than this is not caught up. */
const LOOKBACK_DAYS = 400

/**
 * The latest time at or before `now` that the cron expression matches, to the second, in the
 * time zone node-cron runs it in (local time); null when none in LOOKBACK_DAYS. Walks back day
 * by day: a day whose latest candidate time does not match fails on its date fields alone.
 */
export function previousTick(expression: string, now: Date): Date | null {
  const fields = parseCron(expression)
  const matcher = createTask(expression, () => undefined)
  try {
    const desc = (xs: readonly number[]) => [...xs].sort((a, b) => b - a)
    const hours = desc(fields.hour)
    const minutes = desc(fields.minute)
    const seconds = desc(fields.second)
    const nowSecond = Math.floor(now.getTime() / 1000) * 1000
    for (let back = 0; back <= LOOKBACK_DAYS; back++) {
      const day = new Date(now.getFullYear(), now.getMonth(), now.getDate() - back)
      const at = (h: number, m: number, s: number) => new Date(day.getFullYear(), day.getMonth(), day.getDate(), h, m, s)
      const [h0 = 0, m0 = 0, s0 = 0] = [hours[0], minutes[0], seconds[0]]
      if (!matcher.match(at(h0, m0, s0))) continue
      for (const h of hours) {
        for (const m of minutes) {
          for (const s of seconds) {
            const candidate = at(h, m, s)
            if (candidate.getTime() <= nowSecond && matcher.match(candidate)) return candidate
          }
        }
      }
    }
    return null
  } finally {
    void matcher.destroy()
  }
}
