import { Migrator, sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadTradeSource, migrateToLatest, openWarehouse, TRADE_FLOW_COLUMNS, TRADE_FLOW_KEY, naturalKeyOf, type TradeRowBatch } from '../src/load/index.ts'
import { SqlFileMigrationProvider } from '../src/load/migrate.ts'
import type { TradeRow } from '../src/transform/index.ts'
import { ENGINES, createTestWarehouse, type TestWarehouse } from './helpers/warehouse.ts'

const ROW: TradeRow = {
  classification: 'H5', year: 2022, period: '2022', reporterCode: '4', reporterIso3: null, partnerCode: '8', partnerIso3: null,
  partner2Code: '0', customsCode: 'C00', motCode: '0', flow: 'X', productCode: '010121', isPrimary: true, value: '12.5',
  currency: 'USD', netMassT: null, quantity: null, quantityUnit: null, flag: null,
}

/** Rows as one batch of a source, loaded the way the ingest job loads a file. */
function loadRows(t: TestWarehouse, sha256: string, rows: readonly TradeRow[], lines: readonly number[]) {
  return loadTradeSource(t.wh, {
    sha256, member: '', displayPath: `${sha256}.csv`, bytes: 1, format: 'comtrade', layout: 'test', encoding: 'utf-8', runId: null,
    async produce() {
      const batch: TradeRowBatch = { rows, lines }
      return { batches: (async function* () { yield batch })(), recordsRead: () => rows.length }
    },
  })
}

describe.each(ENGINES)('core.trade_flow over coded facts on the %s engine', (engine) => {
  let t: TestWarehouse
  beforeAll(async () => {
    t = await createTestWarehouse(engine)
  })
  afterAll(async () => t?.close())

  it('gives back every column of the rows loaded, codes and text exactly, line numbers of any size', async () => {
    const lines = [1, 9999, 10_000, 123_456, 99_999_999, 100_000_000, 2_147_483_647]
    const rows: TradeRow[] = lines.map((line, n) => ({
      ...ROW,
      // A code never seen before, with characters COPY must escape; a breakdown; a month.
      reporterCode: n === 1 ? 'Côte\td\'Ivoire\\x' : ROW.reporterCode,
      partner2Code: n === 2 ? '842' : '0', isPrimary: n !== 2,
      period: n === 3 ? '202203' : '2022',
      productCode: `0101${20 + n}`,
      value: n === 4 ? null : `${n}.25`, netMassT: '0.001', quantity: n === 5 ? '7' : null,
      quantityUnit: n === 5 ? 'kg\nnet' : null, flag: n === 6 ? '4' : null, reporterIso3: n === 0 ? 'AFG' : null,
    }))
    const result = await loadRows(t, 'roundtrip', rows, lines)
    expect(result).toMatchObject({ rowsRead: 7, rowsLoaded: 7, rowsRejected: 0 })
    const stored = await sql<Record<string, unknown>>`
      select ${sql.raw(TRADE_FLOW_COLUMNS.map((c) => `${c}::text`).join(', '))} from core.trade_flow where file_id = ${result.fileId} order by line + 0`.execute(t.wh.db)
    expect(stored.rows).toHaveLength(7)
    for (const [n, row] of rows.entries()) {
      const got = stored.rows[n] as Record<string, string | null>
      expect(TRADE_FLOW_KEY.map((c) => got[c]), `line ${lines[n]}`).toEqual(naturalKeyOf('comtrade', row))
      expect(got).toMatchObject({
        year: '2022', is_primary: row.isPrimary ? 'true' : 'false', reporter_iso3: row.reporterIso3, partner_iso3: null,
        value: row.value, currency: 'USD', net_mass_t: row.netMassT, quantity: row.quantity, quantity_unit: row.quantityUnit,
        flag: row.flag, file_id: String(result.fileId), line: String(lines[n]),
      })
    }
  })

  it('gives numeric country codes of the reference tables ids in numeric order, so sorted files append', async () => {
    const ids = await sql<{ code: string; country_id: number }>`
      select code, country_id from core.dim_country where code in ('4', '8', '12', '100', '842')`.execute(t.wh.db)
    const byCode = new Map(ids.rows.map((r) => [r.code, r.country_id]))
    const order = ['4', '8', '12', '100', '842'].map((c) => byCode.get(c))
    expect(order.every((id) => id !== undefined)).toBe(true)
    expect([...order].sort((a, b) => (a as number) - (b as number))).toEqual(order)
  })

  it('keeps one id per code across loads, and a revised value replaces the row and moves the old one to the revisions', async () => {
    const first = await loadRows(t, 'release-1', [{ ...ROW, productCode: '999999', value: '1' }], [2])
    const second = await loadRows(t, 'release-2', [{ ...ROW, productCode: '999999', value: '2' }, { ...ROW, productCode: '999998' }], [2, 3])
    expect(second).toMatchObject({ rowsLoaded: 2, revised: 1 })
    const current = await sql<{ value: string; file_id: number }>`
      select value::text, file_id from core.trade_flow where product_code = '999999'`.execute(t.wh.db)
    expect(current.rows).toEqual([{ value: '2', file_id: second.fileId }])
    const revision = await sql<{ value: string; file_id: number; superseded_by_file_id: number; reporter_code: string }>`
      select value::text, file_id, superseded_by_file_id, reporter_code from core.trade_flow_revision where product_code = '999999'`.execute(t.wh.db)
    expect(revision.rows).toEqual([{ value: '1', file_id: first.fileId, superseded_by_file_id: second.fileId, reporter_code: '4' }])
    const dims = await sql<{ n: number }>`select count(*)::int as n from core.dim_product where code = '999999'`.execute(t.wh.db)
    expect(dims.rows[0]?.n).toBe(1)
  })

  it('keeps the ISO3 a file gives with a code on the code, for reporting.trade_yoy (sql/0060)', async () => {
    // A code no reference maps, with an ISO3 in the file (as Comtrade Plus files give it), and a
    // partner code in core.country given no ISO3 by the file.
    const result = await loadRows(t, 'iso3-per-code', [
      { ...ROW, reporterCode: 'Zz-area', reporterIso3: 'ZZA', partnerCode: '376', productCode: '270900', year: 2021, period: '2021' },
      { ...ROW, reporterCode: 'Zz-area', reporterIso3: 'ZZA', partnerCode: '376', productCode: '270900', year: 2022, period: '2022', value: '25' },
    ], [2, 3])
    expect(result).toMatchObject({ rowsLoaded: 2 })
    const dims = await sql<{ code: string; file_iso3: string | null }>`
      select code, file_iso3 from core.dim_country where code in ('Zz-area', '376') order by code`.execute(t.wh.db)
    expect(dims.rows).toEqual([{ code: '376', file_iso3: null }, { code: 'Zz-area', file_iso3: 'ZZA' }])
    const yoy = await sql<{ reporter_iso3: string; partner_iso3: string; value_yoy_pct: string }>`
      select reporter_iso3, partner_iso3, value_yoy_pct::text from reporting.trade_yoy
      where reporter_iso3 = 'ZZA' and partner_iso3 = 'ISR' and year = 2022`.execute(t.wh.db)
    // 12.5 -> 25: +100 %.
    expect(yoy.rows).toEqual([{ reporter_iso3: 'ZZA', partner_iso3: 'ISR', value_yoy_pct: '100.00' }])
  })

  it('reads a dimension whose codes hold its packing separators, row by row', async () => {
    const odd = 'odd\x1econe\x1f'
    await loadRows(t, 'odd-code', [{ ...ROW, productCode: odd }], [2])
    const again = await loadRows(t, 'odd-code-again', [{ ...ROW, productCode: odd, value: '99' }, { ...ROW, productCode: '010199' }], [2, 3])
    // The code is known: the second load revises its row instead of giving it a second id.
    expect(again).toMatchObject({ rowsLoaded: 2, revised: 1 })
    const ids = await sql<{ n: number }>`select count(*)::int as n from core.dim_product where code = ${odd}`.execute(t.wh.db)
    expect(ids.rows[0]?.n).toBe(1)
  })
})

describe('migration of a warehouse loaded before sql/0007', () => {
  it('moves every row of the old table to the coded one, and core.trade_flow shows them as they were', async () => {
    const wh = await openWarehouse({ engine: 'embedded', dataDir: 'memory://' })
    try {
      const migrator = new Migrator({ db: wh.db, provider: new SqlFileMigrationProvider(), migrationTableSchema: 'etl' })
      await sql`create schema if not exists etl`.execute(wh.db)
      const { error } = await migrator.migrateTo('0005_create_revision_view')
      expect(error).toBeUndefined()
      await sql`insert into etl.source_file (sha256, path, format, layout, encoding, bytes, rows_read, rows_loaded, rows_rejected)
                values ('a', 'old.csv', 'comtrade', 'comtrade-legacy', 'utf-8', 1, 2, 2, 0)`.execute(wh.db)
      const before = [
        ['comtrade', 'H5', '2021', 2021, '842', '156', '0', 'C00', '0', 'M', '8542', true, 'USA', 'CHN', '10.5', 'USD', '1.25', null, null, null, 1, 2],
        ['comtrade', 'H5', '2021', 2021, '842', '156', '4', 'C00', '0', 'M', '8542', false, null, null, '3', 'USD', null, '7', 'kg', '4', 1, 3],
      ]
      for (const r of before) {
        await sql`insert into core.trade_flow values (${sql.join(r.map((v) => sql`${v}`))})`.execute(wh.db)
      }
      await migrateToLatest(wh.db)
      const after = await sql<Record<string, unknown>>`select * from core.trade_flow order by line`.execute(wh.db)
      expect(after.rows.map((r) => TRADE_FLOW_COLUMNS.map((c) => r[c]))).toEqual(before)
      const reporting = await sql<{ reporter_iso3: string; value_usd: string }>`
        select reporter_iso3, value_usd::text from reporting.trade_flow`.execute(wh.db)
      expect(reporting.rows).toEqual([{ reporter_iso3: 'USA', value_usd: '10.5' }])
    } finally {
      await wh.close()
    }
  })
})

describe('migration of identical replacements to core.trade_fact_superseded (sql/0061)', () => {
  it('keeps each once, with its values, and the warehouse as of a time between the two files is unchanged', async () => {
    const wh = await openWarehouse({ engine: 'embedded', dataDir: 'memory://' })
    try {
      const migrator = new Migrator({ db: wh.db, provider: new SqlFileMigrationProvider(), migrationTableSchema: 'etl' })
      await sql`create schema if not exists etl`.execute(wh.db)
      expect((await migrator.migrateTo('0060_compute_trade_yoy_from_facts')).error).toBeUndefined()
      // Two releases of one flow with the same value, as a load before sql/0061 wrote them: the
      // fact from the second file, an 'unchanged' revision row and its superseded twin (no values).
      await sql`insert into etl.source_file (file_id, sha256, path, format, layout, encoding, bytes, rows_read, rows_loaded, rows_rejected, loaded_at)
                overriding system value values (1, 'a', 'v1.csv', 'comtrade', 'comtrade-legacy', 'utf-8', 1, 1, 1, 0, '2024-01-01'),
                       (2, 'b', 'v2.csv', 'comtrade', 'comtrade-legacy', 'utf-8', 1, 1, 1, 0, '2024-06-01')`.execute(wh.db)
      await sql`insert into core.dim_period values (1, '2021')`.execute(wh.db)
      await sql`insert into core.dim_country (country_id, code) values (1, '842'), (2, '156')`.execute(wh.db)
      await sql`insert into core.dim_product values (1, '8542')`.execute(wh.db)
      await sql`insert into core.dim_series values (1, 'comtrade', 'H5', 'M', '0', 'C00', '0')`.execute(wh.db)
      await sql`insert into core.trade_fact values (1, 1, 2, 1, 1, 2021, true, 'USA', 'CHN', 10.5, 'USD', 1.25, null, null, null, 2, 7)`.execute(wh.db)
      await sql`insert into core.trade_flow_revision (source_format, classification, period, reporter_code, partner_code, partner2_code, customs_code,
                  mot_code, flow, product_code, value, currency, net_mass_t, quantity, file_id, line, superseded_by_file_id, superseded_at, change,
                  year, is_primary, reporter_iso3, partner_iso3)
                values ('comtrade', 'H5', '2021', '842', '156', '0', 'C00', '0', 'M', '8542', 10.5, 'USD', 1.25, null, 1, 3, 2, '2024-06-01', 'unchanged',
                  2021, true, 'USA', 'CHN')`.execute(wh.db)
      await sql`insert into core.trade_fact_superseded values (1, 1, 2, 1, 1, 1, 3, 2)`.execute(wh.db)
      await migrateToLatest(wh.db)
      const kept = await sql<{ file_id: number; line: number; value: string; currency: string; net_mass_t: string; is_primary: boolean }>`
        select file_id::int, line, value::text, currency, net_mass_t::text, is_primary from core.trade_fact_superseded`.execute(wh.db)
      expect(kept.rows).toEqual([{ file_id: 1, line: 3, value: '10.5', currency: 'USD', net_mass_t: '1.25', is_primary: true }])
      const revisions = await sql<{ n: number }>`select count(*)::int as n from core.trade_flow_revision`.execute(wh.db)
      expect(revisions.rows[0]?.n).toBe(0)
      const asOf = (at: string) => sql<{ source_file: string; value_usd: string }>`
        select source_file, value_usd::text from reporting.trade_flow_as_of(${at}::timestamptz)`.execute(wh.db).then((r) => r.rows)
      expect(await asOf('2023-12-31')).toEqual([])
      expect(await asOf('2024-03-01')).toEqual([{ source_file: 'v1.csv', value_usd: '10.5' }])
      expect(await asOf('2024-07-01')).toEqual([{ source_file: 'v2.csv', value_usd: '10.5' }])
    } finally {
      await wh.close()
    }
  })
})
