import { sql } from 'kysely'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { describeReporting, grantReader } from '../src/load/index.ts'
import { ENGINES, createTestWarehouse, type TestWarehouse } from './helpers/warehouse.ts'

/** Runs one statement as the reader; resolves to its row count or rejects with the database's error. */
type AsReader = (statement: string) => Promise<number>

// What a reader must not do, each with the error PostgreSQL gives when the privilege is missing.
const REFUSED: readonly (readonly [string, RegExp])[] = [
  // reporting.published_figure is a single-table view PostgreSQL could write through: only the
  // missing privilege stops these.
  ["insert into reporting.published_figure (source_url, subject, value, unit) values ('x', 'trade', 1, 't')", /permission denied/],
  ["update reporting.published_figure set value = 0", /permission denied/],
  ['delete from reporting.published_figure', /permission denied/],
  // The joined views cannot be written through by anyone.
  ["update reporting.country set name = 'x' where code = '31'", /cannot update view|permission denied/],
  ['delete from reporting.trade_flow where year = 2021', /cannot delete from view|permission denied/],
  ['truncate core.trade_fact', /permission denied/],
  ["insert into core.country (code, iso3, name, source) values ('X', 'XXX', 'x', 'x')", /permission denied/],
  ['select count(*) from core.trade_fact', /permission denied/],
  ['select count(*) from core.trade_flow', /permission denied/],
  ['select count(*) from core.country', /permission denied/],
  ['select count(*) from etl.source_file', /permission denied/],
  ['select count(*) from etl.run', /permission denied/],
  ['select count(*) from staging.anything', /permission denied/],
  ['create table reporting.mine (i integer)', /permission denied/],
  ['create view reporting.mine as select 1 as one', /permission denied/],
  ['create table public.mine (i integer)', /permission denied/],
  ['create schema mine', /permission denied/],
  ['create function reporting.mine() returns integer language sql as $$ select 1 $$', /permission denied/],
  ['create index mine on core.trade_fact (year)', /permission denied/],
]

describe.each(ENGINES)('the role grant-reader sets up, on the %s engine', (engine) => {
  let t: TestWarehouse
  let role: string
  let asReader: AsReader
  let done: () => Promise<void>
  beforeAll(async () => {
    t = await createTestWarehouse(engine)
    role = `bi_reader_${Math.random().toString(36).slice(2, 8)}`
    await sql`create role ${sql.id(role)} login`.execute(t.wh.db)
    await grantReader(t.wh, role)
    if (engine === 'server') {
      // A connection of its own, logged in as the role, as Metabase or Grafana would open.
      const url = new URL(t.url as string)
      url.username = role
      const client = new pg.Client({ connectionString: url.toString() })
      await client.connect()
      asReader = async (s) => (await client.query(s)).rowCount ?? 0
      done = () => client.end()
    } else {
      // PGlite is one session: the same statements run after SET ROLE, which checks privileges
      // exactly as a login would (the embedded superuser is not the reader).
      asReader = async (s) => {
        await sql`set role ${sql.id(role)}`.execute(t.wh.db)
        try {
          return (await sql.raw(s).execute(t.wh.db)).rows.length
        } finally {
          await sql`reset role`.execute(t.wh.db)
        }
      }
      done = async () => {}
    }
  })
  afterAll(async () => {
    await done?.()
    await t?.close()
  })

  it('reads every view in reporting', async () => {
    const views = [...new Set((await describeReporting(t.wh.db)).map((c) => c.view))]
    expect(views.length).toBeGreaterThanOrEqual(11)
    for (const v of views) await expect(asReader(`select * from ${v} limit 1`), v).resolves.toBeGreaterThanOrEqual(0)
    // The views read core with their owner's rights: the reader gets rows it could not select itself.
    await expect(asReader("select * from reporting.country where code = '31'")).resolves.toBe(1)
  })

  it.each(REFUSED)('is refused: %s', async (statement, error) => {
    await expect(asReader(statement)).rejects.toThrow(error)
  })

  it('reads a reporting view that a later migration adds', async () => {
    await sql`create view reporting.added_later as select 1 as one`.execute(t.wh.db)
    try {
      await expect(asReader('select one from reporting.added_later')).resolves.toBe(1)
    } finally {
      await sql`drop view reporting.added_later`.execute(t.wh.db)
    }
  })
})
