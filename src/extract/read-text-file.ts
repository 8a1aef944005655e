import { readFile } from 'node:fs/promises'
import { createHash } from 'node:crypto'
import { TradeEtlError } from '../errors.ts'

export interface FileBytes {
  readonly path: string
  readonly text: string
  readonly sha256: string
}

/** Reads a small text file whole (articles, claims, releases are kilobytes) with its sha256. */
export async function readTextFile(path: string): Promise<FileBytes> {
  let bytes: Buffer
  try {
    bytes = await readFile(path)
  } catch (error) {
    throw new TradeEtlError('FILE_UNREADABLE', (error as Error).message, { file: path, cause: error })
  }
  if (bytes.includes(0)) throw new TradeEtlError('FILE_BINARY', 'the file is binary, not text', { file: path })
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    text = new TextDecoder('windows-1252').decode(bytes)
  }
  return { path, text: text.replace(/^\uFEFF/, ''), sha256: createHash('sha256').update(bytes).digest('hex') }
}
