import { parseDuration, type Job } from '../config/index.ts'
import { listJobStates, type Warehouse } from '../load/index.ts'

/** One job's verdict for `status --check`. */
export interface Freshness {
  readonly job: string
  readonly ok: boolean
  /** Why, in words a person at a terminal or a monitoring e-mail can act on. */
  readonly reason: string
}

/**
 * Is every job's last run ok and its data younger than its maxAge? A job's data is as old as
 * its last successful run: then every source was loaded, skipped (the same bytes) or not
 * modified (the server said nothing changed). A job with no maxAge is only checked for a
 * failed last run; a job never run is stale only when it has a maxAge.
 */
export async function checkFreshness(wh: Warehouse, jobs: readonly Job[], now: Date): Promise<Freshness[]> {
  const states = new Map((await listJobStates(wh)).map((s) => [s.job, s]))
  return jobs.map((job): Freshness => {
    const state = states.get(job.name)
    if (state !== undefined && (state.last_status === 'failed' || state.last_status === 'aborted')) {
      return { job: job.name, ok: false, reason: `last run ${state.last_status} at ${state.last_finished_at?.toISOString() ?? state.last_started_at.toISOString()}: ${state.last_error ?? 'no error recorded'}` }
    }
    if (job.maxAge === undefined) {
      return { job: job.name, ok: true, reason: state === undefined ? 'never run (no maxAge)' : `last run ${state.last_status}` }
    }
    const limit = parseDuration(job.maxAge)
    if (state?.last_ok_at === null || state?.last_ok_at === undefined) {
      return { job: job.name, ok: false, reason: `never succeeded; maxAge is ${job.maxAge}` }
    }
    const age = now.getTime() - state.last_ok_at.getTime()
    const ageText = formatAge(age)
    return age > limit
      ? { job: job.name, ok: false, reason: `data is ${ageText} old (last success ${state.last_ok_at.toISOString()}), older than maxAge ${job.maxAge}` }
      : { job: job.name, ok: true, reason: `data is ${ageText} old, within maxAge ${job.maxAge}` }
  })
}

function formatAge(ms: number): string {
  const h = ms / 3_600_000
  return h >= 48 ? `${(h / 24).toFixed(1)} d` : h >= 1 ? `${h.toFixed(1)} h` : `${Math.round(ms / 60_000)} min`
}
