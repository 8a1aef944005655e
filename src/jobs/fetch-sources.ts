import { resolve } from 'node:path'
import { parseDuration, type DownloadSettings, type Env } from '../config/index.ts'
import { describeError } from '../errors.ts'
import { HttpClient, redactUrl } from '../extract/index.ts'
import { isLoadedSha256, recordHttpFetch, withdrawReplacedFlows, type Warehouse } from '../load/index.ts'
import type { Logger } from '../log.ts'
import type { SourceFormat } from '../transform/index.ts'
import { ingestFiles, type FileSummary } from './ingest-files.ts'

/** One source of a job, as `run --json` prints it (CONTRACT.md). */
export interface SourceOutcome {
  /** Path or URL, secrets redacted. */
  readonly source: string
  readonly status: 'loaded' | 'not-modified' | 'skipped' | 'failed'
  /** Bytes downloaded for it in this run (0 for local files and 304s). */
  readonly bytes: number
  readonly rowsLoaded: number
  readonly rowsRejected: number
  /** Flows an older release of this source had and this one has not, withdrawn by this run (only when some were). */
  readonly rowsWithdrawn?: number
  readonly error?: string
}

/** The download cache: `downloads.cache` from the configuration, else downloads/ in the warehouse home. */
export function downloadCacheDir(settings: DownloadSettings, env: Env): string {
  return settings.cache ?? resolve(env.TRADE_ETL_HOME ?? '.trade-etl', 'downloads')
}

/** An HTTP client for one job: its fetches land in etl.http_fetch under the job and run. */
export function createJobHttpClient(wh: Warehouse, settings: DownloadSettings, cacheDir: string, job: string, runId: number | null): HttpClient {
  return new HttpClient({
    cacheDir,
    connectTimeoutMs: parseDuration(settings.connectTimeout),
    idleTimeoutMs: parseDuration(settings.idleTimeout),
    retry: { attempts: settings.attempts, maxTotalMs: parseDuration(settings.maxRetryTime) },
    record: (r) => recordHttpFetch(wh, { ...r, runId, job }),
  })
}

/**
 * Fetches each URL into the download cache and loads what changed. A 304 (or a body whose
 * bytes are already loaded) writes nothing: `not-modified` when no data came over the wire,
 * `skipped` when it came but was already there. A body that failed to load before is loaded
 * from the cache even when the server answers 304.
 */
export async function ingestUrls(
  wh: Warehouse, http: HttpClient, urls: readonly string[],
  options: { format: SourceFormat | 'auto'; runId: number | null; log: Logger; signal?: AbortSignal },
): Promise<SourceOutcome[]> {
  const out: SourceOutcome[] = []
  for (const url of urls) {
    const shown = redactUrl(url)
    options.signal?.throwIfAborted()
    try {
      const fetched = await http.fetchToCache(url, { expect: 'data', ...(options.signal === undefined ? {} : { signal: options.signal }) })
      if (fetched.outcome === 'not-modified' && await isLoadedSha256(wh, fetched.sha256)) {
        options.log.info({ url: shown }, 'source not modified')
        out.push({ source: shown, status: 'not-modified', bytes: 0, rowsLoaded: 0, rowsRejected: 0 })
        continue
      }
      const files = await ingestFiles(wh, [fetched.path], { ...options, displayAs: shown, slice: shown })
      const outcome: SourceOutcome = { ...sourceFromFiles(shown, files), bytes: fetched.bytesDownloaded }
      const withdrawn = outcome.status === 'loaded' ? await withdrawOlderRelease(wh, shown, fetched.sha256, options.log) : 0
      out.push(withdrawn > 0 ? { ...outcome, rowsWithdrawn: withdrawn } : outcome)
    } catch (error) {
      out.push(failedSource(http, shown, error, options))
    }
  }
  return out
}

/**
 * A new release of a slice is in, every file of it: what older releases had and it has not is
 * withdrawn (CONTRACT.md, "a release replaces its slice"). A release that failed in part
 * withdraws nothing: it is not loaded whole.
 */
export async function withdrawOlderRelease(wh: Warehouse, slice: string, sha256: string, log: Logger): Promise<number> {
  const { withdrawn } = await withdrawReplacedFlows(wh, slice, sha256)
  if (withdrawn > 0) log.info({ source: slice, withdrawn }, 'flows withdrawn: the newer release no longer has them')
  return withdrawn
}

/** Local files as sources: each loaded, skipped (same bytes already loaded) or failed. */
export function fileOutcomes(files: readonly FileSummary[]): SourceOutcome[] {
  return files.map((f) => sourceFromFiles(f.path, [f]))
}

/**
 * A fetched source that failed, its error redacted and logged. An abort is not a source's
 * failure: it is thrown on, so the run stops.
 */
export function failedSource(http: HttpClient, shown: string, error: unknown, options: { readonly log: Logger; readonly signal?: AbortSignal | undefined }): SourceOutcome {
  if (options.signal?.aborted === true) throw error
  const message = http.redactor.text(describeError(error))
  options.log.error({ url: shown, err: message }, 'source failed')
  return { source: shown, status: 'failed', bytes: 0, rowsLoaded: 0, rowsRejected: 0, error: message }
}

/** One source from the summaries of its members (an archive has several). */
export function sourceFromFiles(source: string, files: readonly FileSummary[]): SourceOutcome {
  const errors = files.filter((f) => f.error !== undefined).map((f) => f.error as string)
  const rowsLoaded = files.filter((f) => !f.skipped).reduce((n, f) => n + f.rowsLoaded, 0)
  const rowsRejected = files.filter((f) => !f.skipped).reduce((n, f) => n + f.rowsRejected, 0)
  const status = errors.length > 0 ? 'failed' : files.length > 0 && files.every((f) => f.skipped) ? 'skipped' : 'loaded'
  return { source, status, bytes: 0, rowsLoaded, rowsRejected, ...(errors.length > 0 ? { error: errors.join('; ') } : {}) }
}
