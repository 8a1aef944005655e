import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { EmbeddedEngine } from './warehouse.ts'

/** Where a served warehouse listens: TCP on a host and port, or a Unix socket file. */
export type ServeAddress = { readonly host: string; readonly port: number } | { readonly socketDir: string }

export interface ServedWarehouse {
  /** The TCP port actually bound (when asked for port 0), or undefined for a socket. */
  readonly port: number | undefined
  close(): Promise<void>
}

const SSL_REQUEST = 80877103
const GSSENC_REQUEST = 80877104
const CANCEL_REQUEST = 80877102
const QUERY = 0x51 // 'Q': a simple query, answered up to ReadyForQuery
const SYNC = 0x53 // 'S': ends an extended-protocol cycle
const TERMINATE = 0x58 // 'X'

/**
 * Serves the embedded warehouse over the PostgreSQL wire protocol. PGlite is one backend with
 * one session, so every client and this process itself share it; what keeps them apart is the
 * warehouse's own transaction lock, which a client takes at its first message and keeps until
 * its cycle ends (Sync or a simple query) outside a transaction. So a client never sees another
 * one's half-done transaction, this process's loads included, and an extended-protocol cycle
 * (Parse, Bind, Execute, Sync: PGlite's one unnamed statement) is never cut in two.
 *
 * Why not @electric-sql/pglite-socket: its queue keeps clients apart only inside explicit
 * transactions (interleaved Parse/Bind from two clients share the unnamed statement), it knows
 * nothing of this process's own transactions, and past `maxConnections` (default 1) it answers
 * new connections with plain text; wrapping it with this lock deadlocks its single queue.
 * Session settings (SET) are shared by all clients: the warehouse sets none of its own.
 */
export async function serveEmbedded(engine: EmbeddedEngine, address: ServeAddress): Promise<ServedWarehouse> {
  const sockets = new Set<Socket>()
  const server = createServer((socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    serveConnection(engine, socket)
  })
  await listen(server, address)
  const bound = server.address()
  return {
    port: typeof bound === 'object' && bound !== null ? bound.port : undefined,
    async close() {
      for (const socket of sockets) socket.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

function listen(server: Server, address: ServeAddress): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    const done = () => {
      server.off('error', reject)
      resolve()
    }
    if ('socketDir' in address) {
      const path = join(address.socketDir, '.s.PGSQL.5432')
      rmSync(path, { force: true })
      server.listen(path, done)
    } else {
      server.listen(address.port, address.host, done)
    }
  })
}

function serveConnection(engine: EmbeddedEngine, socket: Socket): void {
  const { pglite } = engine
  let buffer: Buffer = Buffer.alloc(0)
  let started = false
  let release: (() => void) | undefined
  let work = Promise.resolve()
  let ended = false

  const letGo = async () => {
    if (release === undefined) return
    // A client left inside a transaction: roll it back, unless the warehouse is already closed
    // (a signal stopped this process while the client held it; asking PGlite then throws).
    if (!pglite.closed && pglite.isInTransaction()) await pglite.exec('rollback').catch(() => {})
    release()
    release = undefined
  }

  const execute = async (message: Uint8Array, endsCycle: boolean) => {
    release ??= await engine.exclusive()
    await pglite.runExclusive(() => pglite.execProtocolRawStream(message, {
      // `data` is a view into PGlite's WebAssembly memory, valid only during this call: a write
      // the socket cannot pass on at once is queued by reference, and the engine's next output
      // overwrote it (a report of 1M rows through a holder: the client's parser read a
      // negative field length). Copied, the queued bytes stay what was sent.
      onRawData: (data) => {
        if (!socket.destroyed) socket.write(Buffer.from(data))
      },
    }))
    if (endsCycle && !pglite.isInTransaction()) {
      release()
      release = undefined
    }
  }

  /** Handles every whole message in the buffer, in order. */
  const drain = async () => {
    while (!ended) {
      if (!started) {
        if (buffer.length < 8) return
        const length = buffer.readInt32BE(0)
        if (buffer.length < length) return
        const code = buffer.readInt32BE(4)
        const message = buffer.subarray(0, length)
        buffer = buffer.subarray(length)
        if (code === SSL_REQUEST || code === GSSENC_REQUEST) {
          socket.write('N')
          continue
        }
        if (code === CANCEL_REQUEST) {
          ended = true
          socket.end()
          return
        }
        started = true
        await execute(new Uint8Array(message), true)
        continue
      }
      if (buffer.length < 5) return
      const length = 1 + buffer.readInt32BE(1)
      if (buffer.length < length) return
      const message = buffer.subarray(0, length)
      buffer = buffer.subarray(length)
      const type = message[0]
      if (type === TERMINATE) {
        ended = true
        await letGo()
        socket.end()
        return
      }
      await execute(new Uint8Array(message), type === SYNC || type === QUERY)
    }
  }

  socket.on('data', (data: Buffer) => {
    buffer = buffer.length === 0 ? data : Buffer.concat([buffer, data])
    work = work.then(drain).catch(() => {
      ended = true
      socket.destroy()
    })
  })
  socket.on('error', () => {})
  socket.on('close', () => {
    ended = true
    work = work.then(letGo, letGo)
  })
}

/** The file beside the home lock that tells readers where the holder serves. */
const RECORD = 'serving'

/**
 * Serves the warehouse to this machine's other trade-etl processes while this one holds it:
 * a Unix socket (only this user can connect), its folder written beside the lock. A socket path
 * must fit in about 100 bytes, so a deep home gets its socket folder under the temp dir.
 */
export async function serveToReaders(engine: EmbeddedEngine): Promise<ServedWarehouse | undefined> {
  if (engine.dataDir === 'memory://') return undefined
  const home = engine.dataDir
  const socketDir = join(home, '.s.PGSQL.5432').length <= 100
    ? home
    : join(tmpdir(), `trade-etl-${createHash('sha256').update(home).digest('hex').slice(0, 16)}`)
  mkdirSync(socketDir, { recursive: true, mode: 0o700 })
  const served = await serveEmbedded(engine, { socketDir })
  writeFileSync(join(home, RECORD), `${process.pid}\n${socketDir}\n`)
  return {
    port: undefined,
    async close() {
      rmSync(join(home, RECORD), { force: true })
      await served.close()
    },
  }
}

/**
 * A connection URL to the process holding the embedded warehouse in `home`, when it serves
 * one (see serveToReaders), else undefined.
 */
export function holderUrl(home: string): string | undefined {
  const record = join(home, RECORD)
  if (!existsSync(record)) return undefined
  const [pid, socketDir] = readFileSync(record, 'utf8').split('\n')
  if (socketDir === undefined || socketDir === '' || !isAlive(Number(pid)) || !existsSync(join(socketDir, '.s.PGSQL.5432'))) return undefined
  return `postgres://trade_etl@localhost/postgres?host=${encodeURIComponent(socketDir)}`
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
