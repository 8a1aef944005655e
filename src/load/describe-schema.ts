import { sql, type Kysely } from 'kysely'

/** One column of a warehouse relation as the database reports it. */
export interface ColumnDescription {
  readonly relation: string
  readonly kind: 'table' | 'view'
  readonly column: string
  readonly pgType: string
  readonly nullable: boolean
  /** The database fills it when an insert leaves it out (a default or an identity). */
  readonly hasDefault: boolean
  readonly identity: boolean
}

/** The warehouse's own layers; kysely's migration bookkeeping is not part of the model. */
const SCHEMAS = ['etl', 'staging', 'core', 'reporting'] as const

/**
 * Every column of every table and view in the warehouse's schemas, in a stable order: what
 * `src/load/schema.ts` must declare. Read from pg_catalog rather than information_schema,
 * which hides relations the current role cannot read.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- describes whatever schema is there
export async function describeWarehouse(db: Kysely<any>): Promise<ColumnDescription[]> {
  const { rows } = await sql<{
    relation: string; relkind: string; column: string; pg_type: string; not_null: boolean; has_default: boolean; identity: string
  }>`
    select n.nspname || '.' || c.relname as relation, c.relkind::text as relkind, a.attname as column,
           t.typname as pg_type, a.attnotnull as not_null, a.atthasdef as has_default, a.attidentity::text as identity
    from pg_catalog.pg_class c
    join pg_catalog.pg_namespace n on n.oid = c.relnamespace
    join pg_catalog.pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
    join pg_catalog.pg_type t on t.oid = a.atttypid
    where n.nspname in (${sql.join(SCHEMAS.map((s) => sql.lit(s)))})
      and c.relkind in ('r', 'v', 'm', 'p')
      and c.relname not like 'kysely_migration%'
    order by n.nspname, c.relname, a.attnum`.execute(db)
  return rows.map((r) => ({
    relation: r.relation,
    kind: r.relkind === 'v' || r.relkind === 'm' ? 'view' : 'table',
    column: r.column,
    pgType: r.pg_type,
    nullable: !r.not_null,
    hasDefault: r.has_default || r.identity !== '',
    identity: r.identity !== '',
  }))
}

/**
 * TypeScript for each PostgreSQL type, as the warehouse's drivers hand values over (int8 is
 * parsed to a number in src/load/warehouse.ts; numeric stays an exact string): what a select
 * returns, and what an insert or update may pass.
 */
const TS_TYPES: Readonly<Record<string, { readonly select: string; readonly write?: string }>> = {
  int2: { select: 'number' }, int4: { select: 'number' }, int8: { select: 'number' },
  float4: { select: 'number' }, float8: { select: 'number' },
  numeric: { select: 'string' }, text: { select: 'string' }, varchar: { select: 'string' },
  bpchar: { select: 'string' }, name: { select: 'string' }, bool: { select: 'boolean' },
  jsonb: { select: 'unknown', write: 'string' }, json: { select: 'unknown', write: 'string' },
  timestamptz: { select: 'Date', write: 'Date | string' }, timestamp: { select: 'Date', write: 'Date | string' },
  date: { select: 'Date | string', write: 'Date | string' },
  _text: { select: 'string[]' }, _int2: { select: 'number[]' }, _int4: { select: 'number[]' }, _int8: { select: 'number[]' },
}

function columnType(c: ColumnDescription, isTable: boolean): string {
  const ts = TS_TYPES[c.pgType]
  if (ts === undefined) throw new Error(`${c.relation}.${c.column}: no TypeScript type for PostgreSQL type ${c.pgType}; add it to TS_TYPES`)
  const orNull = (t: string) => (c.nullable ? `${t} | null` : t)
  const select = orNull(ts.select)
  const write = orNull(ts.write ?? ts.select)
  // An identity column is the database's to fill: never written (kysely's GeneratedAlways).
  if (isTable && c.identity) return `ColumnType<${select}, never, never>`
  const insert = isTable && c.hasDefault ? `${write} | undefined` : write
  return select === write && insert === write ? select : `ColumnType<${select}, ${insert}, ${write}>`
}

function pascal(name: string): string {
  return name.split(/[._]/).map((p) => p.charAt(0).toUpperCase() + p.slice(1)).join('')
}

/**
 * The source of `src/load/schema.ts`: one interface per relation and the `Database` map kysely
 * types every query with. Generated so it cannot drift from `sql/`; a test regenerates it.
 */
export function renderDatabaseType(columns: readonly ColumnDescription[]): string {
  const byRelation = new Map<string, ColumnDescription[]>()
  for (const c of columns) byRelation.set(c.relation, [...(byRelation.get(c.relation) ?? []), c])
  const out: string[] = [
    '// Generated from a migrated warehouse by `npm run schema` (src/load/describe-schema.ts): do not',
    '// edit. tests/schema.test.ts fails when it no longer matches what sql/ creates.',
    "import type { ColumnType } from 'kysely'",
    '',
  ]
  for (const [relation, cols] of byRelation) {
    const kind = cols[0]?.kind === 'view' ? 'view' : 'table'
    out.push(`/** ${kind} ${relation} */`, `export interface ${pascal(relation)} {`)
    for (const c of cols) out.push(`  ${c.column}: ${columnType(c, kind === 'table')}`)
    out.push('}', '')
  }
  out.push('/** Every relation of the warehouse, by its qualified name. */', 'export interface Database {')
  for (const relation of byRelation.keys()) out.push(`  '${relation}': ${pascal(relation)}`)
  out.push('}', '')
  return out.join('\n')
}
