export { readEnv, warehouseLocation, type Env } from './env.ts'
export {
  readJobConfig, resolveJobConfig, parseDuration, expandPeriods, JobConfigSchema, JobSchema, DEFAULT_CONFIG, type Job, type JobConfig, type DownloadSettings,
} from './job-config.ts'
export { readComtradeEnv, type ComtradeEnv } from './comtrade-env.ts'
