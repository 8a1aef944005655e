export { withWarehouse, openWarehouse, type Warehouse, type WarehouseTx, type WarehouseLocation, type Engine, type EmbeddedEngine } from './warehouse.ts'
export { migrateToLatest, type MigrateSummary } from './migrate.ts'
export { loadTradeSource, findLoadedSource, type TradeSourceLoad, type TradeSourceResult, type RejectSink } from './load-trade-source.ts'
export { upsertCountries, upsertProducts, recordReferenceLoad, upsertSideTable } from './reference.ts'
export { queryYoy, queryStatus, type YoyFilter, type YoyRow, type StatusReport } from './reports.ts'
export { grantReader } from './grants.ts'
export { startRun, finishRun, claimCronTick, type RunStatus } from './run-store.ts'
export type { Database } from './schema.ts'
export { describeWarehouse, renderDatabaseType, type ColumnDescription } from './describe-schema.ts'
export {
  findArticle, storeArticle, countPublished, storePublished, listCheckableFigures, queryTradeSeries, queryPublishedSeries,
  saveChecks, listChecks, listPublished, type PublishedListRow, type StoredFigure, type ArticleMeta, type PublishedRow, type FigureRow, type SeriesQuery, type CheckRow,
} from './figures-store.ts'
export { serveEmbedded, serveToReaders, holderUrl, type ServeAddress, type ServedWarehouse } from './serve-embedded.ts'
