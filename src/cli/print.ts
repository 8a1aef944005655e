import type { JobConfig } from '../config/index.ts'
import { once } from 'node:events'
import { TradeEtlError } from '../errors.ts'
import { listPublished, queryYoy, streamYoy, type StatusReport, type Warehouse, type YoyFilter, type YoyRow } from '../load/index.ts'
import { CHART_MAX_ROWS, writeYoyChart } from './yoy-chart.ts'
import type { FileSummary } from '../jobs/index.ts'
import type { UnloadedSource } from '../load/index.ts'
import type { RunSummary } from '../jobs/index.ts'
import { formatAmount, formatPct, renderFitted, renderTable, toCsv, wrapLine } from './format.ts'
import { printChecks } from './figures-commands.ts'
import type { NowLoading } from './holder-state.ts'

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

const YOY_HEADERS = ['source', 'reporter', 'partner', 'flow', 'product', 'year', 'value', 'value_yoy', 'net_mass_t', 'mass_yoy', 'class']

function yoyCells(r: YoyRow, compact: boolean) {
  return [r.source_format, r.reporter_iso3 ?? r.reporter_code, r.partner_iso3 ?? r.partner_code, r.flow, r.product_code, r.year,
    r.value_usd !== null || r.value === null ? formatAmount(r.value_usd, 0, compact) : `${formatAmount(r.value, 0, compact)} ${r.currency ?? ''}`,
    formatPct(r.value_yoy_pct), formatAmount(r.net_mass_t, 1, compact), formatPct(r.net_mass_yoy_pct),
    r.classification_prev !== null && r.classification_prev !== r.classification ? `${r.classification_prev}->${r.classification}` : r.classification]
}

/** Rows a terminal table shows; the rest are counted and the count printed (--csv/--json give all). */
export const TABLE_MAX_ROWS = 200

const YOY_CSV_HEADERS = ['source_format', 'reporter_code', 'reporter_iso3', 'reporter_name', 'partner_code', 'partner_iso3', 'partner_name', 'flow',
  'product_code', 'product_description', 'year', 'classification', 'classification_prev', 'value_usd', 'value_usd_prev', 'value_yoy_pct',
  'value', 'currency', 'value_prev', 'net_mass_t', 'net_mass_t_prev', 'net_mass_yoy_pct'] as const satisfies readonly (keyof YoyRow)[]

/** Writes to stdout, waiting for the pipe to drain when it is full (a slow reader holds the query back). */
async function write(text: string): Promise<void> {
  if (!process.stdout.write(text)) await once(process.stdout, 'drain')
}

export interface YoyOutput {
  readonly mode: 'table' | 'csv' | 'json'
  /** Also draw the rows to this .svg/.png file. */
  readonly chart?: string | undefined
  /** Words for the chart's title. */
  readonly selection?: string
}

/**
 * reporting.trade_yoy on stdout: --csv and --json stream every row (a cursor, batch by batch:
 * memory does not grow with the result); the table shows TABLE_MAX_ROWS and says how many it
 * left out. Resolves to the number of rows the filter selected.
 */
export async function printYoy(wh: Warehouse, filter: YoyFilter, output: YoyOutput): Promise<number> {
  const shown: YoyRow[] = []
  const charted: YoyRow[] = []
  let first = true
  if (output.mode === 'json') await write('{"rows":[')
  if (output.mode === 'csv') await write(toCsv(YOY_CSV_HEADERS, []))
  const total = await streamYoy(wh, filter, async (batch) => {
    if (output.chart !== undefined) {
      if (charted.length + batch.length > CHART_MAX_ROWS) {
        throw new TradeEtlError('USAGE', `--chart: the selection has more than ${CHART_MAX_ROWS} rows; narrow it with --reporter, --partner, --product or --flow`)
      }
      charted.push(...batch)
    }
    if (output.mode === 'json') {
      await write((first ? '' : ',') + batch.map((r) => JSON.stringify(r)).join(','))
      first = false
    } else if (output.mode === 'csv') {
      await write(toCsv(YOY_CSV_HEADERS, batch.map((r) => YOY_CSV_HEADERS.map((h) => r[h]))).replace(/^[^\n]*\n/, ''))
    } else {
      for (const r of batch) if (shown.length < TABLE_MAX_ROWS) shown.push(r)
    }
  })
  if (output.mode === 'json') await write(']}\n')
  if (output.mode === 'table') printYoyTable(shown, total)
  if (output.chart !== undefined) {
    await writeYoyChart(output.chart, charted, { selection: output.selection ?? 'all rows' })
    // On stderr under --csv/--json: stdout holds one document and nothing else.
    ;(output.mode === 'table' ? process.stdout : process.stderr).write(`chart of ${charted.length} rows written to ${output.chart}\n`)
  }
  return total
}

/** The first rows of a selection as a table, and how many were left out of it. */
export function printYoyTable(rows: readonly YoyRow[], total: number): void {
  if (rows.length === 0) {
    out('(no rows: load trade files with `trade-etl ingest` first, or widen the filter)')
    return
  }
  out(renderFitted((compact) => renderTable(YOY_HEADERS, rows.map((r) => yoyCells(r, compact)))))
  if (total > rows.length) out(`... ${formatAmount(total - rows.length)} more rows not shown (${formatAmount(total)} in all): --csv or --json prints every row, or narrow the filter`)
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
    const { rows, total } = await queryYoy(wh, report, TABLE_MAX_ROWS)
    printYoyTable(rows, total)
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

export function printStatus(s: StatusReport, warehouse: string, now: NowLoading | null = null): void {
  out(`warehouse: ${warehouse}`)
  if (now !== null) {
    // What the process holding the warehouse loads as this is printed (not yet in the tables below).
    const percent = now.bytesTotal > 0 ? `${Math.min(100, Math.floor((now.bytesRead / now.bytesTotal) * 100))} %` : ''
    out(`\nNow loading (${now.command}, pid ${now.pid})`)
    out(renderTable(['job', 'file', 'rows read', 'read', 'started', 'left'],
      [[now.job ?? '', now.file, formatAmount(now.rowsRead), percent, iso(now.startedAt), now.etaSeconds === null ? '' : `about ${now.etaSeconds} s`]]))
  }
  if (s.firstLoad !== null) {
    out(`\nFirst load in progress: ${s.firstLoad.path}, since ${iso(s.firstLoad.since)}; it holds core.trade_fact until it commits,`)
    out('so the fact counts below (freshness, unmapped codes) are left out: run status again when it is done')
  }
  out('\nRecent runs')
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

export function printUnload(sources: readonly UnloadedSource[]): void {
  out(renderTable(
    ['file', 'sha256', 'rows removed', 'rejects removed', 'earlier rows restored'],
    sources.map((s) => [s.path, s.sha256.slice(0, 12), formatAmount(s.rowsRemoved), formatAmount(s.rejectsRemoved), formatAmount(s.rowsRestored)]),
  ))
  out(`unloaded ${sources.length} source${sources.length === 1 ? '' : 's'} in one transaction`)
}
