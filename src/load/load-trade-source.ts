import { createReadStream, createWriteStream, rmSync, type WriteStream } from 'node:fs'
import { basename } from 'node:path'
import { finished } from 'node:stream/promises'
import { sql } from 'kysely'
import type { SourceFormat, TradeRow } from '../transform/index.ts'
import { TradeEtlError } from '../errors.ts'
import type { Warehouse, WarehouseTx } from './warehouse.ts'
import { makeSpoolDir } from './spool.ts'
import { copyField, FACT_COLUMNS, FACT_KEY, TRADE_FLOW_KEY, TradeFactEncoder } from './trade-flow-table.ts'

/** Where the producer of a file's rows reports what did not become a row. */
export interface RejectSink {
  reject(line: number, reason: string, raw: string): void
}

/** Trade rows of a source in arrival order, many at a time; lines[n] is the line of rows[n]. */
export interface TradeRowBatch {
  readonly rows: readonly TradeRow[]
  readonly lines: readonly number[]
  /** COPY text of core.trade_fact written straight from the file's text (BaciLineWriter), besides `rows`. */
  readonly copied?: readonly Buffer[]
}

/** A source ready to load: identity, description, and a way to (re)produce its rows. */
export interface TradeSourceLoad {
  readonly sha256: string
  readonly member: string
  readonly displayPath: string
  readonly bytes: number
  readonly format: SourceFormat
  readonly layout: string
  readonly encoding: string
  readonly runId: number | null
  /**
   * The slice this source is a release of (a URL as configured, redacted), when it is published
   * whole: withdrawReplacedFlows then takes out what an older release of it had and this one has not.
   */
  readonly slice?: string
  /**
   * The source's rows, reporting what did not become a row to the sink. Called again from the
   * start if the fast path has to be abandoned. `encoder` is the load's: a producer may write
   * COPY text with it itself (TradeRowBatch.copied).
   */
  produce(sink: RejectSink, signal: AbortSignal | undefined, encoder: TradeFactEncoder): Promise<SourceRows>
}

/** The rows of a source and the reader's own count of the records it read. */
export interface SourceRows {
  readonly batches: AsyncIterable<TradeRowBatch>
  /**
   * Input records the reader handed over, counted by the reader (read once `batches` is done).
   * The load's own books must add up to it: loaded + rejected == read, or nothing is committed.
   */
  recordsRead(): number
  /** The encoding the text was decoded in, final once `chunks` is done (etl.source_file.encoding). */
  encoding?(): string
}

export interface TradeSourceResult {
  readonly fileId: number
  readonly rowsRead: number
  readonly rowsLoaded: number
  readonly rowsRejected: number
  readonly revised: number
  readonly skipped: boolean
  readonly encoding: string
}

const UNIQUE_VIOLATION = '23505'
const FACT_COPY = `(${FACT_COLUMNS.join(', ')}) from stdin`

/**
 * Loads one source in one transaction. The fast path COPYs straight into core.trade_fact: a
 * first load of new data (the common case) costs one COPY. When a key is already there (a
 * revised release, an overlapping download) or repeats within the file, the COPY fails on the
 * primary key; the savepoint is rolled back and the rows go through a temporary staging table
 * and set-based SQL that moves replaced values to core.trade_flow_revision.
 */
export async function loadTradeSource(wh: Warehouse, load: TradeSourceLoad, signal?: AbortSignal): Promise<TradeSourceResult> {
  const known = await findLoadedSource(wh, load.sha256, load.member)
  if (known !== undefined) {
    return { fileId: known.file_id, rowsRead: known.rows_read, rowsLoaded: known.rows_loaded, rowsRejected: known.rows_rejected, revised: 0, skipped: true, encoding: load.encoding }
  }

  return wh.transaction(async (tx) => {
    // Loads into core.trade_flow are serialized across processes by one transaction-level
    // advisory lock (MERGE_LOCK), taken before the first row: two loads of overlapping keys in
    // opposite order would otherwise each hold keys the other waits for (a deadlock, one load
    // failed). Under it, a source a concurrent process just loaded is seen and skipped, never a
    // unique violation on etl.source_file.
    await sql`select pg_advisory_xact_lock(hashtext(${MERGE_LOCK}))`.execute(tx.db)
    // What the session does, for pg_stat_activity (and `status` during a first load, reports.ts).
    if (wh.engine === 'server') await sql`select set_config('application_name', ${`trade-etl loading ${basename(load.displayPath)}`.slice(0, 63)}, true)`.execute(tx.db)
    const raced = await findLoadedSource(tx, load.sha256, load.member)
    if (raced !== undefined) {
      return { fileId: raced.file_id, rowsRead: raced.rows_read, rowsLoaded: raced.rows_loaded, rowsRejected: raced.rows_rejected, revised: 0, skipped: true, encoding: load.encoding }
    }
    const { file_id: fileId } = await tx.db
      .insertInto('etl.source_file')
      .values({
        sha256: load.sha256, member: load.member, path: load.displayPath, format: load.format, layout: load.layout,
        encoding: load.encoding, bytes: load.bytes, rows_read: 0, rows_loaded: 0, rows_rejected: 0, run_id: load.runId,
        slice: load.slice ?? null,
      })
      .returning('file_id')
      .executeTakeFirstOrThrow()

    const encoder = await TradeFactEncoder.open(tx, load.format, fileId)
    let rejects = new RejectSpool(fileId, wh.spoolDir)
    let loaded: number
    let read: number
    let revised = 0
    let encoding = load.encoding
    await sql`savepoint fast_path`.execute(tx.db)
    try {
      // Into an empty table the key is built once after the COPY, by a sort, instead of one
      // index insert per row (as pg_restore does); a repeated key then fails the build, not the COPY.
      const keyAfter = await dropKeyOfEmptyFacts(tx)
      const rows = await load.produce(rejects, signal, encoder)
      const chunks = encodeChunks(rows.batches, encoder)
      const copySql = `copy core.trade_fact ${FACT_COPY}`
      const addKey = () => sql`alter table core.trade_fact add constraint trade_fact_pkey primary key (${FACT_KEY_SQL})`.execute(tx.db)
      if (keyAfter && wh.engine === 'embedded') {
        // The build is one call into PGlite that no signal interrupts: it gets the first rows
        // only, and the rest go in with the key in place (firstLoadTuning).
        const split = new RowSplit(chunks, firstLoadTuning.embeddedRowsBeforeKey)
        try {
          loaded = await tx.copyFrom(copySql, split.head(), signal)
          await addKey()
          signal?.throwIfAborted()
          loaded += await tx.copyFrom(copySql, split.rest(), signal)
        } finally {
          await split.close()
        }
      } else {
        loaded = await tx.copyFrom(copySql, chunks, signal)
        if (keyAfter) await addKey()
      }
      read = rows.recordsRead()
      encoding = rows.encoding?.() ?? encoding
      await sql`release savepoint fast_path`.execute(tx.db)
    } catch (error) {
      if ((error as { code?: string }).code !== UNIQUE_VIOLATION) throw error
      await sql`rollback to savepoint fast_path`.execute(tx.db)
      rejects.discard()
      rejects = new RejectSpool(fileId, wh.spoolDir)
      ;({ loaded, revised, read, encoding } = await mergeThroughStaging(tx, load, encoder, fileId, rejects, signal))
    }
    // The codes this load met first, whichever path wrote its rows (ids the encoder handed out
    // in a rolled-back fast path are still free: the dimension tables stay locked).
    await encoder.saveNewCodes(tx)

    const rejected = await rejects.copyInto(tx)
    if (read !== loaded + rejected) {
      // Thrown inside the transaction: the source's rows, rejects and bookkeeping roll back.
      throw new TradeEtlError('ROW_COUNT_MISMATCH',
        `the load does not add up: ${read} records read, ${loaded} loaded + ${rejected} rejected; nothing was loaded (a bug: please report it with the file)`,
        { file: load.displayPath })
    }
    await tx.db
      .updateTable('etl.source_file')
      .set({ rows_read: read, rows_loaded: loaded, rows_rejected: rejected, encoding })
      .where('file_id', '=', fileId)
      .execute()
    return { fileId, rowsRead: read, rowsLoaded: loaded, rowsRejected: rejected, revised, skipped: false, encoding }
  })
}

/**
 * `embeddedRowsBeforeKey`: rows a first load into the embedded engine copies before it builds
 * the key; the rest of the file goes in with the key in place. The build is one call into PGlite, which no signal
 * interrupts (a SIGTERM waits for it): this bounds the wait to the build over these rows,
 * ~2 s, as a 512 KiB COPY piece bounds it during the COPY. Measured, PGlite alone, 1M BACI
 * rows: 6.6-8.2 s with the key in place against 2.3-3.0 s without it + 1.8-2.0 s to build it.
 * A setting for tests, which load files of a few rows.
 */
export const firstLoadTuning = { embeddedRowsBeforeKey: 1_000_000 }

/**
 * A stream of COPY chunks, each ending at a row's end, read in two parts: `head()` up to the
 * chunk that reaches `rows` rows (or, should one not end a row, the next one that does), then
 * `rest()`. `close()` ends the source if a part was left unread.
 */
export class RowSplit {
  readonly #source: AsyncIterator<Buffer>
  readonly #rows: number
  #done = false

  constructor(source: AsyncIterable<Buffer>, rows: number) {
    this.#source = source[Symbol.asyncIterator]()
    this.#rows = rows
  }

  async *head(): AsyncGenerator<Buffer> {
    let rows = 0
    let atRowEnd = true
    while (rows < this.#rows || !atRowEnd) {
      const next = await this.#source.next()
      if (next.done === true) {
        this.#done = true
        return
      }
      const chunk = next.value
      for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) rows++
      atRowEnd = chunk.length === 0 ? atRowEnd : chunk[chunk.length - 1] === 10
      yield chunk
    }
  }

  async *rest(): AsyncGenerator<Buffer> {
    while (!this.#done) {
      const next = await this.#source.next()
      if (next.done === true) this.#done = true
      else yield next.value
    }
  }

  async close(): Promise<void> {
    if (this.#done) return
    this.#done = true
    await this.#source.return?.()
  }
}

/**
 * When core.trade_fact holds no row, drops its primary key for the rest of the transaction (the
 * load adds it back after its COPY) and says so. Measured on 1M BACI rows (server CPU of the COPY
 * text replayed with COPY FROM a file): 2.1-2.5 s with the key in place, 1.0-1.1 s without it +
 * 0.55-0.64 s to build it; on 5M, 15.4 s against 7.9 + 3.6 s (PGlite: 6.6-8.2 s against
 * 2.3-3.0 + 1.8-2.0 s). Dropping the key takes the table's
 * ACCESS EXCLUSIVE lock until commit: readers of the empty table wait for the first load instead
 * of counting nothing. Anything in the way (a reader holding the table past a second, a loading
 * role that does not own it) leaves the key where it is and the load takes the usual path.
 * On the embedded engine the build is one call into PGlite that nothing interrupts (1.8-2.0 s
 * per 1M rows) and SIGTERM must stop a load within seconds (README, Stopping), so it builds the
 * key after the first firstLoadTuning.embeddedRowsBeforeKey rows. On the server a signal during
 * the build waits for it (0.55-0.64 s per 1M rows).
 */
async function dropKeyOfEmptyFacts(tx: WarehouseTx): Promise<boolean> {
  const empty = await sql<{ any: boolean }>`select exists (select 1 from core.trade_fact) as any`.execute(tx.db)
  if (empty.rows[0]?.any !== false) return false
  await sql`savepoint drop_key`.execute(tx.db)
  try {
    const previous = await sql<{ timeout: string }>`select current_setting('lock_timeout') as timeout`.execute(tx.db)
    await sql`select set_config('lock_timeout', '1s', true)`.execute(tx.db)
    await sql`alter table core.trade_fact drop constraint trade_fact_pkey`.execute(tx.db)
    await sql`select set_config('lock_timeout', ${previous.rows[0]?.timeout ?? '0'}, true)`.execute(tx.db)
    await sql`release savepoint drop_key`.execute(tx.db)
    return true
  } catch {
    await sql`rollback to savepoint drop_key`.execute(tx.db)
    return false
  }
}

/** The advisory lock every load holds for its transaction (documented in docs/robustness.md). */
export const MERGE_LOCK = 'trade-etl:load-trade-flow'

/** The bookkeeping row of a source already loaded with these bytes, if any. */
export function findLoadedSource(wh: Pick<Warehouse, 'db'>, sha256: string, member: string) {
  return wh.db
    .selectFrom('etl.source_file')
    .select(['file_id', 'format', 'rows_read', 'rows_loaded', 'rows_rejected'])
    .where('sha256', '=', sha256)
    .where('member', '=', member)
    .executeTakeFirst()
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

/** The rows as COPY text of core.trade_fact, synchronously over each batch (the hot loop). */
async function* encodeChunks(batches: AsyncIterable<TradeRowBatch>, encoder: TradeFactEncoder): AsyncGenerator<Buffer> {
  for await (const { rows, lines, copied } of batches) {
    if (copied !== undefined) yield* copied
    let chunk = ''
    for (let n = 0; n < rows.length; n++) {
      chunk += encoder.encode(rows[n] as TradeRow, lines[n] as number)
      if (chunk.length >= COPY_CHUNK) {
        yield Buffer.from(chunk)
        chunk = ''
      }
    }
    if (chunk.length > 0) yield Buffer.from(chunk)
  }
}

/** The natural key of core.trade_flow from a core.trade_fact row aliased `f`, decoded through the dimensions. */
const DECODE_JOINS = sql`
  join core.dim_series ds on ds.series_id = f.series_id
  join core.dim_period dp on dp.period_id = f.period_id
  join core.dim_country dr on dr.country_id = f.reporter_id
  join core.dim_country dpa on dpa.country_id = f.partner_id
  join core.dim_product dpr on dpr.product_id = f.product_id`
const DECODED_KEY: Record<(typeof TRADE_FLOW_KEY)[number], string> = {
  source_format: 'ds.source_format', classification: 'ds.classification', period: 'dp.period', reporter_code: 'dr.code',
  partner_code: 'dpa.code', partner2_code: 'ds.partner2_code', customs_code: 'ds.customs_code', mot_code: 'ds.mot_code',
  flow: 'ds.flow', product_code: 'dpr.code',
}
const FACT_KEY_SQL = sql.raw(FACT_KEY.join(', '))
/** The values core.trade_fact_superseded keeps of an identical replacement (sql/0061). */
const SUPERSEDED_VALUES_SQL = sql.raw('year, is_primary, reporter_iso3, partner_iso3, value, currency, net_mass_t, quantity, quantity_unit')
const FACT_COLUMNS_SQL = sql.raw(FACT_COLUMNS.join(', '))
/** What core.trade_flow_revision keeps of a row of core.trade_fact aliased `f`, and its columns. */
const REVISION_COLUMNS_SQL = sql.raw(`${TRADE_FLOW_KEY.join(', ')}, value, currency, net_mass_t, quantity, file_id, line, year, is_primary, reporter_iso3, partner_iso3, quantity_unit`)
const DECODED_REVISION_SQL = sql.raw(`${TRADE_FLOW_KEY.map((c) => `${DECODED_KEY[c]} as ${c}`).join(', ')}, f.value, f.currency, f.net_mass_t, f.quantity, f.file_id, f.line, f.year, f.is_primary, f.reporter_iso3, f.partner_iso3, f.quantity_unit`)

async function mergeThroughStaging(
  tx: WarehouseTx, load: TradeSourceLoad, encoder: TradeFactEncoder, fileId: number, rejects: RejectSpool, signal?: AbortSignal,
): Promise<{ loaded: number; revised: number; read: number; encoding: string }> {
  await sql`create temp table staged_fact (like core.trade_fact including defaults) on commit drop`.execute(tx.db)
  const rows = await load.produce(rejects, signal, encoder)
  await tx.copyFrom(`copy pg_temp.staged_fact ${FACT_COPY}`, encodeChunks(rows.batches, encoder), signal)
  const read = rows.recordsRead()
  const encoding = rows.encoding?.() ?? load.encoding
  // The new codes are needed to decode the rejects' and revisions' keys below.
  await encoder.saveNewCodes(tx)

  // The same key twice in one file: the first occurrence loads, later ones are rejects. Looked
  // for only when the insert below fails on the key (a hash aggregate over every staged row cost
  // 1.2 s of a 1M-row revised release that has none).
  const rejectRepeats = async (): Promise<void> => {
    const duplicates = await sql<{ line: number; first_line: number; raw: string }>`
      with d as (
        delete from pg_temp.staged_fact s
        using (
          select line, first_value(line) over (partition by ${FACT_KEY_SQL} order by line) as first_line
          from pg_temp.staged_fact
        ) d
        where s.line = d.line and d.line <> d.first_line
        returning s.*, d.first_line
      )
      select f.line, f.first_line, json_build_object(${sql.raw(TRADE_FLOW_KEY.map((c) => `'${c}', ${DECODED_KEY[c]}`).join(', '))},
        'value', f.value, 'net_mass_t', f.net_mass_t, 'quantity', f.quantity)::text as raw
      from d f ${DECODE_JOINS}`.execute(tx.db)
    for (const d of duplicates.rows) rejects.reject(d.line, `duplicate key: the same flow as line ${d.first_line}`, d.raw)
  }
  // Rows of keys already there go to the history (the history must answer "what did the
  // warehouse say on date D", sql/0020): a changed value to core.trade_flow_revision, an
  // identical one, as ids with its values, to core.trade_fact_superseded (sql/0061); then every
  // staged row goes in, in file order. A delete and a plain insert, not an upsert: ON CONFLICT DO
  // UPDATE probed the key row by row and wrote each update as a new index entry anyway.
  const merge = async () => {
    const revisedResult = await sql<{ revised: number; unchanged: number }>`
      with gone as (
        delete from core.trade_fact f using pg_temp.staged_fact s
        where ${sql.raw(FACT_KEY.map((c) => `f.${c} = s.${c}`).join(' and '))}
        returning f.*, (f.value, f.currency, f.net_mass_t, f.quantity) is not distinct from (s.value, s.currency, s.net_mass_t, s.quantity) as same
      ), revised as (
        insert into core.trade_flow_revision (${REVISION_COLUMNS_SQL}, superseded_by_file_id, change)
        select ${DECODED_REVISION_SQL}, ${fileId}, 'revised'
        from gone f ${DECODE_JOINS}
        where not f.same
        returning 1
      ), unchanged as (
        insert into core.trade_fact_superseded (${FACT_KEY_SQL}, file_id, line, superseded_by_file_id, ${SUPERSEDED_VALUES_SQL})
        select ${FACT_KEY_SQL}, f.file_id, f.line, ${fileId}, ${SUPERSEDED_VALUES_SQL}
        from gone f
        where f.same
        returning 1
      )
      select (select count(*)::int from revised) as revised, (select count(*)::int from unchanged) as unchanged`.execute(tx.db)

    const inserted = await sql`
      insert into core.trade_fact (${FACT_COLUMNS_SQL}) select ${FACT_COLUMNS_SQL} from pg_temp.staged_fact`.execute(tx.db)
    return { revisedResult, inserted }
  }
  await sql`savepoint merge`.execute(tx.db)
  let merged: Awaited<ReturnType<typeof merge>>
  try {
    merged = await merge()
    await sql`release savepoint merge`.execute(tx.db)
  } catch (error) {
    if ((error as { code?: string }).code !== UNIQUE_VIOLATION) throw error
    await sql`rollback to savepoint merge`.execute(tx.db)
    await rejectRepeats()
    merged = await merge()
  }
  const { revisedResult, inserted } = merged
  return { loaded: Number(inserted.numAffectedRows ?? 0), revised: revisedResult.rows[0]?.revised ?? 0, read, encoding }
}

/** What withdrawReplacedFlows took out of core.trade_fact. */
export interface WithdrawResult {
  readonly withdrawn: number
}

/**
 * A newer release of a slice is loaded (every file of it committed, as `releaseSha256`): the
 * rows still current from older releases of the same slice are flows the newer one no longer
 * has. They leave core.trade_fact for core.trade_flow_revision (change = 'withdrawn', with the
 * new release's file of the same archive member, else its first file), in one transaction
 * under the load lock, so a concurrent load never sees half of it.
 */
export async function withdrawReplacedFlows(wh: Warehouse, slice: string, releaseSha256: string): Promise<WithdrawResult> {
  return wh.transaction(async (tx) => {
    await sql`select pg_advisory_xact_lock(hashtext(${MERGE_LOCK}))`.execute(tx.db)
    const result = await sql<{ withdrawn: number }>`
      with release as (
        select file_id, member from etl.source_file where slice = ${slice} and sha256 = ${releaseSha256}
      ), older as (
        select o.file_id,
               coalesce((select r.file_id from release r where r.member = o.member), (select min(file_id) from release)) as by_file_id
        from etl.source_file o
        where o.slice = ${slice} and o.sha256 <> ${releaseSha256}
      ), gone as (
        delete from core.trade_fact f using older o where f.file_id = o.file_id
        returning f.*, o.by_file_id
      ), withdrawn as (
        insert into core.trade_flow_revision (${REVISION_COLUMNS_SQL}, superseded_by_file_id, change)
        select ${DECODED_REVISION_SQL}, f.by_file_id, 'withdrawn'
        from gone f ${DECODE_JOINS}
        returning 1
      )
      select (select count(*)::int from withdrawn) as withdrawn`.execute(tx.db)
    return { withdrawn: result.rows[0]?.withdrawn ?? 0 }
  })
}

/** Rejected rows held until the data is in, spilled to a temporary file past a few thousand. */
class RejectSpool implements RejectSink {
  static readonly IN_MEMORY = 5000
  #lines: string[] = []
  #count = 0
  #dir: string | undefined
  #file: WriteStream | undefined
  readonly #fileId: number
  readonly #root: string

  constructor(fileId: number, root: string) {
    this.#fileId = fileId
    this.#root = root
  }

  reject(line: number, reason: string, raw: string): void {
    this.#count++
    this.#lines.push(`${this.#fileId}\t${line}\t${copyField(reason)}\t${copyField(raw)}\n`)
    if (this.#lines.length >= RejectSpool.IN_MEMORY) {
      if (this.#file === undefined) {
        this.#dir = makeSpoolDir(this.#root)
        this.#file = createWriteStream(`${this.#dir}/rejects.copy`)
      }
      this.#file.write(this.#lines.join(''))
      this.#lines = []
    }
  }

  async copyInto(tx: WarehouseTx): Promise<number> {
    if (this.#count === 0) return 0
    const file = this.#file
    const memory = this.#lines
    const copySql = `copy etl.rejected_row (file_id, line, reason, raw) from stdin`
    try {
      // What the database took, not what was handed to the spool: the two must agree.
      return await tx.copyFrom(copySql, (async function* () {
        if (file !== undefined) {
          file.end()
          await finished(file)
          for await (const chunk of createReadStream(file.path as string, 'utf8')) yield chunk as string
        }
        if (memory.length > 0) yield memory.join('')
      })())
    } finally {
      this.discard()
    }
  }

  discard(): void {
    this.#file?.destroy()
    if (this.#dir !== undefined) rmSync(this.#dir, { recursive: true, force: true })
    this.#file = undefined
    this.#dir = undefined
  }
}
