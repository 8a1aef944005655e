import { basename } from 'node:path'
import { describeError, TradeEtlError } from '../errors.ts'
import { listInputs, openSources, readRecords, type RecordStream, type SourceHandle } from '../extract/index.ts'
import { findLoadedSource, isConnectionLost, loadTradeSource, type RejectSink, type Warehouse } from '../load/index.ts'
import { bindCopyWriter, detectLayout, normalizeHeader, type CopyWriter, type SourceFormat } from '../transform/index.ts'
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

export interface IngestOptions {
  readonly format?: SourceFormat | 'auto'
  readonly runId?: number | null
  readonly log: Logger
  readonly signal?: AbortSignal
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
      options.log.error({ file: input, err: describeError(error) }, 'file failed')
    }
  }
  for (const file of files) {
    let sources: SourceHandle[]
    try {
      sources = await openSources(file, options.signal)
    } catch (error) {
      summaries.push(failed(file, options.format ?? 'auto', '', error))
      options.log.error({ file, err: describeError(error) }, 'file failed')
      continue
    }
    for (const source of sources) {
      let summary = await ingestSource(wh, source, sources.length > 1, options)
      // A dropped connection is retried once, on a new one (the failed one is not reused):
      // the first attempt rolled back, so the retry starts from a clean warehouse.
      if (summary?.connectionLost === true) {
        options.log.warn({ file: source.displayPath }, 'connection lost, retrying the file once')
        summary = await ingestSource(wh, source, sources.length > 1, options)
        if (summary !== undefined && summary.error === undefined) summary = { ...summary, retried: true }
      }
      if (summary !== undefined) {
        const { connectionLost: _, ...shown } = summary
        summaries.push(shown)
        continue
      }
    }
  }
  return summaries
}

async function ingestSource(wh: Warehouse, source: SourceHandle, inArchive: boolean, options: IngestOptions): Promise<FileSummary | undefined> {
  const started = performance.now()
  const format = options.format ?? 'auto'
  try {
    const known = await findLoadedSource(wh, source.sha256, source.member)
    if (known !== undefined) {
      options.log.info({ file: source.displayPath }, 'file skipped, already loaded')
      return { path: source.displayPath, format: known.format, sha256: source.sha256, rowsRead: known.rows_read, rowsLoaded: known.rows_loaded, rowsRejected: known.rows_rejected, skipped: true }
    }
    let first: RecordStream | undefined = await readRecords(await source.open(), source.displayPath, options.signal)
    const layout = detectLayout(first.header, format)
    if (layout === null) {
      const side = sideTableKind(first.header)
      if (side !== null) {
        const loaded = await loadSideTable(wh, side, first, source)
        options.log.info({ file: source.displayPath, table: side, ...loaded }, 'reference table loaded')
        return undefined
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
      produce: async (fileId, sink, signal) => {
        const records = first ?? await readRecords(await source.open(), source.displayPath, signal)
        first = undefined
        const header = normalizeHeader(records.header)
        const writer = bindCopyWriter(layout, header, {
          fileName: source.fileName || basename(source.path), latestYear: (options.now?.() ?? new Date()).getUTCFullYear(),
        }, fileId)
        return {
          columns: writer.columns, chunks: produceCopyChunks(records, header.length, writer, sink),
          recordsRead: () => records.recordsHandedOver(), encoding: () => records.encoding,
        }
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
    options.log.error({ file: source.displayPath, err: describeError(error) }, 'file failed')
    return failed(source.displayPath, format, source.sha256, error)
  }
}

/**
 * The hot loop: records -> width check -> the layout's COPY writer, synchronously over each
 * batch the parser holds (an async step per record measured 25 % slower). Every record ends up
 * in exactly one place: a COPY line or the reject sink.
 */
async function* produceCopyChunks(stream: RecordStream, width: number, writer: CopyWriter, sink: RejectSink): AsyncGenerator<Buffer> {
  const rawWidth = stream.header.length
  for await (const batch of stream.batches) {
    for (const error of batch.errors) sink.reject(error.line, error.undecodable === true ? error.error : `malformed CSV: ${error.error}`, error.raw)
    const { records, lines } = batch
    let chunk = ''
    for (let n = 0; n < records.length; n++) {
      const fields = records[n] as string[]
      const line = lines[n] as number
      // Trailing delimiters come and go (Comtrade Plus writes one on every line): tolerate a
      // blank column past the named ones, nothing else.
      if (fields.length !== rawWidth && !(fields.length === width || (fields.length === width + 1 && fields[width] === ''))) {
        sink.reject(line, `${fields.length < width ? 'short' : 'long'} row: ${fields.length} fields, the header has ${width}`, fields.join(stream.delimiter))
        continue
      }
      const out = writer.write(fields, line)
      if (typeof out !== 'string') {
        sink.reject(line, out.reject, fields.join(stream.delimiter))
        continue
      }
      chunk += out
      if (chunk.length >= COPY_CHUNK) {
        yield Buffer.from(chunk)
        chunk = ''
      }
    }
    if (chunk.length > 0) yield Buffer.from(chunk)
  }
}

/**
 * Characters of COPY text per chunk handed to the load, as bytes. Below V8's large-object size
 * (128 KiB): flat strings past it go to the large-object space, which only a full GC frees (5M
 * BACI rows, one chunk per parser batch: 34 MB of large objects at peak RSS 229 MB). Bytes, not
 * the string: a chunk is a tree of some 5000 small strings until it is flattened, and a queue
 * of them waiting for the server outlives young GCs (1M rows into a sink as slow as the server,
 * 16 chunks queued: 18.8 -> 5.4 MB promoted). COPY sends bytes anyway: no extra work.
 */
const COPY_CHUNK = 32 * 1024

function failed(path: string, format: string, sha256: string, error: unknown): FileSummary {
  return { path, format, sha256, rowsRead: 0, rowsLoaded: 0, rowsRejected: 0, skipped: false, error: describeError(error) }
}
