import { createReadStream, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readRecords } from '../src/extract/index.ts'
import { detectLayout, detectSideTable, LAYOUTS, normalizeHeader } from '../src/transform/index.ts'

/**
 * Every real (and team-written) file in fixtures/, with the one layout that must read it, or
 * null when no trade layout may: reference tables, BACI side tables, a saved API error, a tidy
 * derivative with no flow column. `side` is what detectSideTable must say.
 */
const EXPECTED: Record<string, { layout: string | null; side?: string }> = {
  'comtrade/bicycles-legacy-35.csv': { layout: 'comtrade-legacy' },
  'comtrade/cement-legacy-35.csv': { layout: 'comtrade-legacy' },
  'comtrade/sitc-petroleum-legacy-35.csv': { layout: 'comtrade-legacy' },
  'comtrade/totals-legacy-35.csv': { layout: 'comtrade-legacy' },
  'comtrade/usa-china-legacy-12.csv': { layout: 'comtrade-legacy' },
  'comtrade/india-china-bulk-codes.csv': { layout: 'comtrade-bulk-codes' },
  'broken/japan-energy-tidy-not-layout.csv': { layout: null },
  'broken/api-error-not-data.csv': { layout: null },
  'comtrade-plus/thailand-ic-imports-plus.csv': { layout: 'comtrade-plus' },
  'comtrade-plus/china-total-2022-plus.csv': { layout: 'comtrade-plus' },
  'comtrade-plus/germany-crude-imports-names.csv': { layout: 'comtrade-plus-names' },
  'comext/critical-inputs-cn8-2022-2024.csv': { layout: 'comext' },
  'baci/BACI_HS17_Y2021_V202301.csv': { layout: 'baci' },
  'baci/BACI_HS17_Y2022_V202301.csv': { layout: 'baci' },
  'baci/Readme.txt': { layout: null },
  'reference/baci-country-codes-V202301.csv': { layout: null, side: 'baci-country-codes' },
  'reference/baci-product-codes-HS17-V202301.csv': { layout: null, side: 'baci-product-codes' },
  'reference/comtrade-iso-codes.csv': { layout: null },
  'reference/comtrade-hs-H3.csv': { layout: null },
  'reference/comtrade-country-data.csv': { layout: null },
  'reference/comtrade-quantity-units.csv': { layout: null },
  'reference/iso-countries-regions.csv': { layout: null },
}

function dataFiles(dir: string, prefix = ''): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? dataFiles(dir, join(prefix, e.name)) : /\.(csv|tsv|txt)$/i.test(e.name) ? [join(prefix, e.name)] : [])
}

async function headerOf(path: string): Promise<string[]> {
  const stream = await readRecords(createReadStream(path), path)
  for await (const _ of stream.records) void _ // drain so the file closes
  return stream.header
}

describe('layout detection over every fixture', () => {
  it.each(Object.entries(EXPECTED))('%s is read by exactly its layout', async (file, expected) => {
    const header = await headerOf(join('fixtures', file))
    // Every layout is asked, not just the first that matches: order must not be what saves us.
    const matching = LAYOUTS.filter((l) => l.matches(normalizeHeader(header))).map((l) => l.name)
    expect(matching).toEqual(expected.layout === null ? [] : [expected.layout])
    expect(detectLayout(header)?.name ?? null).toBe(expected.layout)
    expect(detectSideTable(header)).toBe(expected.side ?? null)
  })

  it('knows every data file in fixtures/, and each matches at most one layout', async () => {
    const files = dataFiles('fixtures')
    for (const file of Object.keys(EXPECTED)) expect(files).toContain(file)
    for (const file of files) {
      const header = await headerOf(join('fixtures', file))
      expect(LAYOUTS.filter((l) => l.matches(normalizeHeader(header))).length, file).toBeLessThanOrEqual(1)
    }
  })

  it('with a forced format tries only that format, and knows no other', () => {
    expect(detectLayout(['t', 'i', 'j', 'k', 'v', 'q'], 'comext')).toBeNull()
    expect(detectLayout(['t', 'i', 'j', 'k', 'v', 'q'], 'baci')?.name).toBe('baci')
    expect(() => detectLayout(['t'], 'nonsense' as never)).toThrow(/no layout for format/)
  })

  it('gives every layout a distinct name and a known format', () => {
    const names = LAYOUTS.map((l) => l.name)
    expect(new Set(names).size).toBe(names.length)
    expect(names).toEqual(['comtrade-legacy', 'comtrade-bulk-codes', 'comtrade-plus', 'comtrade-plus-names', 'baci', 'baci-iso3', 'comext', 'wits'])
  })
})
