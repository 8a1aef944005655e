import { closeSync, cpSync, existsSync, ftruncateSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, writeSync } from 'node:fs'
import { basename, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import v8 from 'node:v8'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { PGlite } from '@electric-sql/pglite'
import { Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'
import { from as copyFromStdin } from 'pg-copy-streams'
import { PGliteConnection, PGliteDialect } from './pglite-dialect.ts'
import { Mutex } from './mutex.ts'
import { acquireHomeLock } from './home-lock.ts'
import { spoolRootOf, sweepSpools } from './spool.ts'
import type { Database } from './schema.ts'

export type Engine = 'server' | 'embedded'

/** Where the warehouse lives: a server URL, or a folder for the embedded engine. */
export type WarehouseLocation =
  | {
    readonly engine: 'server'
    readonly url: string
    /** Where reject spools go (default: trade-etl-spool in the temp folder); see spool.ts. */
    readonly spoolDir?: string
  }
  | {
    readonly engine: 'embedded'
    readonly dataDir: string | 'memory://'
    /** Where reject spools go (default: spool/ in the home); see spool.ts. */
    readonly spoolDir?: string
    /**
     * A data directory dumped by `dumpDataDir` to start from instead of an empty one: opening
     * from it skips initdb (tests open a migrated warehouse per file: 5.8 s -> 0.8-1.4 s each).
     */
    readonly template?: Blob
    /**
     * PostgreSQL settings for this open only (`-c name=value` on PGlite's command line, never
     * written to the data directory): the loading commands open with a smaller buffer pool, see
     * LOADING_SETTINGS.
     */
    readonly settings?: Readonly<Record<string, string>>
    /**
     * How V8 compiles PGlite's WebAssembly, for the whole process (the first open decides):
     * 'baseline' for the loading commands (LOADING_WASM_TIER), else 'sparing'; see tierPGlite.
     */
    readonly wasmTier?: WasmTier
  }

/** What a caller may do inside one warehouse transaction. */
export interface WarehouseTx {
  readonly db: Kysely<Database>
  /**
   * Bulk-loads COPY text-format data. `copySql` is a `COPY table (cols) FROM STDIN` statement;
   * `chunks` yields text in PostgreSQL's text COPY format, as strings or UTF-8 bytes. Resolves
   * to the rows copied.
   */
  copyFrom(copySql: string, chunks: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>, signal?: AbortSignal): Promise<number>
}

export interface Warehouse {
  readonly engine: Engine
  /** The folder reject spools of this warehouse's loads live in (swept when it is opened). */
  readonly spoolDir: string
  /** For statements outside a transaction (each one on its own). */
  readonly db: Kysely<Database>
  transaction<T>(fn: (tx: WarehouseTx) => Promise<T>): Promise<T>
  /**
   * Takes a lock named `key` across every process using this warehouse, held until the returned
   * function is called or the process dies (a session-level advisory lock: kill -9 frees it).
   * Resolves to null when someone else holds it.
   */
  tryLock(key: string): Promise<(() => Promise<void>) | null>
  /** The embedded engine's data directory as a tar archive (a server has none: use pg_dump). */
  dumpDataDir(): Promise<Blob>
  close(): Promise<void>
  /** The embedded engine itself, so it can be served over the wire protocol (serve-embedded.ts). */
  readonly embedded?: EmbeddedEngine
}

/** One PGlite and the lock its transactions hold: a served client takes the same lock. */
export interface EmbeddedEngine {
  readonly pglite: PGlite
  readonly dataDir: string | 'memory://'
  /** Waits until no transaction of this process runs; the returned function lets the next one in. */
  exclusive(): Promise<() => void>
}

// Counts and ids come back as JS numbers on both engines; numeric stays a string (exact).
const INT8_OID = 20
const parseInt8 = (text: string) => Number(text)

/**
 * Opens the warehouse, runs `fn`, and always closes it: a connection cannot leak past the
 * callback, whatever `fn` throws.
 */
export async function withWarehouse<T>(location: WarehouseLocation, fn: (wh: Warehouse) => Promise<T>): Promise<T> {
  const wh = await openWarehouse(location)
  try {
    return await fn(wh)
  } finally {
    await wh.close()
  }
}

/** Opens a warehouse the caller must close; prefer withWarehouse, which cannot forget to. */
export async function openWarehouse(location: WarehouseLocation): Promise<Warehouse> {
  const wh = location.engine === 'server' ? openServer(location.url) : await openEmbedded(location.dataDir, location.template, location.settings, location.wasmTier)
  const spoolDir = spoolRootOf(location)
  // Spools a killed process left behind (its transaction rolled back; the rejects stayed on disk).
  sweepSpools(spoolDir)
  return { ...wh, spoolDir }
}

function openServer(url: string): Omit<Warehouse, 'spoolDir'> {
  const pool = new pg.Pool({
    connectionString: url,
    max: 4,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8_OID ? parseInt8 : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  })
  // An idle pooled connection that the server closes (restart, admin shutdown) emits 'error'
  // on the pool; without a listener Node would crash the process. The next query on a fresh
  // connection reports any real problem.
  pool.on('error', () => {})
  // The same for a connection in use: when the server goes away mid-query (a process serving
  // its embedded warehouse exits), pg rejects the query and also emits 'error' on the client,
  // which crashed the process with an unhandled event instead of the query's error.
  pool.on('connect', (client) => client.on('error', () => {}))
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
  return {
    engine: 'server',
    db,
    async transaction(fn) {
      const client = await pool.connect()
      // A connection dropped mid-transaction (server restart, pg_terminate_backend, network) is
      // an 'error' event on the client besides the failed query: without a listener Node would
      // crash the process. The failed query rejects and the caller gets it as an error.
      const onError = (): void => {}
      client.on('error', onError)
      // A kysely bound to this one client, so builder queries and COPY share the transaction.
      const txDb = new Kysely<Database>({
        dialect: new PostgresDialect({
          pool: {
            connect: async () => ({ query: client.query.bind(client), release() {} }),
            end: async () => {},
          } as unknown as pg.Pool,
        }),
      })
      let broken: unknown
      try {
        await client.query('begin')
        const result = await fn({
          db: txDb,
          async copyFrom(copySql, chunks, signal) {
            const stream = client.query(copyFromStdin(copySql))
            // Few chunks queued ahead of the socket: the kernel's socket buffer already keeps the
            // server fed, and chunks waiting in Node only grow its heap (see COPY_CHUNK in
            // src/jobs/ingest-files.ts: a queue of 16 -> 2 chunks, 18.8 -> 6.2 MB promoted).
            await pipeline(Readable.from(chunks, { highWaterMark: 2 }), stream, signal === undefined ? {} : { signal })
            return Number(stream.rowCount)
          },
        })
        await client.query('commit')
        return result
      } catch (error) {
        broken = error
        await client.query('rollback').catch(() => {})
        throw error
      } finally {
        // A connection whose transaction failed is not trusted back into the pool (mid-COPY,
        // dropped): the pool destroys it and the next transaction gets a new one.
        client.off('error', onError)
        client.release(broken === undefined ? undefined : broken instanceof Error ? broken : true)
      }
    },
    async tryLock(key) {
      const client = await pool.connect()
      // The lock's connection sits idle for the whole run: a drop arrives as an 'error' event,
      // handled here (the lock is gone with the session; releasing it is then a no-op).
      let lost = false
      client.on('error', () => void (lost = true))
      try {
        const { rows } = await client.query<{ ok: boolean }>('select pg_try_advisory_lock(hashtext($1)) as ok', [key])
        if (rows[0]?.ok !== true) {
          client.release()
          return null
        }
      } catch (error) {
        client.release()
        throw error
      }
      return async () => {
        if (lost) {
          client.release(true)
          return
        }
        try {
          await client.query('select pg_advisory_unlock(hashtext($1))', [key])
          client.release()
        } catch (error) {
          client.release(error instanceof Error ? error : true)
        }
      }
    },
    async dumpDataDir(): Promise<Blob> {
      throw new Error('a PostgreSQL server has no data directory to dump: use pg_dump')
    },
    async close() {
      await db.destroy()
      // Kysely ends the pool only when it ran a query itself: a warehouse used only through
      // transaction() (status) kept its idle connection for the pool's 10 s idle timeout, and
      // the process with it (longer when that connection's server is busy: a holder mid-load).
      if (!pool.ending) await pool.end()
    },
  }
}

/**
 * Size of the COPY text handed to the embedded engine at once; bounds memory, not correctness.
 * PGlite copies each blob into its heap, which never shrinks: 1M BACI rows, `trade-etl ingest`
 * embedded, 8 MiB blobs 8.3-8.5 s at peak RSS 750-810 MB -> 512 KiB 7.4-7.9 s at 485 MB.
 */
const EMBEDDED_COPY_CHUNK = 512 * 1024

/*
 * shared_buffers of the embedded engine stay PostgreSQL's default (128MB) for reading commands and
 * serve; the loading commands open with LOADING_SETTINGS (below). PGlite's wasm memory
 * starts at 128 MiB (its module takes no less) and never shrinks. Measured on 1M BACI rows: 32MB
 * lowered `ingest` peak RSS 453 -> 305 MB (5M: 716 -> 338 MB) at the same load time, but one
 * pair's year over year (`npm run bench:reporting`) went 47 -> 268 ms and the lookups of product
 * descriptions per row cost 2.5x: a buffer miss in PGlite is a read through its file system
 * layer. So the pool stays for reads, and the commands that load take the smaller one (reads a
 * loading process serves for others are the slower ones).
 */

/**
 * What the embedded engine runs with for the commands that load (ingest, run, schedule); readers
 * and serve keep PostgreSQL's defaults (the buffer pool is what makes repeated reads fast, above).
 * A COPY writes through a 16 MB ring of buffers whatever the pool's size, the key of a first load
 * is built by a sort in maintenance_work_mem, and PGlite's memory never shrinks once grown.
 * Measured, `trade-etl ingest` of generated BACI rows into an embedded home, peak RSS
 * (/usr/bin/time), with the COPY through a file: 5M rows 128MB/64MB 823 MB (before the file:
 * growing to the end), 32MB/64MB 374 MB, 32MB/16MB 324 MB, 32MB/4MB 314 MB; 1M rows 477 ->
 * 345-366 MB (those runs built a first load's key after the COPY, not done here since). With the
 * key kept during the COPY, 5M rows: 32MB 270-327 MB in 43 s, 64MB 356 MB in 40 s, 128MB 403 MB
 * in 37 s (load times within this machine's noise of each other). With the key built after the
 * first million rows (load-trade-source.ts) and V8 tiering sparingly, 1M rows: 32MB/16MB 276 MB
 * 5.5 s, 16MB/16MB 260 MB 5.5 s, 16MB/4MB 246 MB 5.8 s, 8MB/4MB 206-240 MB 5.6-6.0 s (5M
 * 246-250 MB 31 s); with the baseline compiler only (LOADING_WASM_TIER) 8MB/4MB 201 MB in
 * 7.1 s, 5M 203 MB in 42 s. A COPY's ring of buffers is an eighth of the pool below 128MB: the
 * pool's size made no difference to load time in these runs.
 */
export const LOADING_SETTINGS: Readonly<Record<string, string>> = { shared_buffers: '8MB', maintenance_work_mem: '4MB' }

/**
 * COPY into the embedded engine through a file in its data directory, read by the server side of
 * COPY (a relative path is the data directory's). The same bytes as Blobs cost three copies each
 * outside V8's heap that it collects late: 5M BACI rows (341 MB of COPY text) in 512 KiB pieces,
 * PGlite alone, 10.0 s both ways, RSS above the text itself 268 MB by Blobs, 184 MB by the file.
 * Each piece is a COPY of its own, so it ends at a row's end: chunks need not (a spool read back
 * from disk comes in 64 KiB pieces cut anywhere); in COPY text a raw LF only ever ends a row.
 */
async function copyThroughFile(pglite: PGlite, pgdata: string, copySql: string, chunks: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>, signal?: AbortSignal): Promise<number> {
  const name = `${COPY_FILE_PREFIX}${process.pid}.tmp`
  const fileSql = copySql.replace(/\bfrom\s+stdin\b/i, `from '${name}'`)
  const fd = openSync(`${pgdata}/${name}`, 'w')
  let rows = 0
  let size = 0
  const flush = async () => {
    const result = await pglite.query(fileSql)
    rows += result.affectedRows ?? 0
    ftruncateSync(fd, 0)
    size = 0
  }
  try {
    for await (const chunk of chunks) {
      signal?.throwIfAborted()
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk
      const cut = size + bytes.length >= EMBEDDED_COPY_CHUNK ? bytes.lastIndexOf(10) + 1 : 0
      if (cut === 0) {
        size += writeSync(fd, bytes, 0, bytes.length, size)
        continue
      }
      size += writeSync(fd, bytes, 0, cut, size)
      await flush()
      if (cut < bytes.length) size += writeSync(fd, bytes, cut, bytes.length - cut, 0)
    }
    if (size > 0) await flush()
  } finally {
    closeSync(fd)
    rmSync(`${pgdata}/${name}`, { force: true })
  }
  return rows
}

/**
 * The embedded warehouse the build made (scripts/build.js: migrated, reference data loaded), for
 * a home's first open: copying its 43 MB costs a fraction of an initdb in PGlite plus every
 * migration and the reference load (a first `trade-etl migrate` 5.6 -> 1.1 s). The migrations
 * and the reference check still run on it, so one made from older sources is brought up to
 * date like any warehouse. Resolves from src/load/ and dist/bin/ alike.
 */
const BUILT_TEMPLATE = fileURLToPath(new URL('../../dist/embedded-template/pgdata', import.meta.url))

/** Puts the built template at `pgdata` when there is no data directory yet and the build made one. */
function copyBuiltTemplate(pgdata: string): void {
  if (existsSync(pgdata) || !existsSync(`${BUILT_TEMPLATE}/PG_VERSION`)) return
  // Copied beside and renamed: an interrupted copy never looks like a data directory.
  const home = dirname(pgdata)
  for (const name of readdirSync(home)) {
    if (name.startsWith(`${basename(pgdata)}.partial-`)) rmSync(`${home}/${name}`, { recursive: true, force: true })
  }
  const partial = `${pgdata}.partial-${process.pid}`
  cpSync(BUILT_TEMPLATE, partial, { recursive: true })
  renameSync(partial, pgdata)
}

/** How V8 compiles PGlite's WebAssembly (tierPGlite). */
export type WasmTier = 'baseline' | 'sparing'

/**
 * V8 compiles PGlite's WebAssembly with its baseline compiler (Liftoff), then again with its
 * optimizing one (TurboFan), in background threads, each function that has run a while; the
 * optimizing compiler's memory is most of what the embedded engine's peak RSS grows by as a load
 * runs. 'sparing' recompiles only functions that ran 200x V8's default budget, one at a time:
 * a 10-row `ingest` into a new home 278-294 -> 220 MB, `status` 1.33 -> 0.85 s, 1M BACI rows at
 * the same speed with 10-30 MB less. 'baseline' never recompiles: the loading commands' peak
 * RSS then stays flat whatever the file's size (with LOADING_SETTINGS, 1M BACI rows 201 MB,
 * 5M 203 MB; 'sparing' 206-240 and 246-250 MB, growing with the file) for a slower load (1M
 * 7.1 s against 5.6-6.0 s, 5M 42 s against 31 s). V8 reads these flags when it compiles: set
 * once per process, before PGlite's module is compiled.
 */
function tierPGlite(tier: WasmTier): void {
  if (wasmTierSet) return
  wasmTierSet = true
  if (tier === 'baseline') {
    v8.setFlagsFromString('--liftoff-only')
    return
  }
  v8.setFlagsFromString('--wasm-tiering-budget=200000000')
  v8.setFlagsFromString('--wasm-num-compilation-tasks=1')
}
let wasmTierSet = false

/** The compiler tier of the commands that load (ingest, run, schedule): peak RSS bounded whatever the file size. */
export const LOADING_WASM_TIER: WasmTier = 'baseline'

/** COPY files of processes that died mid-load are removed when the warehouse is opened. */
const COPY_FILE_PREFIX = 'trade-etl-copy-'

function sweepCopyFiles(pgdata: string): void {
  for (const name of readdirSync(pgdata)) {
    if (name.startsWith(COPY_FILE_PREFIX)) rmSync(`${pgdata}/${name}`, { force: true })
  }
}

/** The same for an in-memory engine (tests), whose data directory is no folder: Blobs. */
async function copyThroughBlobs(pglite: PGlite, copySql: string, chunks: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>, signal?: AbortSignal): Promise<number> {
  const blobSql = copySql.replace(/\bfrom\s+stdin\b/i, "from '/dev/blob'")
  let rows = 0
  let parts: Uint8Array[] = []
  let size = 0
  const flush = async (final: boolean) => {
    if (size === 0) return
    const all = parts.length === 1 ? parts[0] as Uint8Array : Buffer.concat(parts)
    const end = final ? all.length : all.lastIndexOf(10) + 1
    if (end === 0) return
    const result = await pglite.query(blobSql, [], { blob: new Blob([all.subarray(0, end)]) })
    rows += result.affectedRows ?? 0
    parts = end < all.length ? [all.subarray(end)] : []
    size = all.length - end
  }
  for await (const chunk of chunks) {
    signal?.throwIfAborted()
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk
    parts.push(bytes)
    size += bytes.length
    if (size >= EMBEDDED_COPY_CHUNK) await flush(false)
  }
  await flush(true)
  return rows
}

async function openEmbedded(dataDir: string, template: Blob | undefined, settings: Readonly<Record<string, string>> | undefined, wasmTier: WasmTier = 'sparing'): Promise<Omit<Warehouse, 'spoolDir'>> {
  let releaseHome: (() => void) | undefined
  if (dataDir !== 'memory://') {
    mkdirSync(dataDir, { recursive: true })
    releaseHome = acquireHomeLock(dataDir)
    if (template === undefined) {
      try {
        copyBuiltTemplate(`${dataDir}/pgdata`)
      } catch (error) {
        releaseHome()
        throw error
      }
    }
  }
  let pglite: PGlite
  try {
    // Loaded here, not at the top: the server path never needs it, and loading it through tsx
    // cost ~30 MB of peak RSS (`trade-etl migrate` on a server, 160 -> 130 MB).
    tierPGlite(wasmTier)
    const { PGlite } = await import('@electric-sql/pglite')
    const startParams = settings === undefined ? {} : { startParams: [...PGlite.defaultStartParams, ...Object.entries(settings).flatMap(([k, v]) => ['-c', `${k}=${v}`])] }
    pglite = await PGlite.create(dataDir === 'memory://' ? undefined : `${dataDir}/pgdata`, {
      parsers: { [INT8_OID]: parseInt8 },
      ...startParams,
      ...(template === undefined ? {} : { loadDataDir: template }),
    })
  } catch (error) {
    releaseHome?.()
    throw error
  }
  if (dataDir !== 'memory://') sweepCopyFiles(`${dataDir}/pgdata`)
  const mutex = new Mutex()
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite, mutex) })
  // Other processes are kept out by the home lock; within this one, a set of held names.
  const held = new Set<string>()
  return {
    engine: 'embedded',
    embedded: { pglite, dataDir, exclusive: () => mutex.lock() },
    db,
    async transaction(fn) {
      const release = await mutex.lock()
      const connection = new PGliteConnection(pglite)
      const txDb = new Kysely<Database>({
        dialect: {
          createAdapter: () => new PGliteDialect(pglite, mutex).createAdapter(),
          createQueryCompiler: () => new PGliteDialect(pglite, mutex).createQueryCompiler(),
          createIntrospector: (k) => new PGliteDialect(pglite, mutex).createIntrospector(k),
          createDriver: () => ({
            init: async () => {},
            acquireConnection: async () => connection,
            beginTransaction: async () => {
              throw new Error('already in a transaction')
            },
            commitTransaction: async () => {},
            rollbackTransaction: async () => {},
            releaseConnection: async () => {},
            destroy: async () => {},
          }),
        },
      })
      try {
        await pglite.exec('begin')
        const result = await fn({
          db: txDb,
          copyFrom: (copySql, chunks, signal) => dataDir === 'memory://'
            ? copyThroughBlobs(pglite, copySql, chunks, signal)
            : copyThroughFile(pglite, `${dataDir}/pgdata`, copySql, chunks, signal),
        })
        await pglite.exec('commit')
        return result
      } catch (error) {
        await pglite.exec('rollback').catch(() => {})
        throw error
      } finally {
        release()
      }
    },
    async tryLock(key) {
      if (held.has(key)) return null
      held.add(key)
      return async () => {
        held.delete(key)
      }
    },
    async dumpDataDir() {
      return pglite.dumpDataDir('none')
    },
    async close() {
      await db.destroy()
      await pglite.close()
      releaseHome?.()
    },
  }
}

/** SQLSTATEs and socket codes of a connection that is gone (not of a statement that failed on it). */
const CONNECTION_LOST = new Set(['57P01', '57P02', '57P03', '08000', '08003', '08006', '08001', 'ECONNRESET', 'EPIPE', 'ECONNREFUSED', 'ETIMEDOUT'])

/** True when `error` says the database connection was lost (terminated, reset, closed), at any depth of `cause`. */
export function isConnectionLost(error: unknown): boolean {
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code
    if (typeof code === 'string' && CONNECTION_LOST.has(code)) return true
    if (/Connection terminated|connection lost|Client has encountered a connection error|terminating connection/i.test(e.message)) return true
  }
  return false
}
