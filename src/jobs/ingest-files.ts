import { channel } from 'node:diagnostics_channel'
import { basename } from 'node:path'
import { describeError, TradeEtlError } from '../errors.ts'
import { listInputs, openSources, readRecords, type RecordStream, type SourceHandle } from '../extract/index.ts'
import {
  findLoadedSource, isConnectionLost, loadTradeSource, refreshTradeStatistics, type BaciLineWriter, type RejectSink, type TradeFactEncoder, type TradeRowBatch, type Warehouse,
} from '../load/index.ts'
import {
  BACI, BACI_COLUMNS, baciClassification, baciRevision, decimalCommaToPoint, detectLayout, isReject, normalizeHeader, type Layout, type LayoutContext, type RowMapper, type SourceFormat,
  type TradeRow,
} from '../transform/index.ts'
import type { Logger } from '../log.ts'
import { loadSideTable, sideTableKind } from './load-reference.ts'

/** What `ingest --json` prints per file (CONTRACT.md), plus what went wrong if anything did. */
export interface FileSummary {
  readonly path: string
  readonly format: string
  readonly sha256: string
  readonly rowsRead: number
  readonly rowsLoaded: number
  readonly rowsRejected: number
  readonly skipped: boolean
  readonly layout?: string
  readonly encoding?: string
  readonly revised?: number
  readonly ms?: number
  readonly error?: string
  /** The file was loaded on a second attempt after its connection was lost. */
  readonly retried?: boolean
  /** The attempt failed because the database connection was lost (internal: decides the retry). */
  readonly connectionLost?: boolean
}

/** A source being loaded, as a progress display sees it: counters it may read at any time. */
export interface SourceProgress {
  readonly path: string
  /** The job loading it, when a job does (from the logger's bindings: runJobs gives each job its child logger). */
  readonly job: string | undefined
  /** Bytes on disk (compressed size for .gz files and zip members): what the ETA is taken from. */
  readonly bytesTotal: number
  bytesRead(): number
  rowsRead(): number
}

export type IngestProgressEvent =
  | { readonly type: 'start'; readonly source: SourceProgress }
  | { readonly type: 'end'; readonly source: SourceProgress; readonly summary: FileSummary }

/**
 * Where progress goes when the caller passed no `onProgress`: `run` and `schedule` reach
 * ingestFiles through runJobs, which has no progress parameter of its own, and the CLI's
 * `ingest` passes none either. Publishing costs nothing while nobody subscribes; the CLI does
 * at a terminal (the bars) and while it holds the embedded warehouse (its published state,
 * src/cli/holder-state.ts). Two events per file: the counters are read, never pushed.
 */
export const INGEST_PROGRESS_CHANNEL = channel('trade-etl:ingest-progress')

export interface IngestOptions {
  readonly format?: SourceFormat | 'auto'
  readonly runId?: number | null
  readonly log: Logger
  readonly signal?: AbortSignal
  /**
   * Told when each source starts and ends. It reads the counters when it likes (a display polls
   * a few times a second), so the hot loop below does no work for it.
   */
  readonly onProgress?: (event: IngestProgressEvent) => void
  /** Name the sources by this (a URL, redacted) instead of their path in the download cache. */
  readonly displayAs?: string
  /** The slice the inputs are a release of (a URL, redacted): recorded with each file (etl.source_file.slice). */
  readonly slice?: string
  /** The clock, for the latest plausible year (tests inject one). */
  readonly now?: () => Date
}

/**
 * Loads trade files (and archive members) one source per transaction. A source that fails is
 * reported with its error and leaves the warehouse as it was; the others still load.
 */
export async function ingestFiles(wh: Warehouse, inputs: readonly string[], options: IngestOptions): Promise<FileSummary[]> {
  const summaries: FileSummary[] = []
  // Each input on its own: a missing or unreadable one fails alone, named, and the rest load.
  const files: string[] = []
  for (const input of inputs) {
    try {
      for (const file of await listInputs([input])) if (!files.includes(file)) files.push(file)
    } catch (error) {
      summaries.push(failed(input, options.format ?? 'auto', '', error))
      options.log.error({ file: input, err: error }, 'file failed')
    }
  }
  for (const file of files) {
    let sources: SourceHandle[]
    try {
      sources = await openSources(file, options.signal)
      const shown = options.displayAs
      if (shown !== undefined) sources = sources.map((s) => ({ ...s, path: shown, displayPath: s.member === '' ? shown : `${shown}!${s.member}` }))
    } catch (error) {
      summaries.push(failed(file, options.format ?? 'auto', '', error))
      options.log.error({ file, err: error }, 'file failed')
      continue
    }
    try {
      const context: SourceContext = { inArchive: sources.length > 1, ...archiveRevision(file, sources) }
      await ingestSources(wh, sources, context, options, summaries)
    } finally {
      // Once, for every source of the input: a .7z's members share one unpacked folder.
      await sources[0]?.dispose?.()
    }
  }
  await refreshStatistics(wh, summaries, options.log)
  return summaries
}

/** The sources of one input file, one after the other, each summary pushed onto `summaries`. */
async function ingestSources(wh: Warehouse, sources: readonly SourceHandle[], context: SourceContext, options: IngestOptions, summaries: FileSummary[]): Promise<void> {
  for (const source of sources) {
    let summary = await ingestSource(wh, source, context, options)
    // A dropped connection is retried once, on a new one (the failed one is not reused):
    // the first attempt rolled back, so the retry starts from a clean warehouse.
    if (summary?.connectionLost === true) {
      options.log.warn({ file: source.displayPath }, 'connection lost, retrying the file once')
      summary = await ingestSource(wh, source, context, options)
      if (summary !== undefined && summary.error === undefined) summary = { ...summary, retried: true }
    }
    if (summary !== undefined) {
      const { connectionLost: _, ...shown } = summary
      summaries.push(shown)
    }
  }
}

/** ANALYZE of what the loads changed, in the same run, so reports are planned on real numbers. */
async function refreshStatistics(wh: Warehouse, summaries: readonly FileSummary[], log: Logger): Promise<void> {
  const changed = summaries.reduce((n, s) => n + (s.skipped || s.error !== undefined ? 0 : s.rowsLoaded), 0)
  const started = performance.now()
  try {
    const tables = await refreshTradeStatistics(wh.db, changed)
    if (tables.length > 0) log.info({ tables, rows: changed, ms: Math.round(performance.now() - started) }, 'statistics refreshed')
  } catch (error) {
    // The data is in; stale statistics only make plans worse until autovacuum or the next load.
    log.warn({ err: error }, 'statistics not refreshed')
  }
}

/** What a source's archive says about it: whether it is a member, and the HS revision it names (BACI). */
interface SourceContext {
  readonly inArchive: boolean
  readonly revision?: string
}

/**
 * The HS revision an archive names for the BACI files in it whose own name does not: the
 * archive's name (BACI_HS17_V202301.zip), else its product_codes_HSxx member (CEPII ships one per
 * release, for the release's revision).
 */
function archiveRevision(file: string, sources: readonly SourceHandle[]): { revision?: string } {
  if (sources.length <= 1 && sources[0]?.member === '') return {}
  const revision = baciRevision(basename(file)) ?? sources.map((s) => /^product_codes_/i.test(s.fileName) ? baciRevision(s.fileName) : null).find((r) => r !== null)
  return revision === null || revision === undefined ? {} : { revision }
}

async function ingestSource(wh: Warehouse, source: SourceHandle, context: SourceContext, options: IngestOptions): Promise<FileSummary | undefined> {
  const notify = options.onProgress ?? (INGEST_PROGRESS_CHANNEL.hasSubscribers ? (e: IngestProgressEvent) => INGEST_PROGRESS_CHANNEL.publish(e) : undefined)
  let progress: SourceProgress | undefined
  const summary = await loadSource(wh, source, context, options, (p) => {
    progress = p
    notify?.({ type: 'start', source: p })
  })
  if (progress !== undefined && summary !== undefined) notify?.({ type: 'end', source: progress, summary })
  return summary
}

async function loadSource(wh: Warehouse, source: SourceHandle, context: SourceContext, options: IngestOptions, tracked: (p: SourceProgress) => void): Promise<FileSummary | undefined> {
  const inArchive = context.inArchive
  const started = performance.now()
  const format = options.format ?? 'auto'
  try {
    const known = await findLoadedSource(wh, source.sha256, source.member)
    if (known !== undefined) {
      options.log.info({ file: source.displayPath }, 'file skipped, already loaded')
      return { path: source.displayPath, format: known.format, sha256: source.sha256, rowsRead: known.rows_read, rowsLoaded: known.rows_loaded, rowsRejected: known.rows_rejected, skipped: true }
    }
    let first: RecordStream | undefined = await readRecords(await source.open(), source.displayPath, options.signal)
    let current = first
    const progress: SourceProgress = { path: source.displayPath, job: (options.log.bindings() as { job?: string }).job, bytesTotal: source.bytesOnDisk, bytesRead: () => source.bytesConsumed(), rowsRead: () => current.recordsHandedOver() }
    const layout = detectLayout(first.header, format)
    if (layout === null) {
      const side = sideTableKind(first.header)
      if (side !== null) {
        const loaded = await loadSideTable(wh, side, first, source, { runId: options.runId ?? null, ...(context.revision === undefined ? {} : { revision: context.revision }) })
        options.log.info({ file: source.displayPath, table: side, rows: loaded.rowsLoaded, rejected: loaded.rowsRejected, skipped: loaded.skipped }, 'reference table loaded')
        return {
          path: source.displayPath, format: 'baci', sha256: source.sha256, rowsRead: loaded.rowsRead, rowsLoaded: loaded.rowsLoaded,
          rowsRejected: loaded.rowsRejected, skipped: loaded.skipped, layout: side, encoding: loaded.encoding, ms: Math.round(performance.now() - started),
        }
      }
      // Archives carry documentation beside the data (CEPII's Readme.txt): passed over, said in
      // the log. A file named on its own that is not data is an error.
      if (inArchive && (!/\.(csv|tsv|txt)$/i.test(source.member) || /readme|licen[cs]e|notes?\b/i.test(source.fileName))) {
        options.log.warn({ file: source.displayPath }, 'archive member passed over: not a data file')
        return undefined
      }
      throw new TradeEtlError('FILE_NOT_TRADE_DATA',
        `not a trade-data file in any known layout${format === 'auto' ? '' : ` of format ${format}`}; it starts with ${JSON.stringify(first.firstLine.slice(0, 120))}`,
        { file: source.displayPath, line: 1 })
    }
    const encoding = first.encoding
    const result = await loadTradeSource(wh, {
      sha256: source.sha256,
      member: source.member,
      displayPath: source.displayPath,
      bytes: source.bytes,
      format: layout.format,
      layout: layout.name,
      encoding,
      runId: options.runId ?? null,
      ...(options.slice === undefined ? {} : { slice: options.slice }),
      produce: async (sink, signal, encoder) => {
        const records = first ?? await readRecords(await source.open(), source.displayPath, signal)
        current = records
        first = undefined
        options.log.info({ file: source.displayPath, bytes: source.bytesOnDisk }, 'file started')
        tracked(progress)
        const header = normalizeHeader(records.header)
        const layoutContext: LayoutContext = {
          fileName: source.fileName || basename(source.path), latestYear: (options.now?.() ?? new Date()).getUTCFullYear(),
          ...(context.revision === undefined ? {} : { revision: context.revision }),
        }
        const map = layout.bind(header, layoutContext)
        const fused = fusedLines(layout, records, header, layoutContext, encoder)
        return { batches: produceRows(records, header.length, map, sink, fused), recordsRead: () => records.recordsHandedOver(), encoding: () => records.encoding }
      },
    }, options.signal)
    const ms = Math.round(performance.now() - started)
    options.log.info({ file: source.displayPath, layout: layout.name, rows: result.rowsLoaded, rejected: result.rowsRejected, revised: result.revised, ms }, 'file loaded')
    return {
      path: source.displayPath, format: layout.format, sha256: source.sha256, rowsRead: result.rowsRead, rowsLoaded: result.rowsLoaded,
      rowsRejected: result.rowsRejected, skipped: result.skipped, layout: layout.name, encoding: result.encoding, revised: result.revised, ms,
    }
  } catch (error) {
    if (isConnectionLost(error)) {
      const lost = new TradeEtlError('CONNECTION_LOST',
        `connection lost while loading (${error instanceof Error ? error.message : String(error)}); the file's transaction was rolled back, nothing of it was loaded`,
        { file: source.displayPath, cause: error })
      options.log.error({ file: source.displayPath, err: lost }, 'file failed')
      return { ...failed(source.displayPath, format, source.sha256, lost), connectionLost: true }
    }
    options.log.error({ file: source.displayPath, err: error }, 'file failed')
    return failed(source.displayPath, format, source.sha256, error)
  }
}

/**
 * The hot loop: records -> width check -> the layout's mapper, synchronously over each batch the
 * parser holds (an async step per record measured 25 % slower). Every record ends up in exactly
 * one place: a row of a batch or the reject sink. The load turns the rows into COPY text.
 */
async function* produceRows(stream: RecordStream, width: number, map: RowMapper, sink: RejectSink, fused?: BaciLineWriter): AsyncGenerator<TradeRowBatch> {
  const rawWidth = stream.header.length
  // ';' between fields is what Excel writes where the decimal separator is a comma.
  const decimalComma = stream.delimiter === ';'
  for await (const batch of stream.batches) {
    for (const error of batch.errors) sink.reject(error.line, error.undecodable === true ? error.error : `malformed CSV: ${error.error}`, error.raw)
    const { records, lines } = batch
    const rows: TradeRow[] = []
    const rowLines: number[] = []
    for (let n = 0; n < records.length; n++) {
      const fields = records[n] as string[]
      const line = lines[n] as number
      // Trailing delimiters come and go (Comtrade Plus writes one on every line): tolerate a
      // blank column past the named ones, nothing else.
      if (fields.length !== rawWidth && !(fields.length === width || (fields.length === width + 1 && fields[width] === ''))) {
        sink.reject(line, `${fields.length < width ? 'short' : 'long'} row: ${fields.length} fields, the header has ${width}`, fields.join(stream.delimiter))
        continue
      }
      // Read with decimal points; a reject keeps the line as written.
      const row = map(decimalComma ? fields.map(decimalCommaToPoint) : fields)
      if (isReject(row)) {
        sink.reject(line, row.reject, fields.join(stream.delimiter))
        continue
      }
      rows.push(row)
      rowLines.push(line)
    }
    const copied = fused?.take()
    if (rows.length > 0 || (copied !== undefined && copied.length > 0)) yield { rows, lines: rowLines, ...(copied === undefined ? {} : { copied }) }
  }
}

/**
 * The fused writer of a BACI file's plain lines (src/load/baci-copy-lines.ts) when the file has
 * exactly BACI's columns in CEPII's order, comma-separated: it then reads nearly every line
 * straight into COPY text, and the mapper gets the others.
 */
function fusedLines(layout: Layout, records: RecordStream, header: readonly string[], context: LayoutContext, encoder: TradeFactEncoder | undefined): BaciLineWriter | undefined {
  if (encoder === undefined || layout !== BACI || records.delimiter !== ',' || records.header.length !== BACI_COLUMNS.length) return undefined
  if (header.some((name, n) => name !== BACI_COLUMNS[n])) return undefined
  const writer = encoder.baciLines(baciClassification(context), context.latestYear ?? 2100)
  records.readLinesWith((text, start, end, line) => writer.read(text, start, end, line))
  return writer
}

function failed(path: string, format: string, sha256: string, error: unknown): FileSummary {
  return { path, format, sha256, rowsRead: 0, rowsLoaded: 0, rowsRejected: 0, skipped: false, error: describeError(error) }
}
