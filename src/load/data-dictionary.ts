import { sql, type Kysely } from 'kysely'

/** One column of a reporting view with the comment BI tools show as its description. */
export interface DictionaryColumn {
  readonly view: string
  readonly viewComment: string | null
  readonly column: string
  readonly type: string
  readonly comment: string | null
}

/**
 * Every column of every relation in the reporting schema with its type and comment, in a
 * stable order (views by name, columns as the view declares them). Read from pg_catalog, the
 * same place Metabase, Superset and Grafana read descriptions from.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- describes whatever schema is there
export async function describeReporting(db: Kysely<any>): Promise<DictionaryColumn[]> {
  const { rows } = await sql<{ view: string; view_comment: string | null; column: string; type: string; comment: string | null }>`
    select c.relname as view, obj_description(c.oid, 'pg_class') as view_comment, a.attname as column,
           format_type(a.atttypid, a.atttypmod) as type, col_description(c.oid, a.attnum) as comment
    from pg_catalog.pg_class c
    join pg_catalog.pg_namespace n on n.oid = c.relnamespace
    join pg_catalog.pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
    where n.nspname = 'reporting' and c.relkind in ('r', 'v', 'm')
    order by c.relname, a.attnum`.execute(db)
  return rows.map((r) => ({ view: `reporting.${r.view}`, viewComment: r.view_comment, column: r.column, type: r.type, comment: r.comment }))
}

/** Markdown table cells cannot hold a pipe or a line break. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ')
}

/**
 * The text of docs/data-dictionary.md: what a BI user reads before connecting. Generated from
 * the comments in sql/ so it cannot drift from them; a test regenerates it.
 */
export function renderDataDictionary(columns: readonly DictionaryColumn[]): string {
  const out: string[] = [
    '# Data dictionary: the `reporting` schema',
    '',
    '<!-- Generated from the COMMENT ON text in sql/ by `npm run docs:dictionary` (src/load/data-dictionary.ts):',
    '     do not edit. tests/data-dictionary.test.ts fails when it no longer matches. -->',
    '',
    'Everything a BI tool or analyst needs is in the `reporting` schema; `trade-etl grant-reader ROLE`',
    'lets a role read it and nothing else. Column suffixes: `_usd` US dollars, `_eur` euros, `_t` metric',
    'tonnes, `_pct` percent (33.8 = 33.8 %), `_iso3` ISO 3166 alpha-3. Example queries to start from are in',
    '[`sql/reports/`](../sql/reports/).',
    '',
  ]
  const views = [...new Set(columns.map((c) => c.view))]
  out.push(...views.map((v) => `- [\`${v}\`](#${v.replace('.', '')})`), '')
  for (const view of views) {
    const cols = columns.filter((c) => c.view === view)
    out.push(`## ${view}`, '', cell(cols[0]?.viewComment ?? '(no comment)'), '', '| column | type | description |', '|---|---|---|')
    for (const c of cols) out.push(`| \`${c.column}\` | ${c.type} | ${cell(c.comment ?? '(no comment)')} |`)
    out.push('')
  }
  return out.join('\n')
}
