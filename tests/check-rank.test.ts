import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { CompiledQuery } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ingestFiles, loadArticleFiles, runChecks } from '../src/jobs/index.ts'
import { listChecks } from '../src/load/index.ts'
import { extractFigures } from '../src/transform/figures/index.ts'
import { createTestWarehouse, silentLog, type TestWarehouse } from './helpers/warehouse.ts'

// Real Comtrade rows (names only): Germany's imports of crude petroleum by partner.
const GERMANY = 'fixtures/comtrade-plus/germany-crude-imports-names.csv'

/** Partners of Germany in 2022 by quantity, read straight from the CSV (World left out). */
function independentRanking(): string[] {
  const lines = readFileSync(GERMANY, 'latin1').split(/\r?\n/).slice(1).filter((l) => l.trim() !== '')
  const total = new Map<string, number>()
  for (const line of lines) {
    const cells = line.split(',')
    const [year, , partner] = cells
    const quantity = Number(cells[cells.length - 3])
    if (year !== '2022' || partner === 'World' || partner === undefined) continue
    total.set(partner, (total.get(partner) ?? 0) + quantity)
  }
  return [...total].sort((a, b) => b[1] - a[1]).map(([p]) => p)
}

describe('rank claims', () => {
  it('are read as figures of kind rank with the countries of their clause', () => {
    const text = 'Azerbaijan sold 2.2 million tons of crude oil abroad in 2023.\n\nItaly was the largest buyer, and Israel came second with 0.5 million tons.'
    const ranks = extractFigures(text).filter((f) => f.kind === 'rank')
    expect(ranks.map((r) => [r.text, r.value, r.reporter, r.partner, r.flow, r.year, r.measure])).toEqual([
      ['largest buyer', 1, 'AZE', 'ITA', 'X', 2023, 'rank'],
      ['came second', 2, 'AZE', 'ISR', 'X', 2023, 'rank'],
    ])
    expect(extractFigures('the top five suppliers of oil')[0]).toMatchObject({ kind: 'rank', value: 5, qualifier: 'top' })
    // Plural and indefinite forms rank nothing.
    expect(extractFigures('one of its main markets and major buyers').filter((f) => f.kind === 'rank')).toEqual([])
  })

  describe('checked against the partners in the trade data', () => {
    let t: TestWarehouse
    beforeAll(async () => {
      t = await createTestWarehouse('embedded')
      await ingestFiles(t.wh, [GERMANY], { log: silentLog })
      const path = `${mkdtempSync(`${tmpdir()}/trade-etl-rank-`)}/claims.json`
      const claim = (text: string, value: string, partner: string, qualifier?: string) => ({
        kind: 'rank', value, unit: '1', text, year: 2022, reporter: 'DEU', partner, flow: 'M', hsCode: '2709', measure: 'rank', ...(qualifier === undefined ? {} : { qualifier }),
      })
      writeFileSync(path, JSON.stringify({
        url: 'https://example.org/germany-crude-2022',
        figures: [claim('largest supplier', '1', 'RUS'), claim('third largest supplier', '3', 'NOR'), claim('top ten suppliers', '10', 'AZE', 'top')],
      }))
      await loadArticleFiles(t.wh, [{ path }], silentLog)
      await runChecks(t.wh, silentLog)
    })
    afterAll(async () => t?.close())

    it('confirms or refutes the position, and its query reproduces it', async () => {
      const order = independentRanking()
      const position = (name: string) => order.indexOf(name) + 1
      const checks = await listChecks(t.wh.db)
      const by = (text: string) => checks.find((c) => c.text === text)
      expect(by('largest supplier')).toMatchObject({ status: position('Russian Federation') === 1 ? 'confirmed' : 'differs', recomputed: String(position('Russian Federation')) })
      expect(by('third largest supplier')).toMatchObject({ status: position('Norway') === 3 ? 'confirmed' : 'differs', recomputed: String(position('Norway')) })
      expect(by('top ten suppliers')).toMatchObject({ status: position('Azerbaijan') <= 10 ? 'confirmed' : 'differs', recomputed: String(position('Azerbaijan')) })
      for (const c of [by('largest supplier'), by('third largest supplier'), by('top ten suppliers')]) {
        expect(c?.evidence, c?.text).toMatch(/^2022: [A-Z]{3} is number \d+ of \d+ by mass/)
        const rows = await t.wh.db.executeQuery<{ value: number }>(CompiledQuery.raw(c?.query ?? ''))
        expect(Number(rows.rows[0]?.value), c?.query ?? '').toBe(Number(c?.recomputed))
      }
    })
  })
})
