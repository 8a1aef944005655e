import { mkdirSync } from 'node:fs'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { PGlite } from '@electric-sql/pglite'
import { Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'
import { from as copyFromStdin } from 'pg-copy-streams'
import { PGliteConnection, PGliteDialect } from './pglite-dialect.ts'
import { Mutex } from './mutex.ts'
import { acquireHomeLock } from './home-lock.ts'
import type { Database } from './schema.ts'

export type Engine = 'server' | 'embedded'

/** Where the warehouse lives: a server URL, or a folder for the embedded engine. */
export type WarehouseLocation =
  | { readonly engine: 'server'; readonly url: string }
  | { readonly engine: 'embedded'; readonly dataDir: string | 'memory://' }

/** What a caller may do inside one warehouse transaction. */
export interface WarehouseTx {
  readonly db: Kysely<Database>
  /**
   * Bulk-loads COPY text-format data. `copySql` is a `COPY table (cols) FROM STDIN` statement;
   * `chunks` yields text in PostgreSQL's text COPY format, as strings or UTF-8 bytes. Resolves
   * to the rows copied.
   */
  copyFrom(copySql: string, chunks: AsyncIterable<string | Uint8Array>, signal?: AbortSignal): Promise<number>
}

export interface Warehouse {
  readonly engine: Engine
  /** For statements outside a transaction (each one on its own). */
  readonly db: Kysely<Database>
  transaction<T>(fn: (tx: WarehouseTx) => Promise<T>): Promise<T>
  /**
   * Takes a lock named `key` across every process using this warehouse, held until the returned
   * function is called or the process dies (a session-level advisory lock: kill -9 frees it).
   * Resolves to null when someone else holds it.
   */
  tryLock(key: string): Promise<(() => Promise<void>) | null>
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
  return location.engine === 'server' ? openServer(location.url) : openEmbedded(location.dataDir)
}

function openServer(url: string): Warehouse {
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
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
  return {
    engine: 'server',
    db,
    async transaction(fn) {
      const client = await pool.connect()
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
        // A connection whose transaction failed mid-COPY is not trusted back into the pool.
        client.release(broken instanceof Error && broken.name === 'AbortError' ? broken : undefined)
      }
    },
    async tryLock(key) {
      const client = await pool.connect()
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
        try {
          await client.query('select pg_advisory_unlock(hashtext($1))', [key])
        } finally {
          client.release()
        }
      }
    },
    async close() {
      await db.destroy()
    },
  }
}

/**
 * Size of the COPY text handed to the embedded engine at once; bounds memory, not correctness.
 * PGlite copies each blob into its heap, which never shrinks: 1M BACI rows, `trade-etl ingest`
 * embedded, 8 MiB blobs 8.3-8.5 s at peak RSS 750-810 MB -> 512 KiB 7.4-7.9 s at 485 MB.
 */
const EMBEDDED_COPY_CHUNK = 512 * 1024

async function openEmbedded(dataDir: string): Promise<Warehouse> {
  let releaseHome: (() => void) | undefined
  if (dataDir !== 'memory://') {
    mkdirSync(dataDir, { recursive: true })
    releaseHome = acquireHomeLock(dataDir)
  }
  let pglite: PGlite
  try {
    // Loaded here, not at the top: the server path never needs it, and loading it through tsx
    // cost ~30 MB of peak RSS (`trade-etl migrate` on a server, 160 -> 130 MB).
    const { PGlite } = await import('@electric-sql/pglite')
    pglite = await PGlite.create(dataDir === 'memory://' ? undefined : `${dataDir}/pgdata`, {
      parsers: { [INT8_OID]: parseInt8 },
    })
  } catch (error) {
    releaseHome?.()
    throw error
  }
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
          async copyFrom(copySql, chunks, signal) {
            const blobSql = copySql.replace(/\bfrom\s+stdin\b/i, "from '/dev/blob'")
            let rows = 0
            let parts: (string | Uint8Array)[] = []
            let size = 0
            const flush = async () => {
              if (size === 0) return
              const result = await pglite.query(blobSql, [], { blob: new Blob(parts) })
              rows += result.affectedRows ?? 0
              parts = []
              size = 0
            }
            for await (const chunk of chunks) {
              signal?.throwIfAborted()
              parts.push(chunk)
              size += chunk.length
              if (size >= EMBEDDED_COPY_CHUNK) await flush()
            }
            await flush()
            return rows
          },
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
    async close() {
      await db.destroy()
      await pglite.close()
      releaseHome?.()
    },
  }
}
