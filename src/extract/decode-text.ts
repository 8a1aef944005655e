import { isAscii, isUtf8 } from 'node:buffer'
import type { Readable } from 'node:stream'
import { TradeEtlError } from '../errors.ts'

export type TextEncodingName = 'utf-8' | 'windows-1252' | 'utf-16le' | 'utf-16be'

/** The start of a byte stream, looked at before anything is parsed. */
export interface SniffedText {
  /**
   * The encoding the text is decoded in. Decided from the first bytes that are not ASCII and
   * never changed after: read it again once the text is consumed (an ASCII head says 'utf-8'
   * until a later line says otherwise, and ASCII reads the same in both).
   */
  readonly encoding: TextEncodingName
  /** The decoded text, the sniffed head first. Lines marked with BAD_LINE could not be decoded. */
  readonly text: AsyncIterable<string>
  /** The first line of the text (BOM removed), for layout detection and error messages. */
  readonly firstLine: string
  /**
   * Why each BAD_LINE-marked line is bad, oldest first, queued as the text is produced; the
   * reader takes one per mark it meets (see takeBadLine).
   */
  readonly badLines: string[]
}

/**
 * Put at the start of a line the decoder refuses (bytes of the other encoding, a NUL byte).
 * U+FDD0, a Unicode noncharacter: it survives csv-parse's trip through UTF-8 (a lone surrogate
 * would not), and a line that really holds one is itself refused, so a mark is always ours. It
 * never reaches the database: the record holding it becomes a reject.
 */
export const BAD_LINE = '\uFDD0'

const SNIFF_BYTES = 64 * 1024
/** A line longer than this without a line feed is decoded in pieces (old Mac files end lines with CR). */
const MAX_CARRY = 1024 * 1024

/**
 * Decodes a byte stream, deciding the encoding on evidence and never switching it mid-file:
 * - a BOM says UTF-8, UTF-16LE or UTF-16BE (Excel's "Unicode text" is UTF-16LE with a BOM, tab
 *   separated); UTF-16 without a BOM is told by its zero bytes;
 * - otherwise the first stretch of whole lines holding anything but ASCII decides between UTF-8
 *   and Windows-1252 (Comtrade Plus downloads and Excel saves are often 1252): the encoding more
 *   of its lines are valid in, UTF-8 on a tie;
 * - from then on every line is checked. In a UTF-8 file a line that is not valid UTF-8 (a stray
 *   1252 byte) is marked bad, as is, in a 1252 file, a line that is valid UTF-8 with non-ASCII
 *   characters (it would turn to mojibake), and any line with a NUL byte (PostgreSQL text cannot
 *   hold one). The reader rejects the records holding marked lines, with their line and the
 *   reason; every other line is decoded in the one encoding the file is recorded with.
 * Lines end at LF, which is never part of a multi-byte UTF-8 character or a 1252 one, so whole
 * lines are checked with node's native isUtf8/isAscii and a clean file costs one pass of each
 * per chunk. CR CR LF line endings (a CRLF file saved again on Windows) read as CRLF.
 * Empty and binary input are errors naming the file.
 */
export async function sniffText(bytes: Readable, file: string): Promise<SniffedText> {
  const iterator = bytes[Symbol.asyncIterator]() as AsyncIterator<Buffer>
  const head: Buffer[] = []
  let size = 0
  let done = false
  try {
    while (size < SNIFF_BYTES) {
      const next = await iterator.next()
      if (next.done === true) {
        done = true
        break
      }
      const chunk = Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value)
      head.push(chunk)
      size += chunk.length
    }
  } catch (error) {
    throw readError(error, file)
  }
  const headBytes = Buffer.concat(head)
  const wide = utf16Of(headBytes)
  if (headBytes.length === 0 || (wide === undefined && headBytes.toString('latin1').trim() === '')) {
    throw new TradeEtlError('FILE_EMPTY', 'the file is empty', { file })
  }
  if (wide === undefined && looksBinary(headBytes)) {
    throw new TradeEtlError('FILE_BINARY', 'the file is binary, not text (is it compressed without a .gz or .zip name?)', { file })
  }
  const decoder: ChunkDecoder = wide === undefined ? new LineDecoder() : new WideDecoder(wide)
  let firstText: string
  try {
    firstText = decoder.push(headBytes) + (done ? decoder.end() : '')
  } catch (error) {
    throw readError(error, file)
  }
  const firstLine = firstText.replace(/^\uFEFF/, '').replace(BAD_LINE, '').split(/\r?\n/, 1)[0] ?? ''
  if (wide !== undefined && firstText.replace(/^\uFEFF/, '').trim() === '') throw new TradeEtlError('FILE_EMPTY', 'the file is empty', { file })

  async function* decode(): AsyncGenerator<string> {
    if (firstText.length > 0) yield firstText
    if (done) return
    try {
      for (let next = await iterator.next(); next.done !== true; next = await iterator.next()) {
        const text = decoder.push(Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value))
        if (text.length > 0) yield text
      }
      const rest = decoder.end()
      if (rest.length > 0) yield rest
    } catch (error) {
      throw readError(error, file)
    }
  }
  return {
    get encoding() {
      return decoder.encoding
    },
    text: decode(),
    firstLine,
    badLines: decoder.badLines,
  }
}

interface ChunkDecoder {
  readonly encoding: TextEncodingName
  readonly badLines: string[]
  push(chunk: Buffer): string
  end(): string
}

/** UTF-16 with or without a BOM: decoded as a stream (the BOM stays for the reader to drop). */
class WideDecoder implements ChunkDecoder {
  readonly badLines: string[] = []
  readonly encoding: TextEncodingName
  readonly #decoder: InstanceType<typeof TextDecoder>
  #crPending = false

  constructor(encoding: 'utf-16le' | 'utf-16be') {
    this.encoding = encoding
    // A stream: its BOM is dropped once, at the start, as the UTF-8 decoder does.
    this.#decoder = new TextDecoder(encoding, { fatal: true })
  }

  push(chunk: Buffer): string {
    return this.#lines(this.#decoder.decode(chunk, { stream: true }))
  }

  end(): string {
    return this.#lines(this.#decoder.decode())
  }

  /** NUL characters are refused per line here too; CR CR LF reads as CRLF. */
  #lines(text: string): string {
    let t = this.#crPending ? `\r${text}` : text
    this.#crPending = t.endsWith('\r')
    if (this.#crPending) t = t.slice(0, -1)
    if (t.indexOf('\0') >= 0 || t.indexOf(BAD_LINE) >= 0) {
      t = t.split('\n').map((line) => {
        const nul = line.indexOf('\0')
        if (nul < 0 && line.indexOf(BAD_LINE) < 0) return line
        this.badLines.push(nul >= 0 ? nulReason(nul) : NONCHARACTER)
        return BAD_LINE + line.replace(/\0/g, NUL_SHOWN)
      }).join('\n')
    }
    return fixLineEnds(t)
  }
}

const NONCHARACTER = 'holds U+FDD0, a Unicode noncharacter no text has; re-export the file'

/** How a NUL byte is kept in a reject's raw text (PostgreSQL text cannot hold the byte itself). */
const NUL_SHOWN = '\u2400'

function nulReason(at: number): string {
  return `NUL byte at character ${at + 1} of the line (a binary or damaged line; remove the byte or re-export the file)`
}

/** UTF-8 or Windows-1252, decided once and checked on every line (see sniffText). */
class LineDecoder implements ChunkDecoder {
  readonly badLines: string[] = []
  /** Undefined while every line so far was ASCII. */
  #decided: 'utf-8' | 'windows-1252' | undefined
  #carry: Buffer | undefined
  #started = false
  readonly #utf8 = new TextDecoder('utf-8', { ignoreBOM: true })
  readonly #cp1252 = new TextDecoder('windows-1252', { ignoreBOM: true })

  get encoding(): TextEncodingName {
    return this.#decided ?? 'utf-8'
  }

  push(chunk: Buffer): string {
    const lastLf = chunk.lastIndexOf(10)
    if (lastLf < 0) {
      this.#carry = this.#carry === undefined ? chunk : Buffer.concat([this.#carry, chunk])
      return this.#carry.length > MAX_CARRY ? this.#flushLongLine() : ''
    }
    let out = ''
    let start = 0
    if (this.#carry !== undefined) {
      const firstLf = chunk.indexOf(10)
      out = this.#lines(Buffer.concat([this.#carry, chunk.subarray(0, firstLf + 1)]))
      start = firstLf + 1
      this.#carry = undefined
    }
    if (start <= lastLf) out += this.#lines(chunk.subarray(start, lastLf + 1))
    if (lastLf + 1 < chunk.length) this.#carry = chunk.subarray(lastLf + 1)
    return out
  }

  end(): string {
    const rest = this.#carry
    this.#carry = undefined
    return rest === undefined || rest.length === 0 ? '' : this.#lines(rest)
  }

  /** A carry past MAX_CARRY: decoded up to its last ASCII byte (a character boundary in both encodings). */
  #flushLongLine(): string {
    const carry = this.#carry as Buffer
    let cut = carry.length
    while (cut > 0 && (carry[cut - 1] as number) >= 0x80) cut--
    if (cut === 0) return ''
    this.#carry = cut < carry.length ? carry.subarray(cut) : undefined
    return this.#lines(carry.subarray(0, cut))
  }

  /** Whole lines (the last may lack its LF at the end of the file). */
  #lines(lineBytes: Buffer): string {
    let bytes = lineBytes
    if (!this.#started) {
      // One UTF-8 BOM at the very start is the encoding's, not the text's (the reader drops a second).
      this.#started = true
      if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3)
    }
    if (bytes.indexOf(0) < 0) {
      if (this.#decided === 'windows-1252' ? isAscii(bytes) : isUtf8(bytes)) {
        const text = this.#utf8.decode(bytes)
        if (text.indexOf(BAD_LINE) < 0) {
          if (this.#decided === undefined && !isAscii(bytes)) this.#decided = 'utf-8'
          return fixLineEnds(text)
        }
      }
    }
    return this.#lineByLine(bytes)
  }

  /** The slow path, for stretches holding a NUL or a line not in the file's encoding. */
  #lineByLine(bytes: Buffer): string {
    const lines: Buffer[] = []
    for (let at = 0; at < bytes.length;) {
      const lf = bytes.indexOf(10, at)
      const end = lf < 0 ? bytes.length : lf + 1
      lines.push(bytes.subarray(at, end))
      at = end
    }
    if (this.#decided === undefined) {
      // The first evidence: the encoding more lines are valid in (ASCII lines say nothing).
      let utf8 = 0
      let other = 0
      for (const line of lines) {
        if (isAscii(line)) continue
        if (isUtf8(line)) utf8++
        else other++
      }
      if (utf8 + other > 0) this.#decided = utf8 >= other ? 'utf-8' : 'windows-1252'
    }
    let out = ''
    for (const line of lines) {
      const nul = line.indexOf(0)
      if (nul >= 0) {
        this.badLines.push(nulReason(nul))
        out += BAD_LINE + this.#text(line, this.#decided === 'windows-1252' || !isUtf8(line)).replace(/\0/g, NUL_SHOWN)
      } else if (isAscii(line)) {
        out += this.#utf8.decode(line)
      } else if (this.#decided !== 'windows-1252' && isUtf8(line) && this.#utf8.decode(line).indexOf(BAD_LINE) >= 0) {
        this.badLines.push(NONCHARACTER)
        out += BAD_LINE + this.#utf8.decode(line)
      } else if (this.#decided === 'windows-1252') {
        if (isUtf8(line)) {
          const at = firstNonAscii(line)
          this.badLines.push(`looks like UTF-8 (bytes ${hex(line.subarray(at, at + 2))} at byte ${at + 1} of the line) in a file that is Windows-1252 elsewhere; save the whole file in one encoding`)
          out += BAD_LINE + this.#utf8.decode(line)
        } else {
          out += this.#cp1252.decode(line)
        }
      } else if (isUtf8(line)) {
        out += this.#utf8.decode(line)
      } else {
        const at = firstInvalidUtf8(line)
        this.badLines.push(`not valid UTF-8 (byte ${hex(line.subarray(at, at + 1))} at byte ${at + 1} of the line) in a file that is UTF-8 elsewhere; fix the line or save the whole file as UTF-8`)
        // Shown as 1252, the likeliest origin of a stray byte, so the reject reads as text.
        out += BAD_LINE + this.#cp1252.decode(line)
      }
    }
    return fixLineEnds(out)
  }

  #text(line: Buffer, cp1252: boolean): string {
    return (cp1252 ? this.#cp1252 : this.#utf8).decode(line)
  }
}

/** CR CR LF (and longer runs of CR before an LF) is one CRLF line end, not a blank record. */
function fixLineEnds(text: string): string {
  return text.indexOf('\r\r') >= 0 ? text.replace(/\r+\n/g, '\r\n') : text
}

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => `0x${b.toString(16).toUpperCase().padStart(2, '0')}`).join(' ')
}

function firstNonAscii(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; i++) if ((bytes[i] as number) >= 0x80) return i
  return 0
}

/** Offset of the first byte that does not start (or continue) a valid UTF-8 character. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i] as number
    const n = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0
    if (n === 0 || i + n > bytes.length || !isUtf8(bytes.subarray(i, i + n))) return i
    i += n
  }
  return 0
}

/** UTF-16 by its BOM, or by zero bytes in every other position (ASCII text written as UTF-16). */
function utf16Of(bytes: Buffer): 'utf-16le' | 'utf-16be' | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le'
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be'
  const n = Math.min(bytes.length, 4096) & ~1
  if (n < 8) return undefined
  let evenZero = 0
  let oddZero = 0
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZero++
    if (bytes[i + 1] === 0) oddZero++
  }
  const pairs = n / 2
  if (oddZero > pairs * 0.6 && evenZero < pairs * 0.05) return 'utf-16le'
  if (evenZero > pairs * 0.6 && oddZero < pairs * 0.05) return 'utf-16be'
  return undefined
}

function readError(error: unknown, file: string): TradeEtlError {
  if (error instanceof TradeEtlError) return error
  const message = error instanceof Error ? error.message : String(error)
  const code = (error as NodeJS.ErrnoException).code
  // csv-parse's own errors (CSV_QUOTE_NOT_CLOSED, ...) that skip_records_with_error cannot set aside.
  if (typeof code === 'string' && code.startsWith('CSV_')) {
    const lines = (error as { lines?: number }).lines
    return new TradeEtlError('CSV_MALFORMED', `malformed CSV (${message}); fix or remove the quoted field it names`, { file, cause: error, ...(lines === undefined ? {} : { line: lines }) })
  }
  if (code === 'ERR_ENCODING_INVALID_ENCODED_DATA') {
    return new TradeEtlError('FILE_UNREADABLE', `the file is not valid UTF-16 (${message}); save it again as UTF-8 or UTF-16`, { file, cause: error })
  }
  if (code === 'Z_BUF_ERROR' || code === 'Z_DATA_ERROR' || /unexpected end of file|incorrect header check|invalid/i.test(message)) {
    return new TradeEtlError('ARCHIVE_CORRUPT', `compressed data is truncated or corrupt (${message})`, { file, cause: error })
  }
  return new TradeEtlError('FILE_UNREADABLE', message, { file, cause: error })
}

export { readError as toReadError }

/** Signatures of compressed and office files, which are never text whatever their bytes look like. */
const MAGIC: readonly number[][] = [
  [0x50, 0x4b, 0x03, 0x04], // zip, xlsx
  [0x1f, 0x8b], // gzip
  [0x37, 0x7a, 0xbc, 0xaf], // 7z
  [0x42, 0x5a, 0x68], // bzip2
  [0xd0, 0xcf, 0x11, 0xe0], // old Excel .xls
  [0xfd, 0x37, 0x7a, 0x58], // xz
]

/**
 * Binary when it starts with a compressed or office signature, or when control characters
 * (NUL included) are more than 5 % of the first 8 KiB. A NUL byte or two in a text file is a
 * damaged line, rejected on its own (see LineDecoder), not a reason to refuse the file.
 */
function looksBinary(bytes: Buffer): boolean {
  if (MAGIC.some((m) => m.every((b, i) => bytes[i] === b))) return true
  const n = Math.min(bytes.length, 8192)
  let control = 0
  for (let i = 0; i < n; i++) {
    const b = bytes[i] as number
    if (b < 9 || (b > 13 && b < 32)) control++
  }
  return control > n / 20
}
