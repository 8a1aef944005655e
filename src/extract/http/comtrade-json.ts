import { createWriteStream } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { finished } from 'node:stream/promises'
import { TradeEtlError } from '../../errors.ts'

/**
 * Parses JSON keeping every number as the text it was written as: JSON.parse would turn
 * primaryValue 1234567890123.45 into a double, and the warehouse keeps exact decimals. Numbers
 * outside strings are quoted first (a scan that knows where strings start and end), then parsed.
 */
export function parseJsonExact(text: string): unknown {
  let out = ''
  let from = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 34) {
      // skip the string, escapes included
      for (i++; i < text.length && text.charCodeAt(i) !== 34; i++) if (text.charCodeAt(i) === 92) i++
      continue
    }
    if (c === 45 || (c >= 48 && c <= 57)) {
      let j = i + 1
      while (j < text.length && /[0-9.eE+-]/.test(text[j] as string)) j++
      out += `${text.slice(from, i)}"${text.slice(i, j)}"`
      from = j
      i = j - 1
    }
  }
  return JSON.parse(out + text.slice(from))
}

/** A Comtrade Plus data API answer: `{count, data: [...], error}`. */
export interface ComtradeAnswer {
  readonly count: number
  readonly records: readonly Record<string, unknown>[]
}

/** Reads an answer, with the API's own error (an `error` text, a `statusCode`/`message`) as an error. */
export async function readComtradeAnswer(path: string, shown: string): Promise<ComtradeAnswer> {
  let doc: unknown
  try {
    doc = parseJsonExact(await readFile(path, 'utf8'))
  } catch (error) {
    throw new TradeEtlError('COMTRADE_API', `GET ${shown}: not a JSON answer (${(error as Error).message})`, { file: shown, cause: error })
  }
  const body = doc as { count?: unknown; data?: unknown; error?: unknown; message?: unknown; statusCode?: unknown }
  if (typeof body.error === 'string' && body.error.trim() !== '') throw new TradeEtlError('COMTRADE_API', `GET ${shown}: the API says ${JSON.stringify(body.error.slice(0, 300))}`, { file: shown })
  if (!Array.isArray(body.data)) {
    const said = typeof body.message === 'string' ? `: ${JSON.stringify(body.message.slice(0, 300))}` : ''
    throw new TradeEtlError('COMTRADE_API', `GET ${shown}: the answer has no data array${said}`, { file: shown })
  }
  const count = body.count === undefined ? body.data.length : Number(body.count)
  return { count, records: body.data as Record<string, unknown>[] }
}

/**
 * Writes API records as a Comtrade Plus CSV (the API's field names are the CSV's columns), so
 * they go through the same layout, checks and load as a downloaded Plus file.
 */
export async function writePlusCsv(records: readonly Record<string, unknown>[], path: string): Promise<void> {
  const columns: string[] = []
  for (const r of records) for (const k of Object.keys(r)) if (!columns.includes(k)) columns.push(k)
  const out = createWriteStream(path)
  const field = (v: unknown) => {
    const t = v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v)
    return `"${t.replaceAll('"', '""')}"`
  }
  out.write(`${columns.join(',')}\n`)
  for (const r of records) out.write(`${columns.map((c) => field(r[c])).join(',')}\n`)
  out.end()
  await finished(out)
}
