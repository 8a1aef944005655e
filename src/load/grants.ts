import { sql } from 'kysely'
import { TradeEtlError } from '../errors.ts'
import type { Warehouse } from './warehouse.ts'

/**
 * Lets an existing role read the reporting schema and nothing else. The views run with their
 * owner's rights, so the role needs no grant on core or etl; default privileges cover views
 * that later migrations add.
 */
export async function grantReader(wh: Warehouse, role: string): Promise<void> {
  const exists = await sql<{ ok: boolean }>`select exists (select 1 from pg_roles where rolname = ${role}) as ok`.execute(wh.db)
  if (exists.rows[0]?.ok !== true) throw new TradeEtlError('USAGE', `no database role named ${JSON.stringify(role)}: create it first (create role ... login)`)
  await wh.transaction(async (tx) => {
    await sql`grant usage on schema reporting to ${sql.id(role)}`.execute(tx.db)
    await sql`grant select on all tables in schema reporting to ${sql.id(role)}`.execute(tx.db)
    await sql`alter default privileges in schema reporting grant select on tables to ${sql.id(role)}`.execute(tx.db)
  })
}
