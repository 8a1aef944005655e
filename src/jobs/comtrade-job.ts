import { expandPeriods, type ComtradeEnv, type Job } from '../config/index.ts'
import { describeError, TradeEtlError } from '../errors.ts'
import { readComtradeAnswer, redactUrl, writePlusCsv, type HttpClient } from '../extract/index.ts'
import { findComtradeSlice, saveComtradeSlice, type ComtradeSliceRelease, type Warehouse } from '../load/index.ts'
import type { Logger } from '../log.ts'
import { failedSource, sourceFromFiles, withdrawOlderRelease, type SourceOutcome } from './fetch-sources.ts'
import { ingestFiles } from './ingest-files.ts'

type ComtradeJob = Extract<Job, { kind: 'comtrade' }>

/** Periods per availability call: the endpoint takes at most 12 (as other clients batch it). */
const AVAILABILITY_PERIODS = 12

/**
 * A comtrade job: per reporter, ask the availability endpoint (getDa) which periods have data
 * and their release (datasetChecksum, lastReleased); download only the reporter-period slices
 * whose release differs from the one loaded, one call per slice so each stays under the record
 * cap; an answer at the cap is an error, never a silent truncation. Answers go through the
 * Comtrade Plus layout like a downloaded Plus CSV.
 *
 * Endpoints as the UN's own client calls them (uncomtrade/comtradeapicall): with a key
 * /data/v1/get/{type}/{freq}/{cl} and /data/v1/getDa/...; without one the public preview
 * /public/v1/preview/... and /public/v1/getDA/... (500 records at most).
 */
export async function runComtradeJob(
  wh: Warehouse, http: HttpClient, job: ComtradeJob, env: ComtradeEnv,
  options: { runId: number | null; log: Logger; signal?: AbortSignal },
): Promise<SourceOutcome[]> {
  const headers: Record<string, string> = env.apiKey === undefined ? {} : { 'Ocp-Apim-Subscription-Key': env.apiKey }
  const path = `${job.type}/${job.freq}/${job.classification}`
  const dataBase = env.apiKey === undefined ? `${env.baseUrl}/public/v1/preview/${path}` : `${env.baseUrl}/data/v1/get/${path}`
  const availabilityBase = env.apiKey === undefined ? `${env.baseUrl}/public/v1/getDA/${path}` : `${env.baseUrl}/data/v1/getDa/${path}`
  const maxRecords = env.apiKey === undefined ? Math.min(job.maxRecords, 500) : job.maxRecords
  const periods = expandPeriods(job.periods)
  const signal = options.signal === undefined ? {} : { signal: options.signal }
  const out: SourceOutcome[] = []

  for (const reporter of job.reporters) {
    for (let n = 0; n < periods.length; n += AVAILABILITY_PERIODS) {
      const group = periods.slice(n, n + AVAILABILITY_PERIODS)
      const availabilityUrl = `${availabilityBase}?${new URLSearchParams({ reporterCode: reporter, period: group.join(',') })}`
      let available: Map<string, ComtradeSliceRelease>
      try {
        available = await readAvailability(http, availabilityUrl, headers, reporter, signal)
      } catch (error) {
        if (options.signal?.aborted === true) throw error
        const message = http.redactor.text(describeError(error))
        out.push({ source: redactUrl(availabilityUrl), status: 'failed', bytes: 0, rowsLoaded: 0, rowsRejected: 0, error: message })
        continue
      }
      for (const period of group) {
        options.signal?.throwIfAborted()
        const query = new URLSearchParams({ reporterCode: reporter, period })
        if (job.partners !== undefined) query.set('partnerCode', job.partners.join(','))
        query.set('partner2Code', '0')
        query.set('cmdCode', job.commodities.join(','))
        if (job.flows !== undefined) query.set('flowCode', job.flows.join(','))
        query.set('customsCode', 'C00')
        query.set('motCode', '0')
        query.set('maxRecords', String(maxRecords))
        query.set('format', 'JSON')
        query.set('breakdownMode', 'classic')
        query.set('includeDesc', 'true')
        const url = `${dataBase}?${query}`
        const shown = redactUrl(url)
        const key = { job: job.name, typeCode: job.type, freqCode: job.freq, classification: job.classification, reporterCode: reporter, period }
        const release = available.get(period)
        if (release === undefined) {
          options.log.info({ reporter, period }, 'no data available for the slice')
          out.push({ source: shown, status: 'skipped', bytes: 0, rowsLoaded: 0, rowsRejected: 0 })
          continue
        }
        const loaded = await findComtradeSlice(wh, key)
        if (loaded !== undefined && loaded.dataset_checksum === release.datasetChecksum && loaded.last_released === release.lastReleased) {
          options.log.info({ reporter, period }, 'slice not modified')
          out.push({ source: shown, status: 'not-modified', bytes: 0, rowsLoaded: 0, rowsRejected: 0 })
          continue
        }
        try {
          const fetched = await http.fetchToCache(url, { expect: 'json', headers, conditional: false, fileName: `get-${reporter}-${period}.json`, ...signal })
          const answer = await readComtradeAnswer(fetched.path, shown)
          if (answer.records.length >= maxRecords || answer.count >= maxRecords) {
            throw new TradeEtlError('COMTRADE_CAP',
              `GET ${shown}: the answer has ${Math.max(answer.count, answer.records.length)} records, the cap of ${maxRecords}: it may be cut short, so nothing was loaded; name fewer commodities or partners per job`,
              { file: shown })
          }
          let outcome: SourceOutcome
          let releaseSha256 = fetched.sha256
          if (answer.records.length === 0) {
            outcome = { source: shown, status: 'loaded', bytes: 0, rowsLoaded: 0, rowsRejected: 0 }
          } else {
            const csv = fetched.path.replace(/\.json$/, '.csv')
            await writePlusCsv(answer.records, csv)
            const files = await ingestFiles(wh, [csv], { format: 'comtrade-plus', runId: options.runId, log: options.log, displayAs: shown, slice: shown, ...signal })
            outcome = sourceFromFiles(shown, files)
            releaseSha256 = files[0]?.sha256 ?? releaseSha256
          }
          // Comtrade publishes a reporter-period dataset whole: the new release replaces the slice
          // (an empty answer withdraws all of it).
          if (outcome.status === 'loaded') {
            const withdrawn = await withdrawOlderRelease(wh, shown, releaseSha256, options.log)
            if (withdrawn > 0) outcome = { ...outcome, rowsWithdrawn: withdrawn }
          }
          out.push({ ...outcome, bytes: fetched.bytesDownloaded })
          if (outcome.status !== 'failed') await saveComtradeSlice(wh, key, release, fetched.sha256)
        } catch (error) {
          out.push(failedSource(http, shown, error, options))
        }
      }
    }
  }
  return out
}

/** The availability answer as period -> release, for one reporter. */
async function readAvailability(http: HttpClient, url: string, headers: Record<string, string>, reporter: string, signal: { signal?: AbortSignal }): Promise<Map<string, ComtradeSliceRelease>> {
  const fetched = await http.fetchToCache(url, { expect: 'json', headers, conditional: false, fileName: `getDa-${reporter}.json`, ...signal })
  const answer = await readComtradeAnswer(fetched.path, redactUrl(url))
  const out = new Map<string, ComtradeSliceRelease>()
  for (const record of answer.records) {
    const field = (name: string) => {
      const k = Object.keys(record).find((key) => key.toLowerCase() === name.toLowerCase())
      const v = k === undefined ? undefined : record[k]
      return v === undefined || v === null ? null : String(v)
    }
    if (field('reporterCode') !== null && String(Number(field('reporterCode'))) !== reporter) continue
    const period = field('period')
    if (period === null) continue
    const total = field('totalRecords')
    out.set(period, { datasetChecksum: field('datasetChecksum'), lastReleased: field('lastReleased'), totalRecords: total === null ? null : Number(total) })
  }
  return out
}
