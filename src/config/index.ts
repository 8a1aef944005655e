export { readEnv, type Env } from './env.ts'
export {
  readJobConfig, resolveJobConfig, parseDuration, type Job, type JobConfig, type DownloadSettings,
} from './job-config.ts'
export { chooseWarehouse, ensureHome, findConfig, redactUrl, requireConfig, type ConfigChoice, type WarehouseChoice } from './discover.ts'
