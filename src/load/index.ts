export { withWarehouse, openWarehouse, isConnectionLost, type Warehouse, type WarehouseTx, type WarehouseLocation, type Engine, type EmbeddedEngine } from './warehouse.ts'
export { migrateToLatest, type MigrateSummary } from './migrate.ts'
export { loadTradeSource, findLoadedSource, type TradeSourceLoad, type TradeSourceResult, type TradeRowBatch, type RejectSink } from './load-trade-source.ts'
export { TRADE_FLOW_COLUMNS, TRADE_FLOW_KEY, naturalKeyOf, refreshTradeStatistics } from './trade-flow-table.ts'
export { recordReferenceLoad, recordSideTableLoad, type SideTableLoad } from './reference.ts'
export { queryYoy, queryStatus, type YoyFilter, type YoyRow, type StatusReport } from './reports.ts'
export { grantReader, type ReaderGrant } from './grants.ts'
export { startRun, finishRun, claimCronTick, failStaleRuns, type RunStatus } from './run-store.ts'
export type { Database } from './schema.ts'
export { describeWarehouse, renderDatabaseType, type ColumnDescription } from './describe-schema.ts'
export {
  findArticle, storeArticle, countPublished, storePublished, listCheckableFigures, queryTradeSeries, queryPublishedSeries,
  saveChecks, listChecks, listPublished, type PublishedListRow, type StoredFigure, type ArticleMeta, type PublishedRow, type FigureRow, type SeriesQuery, type CheckRow,
} from './figures-store.ts'
export { recordHttpFetch, isLoadedSha256, recordJobState, listJobStates, type HttpFetchRow, type JobStatus, type JobStateRow } from './job-state-store.ts'
export { findComtradeSlice, saveComtradeSlice, type ComtradeSliceKey, type ComtradeSliceRelease } from './comtrade-slice-store.ts'
export { serveEmbedded, serveToReaders, holderUrl, type ServeAddress, type ServedWarehouse } from './serve-embedded.ts'
export { findSources, unloadSources, type LoadedSource, type UnloadedSource } from './unload-source.ts'
