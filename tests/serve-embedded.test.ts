import pg from 'pg'
import { describe, expect, it } from 'vitest'
import { serveEmbedded, type EmbeddedEngine } from '../src/load/index.ts'
import { createTestWarehouse } from './helpers/warehouse.ts'

describe('the embedded warehouse over the wire protocol', () => {
  it('a large answer arrives intact (output the socket queues is a copy, not a view the engine overwrites)', async () => {
    const t = await createTestWarehouse('embedded')
    const served = await serveEmbedded(t.wh.embedded as EmbeddedEngine, { host: '127.0.0.1', port: 0 })
    const client = new pg.Client({ host: '127.0.0.1', port: served.port, user: 'trade_etl', database: 'postgres' })
    try {
      await client.connect()
      // ~20 MB in one answer: far more than a socket takes at once, so most of it is queued.
      const { rows } = await client.query<{ n: number; s: string }>("select g as n, repeat(md5(g::text), 32) as s from generate_series(1, 20000) g")
      expect(rows).toHaveLength(20000)
      const wrong = rows.filter((r, i) => r.n !== i + 1 || r.s.length !== 1024 || r.s.slice(0, 32) !== r.s.slice(992))
      expect(wrong).toEqual([])
    } finally {
      await client.end().catch(() => {})
      await served.close()
      await t.close()
    }
  })
})
