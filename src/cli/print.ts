import type { JobConfig } from '../config/index.ts'
import { listPublished, queryYoy, type StatusReport, type Warehouse, type YoyRow } from '../load/index.ts'
import type { FileSummary } from '../jobs/index.ts'
import type { RunSummary } from '../jobs/index.ts'
import { formatAmount, formatPct, renderFitted, renderTable, toCsv, wrapLine } from './format.ts'
import { printChecks } from './figures-commands.ts'

const out = (text: string) => process.stdout.write(`${text}\n`)

export function printIngest(files: readonly FileSummary[]): void {
  out(renderTable(
    ['file', 'layout', 'read', 'loaded', 'rejected', 'status'],
    files.map((f) => [f.path, f.layout ?? f.format, formatAmount(f.rowsRead), formatAmount(f.rowsLoaded), formatAmount(f.rowsRejected),
      f.error !== undefined ? `FAILED: ${withoutPath(f.error, f.path)}` : f.skipped ? 'skipped (already loaded)' : `loaded in ${f.ms ?? 0} ms${(f.revised ?? 0) > 0 ? `, ${f.revised} revised` : ''}`]),
  ))
}

/** An error without the file's name in front (it stands in the row already): 'line 1: ...'. */
function withoutPath(error: string, path: string): string {
  if (!error.startsWith(`${path}:`)) return error
  const rest = error.slice(path.length + 1)
  return /^\d+:/.test(rest) ? `line ${rest}` : rest.trimStart()
}

const YOY_HEADERS = ['source', 'reporter', 'partner', 'flow', 'product', 'year', 'value_usd', 'value_yoy', 'net_mass_t', 'mass_yoy', 'class']

function yoyCells(r: YoyRow, compact: boolean) {
  return [r.source_format, r.reporter_iso3 ?? r.reporter_code, r.partner_iso3 ?? r.partner_code, r.flow, r.product_code, r.year,
    formatAmount(r.value_usd, 0, compact), formatPct(r.value_yoy_pct), formatAmount(r.net_mass_t, 1, compact), formatPct(r.net_mass_yoy_pct),
    r.classification_prev !== null && r.classification_prev !== r.classification ? `${r.classification_prev}->${r.classification}` : r.classification]
}

export function printYoy(rows: readonly YoyRow[], mode: 'table' | 'csv' | 'json'): void {
  if (mode === 'json') {
    out(JSON.stringify({ rows }))
  } else if (mode === 'csv') {
    const headers = Object.keys(rows[0] ?? { source_format: '', reporter_code: '', reporter_iso3: '', partner_code: '', partner_iso3: '', flow: '', product_code: '', year: '', classification: '', classification_prev: '', value_usd: '', value_usd_prev: '', value_yoy_pct: '', net_mass_t: '', net_mass_t_prev: '', net_mass_yoy_pct: '' })
    process.stdout.write(toCsv(headers, rows.map((r) => headers.map((h) => (r as unknown as Record<string, string | number | null>)[h]))))
  } else {
    out(rows.length === 0 ? '(no rows: load trade files with `trade-etl ingest` first, or widen the filter)' : renderFitted((compact) => renderTable(YOY_HEADERS, rows.map((r) => yoyCells(r, compact)))))
  }
}

export async function printRun(wh: Warehouse, config: JobConfig, summary: RunSummary): Promise<void> {
  out(`trade-etl run ${summary.runId} on the ${wh.engine === 'embedded' ? 'embedded warehouse' : 'PostgreSQL server'}: ${summary.ok ? 'ok' : 'FAILED'}\n`)
  for (const job of summary.jobs) {
    out(wrapLine(`== job ${job.job} (${job.kind}) ${job.ok ? 'ok' : `FAILED: ${job.error ?? ''}`} in ${job.ms} ms`))
    if (job.files !== undefined && job.files.length > 0) printIngest(job.files)
    for (const s of job.sources.filter((x) => /^https?:/.test(x.source))) out(wrapLine(`${s.source}: ${s.status}, ${s.bytes} bytes, ${s.rowsLoaded} rows loaded, ${s.rowsRejected} rejected${s.error === undefined ? '' : ` (${s.error})`}`))
    for (const a of job.articles ?? []) out(wrapLine(`${a.path}: ${a.skipped ? 'skipped (already loaded)' : `${a.figures} figures loaded`}`))
    for (const p of job.published ?? []) out(wrapLine(`${p.path}: ${p.skipped ? 'skipped (already loaded)' : `${p.figures} published figures loaded`}`))
    out('')
  }
  for (const report of config.report.yoy) {
    out(`== ${report.title}`)
    printYoy(await queryYoy(wh, report), 'table')
    out('')
  }
  const published = await listPublished(wh.db)
  if (published.length > 0) {
    out('== Published figures (reporting.published_figure)')
    out(renderTable(['subject', 'year', 'reporter', 'partner', 'commodity', 'value', 'unit', 'source'],
      published.map((p) => [p.subject, p.year, p.reporter_iso3, p.partner_iso3, p.commodity, `${p.qualifier === null ? '' : `${p.qualifier} `}${formatAmount(p.value, p.value.includes('.') ? 1 : 0)}`, p.unit, p.source_url])))
    out('')
  }
  await printChecks(wh)
}

export function printStatus(s: StatusReport, warehouse: string): void {
  out(`warehouse: ${warehouse}\n\nRecent runs`)
  out(renderTable(['run', 'jobs', 'status', 'started', 'finished', 'error'], s.runs.map((r) => [r.run_id, r.job, r.status, iso(r.started_at), iso(r.finished_at), r.error])))
  out('\nFreshness by source')
  out(renderTable(['source', 'files', 'rows', 'years', 'last loaded'], s.freshness.map((f) => [f.source_format, f.files, formatAmount(f.rows), `${f.first_year}-${f.last_year}`, iso(f.last_loaded_at)])))
  out('\nRecent files')
  out(renderTable(['id', 'path', 'layout', 'read', 'loaded', 'rejected', 'loaded at'], s.files.map((f) => [f.file_id, f.path, f.layout, formatAmount(f.rows_read), formatAmount(f.rows_loaded), formatAmount(f.rows_rejected), iso(f.loaded_at)])))
  out('\nRejected rows by reason (etl.rejected_row)')
  out(s.rejects.length === 0 ? '(none)' : renderTable(['reason', 'rows', 'e.g. file', 'line'], s.rejects.map((r) => [r.reason, r.rows, r.example_file, r.example_line])))
  out('\nCountry codes with no ISO3 mapping (rows load with a NULL ISO3)')
  out(s.unknownCodes.length === 0 ? '(none)' : renderTable(['source', 'code', 'as', 'rows'], s.unknownCodes.map((u) => [u.source_format, u.code, u.role, u.rows])))
}

function iso(d: Date | string | null): string {
  if (d === null) return ''
  return (d instanceof Date ? d : new Date(d)).toISOString().replace('T', ' ').slice(0, 19)
}
