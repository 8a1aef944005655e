import { describe, expect, it } from 'vitest'
import { formatAmount, renderFitted, renderTable, wrapLine } from '../src/cli/format.ts'

const widest = (text: string) => Math.max(...text.split('\n').map((l) => l.length))

describe('tables at a 100-column terminal', () => {
  const error = 'cannot connect to the PostgreSQL server at 127.0.0.1:5433: connection refused; is the server running? check DATABASE_URL [CONNECTION_FAILED]'
  const path = '/srv/trade/downloads/cepii/BACI_HS17_V202401/BACI_HS17_Y2021_V202401.csv'
  const rows = [[12, path, 'baci', '8,123,456', '8,123,000', '456', error], [13, 'x.csv', 'comtrade-plus', '10', '10', '0', 'ok']]
  const headers = ['id', 'path', 'layout', 'read', 'loaded', 'rejected', 'error']

  it('fits: paths keep their file name, numbers stay whole, the last column wraps with nothing lost', () => {
    const table = renderTable(headers, rows, 100)
    expect(widest(table)).toBeLessThanOrEqual(100)
    const lines = table.split('\n')
    expect(lines[2]).toMatch(/ …\/BACI_HS17_Y2021_V202401\.csv /)
    for (const n of ['8,123,456', '8,123,000', '456']) expect(lines[2]).toContain(` ${n} `)
    // The error column starts at the same place on each of its lines; joined, it is the whole text.
    const at = (lines[0] ?? '').indexOf('error')
    const wrapped = lines.slice(2, -1).map((l) => l.slice(at).trim()).join(' ')
    expect(wrapped).toBe(error)
    expect(lines.at(-1)).toMatch(/^13 +x\.csv +comtr… +10 +10 +0 +ok$/)
  })

  it('a table that already fits is printed as it is', () => {
    const table = renderTable(['a', 'b'], [['x', 1], ['yy', 22]], 100)
    expect(table).toBe('a    b\n--  --\nx    1\nyy  22')
  })

  it('a report of amounts too wide for the terminal rounds them and says so', () => {
    const amounts = [['comtrade-plus', '3,000,000,000,000'], ['baci', '12,560,562,731']]
    const render = (compact: boolean) => renderTable(['source', 'value_usd'], amounts.map(([s, v]) => [s, formatAmount(Number((v ?? '').replace(/,/g, '')), 0, compact)]))
    expect(renderFitted(render, 100)).toBe(render(false))
    const narrow = renderFitted(render, 24)
    expect(widest(narrow.split('\n').slice(0, -1).join('\n'))).toBeLessThanOrEqual(24)
    expect(narrow).toContain('3T')
    expect(narrow).toContain('12.56B')
    expect(narrow.split('\n').at(-1)).toMatch(/rounded to fit 24 columns: --csv or --json/)
  })

  it('a long line of prose wraps under its indent', () => {
    const text = `    query: ${'select sum(value_usd) from reporting.trade_flow where reporter_iso3 = $1 '.repeat(3)}`
    const wrapped = wrapLine(text, '        ', 100)
    expect(widest(wrapped)).toBeLessThanOrEqual(100)
    expect(wrapped.split('\n').slice(1).every((l) => l.startsWith('        '))).toBe(true)
    expect(wrapped.replace(/\n +/g, ' ')).toBe(text.trimEnd())
  })
})
