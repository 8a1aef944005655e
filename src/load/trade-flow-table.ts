import { sql, type Kysely, type RawBuilder } from 'kysely'
import { PLAUSIBILITY, TOTAL_CUSTOMS, TOTAL_MOT, TOTAL_PARTNER2, type SourceFormat, type TradeRow } from '../transform/index.ts'
import { BaciLineWriter } from './baci-copy-lines.ts'
import type { Database } from './schema.ts'
import type { WarehouseTx } from './warehouse.ts'

/**
 * The one definition of core.trade_flow for loads, merges and tests: its columns, its natural
 * key, and how a TradeRow becomes a row of core.trade_fact, the table behind it (sql/0007).
 */

/** The natural key of an observation, as core.trade_flow names its columns. */
export const TRADE_FLOW_KEY = [
  'source_format', 'classification', 'period', 'reporter_code', 'partner_code', 'partner2_code', 'customs_code', 'mot_code',
  'flow', 'product_code',
] as const

/** The columns of core.trade_flow (a view since sql/0007), in order. */
export const TRADE_FLOW_COLUMNS = [
  'source_format', 'classification', 'period', 'year', 'reporter_code', 'partner_code', 'partner2_code',
  'customs_code', 'mot_code', 'flow', 'product_code', 'is_primary', 'reporter_iso3', 'partner_iso3',
  'value', 'currency', 'net_mass_t', 'quantity', 'quantity_unit', 'flag', 'file_id', 'line',
] as const

/** The key of core.trade_fact: the natural key as dimension ids, period first. */
export const FACT_KEY = ['period_id', 'reporter_id', 'partner_id', 'product_id', 'series_id'] as const

/** The columns of core.trade_fact in the order TradeFactEncoder writes them. */
export const FACT_COLUMNS = [
  ...FACT_KEY, 'year', 'is_primary', 'reporter_iso3', 'partner_iso3', 'value', 'currency', 'net_mass_t', 'quantity',
  'quantity_unit', 'flag', 'file_id', 'line',
] as const

/** The values of TRADE_FLOW_KEY for a row of a file of this format, in that order. */
export function naturalKeyOf(format: SourceFormat, row: TradeRow): string[] {
  return [format, row.classification, row.period, row.reporterCode, row.partnerCode, row.partner2Code, row.customsCode, row.motCode, row.flow, row.productCode]
}

/** A field in PostgreSQL's COPY text format; null is \N. A loop rather than a regex test (hot path). */
export function copyField(value: string | null): string {
  if (value === null) return '\\N'
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i)
    // '\\' 92, '\t' 9, '\n' 10, '\r' 13
    if (c === 92 || c === 9 || c === 10 || c === 13) {
      return value.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r')
    }
  }
  return value
}

const DIGITS = Array.from({ length: 10_000 }, (_, n) => String(n))
const DIGITS_PADDED = DIGITS.map((d) => d.padStart(4, '0'))

/**
 * The decimal digits of a line number. Not `${line}`: V8 keeps each number it turns into a
 * string in its number-string cache, a table in the old generation, so every line's string
 * survived young GCs until its slot was reused, and went to the old generation (5M BACI rows
 * on the server: 55 -> 18 MB promoted, peak RSS 178 -> 157 MB; `node --trace-gc-nvp`). Two
 * table lookups make a fresh string that dies young.
 */
export function lineNumberText(n: number): string {
  if (Number.isInteger(n) && n >= 0) {
    if (n < 10_000) return DIGITS[n] as string
    if (n < 100_000_000) return (DIGITS[Math.floor(n / 10_000)] as string) + (DIGITS_PADDED[n % 10_000] as string)
  }
  return String(n)
}

/** Codes of one dimension and their ids (as COPY text), with the codes this load added. */
class Dictionary {
  readonly ids = new Map<string, string>()
  readonly added: string[] = []
  #next = 1

  constructor(rows: readonly { id: number; code: string }[]) {
    for (const { id, code } of rows) {
      this.ids.set(code, String(id))
      if (id >= this.#next) this.#next = id + 1
    }
  }

  id(code: string): string {
    let id = this.ids.get(code)
    if (id === undefined) {
      id = String(this.#next++)
      this.ids.set(code, id)
      this.added.push(code)
    }
    return id
  }

  /** COPY lines (id, code) of the codes added since the last call. */
  takeAdded(): string {
    const lines = this.added.map((code) => `${this.ids.get(code)}\t${copyField(code)}\n`).join('')
    this.added.length = 0
    return lines
  }
}

const SEP = '\u0001'

/**
 * Turns TradeRows of one source into COPY lines of core.trade_fact: codes become dimension ids,
 * new codes get the next id, in the order they arrive, and are written by saveNewCodes in the
 * same transaction. Opening one locks the dimension tables until the transaction ends, so two
 * loads never hand out the same id (concurrent loads queue here; reads go on).
 */
export class TradeFactEncoder {
  readonly #periods: Dictionary
  readonly #countries: Dictionary
  readonly #products: Dictionary
  readonly #series: Dictionary
  readonly #prefix: string
  readonly #suffix: string
  readonly #fileId: number
  #lastPeriod = ''
  #lastPeriodId = ''
  #lastYear = -1
  #lastYearText = ''
  #lastClassification = ''
  #lastFlow = ''
  #lastPartner2 = ''
  #lastCustoms = ''
  #lastMot = ''
  #lastSeriesId = ''
  #lastReporter = ''
  #lastReporterId = ''
  /** Country codes for which a file gave an ISO3 (core.dim_country.file_iso3), this load's included. */
  readonly #hasIso3: Set<string>
  readonly #learnedIso3: [string, string][] = []

  private constructor(readonly format: SourceFormat, fileId: number, dims: { periods: Dictionary; countries: Dictionary; products: Dictionary; series: Dictionary }, hasIso3: Set<string>) {
    this.#hasIso3 = hasIso3
    this.#periods = dims.periods
    this.#countries = dims.countries
    this.#products = dims.products
    this.#series = dims.series
    this.#prefix = format + SEP
    this.#suffix = `\t${fileId}\t`
    this.#fileId = fileId
  }

  /** Locks and reads the dimensions (seeding them from the reference tables on first use). */
  static async open(tx: WarehouseTx, format: SourceFormat, fileId: number): Promise<TradeFactEncoder> {
    const db = tx.db
    await sql`lock table core.dim_period, core.dim_country, core.dim_product, core.dim_series in exclusive mode`.execute(db)
    await seedFromReference(db)
    // One after the other: the transaction is one connection.
    const periods = await readDimension(db, sql`select period_id as id, period as code from core.dim_period`)
    const countries = await readDimension(db, sql`select country_id as id, code from core.dim_country`)
    const withIso3 = await db.selectFrom('core.dim_country').select('code').where('file_iso3', 'is not', null).execute()
    const products = await readDimension(db, sql`select product_id as id, code from core.dim_product`)
    // A series "code" is its columns joined by SEP.
    const series = await readDimension(db, sql`
      select series_id as id, concat_ws(chr(1), source_format, classification, flow, partner2_code, customs_code, mot_code) as code
      from core.dim_series`)
    return new TradeFactEncoder(format, fileId, {
      periods: new Dictionary(periods),
      countries: new Dictionary(countries),
      products: new Dictionary(products),
      series: new Dictionary(series),
    }, new Set(withIso3.map((c) => c.code)))
  }

  /**
   * One row as a COPY line of FACT_COLUMNS, newline included. Amounts were validated as numbers
   * by the layout and ISO3s as letters and digits, so only the text fields need escaping. Hot
   * path: per-file constants and the period and series of the previous row are reused.
   */
  encode(row: TradeRow, line: number): string {
    if (row.period !== this.#lastPeriod) {
      this.#lastPeriodId = this.#periods.id(row.period)
      this.#lastPeriod = row.period
    }
    if (row.year !== this.#lastYear) {
      this.#lastYearText = String(row.year)
      this.#lastYear = row.year
    }
    if (row.reporterCode !== this.#lastReporter) {
      this.#lastReporterId = this.#countries.id(row.reporterCode)
      this.#lastReporter = row.reporterCode
      if (row.reporterIso3 !== null && !this.#hasIso3.has(row.reporterCode)) this.#learnIso3(row.reporterCode, row.reporterIso3)
    }
    if (row.partnerIso3 !== null && !this.#hasIso3.has(row.partnerCode)) this.#learnIso3(row.partnerCode, row.partnerIso3)
    if (row.classification !== this.#lastClassification || row.flow !== this.#lastFlow || row.partner2Code !== this.#lastPartner2
      || row.customsCode !== this.#lastCustoms || row.motCode !== this.#lastMot) {
      this.#lastSeriesId = this.#series.id(this.#seriesCode(row.classification, row.flow, row.partner2Code, row.customsCode, row.motCode))
      this.#lastClassification = row.classification
      this.#lastFlow = row.flow
      this.#lastPartner2 = row.partner2Code
      this.#lastCustoms = row.customsCode
      this.#lastMot = row.motCode
    }
    return `${this.#lastPeriodId}\t${this.#lastReporterId}\t${this.#countries.id(row.partnerCode)}\t${this.#products.id(row.productCode)}\t${this.#lastSeriesId}\t${this.#lastYearText}\t${row.isPrimary ? 't' : 'f'}\t${row.reporterIso3 ?? '\\N'}\t${row.partnerIso3 ?? '\\N'}\t${row.value ?? '\\N'}\t${row.currency}\t${row.netMassT ?? '\\N'}\t${row.quantity ?? '\\N'}\t${copyField(row.quantityUnit)}\t${copyField(row.flag)}${this.#suffix}${lineNumberText(line)}\n`
  }

  /**
   * The fused writer of this BACI file's plain lines (baci-copy-lines.ts): the same ids and
   * COPY lines as encode() of the rows the BACI layout of `classification` makes of them.
   */
  baciLines(classification: string, latestYear: number): BaciLineWriter {
    if (this.format !== 'baci') throw new Error(`baciLines on a ${this.format} file`)
    const series = this.#series
    const code = this.#seriesCode(classification, 'X', TOTAL_PARTNER2, TOTAL_CUSTOMS, TOTAL_MOT)
    return new BaciLineWriter({
      periods: this.#periods, countries: this.#countries, products: this.#products, seriesId: () => series.id(code),
      fileId: this.#fileId, rules: PLAUSIBILITY.baci, latestYear,
    })
  }

  /** A series' dictionary code: its columns joined by SEP, this file's format first (see open). */
  #seriesCode(classification: string, flow: string, partner2: string, customs: string, mot: string): string {
    return this.#prefix + classification + SEP + flow + SEP + partner2 + SEP + customs + SEP + mot
  }

  /** Writes the codes first seen since the last call to their dimension tables. */
  async saveNewCodes(tx: WarehouseTx): Promise<void> {
    const copies: [string, string][] = [
      ['copy core.dim_period (period_id, period) from stdin', this.#periods.takeAdded()],
      ['copy core.dim_country (country_id, code) from stdin', this.#countries.takeAdded()],
      ['copy core.dim_product (product_id, code) from stdin', this.#products.takeAdded()],
      // A series "code" is its columns joined by SEP: tabs between them make the COPY line.
      ['copy core.dim_series (series_id, source_format, classification, flow, partner2_code, customs_code, mot_code) from stdin',
        this.#series.takeAdded().replaceAll(SEP, '\t')],
    ]
    for (const [copySql, text] of copies) {
      if (text.length > 0) await tx.copyFrom(copySql, [text])
    }
    if (this.#learnedIso3.length > 0) {
      // The ISO3 a file gives with a code, kept per code for reporting.trade_yoy (sql/0060).
      await sql`
        update core.dim_country d set file_iso3 = v.iso3
        from unnest(${this.#learnedIso3.map(([code]) => code)}::text[], ${this.#learnedIso3.map(([, iso3]) => iso3)}::text[]) v(code, iso3)
        where d.code = v.code and d.file_iso3 is null`.execute(tx.db)
      this.#learnedIso3.length = 0
    }
  }

  /** A file gives an ISO3 for a code whose dimension row has none yet: saveNewCodes writes it. */
  #learnIso3(code: string, iso3: string): void {
    this.#hasIso3.add(code)
    this.#learnedIso3.push([code, iso3])
  }
}

/**
 * The (id, code) rows of a dimension, `query` selecting `id` and `code`. Read as one text value
 * (ids and codes between control characters) rather than a row each: a fresh process parsed the
 * 12k products row by row in 22-48 ms, as one text in 4-5 ms, a tenth of a 10-row ingest.
 * Falls back to rows if a code contains a separator.
 */
async function readDimension(db: Kysely<Database>, query: RawBuilder<{ id: number; code: string }>): Promise<{ id: number; code: string }[]> {
  const packed = await sql<{ text: string | null; unsafe: boolean | null }>`
    select string_agg(d.id::text || chr(31) || d.code, chr(30)) as text, bool_or(d.code ~ '[\x1e\x1f]') as unsafe
    from (${query}) d`.execute(db)
  const row = packed.rows[0]
  if (row?.unsafe === true) return (await query.execute(db)).rows
  if (row?.text === null || row?.text === undefined) return []
  return row.text.split('\x1e').map((entry) => {
    const at = entry.indexOf('\x1f')
    return { id: Number(entry.slice(0, at)), code: entry.slice(at + 1) }
  })
}

/**
 * On first use, countries and products get ids in code order from the reference tables
 * (numeric codes by value), so a file sorted by code, as trade files are, appends to the key.
 */
async function seedFromReference(db: Kysely<Database>): Promise<void> {
  // Checked first: the inserts' selects sort every reference code even when they insert nothing.
  const seeded = await sql<{ countries: boolean; products: boolean }>`
    select exists (select 1 from core.dim_country) as countries, exists (select 1 from core.dim_product) as products`.execute(db)
  if (seeded.rows[0]?.countries === true && seeded.rows[0]?.products === true) return
  await sql`
    insert into core.dim_country (country_id, code)
    select row_number() over (order by code ~ '^[0-9]+$' desc, length(code), code), code from core.country
    where not exists (select 1 from core.dim_country)`.execute(db)
  await sql`
    insert into core.dim_product (product_id, code)
    select row_number() over (order by code collate "C"), code from (select distinct code from core.product) p
    where not exists (select 1 from core.dim_product)`.execute(db)
}

/**
 * Refreshes the planner's statistics of core.trade_fact and its dimensions after loads that
 * changed `changedRows` rows: ANALYZE when the table has none yet or the change is more than a
 * tenth of it (autovacuum's own rule, which the embedded engine does not run and a server runs
 * only later). ANALYZE reads a fixed-size sample, so its cost does not grow with the table.
 * Resolves to what it analyzed (nothing when the change was too small to move the statistics).
 */
export async function refreshTradeStatistics(db: Kysely<Database>, changedRows: number): Promise<readonly string[]> {
  if (changedRows <= 0) return []
  const stats = await sql<{ reltuples: number }>`
    select reltuples::float8 as reltuples from pg_class where oid = 'core.trade_fact'::regclass`.execute(db)
  const known = stats.rows[0]?.reltuples ?? -1
  if (known > 0 && changedRows <= known / 10) return []
  await sql`analyze core.trade_fact, core.dim_period, core.dim_country, core.dim_product, core.dim_series`.execute(db)
  return ['core.trade_fact', 'core.dim_period', 'core.dim_country', 'core.dim_product', 'core.dim_series']
}
