import { readFile } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { describeReporting, renderDataDictionary } from '../src/load/index.ts'
import { createTestWarehouse, ENGINES, type TestWarehouse } from './helpers/warehouse.ts'

describe.each(ENGINES)('the reporting data dictionary on the %s engine', (engine) => {
  let t: TestWarehouse
  beforeAll(async () => {
    t = await createTestWarehouse(engine)
  })
  afterAll(() => t.close())

  it('comments every reporting view and every one of its columns', async () => {
    const columns = await describeReporting(t.wh.db)
    const views = new Set(columns.map((c) => c.view))
    for (const v of ['trade_flow', 'trade_yoy', 'country', 'product', 'product_rollup', 'mirror_flow', 'partner_share']) expect(views).toContain(`reporting.${v}`)
    expect(columns.filter((c) => (c.viewComment ?? '').trim() === '').map((c) => c.view)).toEqual([])
    expect(columns.filter((c) => (c.comment ?? '').trim() === '').map((c) => `${c.view}.${c.column}`)).toEqual([])
  })

  it('docs/data-dictionary.md is what the comments say (run `npm run docs:dictionary` to refresh)', async () => {
    const written = await readFile(new URL('../docs/data-dictionary.md', import.meta.url), 'utf8')
    expect(written).toBe(renderDataDictionary(await describeReporting(t.wh.db)))
    // Each column is a row of its view's table, in the order the view declares them.
    expect(written).toMatch(/## reporting\.trade_flow\n\n[^\n]+\n\n\| column \| type \| description \|\n\|---\|---\|---\|\n\| `source_format` \| text \|/)
    expect(written).toContain('| `partner_is_aggregate` | boolean | True for World and groupings such as the EU')
  })
})
