import type { Warehouse } from './warehouse.ts'

/** One HTTP fetch, as etl.http_fetch keeps it (URLs already redacted by the HTTP layer). */
export interface HttpFetchRow {
  readonly runId: number | null
  readonly job: string
  readonly url: string
  readonly finalUrl: string
  readonly httpStatus: number | null
  readonly outcome: 'downloaded' | 'not-modified' | 'failed'
  readonly etag: string | null
  readonly lastModified: string | null
  readonly bytes: number
  readonly sha256: string | null
  readonly attempts: number
  readonly startedAt: Date
  readonly ms: number
  readonly error: string | null
}

export async function recordHttpFetch(wh: Warehouse, row: HttpFetchRow): Promise<void> {
  await wh.db.insertInto('etl.http_fetch').values({
    run_id: row.runId, job: row.job, url: row.url, final_url: row.finalUrl, http_status: row.httpStatus, outcome: row.outcome,
    etag: row.etag, last_modified: row.lastModified, bytes: row.bytes, sha256: row.sha256, attempts: row.attempts,
    started_at: row.startedAt, ms: row.ms, error: row.error,
  }).execute()
}

/** True when any source with these bytes (a plain file or any member of an archive) is loaded. */
export async function isLoadedSha256(wh: Warehouse, sha256: string): Promise<boolean> {
  const row = await wh.db.selectFrom('etl.source_file').select('file_id').where('sha256', '=', sha256).limit(1).executeTakeFirst()
  return row !== undefined
}

export type JobStatus = 'running' | 'ok' | 'failed' | 'aborted'

/** Moves a job's one etl.job_state row to its latest outcome (insert or update in one statement). */
export async function recordJobState(wh: Warehouse, state: { job: string; runId: number; status: JobStatus; at: Date; error: string | null }): Promise<void> {
  const finished = state.status === 'running' ? null : state.at
  await wh.db.insertInto('etl.job_state').values({
    job: state.job, last_run_id: state.runId, last_status: state.status, last_started_at: state.at, last_finished_at: finished,
    last_ok_at: state.status === 'ok' ? state.at : null, last_error: state.error,
  }).onConflict((oc) => oc.column('job').doUpdateSet((eb) => ({
    last_run_id: eb.ref('excluded.last_run_id'),
    last_status: eb.ref('excluded.last_status'),
    last_started_at: state.status === 'running' ? eb.ref('excluded.last_started_at') : eb.ref('etl.job_state.last_started_at'),
    last_finished_at: eb.ref('excluded.last_finished_at'),
    last_ok_at: state.status === 'ok' ? eb.ref('excluded.last_ok_at') : eb.ref('etl.job_state.last_ok_at'),
    last_error: eb.ref('excluded.last_error'),
  }))).execute()
}

export interface JobStateRow {
  readonly job: string
  readonly last_status: string
  readonly last_started_at: Date
  readonly last_finished_at: Date | null
  readonly last_ok_at: Date | null
  readonly last_error: string | null
}

export function listJobStates(wh: Warehouse): Promise<JobStateRow[]> {
  return wh.db.selectFrom('etl.job_state').select(['job', 'last_status', 'last_started_at', 'last_finished_at', 'last_ok_at', 'last_error']).execute()
}
