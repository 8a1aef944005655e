import { readFileSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { printYoy, TABLE_MAX_ROWS } from '../src/cli/print.ts'
import { CHART_MAX_SERIES, writeYoyChart } from '../src/cli/yoy-chart.ts'
import { ingestFiles } from '../src/jobs/index.ts'
import { streamYoy, type YoyRow } from '../src/load/index.ts'
import { rawColumn, readRawTable } from './helpers/raw-csv.ts'
import { createTestWarehouse, silentLog, type TestWarehouse } from './helpers/warehouse.ts'

const COMEXT = 'fixtures/comext/critical-inputs-cn8-2022-2024.csv'
const BACI = 'fixtures/baci/BACI_HS17_V202301.zip'

/** What printYoy wrote on stdout (the real writer, stubbed to collect). */
async function captured(fn: () => Promise<unknown>): Promise<string> {
  let text = ''
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    text += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString()
    return true
  })
  try {
    await fn()
  } finally {
    spy.mockRestore()
  }
  return text
}

// The embedded engine only: streaming is the CLI's code over either engine's cursor, and the
// server's cursor runs in tests/trade-yoy.test.ts's load path and the bench.
describe('report yoy streams every row', () => {
  let t: TestWarehouse
  let keys: number
  beforeAll(async () => {
    t = await createTestWarehouse('embedded')
    const loaded = await ingestFiles(t.wh, [COMEXT, BACI], { log: silentLog })
    // Comext, the two BACI years, and the zip's two side tables (reference rows), none rejected.
    expect(loaded.map((s) => [s.layout, s.rowsRejected])).toEqual([['comext', 0], ['baci', 0], ['baci', 0], ['baci-country-codes', 0], ['baci-product-codes', 0]])
    // Independent count: one YoY row per distinct (declarant, partner, product, flow, year) of
    // the Comext file (it has annual rows only), plus one per BACI row (one year per member).
    const raw = readRawTable(COMEXT)
    const cols = ['DECLARANT_ISO', 'PARTNER_ISO', 'PRODUCT_NC', 'FLOW', 'PERIOD'].map((c) => rawColumn(raw, c))
    const comextKeys = new Set(raw.rows.map((_, n) => cols.map((c) => c[n]).join('|'))).size
    const baciRows = ['fixtures/baci/BACI_HS17_Y2021_V202301.csv', 'fixtures/baci/BACI_HS17_Y2022_V202301.csv']
      .reduce((n, f) => n + readFileSync(f, 'utf8').trim().split('\n').length - 1, 0)
    keys = comextKeys + baciRows
    expect(keys).toBeGreaterThan(10_000) // past the old cap, and past a cursor batch
  })
  afterAll(async () => t?.close())

  it('--csv and --json print every row; the table says how many it left out', async () => {
    const csv = await captured(() => printYoy(t.wh, {}, { mode: 'csv' }))
    const lines = csv.trimEnd().split('\n')
    expect(lines[0]).toMatch(/^source_format,reporter_code,reporter_iso3,reporter_name,/)
    expect(lines.length - 1).toBe(keys)
    const json = JSON.parse(await captured(() => printYoy(t.wh, {}, { mode: 'json' }))) as { rows: YoyRow[] }
    expect(json.rows).toHaveLength(keys)
    expect(new Set(json.rows.map((r) => `${r.source_format}|${r.reporter_code}|${r.partner_code}|${r.flow}|${r.product_code}|${r.year}`)).size).toBe(keys)
    const table = await captured(() => printYoy(t.wh, {}, { mode: 'table' }))
    expect(table).toContain(`${(keys - TABLE_MAX_ROWS).toLocaleString('en-US')} more rows not shown (${keys.toLocaleString('en-US')} in all)`)
  })

  it('filters by ISO3, source code or name alike', async () => {
    const count = async (filter: Parameters<typeof streamYoy>[1]) => streamYoy(t.wh, filter, () => undefined)
    const byIso = await count({ reporter: 'AZE', partner: 'ISR' })
    // BACI writes Azerbaijan 31, Israel 376: one YoY row per line of theirs in the two years.
    const pairLines = ['fixtures/baci/BACI_HS17_Y2021_V202301.csv', 'fixtures/baci/BACI_HS17_Y2022_V202301.csv']
      .reduce((n, f) => n + readFileSync(f, 'utf8').split('\n').filter((l) => l.startsWith('2021,31,376,') || l.startsWith('2022,31,376,')).length, 0)
    expect(pairLines).toBeGreaterThan(0)
    expect(byIso).toBe(pairLines)
    expect(await count({ reporter: '31', partner: '376' })).toBe(byIso)
    expect(await count({ reporter: 'azerbaijan', partner: 'Israel' })).toBe(byIso)
    // Comext's two-letter codes and their ISO3 select the same rows.
    expect(await count({ reporter: 'AT' })).toBe(await count({ reporter: 'AUT' }))
    expect(await count({ reporter: 'AT' })).toBeGreaterThan(100)
  })

  it('--chart draws value and mass, each with its change, one mark per row', async () => {
    const rows: YoyRow[] = []
    await streamYoy(t.wh, { reporter: 'AZE', product: '270900', flow: 'X' }, (b) => void rows.push(...b))
    expect(rows.length).toBeGreaterThan(4)
    const file = `${mkdtempSync(`${tmpdir()}/trade-etl-chart-`)}/aze.svg`
    await writeYoyChart(file, rows, { selection: 'AZE, exports, product 270900' })
    const svg = readFileSync(file, 'utf8')
    const texts = [...svg.matchAll(/<(?:text|tspan)[^>]*>([^<]+)<\/(?:text|tspan)>/g)].map((m) => m[1])
    expect(texts).toContain('Trade year over year: AZE, exports, product 270900, 2021-2022')
    expect(texts).toEqual(expect.arrayContaining(['Value (billion USD)', 'Net mass (million t)', 'Year', 'Change on previous year (%)']))
    expect(texts.some((x) => x?.includes('Source: CEPII BACI'))).toBe(true)
    // Marks per panel, against the rows: a point per row with a value (and mass), a bar per row with a change.
    const marks = (name: string) => {
      if (name === 'value' || name === 'mass') {
        // Points (the line's layer): one per datum, its aria-label naming the field drawn.
        return [...svg.matchAll(/<path aria-label="([^"]*)" role="graphics-symbol" aria-roledescription="point"/g)].filter((m) => m[1]?.includes(`; ${name}: `)).length
      }
      const group = new RegExp(`<g class="mark-rect role-mark ${name}_marks"[^>]*>(.*?)</g>`, 's').exec(svg)
      return (group?.[1]?.match(/<path /g) ?? []).length
    }
    expect(marks('value')).toBe(rows.filter((r) => r.value !== null).length)
    expect(marks('mass')).toBe(rows.filter((r) => r.net_mass_t !== null && Number(r.net_mass_t) !== 0).length)
    expect(marks('value_yoy_pct')).toBe(rows.filter((r) => r.value_yoy_pct !== null).length)
    expect(marks('mass_yoy_pct')).toBe(rows.filter((r) => r.net_mass_yoy_pct !== null).length)
    expect(marks('value_yoy_pct')).toBeGreaterThan(0)
  })

  it('--chart refuses a selection too wide to read, and a file it cannot write', async () => {
    const rows: YoyRow[] = []
    await streamYoy(t.wh, { reporter: 'AT' }, (b) => void rows.push(...b))
    await expect(writeYoyChart('/tmp/x.svg', rows, { selection: 'AT' })).rejects.toThrow(new RegExp(`a chart draws at most ${CHART_MAX_SERIES}`))
    await expect(writeYoyChart('/tmp/x.pdf', rows.slice(0, 1), { selection: 'AT' })).rejects.toThrow(/ends in .svg or .png/)
  })
})
