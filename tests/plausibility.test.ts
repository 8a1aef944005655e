import { readFileSync } from 'node:fs'
import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { readRecords } from '../src/extract/index.ts'
import { detectLayout, isReject, normalizeHeader } from '../src/transform/index.ts'
import { amountProblem, PLAUSIBILITY } from '../src/transform/plausibility.ts'
import { parseStream } from './helpers/parse-file.ts'
import { readRawTable } from './helpers/raw-csv.ts'

const BACI = 'fixtures/baci/BACI_HS17_Y2022_V202301.csv'
const CEMENT = 'fixtures/comtrade/cement-legacy-35.csv'

/** The real BACI file with some lines (1-based) replaced by `edit` of their fields. */
function baciWith(edits: Record<number, (f: string[]) => void>): Buffer {
  const lines = readFileSync(BACI, 'utf8').split('\n')
  for (const [n, edit] of Object.entries(edits)) {
    const fields = (lines[Number(n) - 1] as string).split(',')
    edit(fields)
    lines[Number(n) - 1] = fields.join(',')
  }
  return Buffer.from(lines.join('\n'))
}

const BAD = {
  3: (f: string[]) => void (f[4] = '-5'),
  4: (f: string[]) => void (f[4] = '1e400'),
  5: (f: string[]) => void (f[4] = '9'.repeat(17_000)),
  6: (f: string[]) => void (f[0] = '1950'),
  7: (f: string[]) => void (f[5] = '-0.5'),
  8: (f: string[]) => void (f[5] = `0.${'1'.repeat(16_400)}`),
}
const REASONS = [
  { line: 3, reason: 'negative value: -5000 USD (the source has no negative amounts)' },
  { line: 4, reason: expect.stringMatching(/^implausible value: 404 digits .*bound 10\^14/) },
  { line: 5, reason: expect.stringMatching(/^implausible value: 17003 digits/) },
  { line: 6, reason: "year 1950 outside the source's range (1995 to 2026)" },
  { line: 7, reason: 'negative net mass: -0.5 t (the source has no negative amounts)' },
  { line: 8, reason: 'net mass has 16400 decimals, more than the database holds (16383)' },
]

describe('plausibility rules', () => {
  it('rejects negative, absurd, unstorable amounts and years outside BACI with their line (mapper)', async () => {
    const parsed = await parseStream(Readable.from([baciWith(BAD)]), 'BACI_HS17_Y2022_V202301.csv', BACI)
    // parseStream binds without a latest year: the BACI year bound alone applies.
    expect(parsed.rejects).toEqual(REASONS.map((r) => (r.line === 6 ? { line: 6, reason: "year 1950 outside the source's range (1995 to 2100)" } : r)))
    expect(parsed.rows.length + parsed.rejects.length).toBe(readRawTable(BACI).rows.length)
  })

  it('the COPY writer (the hot path) rejects the same lines for the same reasons', async () => {
    const stream = await readRecords(Readable.from([baciWith(BAD)]), BACI)
    const layout = detectLayout(stream.header)
    if (layout === null) throw new Error('no layout')
    const map = layout.bind(normalizeHeader(stream.header), { fileName: 'BACI_HS17_Y2022_V202301.csv', latestYear: 2026 })
    const rejects: { line: number; reason: string }[] = []
    let rows = 0
    for await (const record of stream.records) {
      if ('error' in record) throw new Error(record.error)
      const out = map(record.fields)
      if (isReject(out)) rejects.push({ line: record.line, reason: out.reject })
      else rows++
    }
    expect(rejects).toEqual(REASONS)
    expect(rows).toBe(readRawTable(BACI).rows.length - REASONS.length)
  })

  it('rejects a future year and negative Comtrade values through the mapper', async () => {
    const lines = readFileSync(CEMENT, 'utf8').split('\r\n')
    const header = (lines[0] as string).split(',')
    const value = header.indexOf('Trade Value (US$)')
    const year = header.indexOf('Year')
    const row = (lines[1] as string).split(',')
    expect(row[year]).toMatch(/^\d{4}$/)
    const neg = [...row]
    neg[value] = `-${neg[value] as string}`
    const future = [...row]
    future[year] = '2031'
    const text = [lines[0], neg.join(','), future.join(','), lines[2]].join('\n')
    const stream = await readRecords(Readable.from([Buffer.from(text)]), CEMENT)
    const layout = detectLayout(stream.header)
    const map = layout?.bind(normalizeHeader(stream.header), { fileName: 'cement.csv', latestYear: 2026 })
    const results = []
    for await (const record of stream.records) if ('fields' in record) results.push(map?.(record.fields))
    expect(results[0]).toEqual({ reject: expect.stringMatching(/^negative value: -\d+ USD/) })
    expect(results[1]).toEqual({ reject: "year 2031 outside the source's range (1962 to 2026)" })
    expect(results[2]).not.toHaveProperty('reject')
  })

  it('leaves real amounts alone: zero, leading zeros, the largest flows in the fixtures', () => {
    expect(amountProblem('0', 'v', 'USD', PLAUSIBILITY.baci.value)).toBeNull()
    expect(amountProblem('-0.0', 'v', 'USD', PLAUSIBILITY.baci.value)).toBeNull()
    expect(amountProblem('00000012.5', 'v', 'USD', PLAUSIBILITY.baci.value)).toBeNull()
    expect(amountProblem('99999999999999', 'v', 'USD', PLAUSIBILITY.baci.value)).toBeNull()
    expect(amountProblem('100000000000000', 'v', 'USD', PLAUSIBILITY.baci.value)).toMatch(/^implausible v: 15 digits/)
  })
})
