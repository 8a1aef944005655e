import { Readable } from 'node:stream'
import { parse, type CsvError, type Options as CsvOptions } from 'csv-parse'
import { parse as parseSync } from 'csv-parse/sync'
import { TradeEtlError } from '../errors.ts'
import { BAD_LINE, sniffText, toReadError, type TextEncodingName } from './decode-text.ts'
import { splitQuoted } from './split-quoted.ts'

/** A parsed record and the line it starts on (1-based, header is line 1). */
export interface RecordAt {
  readonly fields: string[]
  readonly line: number
}

/** A record csv-parse could not read (bad quoting): it becomes a reject, not an abort. */
export interface RecordError {
  /** csv-parse's message, or the decoder's reason when `undecodable`. */
  readonly error: string
  /** The record holds a line the decoder refused (bytes of another encoding, a NUL byte). */
  readonly undecodable?: true
  readonly line: number
  readonly raw: string
}

/** Records in arrival order, many at a time: the hot loop runs synchronously over a batch. */
export interface RecordBatch {
  readonly records: readonly string[][]
  /** lines[n] is the line records[n] starts on. */
  readonly lines: readonly number[]
  /** Records csv-parse could not read in this stretch of the file. */
  readonly errors: readonly RecordError[]
  /** Records the line reader took in this stretch (see RecordStream.readLinesWith), not in `records`. */
  readonly taken: number
}

/**
 * Reads one plain record straight from the text: text[start, end) without its line break, the
 * record starting on `line`. True when it took the record (it is then not split into fields and
 * not in any batch's `records`), false to leave it to the split.
 */
export type LineReader = (text: string, start: number, end: number, line: number) => boolean

export interface RecordStream {
  readonly header: string[]
  /** The encoding the text is decoded in; final once the records are read (see SniffedText). */
  readonly encoding: TextEncodingName
  readonly delimiter: string
  readonly firstLine: string
  /** Data records after the header, in batches; blank lines are passed over. Iterate once. */
  readonly batches: AsyncIterable<RecordBatch>
  /** The same records one by one, for callers where speed does not matter. Iterate once. */
  readonly records: AsyncIterable<RecordAt | RecordError>
  /**
   * Offers every record of the plain split (text without quotes, no undecodable line pending)
   * to `reader` before it is split; the records it takes count as handed over, in `taken`. For
   * a layout's fused hot path; records split before the call, quoted ones and those csv-parse
   * reads stay in `records`.
   */
  readLinesWith(reader: LineReader): void
  /**
   * Data records (and unreadable ones) handed over so far. Counted where they leave the reader,
   * not derived from what the loader did with them, so the load can check its own books.
   */
  recordsHandedOver(): number
}

/** The delimiter used most in the header line, outside quotes: ',', tab, ';' or '|'. */
export function sniffDelimiter(line: string): string {
  const counts = new Map<string, number>([[',', 0], ['\t', 0], [';', 0], ['|', 0]])
  let quoted = false
  for (const ch of line) {
    if (ch === '"') quoted = !quoted
    else if (!quoted && counts.has(ch)) counts.set(ch, (counts.get(ch) ?? 0) + 1)
  }
  let best = ','
  let bestCount = 0
  for (const [ch, count] of counts) {
    if (count > bestCount) {
      best = ch
      bestCount = count
    }
  }
  return best
}

/** Most records csv-parse hands over in one batch. */
const MAX_BATCH = 4096

/**
 * Parses delimited text. csv-parse is the parser; text without a quote character (after a
 * quoted header line, if any) takes a plain split instead, which gives the same records (see
 * splitPlain) faster. 1M BACI rows (35 MB), node scripts over readRecords batches: records
 * alone 560k rows/s with csv-parse -> 3.0M rows/s; records -> BACI mapper -> COPY text 343k ->
 * 760k rows/s. From the first stretch of text (~64 KiB) holding a quote on, csv-parse reads the
 * rest of the file, as it did all of it before.
 *
 * Line numbers are counted here rather than with csv-parse's `info` option, which builds an
 * object per record and measured 2.5x slower (564k -> 228k rows/s on 1M BACI rows): a record's
 * line is the previous record's plus one plus any line breaks inside its fields.
 */
export async function readRecords(bytes: Readable, file: string, signal?: AbortSignal): Promise<RecordStream> {
  const sniffed = await sniffText(bytes, file)
  const delimiter = sniffDelimiter(sniffed.firstLine)
  const text = sniffed.text[Symbol.asyncIterator]()
  const read = async (): Promise<string | undefined> => {
    if (signal?.aborted === true) throw toReadError(signal.reason, file)
    try {
      const next = await text.next()
      return next.done === true ? undefined : next.value
    } catch (error) {
      throw toReadError(error, file)
    }
  }

  let header: string[] | undefined
  let nextLine = 1
  /** Records produced so far, the header included. */
  let emitted = 0

  let records: string[][] = []
  let lines: number[] = []
  let errors: RecordError[] = []
  let taken = 0
  let lineReader: LineReader | undefined
  const badLines = sniffed.badLines
  /**
   * The reasons for the lines the decoder marked bad in a record (or an unreadable one), joined;
   * undefined when it holds none. The marks come in the order of the reasons.
   */
  const badReason = (fields: readonly string[]): string | undefined => {
    let reasons: string[] | undefined
    for (const f of fields) {
      for (let at = f.indexOf(BAD_LINE); at >= 0; at = f.indexOf(BAD_LINE, at + 1)) (reasons ??= []).push(badLines.shift() ?? 'undecodable line')
    }
    return reasons?.join('; ')
  }
  /** One record, in arrival order: the first is the header; blank lines are passed over. */
  const take = (fields: string[], line: number): void => {
    emitted++
    // Hot path: one length check per record while the decoder has marked no line.
    if (badLines.length > 0) {
      const reason = badReason(fields)
      if (reason !== undefined) {
        if (header === undefined) {
          header = fields.map((f) => f.replaceAll(BAD_LINE, ''))
        } else {
          errors.push({ line, error: reason, undecodable: true, raw: fields.join(delimiter).replaceAll(BAD_LINE, '') })
        }
        return
      }
    }
    if (header === undefined) {
      header = fields
    } else if (fields.length !== 1 || !isBlank(fields[0] as string)) {
      records.push(fields)
      lines.push(line)
    }
  }
  /** A plain record text[start, end) starting on `line`: to the line reader, else split. */
  const takePlain = (text: string, start: number, end: number, line: number): void => {
    if (lineReader !== undefined && header !== undefined && badLines.length === 0 && lineReader(text, start, end, line)) {
      emitted++
      taken++
    } else {
      take(splitFields(text, start, end, delimiter), line)
    }
  }
  const takeBatch = (): RecordBatch => {
    const batch = { records, lines, errors, taken }
    records = []
    lines = []
    errors = []
    taken = 0
    return batch
  }

  // Plain-split state: `carry` is text from a record boundary on, not split yet.
  let carry = ''
  let recordDelimiter: '\n' | '\r\n' | undefined
  let bomChecked = false
  let ended = false
  /** Set once the text holds a quote: the rest goes through splitQuotedText. */
  let quoted = false
  let csv: CsvReader | undefined
  /** csv-parse's line count at the end of what the plain split consumed (see startCsv). */
  let csvLines = 1

  /**
   * Splits what `carry` holds of whole records, or hands the rest of the file to csv-parse when
   * the text is not plain. csv-parse with our options reads text without a quote character as
   * exactly this: a BOM at the very start is dropped; the first CR or LF decides the record
   * delimiter ('\r\n' when a CR is followed by LF, else '\n'; a lone CR, old Mac files, goes to
   * csv-parse); every delimiter ends a record, blank lines included (['']), and other CRs and
   * LFs are field characters; the text after the last delimiter is a record unless empty; a
   * field is the text between two delimiter characters. tests/read-records.test.ts compares the
   * two on random text.
   */
  const splitPlain = (): void => {
    let s = carry
    if (!bomChecked) {
      if (s.length === 0 && !ended) return
      if (s.charCodeAt(0) === 0xfeff) s = s.slice(1)
      bomChecked = true
    }
    if (header === undefined && recordDelimiter === undefined && s.indexOf('"') >= 0) {
      // A quoted header ("t","i",... as some BACI releases write it) need not send the whole
      // file to csv-parse: csv-parse reads the first line alone, and if that is one whole record
      // its state after it is a clean record boundary, where the split can take over.
      const lf = s.indexOf('\n')
      if (lf < 0 && !ended) {
        carry = s
        return
      }
      const fields = lf < 0 ? undefined : readOneRecord(s.slice(0, lf + 1), delimiter)
      if (fields !== undefined) {
        const crlf = lf > 0 && s.charCodeAt(lf - 1) === 13
        take(fields, 1)
        nextLine = 2
        csvLines = 2 + countChar(s, '\r', 0, lf) - (crlf ? 1 : 0)
        recordDelimiter = crlf ? '\r\n' : '\n'
        s = s.slice(lf + 1)
      }
    }
    if (!quoted && s.indexOf('"') >= 0) {
      // Quoted text goes to splitQuoted once the record delimiter is known (or is the first line
      // break, before any quote); csv-parse takes over at the first record it calls irregular.
      const q = s.indexOf('"')
      const lineBreak = s.search(/[\r\n]/)
      quoted = recordDelimiter !== undefined || (lineBreak >= 0 && lineBreak < q)
      if (!quoted) {
        csv = startCsv(s)
        carry = ''
        return
      }
    }
    if (recordDelimiter === undefined) {
      const lf = s.indexOf('\n')
      const cr = s.indexOf('\r')
      if (cr >= 0 && (lf < 0 || cr < lf)) {
        if (cr + 1 === s.length && !ended) {
          carry = s
          return
        }
        if (s.charCodeAt(cr + 1) !== 10) {
          csv = startCsv(s)
          carry = ''
          return
        }
        recordDelimiter = '\r\n'
      } else if (lf >= 0) {
        recordDelimiter = '\n'
      }
    }
    if (quoted) {
      splitQuotedText(s)
      return
    }
    let pos = 0
    if (recordDelimiter !== undefined) {
      const rd = recordDelimiter
      const crlf = rd === '\r\n'
      const last = s.lastIndexOf(rd)
      let delimiters = 0
      while (pos <= last) {
        const end = s.indexOf(rd, pos)
        const line = nextLine
        // In a CRLF file a lone LF is a field character, but it still counts as a line.
        nextLine += crlf ? 1 + countChar(s, '\n', pos, end) : 1
        takePlain(s, pos, end, line)
        pos = end + rd.length
        delimiters++
      }
      // csv-parse's count: every CR and every LF, a CRLF delimiter once.
      csvLines += crlf ? countChar(s, '\r', 0, pos) + countChar(s, '\n', 0, pos) - delimiters : delimiters + countChar(s, '\r', 0, pos)
    }
    carry = pos === 0 ? s : s.slice(pos)
    if (ended && carry.length > 0) {
      const line = nextLine
      nextLine += 1 + countChar(carry, '\n', 0, carry.length)
      takePlain(carry, 0, carry.length, line)
      carry = ''
    }
  }

  /** splitPlain's part for quoted text: splitQuoted, then csv-parse from an irregular record on. */
  function splitQuotedText(s: string): void {
    if (recordDelimiter === undefined && !ended) {
      carry = s
      return
    }
    const crlf = recordDelimiter === '\r\n'
    const split = splitQuoted(s, 0, delimiter, crlf, ended, (fields, newlines) => {
      const line = nextLine
      nextLine += 1 + newlines
      take(fields, line)
    })
    // csv-parse's count, as in splitPlain.
    csvLines += crlf ? countChar(s, '\r', 0, split.end) + countChar(s, '\n', 0, split.end) - split.delimiters : split.delimiters + countChar(s, '\r', 0, split.end)
    const rest = split.end === 0 ? s : s.slice(split.end)
    if (split.irregular) {
      csv = startCsv(rest)
      carry = ''
    } else {
      carry = rest
    }
  }

  /** csv-parse from here on, picking up its state at a record boundary. */
  function startCsv(rest: string): CsvReader {
    async function* remaining(): AsyncGenerator<string> {
      if (rest.length > 0) yield rest
      if (ended) return
      for (let chunk = await read(); chunk !== undefined; chunk = await read()) yield chunk
    }
    const options: CsvOptions = {
      delimiter,
      // The plain split already dropped a BOM at the start of the text.
      bom: !bomChecked,
      ...(recordDelimiter === undefined ? {} : { record_delimiter: recordDelimiter }),
    }
    return new CsvReader(remaining(), options, file, { records: emitted, nextLine, csvLines }, signal)
  }

  /** The next stretch of records (maybe none); undefined once the text is exhausted. */
  async function nextBatch(): Promise<RecordBatch | undefined> {
    for (;;) {
      if (csv !== undefined) {
        const batch = await csv.next()
        if (batch === undefined) return undefined
        for (const error of batch.errors) {
          const reason = badLines.length > 0 ? badReason([error.raw]) : undefined
          errors.push(reason === undefined ? error : { line: error.line, error: reason, undecodable: true, raw: error.raw.replaceAll(BAD_LINE, '') })
        }
        for (let n = 0; n < batch.records.length; n++) {
          const fields = batch.records[n] as string[]
          const line = batch.lines[n] as number
          take(fields, line)
        }
        nextLine = csv.nextLine
        return takeBatch()
      }
      if (ended) return undefined
      const chunk = await read()
      if (chunk === undefined) ended = true
      else carry = carry.length === 0 ? chunk : carry + chunk
      splitPlain()
      if (records.length > 0 || errors.length > 0 || taken > 0 || header === undefined || ended) return takeBatch()
    }
  }

  let pending: RecordBatch | undefined
  while (header === undefined) {
    const batch = await nextBatch()
    if (header !== undefined) {
      pending = batch
      break
    }
    if (batch === undefined) throw new TradeEtlError('FILE_EMPTY', 'the file has no header line', { file })
  }

  let handedOver = 0
  async function* batches(): AsyncGenerator<RecordBatch> {
    if (pending !== undefined && (pending.records.length > 0 || pending.errors.length > 0)) {
      handedOver += pending.records.length + pending.errors.length
      yield pending
    }
    pending = undefined
    for (let batch = await nextBatch(); batch !== undefined; batch = await nextBatch()) {
      if (batch.records.length > 0 || batch.errors.length > 0 || batch.taken > 0) {
        handedOver += batch.records.length + batch.errors.length + batch.taken
        yield batch
      }
    }
  }

  const batchIterable = batches()
  async function* oneByOne(): AsyncGenerator<RecordAt | RecordError> {
    for await (const batch of batchIterable) {
      yield* batch.errors
      for (let n = 0; n < batch.records.length; n++) yield { fields: batch.records[n] as string[], line: batch.lines[n] as number }
    }
  }

  return {
    header: header as string[],
    get encoding() {
      return sniffed.encoding
    },
    delimiter, firstLine: sniffed.firstLine, batches: batchIterable, records: oneByOne(),
    recordsHandedOver: () => handedOver,
    readLinesWith: (reader) => {
      lineReader = reader
    },
  }
}

/**
 * csv-parse over the rest of a file, from a record boundary. `before` says what came before it:
 * records (the header included), our next line number, and csv-parse's own line count there
 * (it counts every CR and LF, so it runs ahead of ours in files with line breaks in fields).
 */
class CsvReader {
  #nextLine: number
  #emitted: number
  #ended = false
  #failure: unknown
  readonly #parser: ReturnType<typeof parse>
  readonly #skipped: { readonly after: number; readonly error: RecordError }[] = []
  readonly #file: string

  constructor(
    text: AsyncIterable<string>, options: CsvOptions, file: string,
    before: { readonly records: number; readonly nextLine: number; readonly csvLines: number }, signal?: AbortSignal,
  ) {
    this.#file = file
    this.#nextLine = before.nextLine
    this.#emitted = before.records
    const info = (): { records: number; lines: number } => parser.info
    const parser = parse({
      ...options,
      ...CSV_OPTIONS,
      on_skip: (error: CsvError | undefined, raw: string | undefined) => {
        this.#skipped.push({
          after: before.records + info().records,
          error: { error: error?.message ?? 'unreadable record', line: Number((error as { lines?: unknown } | undefined)?.lines ?? info().lines), raw: raw ?? '' },
        })
        return undefined
      },
    })
    // Continue csv-parse's line count from where the plain split stopped, so that error lines
    // (and the line in the message) are the file's, as if one parser had read it all.
    ;(parser.info as { lines: number }).lines = before.csvLines
    this.#parser = parser
    const source = Readable.from(text, { objectMode: true, ...(signal === undefined ? {} : { signal }) })
    source.on('error', (error) => parser.destroy(toReadError(error, file)))
    source.pipe(parser)
    parser.on('end', () => (this.#ended = true))
    parser.on('error', (error) => (this.#failure = error))
  }

  get nextLine(): number {
    return this.#nextLine
  }

  /** Resolves when the parser has records to read, has ended, or failed. */
  #readable(): Promise<void> {
    const parser = this.#parser
    return new Promise<void>((resolve) => {
      if (this.#ended || this.#failure !== undefined || parser.readableLength > 0) return resolve()
      const done = () => {
        parser.off('readable', done)
        parser.off('end', done)
        parser.off('error', done)
        resolve()
      }
      parser.on('readable', done)
      parser.on('end', done)
      parser.on('error', done)
    })
  }

  /** Records the parser holds now, with their lines and the errors before them; undefined at the end. */
  async next(): Promise<RecordBatch | undefined> {
    for (;;) {
      if (this.#ended && this.#parser.readableLength === 0) {
        const rest = this.#skipped.splice(0).map((s) => s.error)
        return rest.length > 0 ? { records: [], lines: [], errors: rest, taken: 0 } : undefined
      }
      await this.#readable()
      if (this.#failure !== undefined) throw toReadError(this.#failure, this.#file)
      const records: string[][] = []
      const lines: number[] = []
      const errors: RecordError[] = []
      let fields: string[] | null
      while (records.length < MAX_BATCH && (fields = this.#parser.read() as string[] | null) !== null) {
        while (this.#skipped.length > 0 && (this.#skipped[0]?.after ?? Infinity) <= this.#emitted) {
          const skip = this.#skipped.shift() as { readonly after: number; readonly error: RecordError }
          errors.push(skip.error)
          this.#nextLine = skip.error.line + 1
        }
        this.#emitted++
        lines.push(this.#nextLine)
        this.#nextLine += 1 + newlinesIn(fields)
        records.push(fields)
      }
      if (records.length > 0 || errors.length > 0) return { records, lines, errors, taken: 0 }
    }
  }
}

/** The options every csv-parse here runs with, besides the delimiter and where it starts. */
const CSV_OPTIONS = { relax_column_count: true, relax_quotes: true, skip_records_with_error: true } as const

/**
 * The record in `line` (a first line, its line break included) as csv-parse reads it, or
 * undefined unless that is exactly one record read without error.
 */
function readOneRecord(line: string, delimiter: string): string[] | undefined {
  let failed = false
  const records = parseSync(line, { delimiter, bom: false, ...CSV_OPTIONS, on_skip: () => void (failed = true) }) as string[][]
  return records.length === 1 && !failed ? records[0] : undefined
}

/** Fields of the record being split; splitFields hands out exact-size copies. */
const scratch: string[] = []

/**
 * The fields of text[start, end), split at `delimiter` (one character). The array comes from
 * `slice`, not from a `[]` literal grown by push: V8 tracks how many objects made by a literal
 * survive young GCs and, when a GC caught a batch in flight, went on allocating every row's
 * array straight in the old generation. About 1 run in 7 of `trade-etl ingest` on 1M BACI rows
 * (server) did so: 265 MB promoted instead of 15, peak RSS 201-213 MB instead of ~150 MB
 * (`node --trace-gc-nvp`; none in 16 runs with --no-allocation-site-pretenuring, none in 39
 * with this). slice also allocates the exact size: 64 bytes for six fields, not 152.
 */
function splitFields(text: string, start: number, end: number, delimiter: string): string[] {
  let n = 0
  let from = start
  for (;;) {
    const at = text.indexOf(delimiter, from)
    if (at < 0 || at >= end) {
      scratch[n++] = text.slice(from, end)
      break
    }
    scratch[n++] = text.slice(from, at)
    from = at + 1
  }
  const fields = scratch.slice(0, n)
  // Drop the references, so the scratch array keeps no field of this record alive.
  for (let i = 0; i < n; i++) scratch[i] = ''
  return fields
}

/** How many times `ch` occurs in text[start, end). */
function countChar(text: string, ch: string, start: number, end: number): number {
  let n = 0
  for (let i = text.indexOf(ch, start); i >= 0 && i < end; i = text.indexOf(ch, i + 1)) n++
  return n
}

function newlinesIn(fields: readonly string[]): number {
  let n = 0
  for (const f of fields) {
    if (f.length > 0 && f.indexOf('\n') >= 0) {
      for (let i = f.indexOf('\n'); i >= 0; i = f.indexOf('\n', i + 1)) n++
    }
  }
  return n
}

/** A one-field record of nothing but line breaks (LFs at the end of a CRLF file) is a blank line. */
function isBlank(field: string): boolean {
  for (let i = 0; i < field.length; i++) {
    const c = field.charCodeAt(i)
    if (c !== 10 && c !== 13) return false
  }
  return true
}
