export { readEnv, warehouseLocation, type Env } from './env.ts'
export {
  readJobConfig, resolveJobConfig, parseDuration, JobConfigSchema, JobSchema, DEFAULT_CONFIG, type Job, type JobConfig, type DownloadSettings,
} from './job-config.ts'
