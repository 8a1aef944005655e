export { readEnv, type Env } from './env.ts'
export {
  readJobConfig, resolveJobConfig, parseDuration, JobConfigSchema, JobSchema, DEFAULT_CONFIG, type Job, type JobConfig, type DownloadSettings,
} from './job-config.ts'
export { chooseWarehouse, ensureHome, findConfig, redactUrl, requireConfig, CONFIG_FILE_NAME, type ConfigChoice, type WarehouseChoice } from './discover.ts'
