import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ingestFiles } from '../src/jobs/index.ts'
import { TradeFactEncoder } from '../src/load/trade-flow-table.ts'
import { BACI, BACI_COLUMNS, isReject } from '../src/transform/index.ts'
import { createTestWarehouse, silentLog, type TestWarehouse } from './helpers/warehouse.ts'

/** A small seeded generator, so a failure names a line that can be made again. */
function generator(seed: number) {
  let s = seed
  const next = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648
  return { next, pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T }
}

/** Plain lines as CEPII writes them: what the fused writer must take, every one. */
function plainLine(g: ReturnType<typeof generator>): string {
  const amount = () => {
    const int = String(Math.floor(g.next() * 10 ** Math.floor(g.next() * 9)))
    const frac = g.pick(['', '.0', '.5', '.125', '.100', '.001', '.0004', '.123456789', '.000'])
    return int + frac
  }
  const k = String(Math.floor(g.next() * 999_999) + 1)
  return `${g.pick(['1995', '2019', '2022', '2026'])},${Math.floor(g.next() * 900)},${Math.floor(g.next() * 900)},${k},${amount()},${g.pick([amount(), 'NA', ''])}`
}

/** Lines with the shapes a file may also hold: padded, signed, other spellings, out of bounds. */
function oddLine(g: ReturnType<typeof generator>): string {
  const year = g.pick(['2019', '1994', '2027', '19', '02019', ' 2019', '2019 ', 'x'])
  const code = () => g.pick(['4', '040', '0', '12', '123456789', '1234567890', ' 12', '-4', '4a', ''])
  const k = g.pick(['10121', '010121', '1', '123456', '1234567', '0', '', '00010121', '1012 '])
  const amount = () => g.pick(['0', '00.5', '12.3450', '0.0004', '99999999999.999', '100000000000', '12.', '-1.5', '.5', 'NA', '', 'N/A',
    '1e5', '1,5', ' 3.2', '99999999999', '999999999999', '0.' + '1'.repeat(45), '0.000', '+2'])
  return `${year},${code()},${code()},${k},${amount()},${amount()}`
}

describe('the fused BACI line writer', () => {
  let t: TestWarehouse
  beforeAll(async () => {
    t = await createTestWarehouse('embedded')
  })
  afterAll(async () => t?.close())

  it('writes the COPY line encode() writes for the row the BACI layout makes, or leaves the line to it', async () => {
    const g = generator(11)
    const map = BACI.bind([...BACI_COLUMNS], { fileName: 'BACI_HS17_Y2022_V202301.csv', latestYear: 2026 })
    await t.wh.transaction(async (tx) => {
      const encoder = await TradeFactEncoder.open(tx, 'baci', 1)
      const writer = encoder.baciLines('HS17', 2026)
      let plainTaken = 0
      let oddTaken = 0
      for (let n = 0; n < 20_000; n++) {
        const plain = n % 2 === 0
        const text = plain ? plainLine(g) : oddLine(g)
        const line = 2 + n * 997
        // Embedded in other text, as the reader hands it over: only [start, end) is the record.
        const took = writer.read(`xx\n${text}\r\nyy`, 3, 3 + text.length, line)
        const row = map(text.split(','))
        if (!took) {
          expect(plain, text).toBe(false)
          continue
        }
        expect(isReject(row), text).toBe(false)
        if (isReject(row)) continue
        expect(Buffer.concat(writer.take()).toString('latin1'), text).toBe(encoder.encode(row, line))
        if (plain) plainTaken++
        else oddTaken++
      }
      expect(plainTaken).toBe(10_000)
      // Some odd lines are plain after all ('0', '12.3450'): taken, and written the same.
      expect(oddTaken).toBeGreaterThan(0)
      expect(writer.take()).toEqual([])
    })
  })

  it('loads a file of plain and odd lines as the layout reads them: totals against the file, rejects with reasons', async () => {
    const dir = mkdtempSync(`${tmpdir()}/trade-etl-fused-`)
    try {
      const g = generator(5)
      const lines: string[] = []
      const seen = new Set<string>()
      while (lines.length < 6000) {
        const text = lines.length % 3 === 2 ? oddLine(g) : plainLine(g)
        const key = text.split(',').slice(0, 4).join(',')
        if (seen.has(key)) continue
        seen.add(key)
        lines.push(text)
      }
      const path = `${dir}/BACI_HS17_Y2022_V202301.csv`
      writeFileSync(path, `t,i,j,k,v,q\n${lines.join('\n')}\n`)
      // The independent reading: the layout's mapper over split lines, keys made unique above
      // (a padded code may still repeat a key: those the load rejects as duplicates).
      const map = BACI.bind([...BACI_COLUMNS], { fileName: 'BACI_HS17_Y2022_V202301.csv', latestYear: new Date().getUTCFullYear() })
      // A line with a seventh field ('1,5') is a long row: rejected before the mapper.
      const rows = lines.map((l) => l.split(',')).map((fields) => fields.length === 6 ? map(fields) : { reject: 'long row' })
      const good = rows.filter((r) => !isReject(r))
      const [summary] = await ingestFiles(t.wh, [path], { log: silentLog })
      expect(summary?.error).toBeUndefined()
      expect(summary?.rowsRead).toBe(lines.length)
      expect((summary?.rowsLoaded ?? 0) + (summary?.rowsRejected ?? 0)).toBe(lines.length)
      const stored = await sql<{ n: number; v: string | null; q: string | null }>`
        select count(*)::int as n, sum(value)::text as v, sum(net_mass_t)::text as q from core.trade_flow where file_id = (
          select file_id from etl.source_file where path like ${'%BACI_HS17_Y2022_V202301.csv'})`.execute(t.wh.db)
      const keys = new Set<string>()
      let value = 0n
      let mass = 0n
      let loaded = 0
      const units = (s: string | null, places: number) => {
        if (s === null) return 0n
        const [int, frac = ''] = s.split('.')
        return BigInt(int + frac.padEnd(places, '0').slice(0, places))
      }
      for (const r of good) {
        if (isReject(r)) continue
        const key = [r.period, r.reporterCode, r.partnerCode, r.productCode].join(',')
        if (keys.has(key)) continue
        keys.add(key)
        loaded++
        value += units(r.value, 60)
        mass += units(r.netMassT, 60)
      }
      expect(summary?.rowsLoaded).toBe(loaded)
      expect(stored.rows[0]?.n).toBe(loaded)
      expect(units(stored.rows[0]?.v ?? null, 60)).toBe(value)
      expect(units(stored.rows[0]?.q ?? null, 60)).toBe(mass)
      const rejected = await sql<{ n: number; reasons: number }>`
        select count(*)::int as n, count(*) filter (where reason <> '')::int as reasons from etl.rejected_row`.execute(t.wh.db)
      expect(rejected.rows[0]).toEqual({ n: lines.length - loaded, reasons: lines.length - loaded })
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
