import { describeError, TradeEtlError } from '../errors.ts'
import type { Job, JobConfig } from '../config/index.ts'
import { finishRun, startRun, type Warehouse } from '../load/index.ts'
import type { Logger } from '../log.ts'
import { ingestFiles, type FileSummary } from './ingest-files.ts'
import { loadArticleFiles, loadPublishedFiles, runChecks, type ArticleSummary, type PublishedSummary } from './figures.ts'

export interface JobResult {
  readonly job: string
  readonly kind: Job['kind']
  readonly ok: boolean
  readonly ms: number
  readonly files?: readonly FileSummary[]
  readonly articles?: readonly ArticleSummary[]
  readonly published?: readonly PublishedSummary[]
  readonly error?: string
}

export interface RunSummary {
  readonly runId: number
  readonly ok: boolean
  readonly jobs: readonly JobResult[]
}

/** The name of the warehouse-wide lock one run holds: cron may fire while a run is going. */
export const RUN_LOCK = 'trade-etl:run'

/**
 * Runs the named jobs (all by default) once, in configuration order, under the run lock.
 * Resolves to 'locked' when another run holds it. Each job's failure is recorded and the next
 * job still runs; the run is 'failed' if any job failed.
 */
export async function runJobs(wh: Warehouse, config: JobConfig, names: readonly string[], log: Logger, signal?: AbortSignal): Promise<RunSummary | 'locked'> {
  const unknown = names.filter((n) => !config.jobs.some((j) => j.name === n))
  if (unknown.length > 0) throw new TradeEtlError('JOB_UNKNOWN', `no such job: ${unknown.join(', ')} (configured: ${config.jobs.map((j) => j.name).join(', ')})`)
  const jobs = names.length === 0 ? config.jobs : config.jobs.filter((j) => names.includes(j.name))

  const unlock = await wh.tryLock(RUN_LOCK)
  if (unlock === null) return 'locked'
  try {
    const runId = await startRun(wh, jobs.map((j) => j.name))
    const results: JobResult[] = []
    try {
      for (const job of jobs) {
        signal?.throwIfAborted()
        results.push(await runJob(wh, job, runId, log, signal))
      }
      // Checks are recomputed after every run: new trade data can settle a claim.
      await runChecks(wh, log)
    } catch (error) {
      // Whatever stops the run (the checks step, an abort) still closes its row: never 'running' forever.
      await finishRun(wh, runId, { status: 'failed', summary: results, error: describeError(error) })
      throw error
    }
    const ok = results.every((r) => r.ok)
    await finishRun(wh, runId, { status: ok ? 'ok' : 'failed', summary: results, error: ok ? null : results.filter((r) => !r.ok).map((r) => `${r.job}: ${r.error ?? 'failed'}`).join('; ') })
    return { runId, ok, jobs: results }
  } finally {
    await unlock()
  }
}

async function runJob(wh: Warehouse, job: Job, runId: number, log: Logger, signal?: AbortSignal): Promise<JobResult> {
  const started = performance.now()
  const ms = () => Math.round(performance.now() - started)
  const jobLog = log.child({ job: job.name })
  try {
    switch (job.kind) {
      case 'ingest': {
        const files = await ingestFiles(wh, job.files, { format: job.format, runId, log: jobLog, ...(signal === undefined ? {} : { signal }) })
        const failed = files.filter((f) => f.error !== undefined)
        return { job: job.name, kind: job.kind, ok: failed.length === 0, ms: ms(), files, ...(failed.length > 0 ? { error: `${failed.length} file(s) failed` } : {}) }
      }
      case 'articles': {
        const articles = await loadArticleFiles(wh, job.files, jobLog)
        return { job: job.name, kind: job.kind, ok: true, ms: ms(), articles }
      }
      case 'published': {
        const published = await loadPublishedFiles(wh, job.files, jobLog)
        return { job: job.name, kind: job.kind, ok: true, ms: ms(), published }
      }
    }
  } catch (error) {
    jobLog.error({ err: error }, 'job failed')
    return { job: job.name, kind: job.kind, ok: false, ms: ms(), error: describeError(error) }
  }
}
