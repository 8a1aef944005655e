import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { open, stat } from 'node:fs/promises'
import { basename } from 'node:path'
import { Transform, type Readable } from 'node:stream'
import { createGunzip, createInflateRaw } from 'node:zlib'
import type yauzl from 'yauzl'
import { TradeEtlError } from '../errors.ts'
import { extractSevenZip } from './seven-zip.ts'

/** One stream of data to load: a plain file, a gzip's content, or one member of a zip. */
export interface SourceHandle {
  /** The file as named on the command line. */
  readonly path: string
  /** Member name inside an archive; '' for plain and gzip files. */
  readonly member: string
  /** `path` or `path!member`, for messages and etl.source_file.path. */
  readonly displayPath: string
  /** Base name of the data itself (member name, or file name without .gz). */
  readonly fileName: string
  /** sha256 of the file on disk: the same bytes are never loaded twice. */
  readonly sha256: string
  /** Size of the file on disk. */
  readonly bytes: number
  /** Bytes of this source on disk: the file, or the member's compressed size in a zip (progress, ETA). */
  readonly bytesOnDisk: number
  /** Of `bytesOnDisk`, how many the stream `open()` returned last has consumed; costs nothing to call. */
  bytesConsumed(): number
  /** Opens the (decompressed) bytes; callable more than once. */
  open(): Promise<Readable>
  /** Removes what opening the input left on disk (a .7z's unpacked members); the caller calls it once it is done with every source of the input. */
  dispose?(): Promise<void>
}

/** Bytes read at a time by hashFile, into one buffer reused for the whole file. */
const HASH_BUFFER = 256 * 1024

/**
 * Hashes a file through one reused buffer: constant memory whatever its size. A read stream
 * allocated a new 64 KiB buffer per read, and V8 frees those only at its next GC: peak RSS of
 * `trade-etl ingest` on 5M BACI rows (178 MB) 219 -> 180 MB, the hash itself no slower (0.3 s).
 */
export async function hashFile(path: string, signal?: AbortSignal): Promise<string> {
  const hash = createHash('sha256')
  const file = await open(path, 'r')
  try {
    const buffer = Buffer.allocUnsafe(HASH_BUFFER)
    for (;;) {
      signal?.throwIfAborted()
      const { bytesRead } = await file.read(buffer, 0, buffer.length, null)
      if (bytesRead === 0) break
      hash.update(bytesRead === buffer.length ? buffer : buffer.subarray(0, bytesRead))
    }
  } finally {
    await file.close()
  }
  return hash.digest('hex')
}

/** The sources inside one input file, in archive order. */
export async function openSources(path: string, signal?: AbortSignal): Promise<SourceHandle[]> {
  const info = await stat(path).catch((error: unknown) => {
    throw new TradeEtlError('FILE_UNREADABLE', (error as Error).message, { file: path, cause: error })
  })
  const sha256 = await hashFile(path, signal)
  const lower = path.toLowerCase()
  if (lower.endsWith('.zip')) return zipMembers(path, sha256, info.size)
  if (lower.endsWith('.7z')) return sevenZipMembers(path, sha256, info.size, signal)
  // The file stream's own count of bytes read: progress without a byte counter in the stream.
  let file: ReturnType<typeof createReadStream> | undefined
  const consumed = () => file?.bytesRead ?? 0
  if (lower.endsWith('.gz')) {
    return [{
      path, member: '', displayPath: path, fileName: basename(path).replace(/\.gz$/i, ''), sha256, bytes: info.size, bytesOnDisk: info.size, bytesConsumed: consumed,
      open: async () => {
        const gunzip = createGunzip()
        const raw = file = createReadStream(path)
        raw.on('error', (e) => gunzip.destroy(e))
        return raw.pipe(gunzip)
      },
    }]
  }
  return [{
    path, member: '', displayPath: path, fileName: basename(path), sha256, bytes: info.size, bytesOnDisk: info.size, bytesConsumed: consumed,
    open: async () => (file = createReadStream(path)),
  }]
}

/** The members of a .7z archive, unpacked to a temporary folder that `dispose` removes. */
async function sevenZipMembers(path: string, sha256: string, bytes: number, signal?: AbortSignal): Promise<SourceHandle[]> {
  const extract = await extractSevenZip(path, signal)
  if (extract.members.length === 0) {
    await extract.dispose()
    throw new TradeEtlError('ARCHIVE_CORRUPT', 'the 7z archive has no files in it', { file: path })
  }
  return extract.members.map(({ name: member, path: unpacked, bytes: size }) => {
    let file: ReturnType<typeof createReadStream> | undefined
    return {
      path, member, displayPath: `${path}!${member}`, fileName: basename(member), sha256, bytes, bytesOnDisk: size,
      bytesConsumed: () => file?.bytesRead ?? 0,
      open: async () => (file = createReadStream(unpacked)),
      dispose: extract.dispose,
    }
  })
}

async function openZip(path: string): Promise<yauzl.ZipFile> {
  // Loaded for zip inputs only: plain files skip compiling it.
  const { default: unzip } = await import('yauzl')
  return new Promise((resolve, reject) => {
    unzip.open(path, { lazyEntries: true, autoClose: false }, (error, zip) => {
      if (error !== null || zip === undefined) {
        reject(new TradeEtlError('ARCHIVE_CORRUPT', `not a readable zip archive: ${error?.message ?? 'unknown error'}`, { file: path, cause: error }))
      } else {
        resolve(zip)
      }
    })
  })
}

async function zipMembers(path: string, sha256: string, bytes: number): Promise<SourceHandle[]> {
  const zip = await openZip(path)
  const names: { name: string; compressed: number }[] = []
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on('entry', (entry: yauzl.Entry) => {
        if (!entry.fileName.endsWith('/') && !basename(entry.fileName).startsWith('.') && !entry.fileName.startsWith('__MACOSX/')) names.push({ name: entry.fileName, compressed: entry.compressedSize })
        zip.readEntry()
      })
      zip.on('end', resolve)
      zip.on('error', (e: Error) => reject(new TradeEtlError('ARCHIVE_CORRUPT', `broken zip archive: ${e.message}`, { file: path, cause: e })))
      zip.readEntry()
    })
  } finally {
    zip.close()
  }
  return names.map(({ name: member, compressed }) => {
    let counter: (() => number) | undefined
    return {
      path, member, displayPath: `${path}!${member}`, fileName: basename(member).replace(/\.gz$/i, ''), sha256, bytes,
      bytesOnDisk: compressed,
      bytesConsumed: () => counter?.() ?? 0,
      open: () => openZipMember(path, member, (c) => {
        counter = c
      }),
    }
  })
}

/**
 * A member's data stream. Deflated members are inflated here rather than by yauzl, so the
 * inflater's `bytesWritten` says how much of the compressed member has been read (progress).
 */
async function openZipMember(path: string, member: string, onCounter: (consumed: () => number) => void): Promise<Readable> {
  const zip = await openZip(path)
  return new Promise((resolve, reject) => {
    zip.on('entry', (entry: yauzl.Entry) => {
      if (entry.fileName !== member) {
        zip.readEntry()
        return
      }
      const deflated = entry.compressionMethod === 8
      zip.openReadStream(entry, deflated ? { decompress: false } : {}, (error, stream) => {
        if (error !== null || stream === undefined) {
          zip.close()
          reject(new TradeEtlError('ARCHIVE_CORRUPT', `cannot read ${member}: ${error?.message ?? 'unknown error'}`, { file: path, cause: error }))
          return
        }
        stream.on('close', () => zip.close())
        let data: Readable = stream
        if (deflated) {
          const inflate = createInflateRaw()
          stream.on('error', (e) => inflate.destroy(e))
          data = stream.pipe(inflate)
          onCounter(() => inflate.bytesWritten)
        } else {
          // Stored: a pass-through that counts (a 'data' listener would start the flow early).
          let read = 0
          const count = new Transform({
            transform(chunk: Buffer, _encoding, done) {
              read += chunk.length
              done(null, chunk)
            },
          })
          stream.on('error', (e) => count.destroy(e))
          data = stream.pipe(count)
          onCounter(() => read)
        }
        const out = member.toLowerCase().endsWith('.gz') ? data.pipe(createGunzip()) : data
        if (out !== data) data.on('error', (e) => out.destroy(e))
        resolve(out)
      })
    })
    zip.on('end', () => reject(new TradeEtlError('ARCHIVE_CORRUPT', `member ${member} vanished`, { file: path })))
    zip.on('error', (e: Error) => reject(new TradeEtlError('ARCHIVE_CORRUPT', e.message, { file: path, cause: e })))
    zip.readEntry()
  })
}
