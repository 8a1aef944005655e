export { readEnv, type Env } from './env.ts'
export {
  readJobConfig, parseDuration, expandPeriods, type Job, type JobConfig, type DownloadSettings,
} from './job-config.ts'
export { chooseWarehouse, ensureHome, findConfig, redactUrl, requireConfig, type ConfigChoice, type WarehouseChoice } from './discover.ts'
export { readComtradeEnv, type ComtradeEnv } from './comtrade-env.ts'
