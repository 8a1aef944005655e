import type { ColumnType, Generated } from 'kysely'

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>

export interface EtlRun {
  run_id: Generated<number>
  job: string
  started_at: Timestamp
  finished_at: Date | null
  status: ColumnType<'running' | 'ok' | 'failed', 'running' | 'ok' | 'failed' | undefined, 'running' | 'ok' | 'failed'>
  error: string | null
  summary: unknown
}

export interface EtlSourceFile {
  file_id: Generated<number>
  sha256: string
  member: Generated<string>
  path: string
  format: string
  layout: string
  encoding: string
  bytes: number
  rows_read: number
  rows_loaded: number
  rows_rejected: number
  run_id: number | null
  loaded_at: Timestamp
}

export interface EtlRejectedRow {
  file_id: number
  line: number
  reason: string
  raw: string
}

export interface CoreCountry {
  code: string
  iso3: string | null
  name: string
  source: string
}

export interface CoreProduct {
  classification: string
  code: string
  level: number
  parent_code: string | null
  description: string
}

export interface ReportingTradeYoy {
  source_format: string
  reporter_code: string
  reporter_iso3: string | null
  partner_code: string
  partner_iso3: string | null
  flow: string
  product_code: string
  year: number
  classification: string
  classification_prev: string | null
  value_usd: string | null
  value_usd_prev: string | null
  value_yoy_pct: string | null
  net_mass_t: string | null
  net_mass_t_prev: string | null
  net_mass_yoy_pct: string | null
}

export interface Database {
  'etl.run': EtlRun
  'etl.source_file': EtlSourceFile
  'etl.rejected_row': EtlRejectedRow
  'core.country': CoreCountry
  'core.product': CoreProduct
  'reporting.trade_yoy': ReportingTradeYoy
}

