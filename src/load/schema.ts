// Generated from a migrated warehouse by `npm run schema` (src/load/describe-schema.ts): do not
// edit. tests/schema.test.ts fails when it no longer matches what sql/ creates.
import type { ColumnType } from 'kysely'

/** table core.area_aggregate */
export interface CoreAreaAggregate {
  code: string
  kind: string
  name: string
  source: string
}

/** table core.article */
export interface CoreArticle {
  article_id: ColumnType<number, never, never>
  sha256: string
  path: string
  source_kind: string
  url: string | null
  title: string | null
  published_on: Date | string | null
  loaded_at: ColumnType<Date, Date | string | undefined, Date | string>
}

/** table core.article_figure */
export interface CoreArticleFigure {
  article_id: number
  figure_no: number
  kind: string
  value: string
  unit: string
  text: string
  start_offset: number | null
  end_offset: number | null
  qualifier: string | null
  year: number | null
  period: string | null
  reporter_iso3: string | null
  partner_iso3: string | null
  flow: string | null
  commodity: string | null
  hs_code: string | null
  measure: string | null
  change_from: number | null
  change_direction: string | null
  share_of: string | null
  share_of_iso3: string | null
  date_value: string | null
  comparison: string | null
  compared_iso3: string[] | null
  subject_iso3: string | null
  compared_combined: boolean | null
}

/** table core.country */
export interface CoreCountry {
  code: string
  iso3: string | null
  name: string
  source: string
}

/** table core.dim_country */
export interface CoreDimCountry {
  country_id: number
  code: string
  file_iso3: string | null
}

/** table core.dim_period */
export interface CoreDimPeriod {
  period_id: number
  period: string
}

/** table core.dim_product */
export interface CoreDimProduct {
  product_id: number
  code: string
}

/** table core.dim_series */
export interface CoreDimSeries {
  series_id: number
  source_format: string
  classification: string
  flow: string
  partner2_code: string
  customs_code: string
  mot_code: string
}

/** table core.figure_check */
export interface CoreFigureCheck {
  article_id: number
  figure_no: number
  status: string
  claimed: string
  claimed_unit: string
  tolerance_low: string | null
  tolerance_high: string | null
  recomputed: string | null
  gap: string | null
  gap_pct: string | null
  basis: string | null
  evidence: string | null
  missing: string | null
  implied: string | null
  checked_at: ColumnType<Date, Date | string | undefined, Date | string>
  inputs: ColumnType<unknown | null, string | null, string | null>
  query: string | null
  declarations: ColumnType<unknown | null, string | null, string | null>
  sides: ColumnType<unknown | null, string | null, string | null>
  as_of_published: ColumnType<unknown | null, string | null, string | null>
}

/** view core.hs_description */
export interface CoreHsDescription {
  code: string | null
  description: string | null
}

/** table core.product */
export interface CoreProduct {
  classification: string
  code: string
  level: number
  parent_code: string | null
  description: string
}

/** table core.published_figure */
export interface CorePublishedFigure {
  published_id: ColumnType<number, never, never>
  file_sha256: string
  path: string
  source_url: string
  publisher: string | null
  released_on: Date | string | null
  subject: string
  value: string
  unit: string
  qualifier: string | null
  year: number | null
  period: string | null
  reporter_iso3: string | null
  partner_iso3: string | null
  flow: string | null
  commodity: string | null
  hs_code: string | null
  note: string | null
  loaded_at: ColumnType<Date, Date | string | undefined, Date | string>
}

/** table core.trade_fact */
export interface CoreTradeFact {
  period_id: number
  reporter_id: number
  partner_id: number
  product_id: number
  series_id: number
  year: number
  is_primary: boolean
  reporter_iso3: string | null
  partner_iso3: string | null
  value: string | null
  currency: string
  net_mass_t: string | null
  quantity: string | null
  quantity_unit: string | null
  flag: string | null
  file_id: number
  line: number
}

/** table core.trade_fact_superseded */
export interface CoreTradeFactSuperseded {
  period_id: number
  reporter_id: number
  partner_id: number
  product_id: number
  series_id: number
  file_id: number
  line: number
  superseded_by_file_id: number
  year: number | null
  is_primary: boolean | null
  reporter_iso3: string | null
  partner_iso3: string | null
  value: string | null
  currency: string | null
  net_mass_t: string | null
  quantity: string | null
  quantity_unit: string | null
}

/** view core.trade_flow */
export interface CoreTradeFlow {
  source_format: string | null
  classification: string | null
  period: string | null
  year: number | null
  reporter_code: string | null
  partner_code: string | null
  partner2_code: string | null
  customs_code: string | null
  mot_code: string | null
  flow: string | null
  product_code: string | null
  is_primary: boolean | null
  reporter_iso3: string | null
  partner_iso3: string | null
  value: string | null
  currency: string | null
  net_mass_t: string | null
  quantity: string | null
  quantity_unit: string | null
  flag: string | null
  file_id: number | null
  line: number | null
}

/** table core.trade_flow_revision */
export interface CoreTradeFlowRevision {
  source_format: string
  classification: string
  period: string
  reporter_code: string
  partner_code: string
  partner2_code: string
  customs_code: string
  mot_code: string
  flow: string
  product_code: string
  value: string | null
  currency: string
  net_mass_t: string | null
  quantity: string | null
  file_id: number
  line: number
  superseded_by_file_id: number | null
  superseded_at: ColumnType<Date, Date | string | undefined, Date | string>
  change: ColumnType<string, string | undefined, string>
  year: number | null
  is_primary: boolean | null
  reporter_iso3: string | null
  partner_iso3: string | null
  quantity_unit: string | null
}

/** table etl.comtrade_slice */
export interface EtlComtradeSlice {
  job: string
  type_code: string
  freq_code: string
  classification: string
  reporter_code: string
  period: string
  dataset_checksum: string | null
  last_released: string | null
  total_records: number | null
  file_sha256: string
  loaded_at: ColumnType<Date, Date | string | undefined, Date | string>
}

/** table etl.cron_job */
export interface EtlCronJob {
  job: string
  last_tick_at: ColumnType<Date, Date | string, Date | string>
  claimed_at: ColumnType<Date, Date | string | undefined, Date | string>
  known_since: ColumnType<Date, Date | string | undefined, Date | string>
}

/** table etl.feed_item */
export interface EtlFeedItem {
  feed_url: string
  item_key: string
  link: string
  title: string | null
  published: string | null
  article_sha256: string
  job: string
  run_id: number | null
  loaded_at: ColumnType<Date, Date | string | undefined, Date | string>
}

/** table etl.http_fetch */
export interface EtlHttpFetch {
  fetch_id: ColumnType<number, never, never>
  run_id: number | null
  job: string
  url: string
  final_url: string
  http_status: number | null
  outcome: string
  etag: string | null
  last_modified: string | null
  bytes: number
  sha256: string | null
  attempts: number
  started_at: ColumnType<Date, Date | string, Date | string>
  ms: number
  error: string | null
}

/** table etl.job_state */
export interface EtlJobState {
  job: string
  last_run_id: number | null
  last_status: string
  last_started_at: ColumnType<Date, Date | string, Date | string>
  last_finished_at: ColumnType<Date | null, Date | string | null, Date | string | null>
  last_ok_at: ColumnType<Date | null, Date | string | null, Date | string | null>
  last_error: string | null
}

/** table etl.rejected_row */
export interface EtlRejectedRow {
  file_id: number
  line: number
  reason: string
  raw: string
}

/** table etl.run */
export interface EtlRun {
  run_id: ColumnType<number, never, never>
  job: string
  started_at: ColumnType<Date, Date | string | undefined, Date | string>
  finished_at: ColumnType<Date | null, Date | string | null, Date | string | null>
  status: ColumnType<string, string | undefined, string>
  error: string | null
  summary: ColumnType<unknown | null, string | null, string | null>
}

/** table etl.source_file */
export interface EtlSourceFile {
  file_id: ColumnType<number, never, never>
  sha256: string
  member: ColumnType<string, string | undefined, string>
  path: string
  format: string
  layout: string
  encoding: string
  bytes: number
  rows_read: number
  rows_loaded: number
  rows_rejected: number
  run_id: number | null
  loaded_at: ColumnType<Date, Date | string | undefined, Date | string>
  slice: string | null
}

/** view reporting.article_figure */
export interface ReportingArticleFigure {
  article_id: number | null
  article_url: string | null
  article_title: string | null
  published_on: Date | string | null
  article_path: string | null
  source_kind: string | null
  figure_no: number | null
  kind: string | null
  value: string | null
  unit: string | null
  text: string | null
  start_offset: number | null
  end_offset: number | null
  qualifier: string | null
  year: number | null
  period: string | null
  reporter_iso3: string | null
  partner_iso3: string | null
  flow: string | null
  commodity: string | null
  hs_code: string | null
  measure: string | null
  change_from: number | null
  change_direction: string | null
  share_of: string | null
  share_of_iso3: string | null
  date_value: string | null
  loaded_at: ColumnType<Date | null, Date | string | null, Date | string | null>
  comparison: string | null
  compared_iso3: string[] | null
  subject_iso3: string | null
  compared_combined: boolean | null
}

/** view reporting.country */
export interface ReportingCountry {
  code: string | null
  iso3: string | null
  name: string | null
  is_aggregate: boolean | null
  area_kind: string | null
  source: string | null
}

/** view reporting.figure_check */
export interface ReportingFigureCheck {
  article_id: number | null
  article_url: string | null
  article_title: string | null
  figure_no: number | null
  text: string | null
  kind: string | null
  measure: string | null
  qualifier: string | null
  year: number | null
  reporter_iso3: string | null
  partner_iso3: string | null
  flow: string | null
  commodity: string | null
  hs_code: string | null
  status: string | null
  claimed: string | null
  claimed_unit: string | null
  tolerance_low: string | null
  tolerance_high: string | null
  recomputed: string | null
  gap: string | null
  gap_pct: string | null
  basis: string | null
  evidence: string | null
  missing: string | null
  implied: string | null
  checked_at: ColumnType<Date | null, Date | string | null, Date | string | null>
  inputs: ColumnType<unknown | null, string | null, string | null>
  query: string | null
  declarations: ColumnType<unknown | null, string | null, string | null>
  change_direction: string | null
  change_from: number | null
  figure_value: string | null
  figure_unit: string | null
  share_of: string | null
  comparison: string | null
  compared_iso3: string[] | null
  subject_iso3: string | null
  compared_combined: boolean | null
  sides: ColumnType<unknown | null, string | null, string | null>
  as_of_published: ColumnType<unknown | null, string | null, string | null>
  published_on: Date | string | null
}

/** view reporting.mirror_flow */
export interface ReportingMirrorFlow {
  source_format: string | null
  year: number | null
  period: string | null
  exporter_code: string | null
  exporter_iso3: string | null
  exporter_name: string | null
  importer_code: string | null
  importer_iso3: string | null
  importer_name: string | null
  product_code: string | null
  product_level: number | null
  product_description: string | null
  exporter_classification: string | null
  importer_classification: string | null
  currency: string | null
  export_value: string | null
  import_value: string | null
  value_gap: string | null
  value_gap_pct: string | null
  export_net_mass_t: string | null
  import_net_mass_t: string | null
  net_mass_gap_t: string | null
  net_mass_gap_pct: string | null
  cif_fob_note: string | null
  export_source_file: string | null
  import_source_file: string | null
}

/** view reporting.partner_share */
export interface ReportingPartnerShare {
  source_format: string | null
  classification: string | null
  year: number | null
  period: string | null
  reporter_code: string | null
  reporter_iso3: string | null
  reporter_name: string | null
  flow: string | null
  product_code: string | null
  product_level: number | null
  product_description: string | null
  partner_code: string | null
  partner_iso3: string | null
  partner_name: string | null
  currency: string | null
  value: string | null
  partners_value: string | null
  value_share_pct: string | null
  net_mass_t: string | null
  partners_net_mass_t: string | null
  net_mass_share_pct: string | null
  world_value: string | null
  partner_rank: number | null
}

/** view reporting.product */
export interface ReportingProduct {
  classification: string | null
  code: string | null
  level: number | null
  parent_code: string | null
  description: string | null
  hs2_code: string | null
  hs4_code: string | null
}

/** view reporting.product_rollup */
export interface ReportingProductRollup {
  source_format: string | null
  classification: string | null
  year: number | null
  period: string | null
  reporter_code: string | null
  reporter_iso3: string | null
  reporter_name: string | null
  reporter_is_aggregate: boolean | null
  partner_code: string | null
  partner_iso3: string | null
  partner_name: string | null
  partner_is_aggregate: boolean | null
  flow: string | null
  product_code: string | null
  product_level: number | null
  product_description: string | null
  currency: string | null
  value: string | null
  value_usd: string | null
  value_eur: string | null
  net_mass_t: string | null
  rows_summed: number | null
  rows_with_net_mass: number | null
}

/** view reporting.published_figure */
export interface ReportingPublishedFigure {
  published_id: number | null
  source_url: string | null
  publisher: string | null
  released_on: Date | string | null
  subject: string | null
  value: string | null
  unit: string | null
  qualifier: string | null
  year: number | null
  period: string | null
  reporter_iso3: string | null
  partner_iso3: string | null
  flow: string | null
  commodity: string | null
  hs_code: string | null
  note: string | null
  path: string | null
  loaded_at: ColumnType<Date | null, Date | string | null, Date | string | null>
}

/** view reporting.trade_flow */
export interface ReportingTradeFlow {
  source_format: string | null
  classification: string | null
  year: number | null
  period: string | null
  reporter_code: string | null
  reporter_iso3: string | null
  partner_code: string | null
  partner_iso3: string | null
  flow: string | null
  product_code: string | null
  product_level: number | null
  value_usd: string | null
  value_eur: string | null
  net_mass_t: string | null
  quantity: string | null
  quantity_unit: string | null
  source_file: string | null
  loaded_at: ColumnType<Date | null, Date | string | null, Date | string | null>
  reporter_name: string | null
  reporter_is_aggregate: boolean | null
  partner_name: string | null
  partner_is_aggregate: boolean | null
  product_description: string | null
  value: string | null
  currency: string | null
}

/** view reporting.trade_flow_revision */
export interface ReportingTradeFlowRevision {
  source_format: string | null
  classification: string | null
  period: string | null
  reporter_code: string | null
  partner_code: string | null
  flow: string | null
  product_code: string | null
  partner2_code: string | null
  customs_code: string | null
  mot_code: string | null
  value_usd: string | null
  value_eur: string | null
  net_mass_t: string | null
  quantity: string | null
  source_file: string | null
  loaded_at: ColumnType<Date | null, Date | string | null, Date | string | null>
  superseded_by_file: string | null
  superseded_at: ColumnType<Date | null, Date | string | null, Date | string | null>
  change: string | null
}

/** view reporting.trade_yoy */
export interface ReportingTradeYoy {
  source_format: string | null
  reporter_code: string | null
  reporter_iso3: string | null
  partner_code: string | null
  partner_iso3: string | null
  flow: string | null
  product_code: string | null
  year: number | null
  classification: string | null
  classification_prev: string | null
  value_usd: string | null
  value_usd_prev: string | null
  value_yoy_pct: string | null
  net_mass_t: string | null
  net_mass_t_prev: string | null
  net_mass_yoy_pct: string | null
  value: string | null
  currency: string | null
  value_prev: string | null
  reporter_name: string | null
  partner_name: string | null
  product_description: string | null
}

/** Every relation of the warehouse, by its qualified name. */
export interface Database {
  'core.area_aggregate': CoreAreaAggregate
  'core.article': CoreArticle
  'core.article_figure': CoreArticleFigure
  'core.country': CoreCountry
  'core.dim_country': CoreDimCountry
  'core.dim_period': CoreDimPeriod
  'core.dim_product': CoreDimProduct
  'core.dim_series': CoreDimSeries
  'core.figure_check': CoreFigureCheck
  'core.hs_description': CoreHsDescription
  'core.product': CoreProduct
  'core.published_figure': CorePublishedFigure
  'core.trade_fact': CoreTradeFact
  'core.trade_fact_superseded': CoreTradeFactSuperseded
  'core.trade_flow': CoreTradeFlow
  'core.trade_flow_revision': CoreTradeFlowRevision
  'etl.comtrade_slice': EtlComtradeSlice
  'etl.cron_job': EtlCronJob
  'etl.feed_item': EtlFeedItem
  'etl.http_fetch': EtlHttpFetch
  'etl.job_state': EtlJobState
  'etl.rejected_row': EtlRejectedRow
  'etl.run': EtlRun
  'etl.source_file': EtlSourceFile
  'reporting.article_figure': ReportingArticleFigure
  'reporting.country': ReportingCountry
  'reporting.figure_check': ReportingFigureCheck
  'reporting.mirror_flow': ReportingMirrorFlow
  'reporting.partner_share': ReportingPartnerShare
  'reporting.product': ReportingProduct
  'reporting.product_rollup': ReportingProductRollup
  'reporting.published_figure': ReportingPublishedFigure
  'reporting.trade_flow': ReportingTradeFlow
  'reporting.trade_flow_revision': ReportingTradeFlowRevision
  'reporting.trade_yoy': ReportingTradeYoy
}
