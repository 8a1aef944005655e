// The jobs the CLI and the scheduler wire together: each reads sources, transforms, loads.
export { ingestFiles, type FileSummary, type IngestOptions } from './ingest-files.ts'
export { ensureReferenceData } from './load-reference.ts'
export { readArticle, loadArticleFiles, loadPublishedFiles, runChecks, type ArticleSummary, type PublishedSummary, type ArticleInput, type ReadArticle } from './figures.ts'
export { runJobs, RUN_LOCK, type JobResult, type RunSummary } from './run-jobs.ts'
export { runScheduler } from './scheduler.ts'
