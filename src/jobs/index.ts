// The jobs the CLI and the scheduler wire together: each reads sources, transforms, loads.
export { ingestFiles, INGEST_PROGRESS_CHANNEL, type FileSummary, type IngestOptions, type IngestProgressEvent, type SourceProgress } from './ingest-files.ts'
export { ensureReferenceData } from './load-reference.ts'
export { readArticle, loadArticleFiles, loadPublishedFiles, runChecks, type ArticleSummary, type PublishedSummary, type ArticleInput, type ReadArticle } from './figures.ts'
export { runJobs, type JobResult, type RunSummary } from './run-jobs.ts'
export { runScheduler, scheduledJobs, catchUpMissedTicks, previousTick, type SchedulerOptions } from './scheduler.ts'
export { type SourceOutcome } from './fetch-sources.ts'
export { checkFreshness, type Freshness } from './check-freshness.ts'
export { unloadSource } from './unload.ts'
