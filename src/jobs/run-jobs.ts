import { describeError, TradeEtlError } from '../errors.ts'
import { readComtradeEnv, readEnv, type Job, type JobConfig } from '../config/index.ts'
import { failStaleRuns, finishRun, recordJobState, startRun, type Warehouse } from '../load/index.ts'
import type { Logger } from '../log.ts'
import type { HttpClient } from '../extract/index.ts'
import { ingestFiles, type FileSummary } from './ingest-files.ts'
import { runComtradeJob } from './comtrade-job.ts'
import { createJobHttpClient, downloadCacheDir, fileOutcomes, ingestUrls, type SourceOutcome } from './fetch-sources.ts'
import { loadArticleUrls, loadFeeds } from './article-sources.ts'
import { loadArticleFiles, loadPublishedFiles, runChecks, type ArticleSummary, type PublishedSummary } from './figures.ts'

export interface JobResult {
  readonly job: string
  readonly kind: Job['kind']
  readonly ok: boolean
  readonly ms: number
  readonly files?: readonly FileSummary[]
  readonly articles?: readonly ArticleSummary[]
  readonly published?: readonly PublishedSummary[]
  /** Every source of the job with its outcome: what `run --json` prints. */
  readonly sources: readonly SourceOutcome[]
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
    const stale = await failStaleRuns(wh, new Date())
    if (stale.length > 0) log.warn({ runs: stale }, 'runs left running by a stopped process marked failed')
    const runId = await startRun(wh, jobs.map((j) => j.name))
    // Every line this run logs carries its id, as the job lines below carry the job's name.
    const runLog = log.child({ runId })
    const results: JobResult[] = []
    try {
      for (const job of jobs) {
        signal?.throwIfAborted()
        await recordJobState(wh, { job: job.name, runId, status: 'running', at: new Date(), error: null })
        const result = await runJob(wh, config, job, runId, runLog, signal)
        signal?.throwIfAborted()
        results.push(result)
        await recordJobState(wh, { job: job.name, runId, status: result.ok ? 'ok' : 'failed', at: new Date(), error: result.ok ? null : result.error ?? 'failed' })
      }
      // Checks are recomputed after every run: new trade data can settle a claim.
      await runChecks(wh, runLog)
    } catch (error) {
      // Whatever stops the run (the checks step, an abort) still closes its row: never 'running' forever.
      const status = signal?.aborted === true ? 'aborted' : 'failed'
      await finishRun(wh, runId, { status, summary: results, error: describeError(error) })
      for (const job of jobs.filter((j) => !results.some((r) => r.job === j.name))) {
        await recordJobState(wh, { job: job.name, runId, status, at: new Date(), error: describeError(error) })
      }
      throw error
    }
    const ok = results.every((r) => r.ok)
    await finishRun(wh, runId, { status: ok ? 'ok' : 'failed', summary: results, error: ok ? null : results.filter((r) => !r.ok).map((r) => `${r.job}: ${r.error ?? 'failed'}`).join('; ') })
    return { runId, ok, jobs: results }
  } finally {
    await unlock()
  }
}

async function runJob(wh: Warehouse, config: JobConfig, job: Job, runId: number, log: Logger, signal?: AbortSignal): Promise<JobResult> {
  const started = performance.now()
  const ms = () => Math.round(performance.now() - started)
  const jobLog = log.child({ job: job.name })
  try {
    switch (job.kind) {
      case 'ingest': {
        const withSignal = signal === undefined ? {} : { signal }
        const files = job.files.length === 0 ? [] : await ingestFiles(wh, job.files, { format: job.format, runId, log: jobLog, ...withSignal })
        const sources = fileOutcomes(files)
        if (job.urls.length > 0) {
          sources.push(...await withJobHttp(wh, config, job.name, runId, (http) => ingestUrls(wh, http, job.urls, { format: job.format, runId, log: jobLog, ...withSignal })))
        }
        return { job: job.name, kind: job.kind, ms: ms(), files, ...summarizeSources(sources) }
      }
      case 'comtrade': {
        const sources = await withJobHttp(wh, config, job.name, runId,
          (http) => runComtradeJob(wh, http, job, readComtradeEnv(), { runId, log: jobLog, ...(signal === undefined ? {} : { signal }) }))
        return { job: job.name, kind: job.kind, ms: ms(), ...summarizeSources(sources) }
      }
      case 'articles': {
        const articles = await loadArticleFiles(wh, job.files, jobLog)
        const sources = articles.map(figureSource)
        if (job.urls.length > 0 || job.feeds.length > 0) {
          const options = { job: job.name, runId, log: jobLog, signal }
          sources.push(...await withJobHttp(wh, config, job.name, runId, async (http) => [
            ...await loadArticleUrls(wh, http, job.urls, options),
            ...await loadFeeds(wh, http, job.feeds, options),
          ]))
        }
        return { job: job.name, kind: job.kind, ms: ms(), articles, ...summarizeSources(sources) }
      }
      case 'published': {
        const published = await loadPublishedFiles(wh, job.files, jobLog)
        return { job: job.name, kind: job.kind, ok: true, ms: ms(), published, sources: published.map(figureSource) }
      }
    }
  } catch (error) {
    jobLog.error({ err: error }, 'job failed')
    return { job: job.name, kind: job.kind, ok: false, ms: ms(), sources: [], error: describeError(error) }
  }
}

/** A job's HTTP client for the length of `fn`, closed whatever `fn` does. */
async function withJobHttp<T>(wh: Warehouse, config: JobConfig, job: string, runId: number, fn: (http: HttpClient) => Promise<T>): Promise<T> {
  const http = createJobHttpClient(wh, config.downloads, downloadCacheDir(config.downloads, readEnv()), job, runId)
  try {
    return await fn(http)
  } finally {
    await http.close()
  }
}

/** A job is ok when none of its sources failed; the error names each one that did. */
function summarizeSources(sources: SourceOutcome[]): { ok: boolean; sources: SourceOutcome[]; error?: string } {
  const failed = sources.filter((f) => f.status === 'failed')
  return { ok: failed.length === 0, sources, ...(failed.length > 0 ? { error: `${failed.length} source(s) failed: ${failed.map((f) => f.error ?? f.source).join('; ')}` } : {}) }
}

/** An article or published-figures file as a source: its figures count as the rows it loaded. */
function figureSource(f: { path: string; figures: number; skipped: boolean }): SourceOutcome {
  return { source: f.path, status: f.skipped ? 'skipped' : 'loaded', bytes: 0, rowsLoaded: f.skipped ? 0 : f.figures, rowsRejected: 0 }
}
