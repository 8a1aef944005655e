import { createReadStream, createWriteStream, mkdtempSync, rmSync, type WriteStream } from 'node:fs'
import { tmpdir } from 'node:os'
import { finished } from 'node:stream/promises'
import { sql } from 'kysely'
import { copyField, TRADE_FLOW_COPY_COLUMNS } from '../transform/index.ts'
import { TradeEtlError } from '../errors.ts'
import type { Warehouse, WarehouseTx } from './warehouse.ts'

/** Where the producer of a file's rows reports what did not become a row. */
export interface RejectSink {
  reject(line: number, reason: string, raw: string): void
}

/** A source ready to load: identity, description, and a way to (re)produce its rows. */
export interface TradeSourceLoad {
  readonly sha256: string
  readonly member: string
  readonly displayPath: string
  readonly bytes: number
  readonly format: string
  readonly layout: string
  readonly encoding: string
  readonly runId: number | null
  /**
   * The source's rows as core.trade_flow COPY text: `chunks` yields many lines at a time and
   * reports rejects to the sink; `columns` names what each line holds (columns left out take
   * their default). Called again from the start if the fast path has to be abandoned.
   */
  produce(fileId: number, sink: RejectSink, signal?: AbortSignal): Promise<CopyRows>
}

/** COPY text of core.trade_flow rows and the columns its lines hold. */
export interface CopyRows {
  readonly columns: readonly string[]
  readonly chunks: AsyncIterable<string | Uint8Array>
  /**
   * Input records the reader handed over, counted by the reader (read once `chunks` is done).
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

const COLUMNS = TRADE_FLOW_COPY_COLUMNS.join(', ')
const KEY = 'source_format, classification, period, reporter_code, partner_code, partner2_code, customs_code, mot_code, flow, product_code'
const UNIQUE_VIOLATION = '23505'

/**
 * Loads one source in one transaction. The fast path COPYs straight into core.trade_flow: a
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
    const raced = await findLoadedSource(tx, load.sha256, load.member)
    if (raced !== undefined) {
      return { fileId: raced.file_id, rowsRead: raced.rows_read, rowsLoaded: raced.rows_loaded, rowsRejected: raced.rows_rejected, revised: 0, skipped: true, encoding: load.encoding }
    }
    const { file_id: fileId } = await tx.db
      .insertInto('etl.source_file')
      .values({
        sha256: load.sha256, member: load.member, path: load.displayPath, format: load.format, layout: load.layout,
        encoding: load.encoding, bytes: load.bytes, rows_read: 0, rows_loaded: 0, rows_rejected: 0, run_id: load.runId,
      })
      .returning('file_id')
      .executeTakeFirstOrThrow()

    let rejects = new RejectSpool(fileId)
    let loaded: number
    let read: number
    let revised = 0
    let encoding = load.encoding
    await sql`savepoint fast_path`.execute(tx.db)
    try {
      const rows = await load.produce(fileId, rejects, signal)
      loaded = await tx.copyFrom(`copy core.trade_flow (${rows.columns.join(', ')}) from stdin`, rows.chunks, signal)
      read = rows.recordsRead()
      encoding = rows.encoding?.() ?? encoding
      await sql`release savepoint fast_path`.execute(tx.db)
    } catch (error) {
      if ((error as { code?: string }).code !== UNIQUE_VIOLATION) throw error
      await sql`rollback to savepoint fast_path`.execute(tx.db)
      rejects.discard()
      rejects = new RejectSpool(fileId)
      ;({ loaded, revised, read, encoding } = await mergeThroughStaging(tx, load, fileId, rejects, signal))
    }

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

async function mergeThroughStaging(
  tx: WarehouseTx, load: TradeSourceLoad, fileId: number, rejects: RejectSpool, signal?: AbortSignal,
): Promise<{ loaded: number; revised: number; read: number; encoding: string }> {
  await sql`create temp table staged_flow (like core.trade_flow including defaults) on commit drop`.execute(tx.db)
  const rows = await load.produce(fileId, rejects, signal)
  await tx.copyFrom(`copy pg_temp.staged_flow (${rows.columns.join(', ')}) from stdin`, rows.chunks, signal)
  const read = rows.recordsRead()
  const encoding = rows.encoding?.() ?? load.encoding

  // The same key twice in one file: the first occurrence loads, later ones are rejects.
  const duplicates = await sql<{ line: number; first_line: number; raw: string }>`
    delete from pg_temp.staged_flow s
    using (
      select line, first_value(line) over (partition by ${sql.raw(KEY)} order by line) as first_line
      from pg_temp.staged_flow
    ) d
    where s.line = d.line and d.line <> d.first_line
    returning s.line, d.first_line, row_to_json(s)::text as raw`.execute(tx.db)
  for (const d of duplicates.rows) rejects.reject(d.line, `duplicate key: the same flow as line ${d.first_line}`, d.raw)

  const keyMatch = sql.raw(KEY.split(', ').map((c) => `c.${c} = s.${c}`).join(' and '))
  const revisedResult = await sql`
    insert into core.trade_flow_revision
      (${sql.raw(KEY)}, value, currency, net_mass_t, quantity, file_id, line, superseded_by_file_id)
    select ${sql.raw(KEY.split(', ').map((c) => `c.${c}`).join(', '))}, c.value, c.currency, c.net_mass_t, c.quantity, c.file_id, c.line, ${fileId}
    from core.trade_flow c join pg_temp.staged_flow s on ${keyMatch}
    where (c.value, c.currency, c.net_mass_t, c.quantity) is distinct from (s.value, s.currency, s.net_mass_t, s.quantity)`.execute(tx.db)

  const upsert = await sql`
    insert into core.trade_flow (${sql.raw(COLUMNS)})
    select ${sql.raw(COLUMNS)} from pg_temp.staged_flow
    on conflict (${sql.raw(KEY)}) do update set
      year = excluded.year, is_primary = excluded.is_primary, reporter_iso3 = excluded.reporter_iso3,
      partner_iso3 = excluded.partner_iso3, value = excluded.value, currency = excluded.currency,
      net_mass_t = excluded.net_mass_t, quantity = excluded.quantity, quantity_unit = excluded.quantity_unit,
      flag = excluded.flag, file_id = excluded.file_id, line = excluded.line`.execute(tx.db)
  return { loaded: Number(upsert.numAffectedRows ?? 0), revised: Number(revisedResult.numAffectedRows ?? 0), read, encoding }
}

/** Rejected rows held until the data is in, spilled to a temporary file past a few thousand. */
class RejectSpool implements RejectSink {
  static readonly IN_MEMORY = 5000
  #lines: string[] = []
  #count = 0
  #dir: string | undefined
  #file: WriteStream | undefined
  readonly #fileId: number

  constructor(fileId: number) {
    this.#fileId = fileId
  }

  reject(line: number, reason: string, raw: string): void {
    this.#count++
    this.#lines.push(`${this.#fileId}\t${line}\t${copyField(reason)}\t${copyField(raw)}\n`)
    if (this.#lines.length >= RejectSpool.IN_MEMORY) {
      if (this.#file === undefined) {
        this.#dir = mkdtempSync(`${tmpdir()}/trade-etl-rejects-`)
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
