import type { RunSummary } from '../jobs/index.ts'

/** The `run --json` document (CONTRACT.md): per job its name, kind, ok and every source's outcome. */
export function runJson(summary: RunSummary) {
  return {
    runId: summary.runId,
    ok: summary.ok,
    jobs: summary.jobs.map((j) => ({ name: j.job, kind: j.kind, ok: j.ok, ...(j.error === undefined ? {} : { error: j.error }), sources: j.sources })),
  }
}
