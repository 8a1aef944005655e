import { sql } from 'kysely'
import { TradeEtlError } from '../errors.ts'
import type { Warehouse } from './warehouse.ts'

/** What grant-reader did beyond the grants, and what it could not do. */
export interface ReaderGrant {
  /** Default PUBLIC privileges revoked in the warehouse database. */
  readonly revoked: readonly string[]
  /** Other databases the role can still connect to (PUBLIC's CONNECT there is their owners' to revoke). */
  readonly otherDatabases: readonly string[]
  /** What could not be revoked, and why. */
  readonly notRevoked: readonly string[]
}

/** Large-object functions that create one: any role may call them unless PUBLIC's EXECUTE goes. */
const LARGE_OBJECT_CREATORS = ['lo_creat(integer)', 'lo_create(oid)', 'lo_from_bytea(oid, bytea)', 'lo_import(text)', 'lo_import(text, oid)']

/**
 * Lets an existing role read the reporting schema and nothing else. The views run with their
 * owner's rights, so the role needs no grant on core or etl; default privileges cover views
 * that later migrations add.
 *
 * PostgreSQL grants PUBLIC, and so every role, CONNECT and TEMPORARY on each database and
 * EXECUTE on the large-object functions (https://www.postgresql.org/docs/15/ddl-priv.html).
 * Privileges only add up, so a role cannot be denied one PUBLIC holds: in the warehouse
 * database PUBLIC loses TEMPORARY and CONNECT (granted back by name to the running role and
 * the reader) and, when the running role may (it owns pg_catalog's functions only as a
 * superuser), EXECUTE on the functions that create large objects. Other databases are not the
 * warehouse's to change: the ones PUBLIC may connect to are reported.
 */
export async function grantReader(wh: Warehouse, role: string): Promise<ReaderGrant> {
  const exists = await sql<{ ok: boolean }>`select exists (select 1 from pg_roles where rolname = ${role}) as ok`.execute(wh.db)
  if (exists.rows[0]?.ok !== true) throw new TradeEtlError('USAGE', `no database role named ${JSON.stringify(role)}: create it first (create role ... login)`)
  if (wh.engine === 'embedded') {
    // PGlite has one database and no other roles to keep apart: the schema grants are all there is.
    await grantReporting(wh, role)
    return { revoked: [], otherDatabases: [], notRevoked: [] }
  }
  return wh.transaction(async (tx) => {
    await grantReporting({ transaction: (fn) => fn(tx) }, role)
    const me = await sql<{ db: string; superuser: boolean }>`
      select current_database() as db, (select rolsuper from pg_roles where rolname = current_user) as superuser`.execute(tx.db)
    const { db, superuser } = me.rows[0] as { db: string; superuser: boolean }
    const revoked: string[] = []
    const notRevoked: string[] = []
    // By name first, so that revoking PUBLIC's takes nothing from the loader or the reader.
    await sql`grant connect, temporary on database ${sql.id(db)} to current_user`.execute(tx.db)
    await sql`grant connect on database ${sql.id(db)} to ${sql.id(role)}`.execute(tx.db)
    await sql`revoke temporary, connect on database ${sql.id(db)} from public`.execute(tx.db)
    revoked.push(`TEMPORARY, CONNECT on database ${db}`)
    if (superuser) {
      for (const fn of LARGE_OBJECT_CREATORS) await sql`revoke execute on function ${sql.raw(`pg_catalog.${fn}`)} from public`.execute(tx.db)
      revoked.push(`EXECUTE on ${LARGE_OBJECT_CREATORS.join(', ')}`)
    } else {
      notRevoked.push('EXECUTE on the large-object functions: only a superuser may revoke it (run grant-reader as one once)')
    }
    const others = await sql<{ datname: string }>`
      select datname from pg_database
      where datallowconn and datname <> current_database() and has_database_privilege(${role}, datname, 'CONNECT')
      order by datname`.execute(tx.db)
    return { revoked, otherDatabases: others.rows.map((r) => r.datname), notRevoked }
  })
}

async function grantReporting(wh: Pick<Warehouse, 'transaction'>, role: string): Promise<void> {
  await wh.transaction(async (tx) => {
    await sql`grant usage on schema reporting to ${sql.id(role)}`.execute(tx.db)
    await sql`grant select on all tables in schema reporting to ${sql.id(role)}`.execute(tx.db)
    await sql`alter default privileges in schema reporting grant select on tables to ${sql.id(role)}`.execute(tx.db)
  })
}
