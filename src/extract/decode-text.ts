import type { Readable } from 'node:stream'
import { TradeEtlError } from '../errors.ts'

export type TextEncodingName = 'utf-8' | 'windows-1252'

/** The start of a byte stream, looked at before anything is parsed. */
export interface SniffedText {
  readonly encoding: TextEncodingName
  /** The decoded text, the sniffed head first. */
  readonly text: AsyncIterable<string>
  /** The first line of the text (BOM removed), for layout detection and error messages. */
  readonly firstLine: string
}

const SNIFF_BYTES = 64 * 1024

/**
 * Decodes a byte stream as UTF-8, or as Windows-1252 when the bytes are not valid UTF-8 (Comtrade
 * Plus downloads and Excel saves are often 1252). Empty and binary input are errors naming the
 * file. A file that turns out not to be UTF-8 after the sniffed head switches to 1252 from there:
 * the characters before it were valid UTF-8, so nothing decoded so far is wrong.
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
  if (headBytes.length === 0 || headBytes.toString('latin1').trim() === '') {
    throw new TradeEtlError('FILE_EMPTY', 'the file is empty', { file })
  }
  if (looksBinary(headBytes)) {
    throw new TradeEtlError('FILE_BINARY', 'the file is binary, not text (is it compressed without a .gz or .zip name?)', { file })
  }
  let encoding: TextEncodingName = isUtf8(headBytes, done) ? 'utf-8' : 'windows-1252'
  const firstText = new TextDecoder(encoding).decode(headBytes.subarray(0, 4096))
  const firstLine = firstText.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? ''

  async function* decode(): AsyncGenerator<string> {
    let decoder = new TextDecoder(encoding, { fatal: encoding === 'utf-8', ignoreBOM: false })
    const push = (chunk: Buffer): string => {
      try {
        return decoder.decode(chunk, { stream: true })
      } catch {
        // Not UTF-8 after all: the rest is read as 1252 (see above).
        encoding = 'windows-1252'
        decoder = new TextDecoder(encoding)
        return decoder.decode(chunk, { stream: true })
      }
    }
    yield push(headBytes)
    if (!done) {
      try {
        for (let next = await iterator.next(); next.done !== true; next = await iterator.next()) {
          const text = push(Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value))
          if (text.length > 0) yield text
        }
      } catch (error) {
        throw readError(error, file)
      }
    }
    const rest = decoder.decode()
    if (rest.length > 0) yield rest
  }
  return { encoding, text: decode(), firstLine }
}

function readError(error: unknown, file: string): TradeEtlError {
  if (error instanceof TradeEtlError) return error
  const message = error instanceof Error ? error.message : String(error)
  const code = (error as NodeJS.ErrnoException).code
  if (code === 'Z_BUF_ERROR' || code === 'Z_DATA_ERROR' || /unexpected end of file|incorrect header check|invalid/i.test(message)) {
    return new TradeEtlError('ARCHIVE_CORRUPT', `compressed data is truncated or corrupt (${message})`, { file, cause: error })
  }
  return new TradeEtlError('FILE_UNREADABLE', message, { file, cause: error })
}

export { readError as toReadError }

function looksBinary(bytes: Buffer): boolean {
  const n = Math.min(bytes.length, 8192)
  let control = 0
  for (let i = 0; i < n; i++) {
    const b = bytes[i] as number
    if (b === 0) return true
    if (b < 9 || (b > 13 && b < 32)) control++
  }
  return control > n / 10
}

/** Valid UTF-8, allowing a sequence cut off at the end of the sniffed head. */
function isUtf8(bytes: Buffer, complete: boolean): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: !complete })
    return true
  } catch {
    return false
  }
}
