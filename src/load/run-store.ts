import { sql } from 'kysely'
import type { Warehouse } from './warehouse.ts'

/** How a run ended, as etl.run records it. */
export type RunStatus = 'ok' | 'failed' | 'aborted'

/** Opens a run's bookkeeping row; resolves to its id. */
export async function startRun(wh: Warehouse, jobs: readonly string[]): Promise<number> {
  const { run_id: runId } = await wh.db.insertInto('etl.run').values({ job: jobs.join(',') }).returning('run_id').executeTakeFirstOrThrow()
  return runId
}

/** Closes a run's row with its outcome; the summary is stored as JSON. */
export async function finishRun(wh: Warehouse, runId: number, outcome: { status: RunStatus; summary: unknown; error: string | null }): Promise<void> {
  await wh.db.updateTable('etl.run')
    .set({ status: outcome.status, finished_at: new Date(), summary: JSON.stringify(outcome.summary), error: outcome.error })
    .where('run_id', '=', runId)
    .execute()
}

/**
 * Claims one cron tick of a job: true for exactly one caller across every scheduler sharing the
 * warehouse. One statement on the job's one row (etl.cron_job): it moves last_tick_at forward
 * only if the stored tick is older, so a tick already claimed, or an older one, is refused.
 */
export async function claimCronTick(wh: Warehouse, job: string, tickAt: Date, claimedAt: Date): Promise<boolean> {
  const claimed = await sql<{ job: string }>`
    insert into etl.cron_job (job, last_tick_at, claimed_at, known_since) values (${job}, ${tickAt}, ${claimedAt}, ${claimedAt})
    on conflict (job) do update set last_tick_at = excluded.last_tick_at, claimed_at = excluded.claimed_at
    where etl.cron_job.last_tick_at < excluded.last_tick_at
    returning job`.execute(wh.db)
  return claimed.rows.length > 0
}

/**
 * Runs (and job states) left 'running' by a process that died (kill -9, a crash, a power cut)
 * are marked failed. Called by the holder of the run lock, so no live run can be among them.
 * Resolves to the ids of the runs it closed.
 */
export async function failStaleRuns(wh: Warehouse, now: Date): Promise<number[]> {
  const error = 'left running: the process stopped before the run ended (crash or kill); marked failed by the next run'
  const runs = await wh.db.updateTable('etl.run').set({ status: 'failed', finished_at: now, error })
    .where('status', '=', 'running').returning('run_id').execute()
  await wh.db.updateTable('etl.job_state').set({ last_status: 'failed', last_finished_at: now, last_error: error })
    .where('last_status', '=', 'running').execute()
  return runs.map((r) => r.run_id)
}
