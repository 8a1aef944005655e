import { readdir, readFile } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { describeWarehouse, renderDatabaseType } from '../src/load/index.ts'
import { createTestWarehouse, ENGINES, type TestWarehouse } from './helpers/warehouse.ts'

describe.each(ENGINES)('the Database type on the %s engine', (engine) => {
  let t: TestWarehouse
  beforeAll(async () => {
    t = await createTestWarehouse(engine)
  })
  afterAll(() => t.close())

  it('declares every relation and column that sql/ creates, with their types (run `npm run schema` to refresh)', async () => {
    const columns = await describeWarehouse(t.wh.db)
    const declared = await readFile(new URL('../src/load/schema.ts', import.meta.url), 'utf8')
    expect(declared).toBe(renderDatabaseType(columns))
  })

  it('covers the relations a reader of sql/ finds, independently of the catalog query', async () => {
    const dir = new URL('../sql/', import.meta.url)
    const named = new Set<string>()
    // Each create or drop in file order: a relation exists when its last statement created it.
    for (const file of (await readdir(dir)).sort()) {
      if (!/^\d{4}_.*\.sql$/.test(file)) continue
      const text = await readFile(new URL(file, dir), 'utf8')
      const statement = /(create|drop)\s+(?:or\s+replace\s+)?(?:materialized\s+)?(?:table|view)\s+(?:if\s+(?:not\s+)?exists\s+)?([a-z_]+\.[a-z_]+)/gi
      for (const m of text.matchAll(statement)) {
        if (m[1]!.toLowerCase() === 'create') named.add(m[2]!.toLowerCase())
        else named.delete(m[2]!.toLowerCase())
      }
    }
    const described = new Set((await describeWarehouse(t.wh.db)).map((c) => c.relation))
    for (const relation of named) expect(described, relation).toContain(relation)
    expect(named.size).toBeGreaterThanOrEqual(18)
  })
})
