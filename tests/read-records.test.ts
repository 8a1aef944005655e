import { Readable } from 'node:stream'
import { parse, type CsvError } from 'csv-parse'
import { describe, expect, it } from 'vitest'
import { readRecords, sniffDelimiter } from '../src/extract/index.ts'

type Parsed = { header: string[]; items: ({ fields: string[]; line: number } | { error: string; line: number; raw: string })[]; noHeader?: true }

/**
 * The reference: csv-parse over the whole text with the reader's options, lines counted the same
 * way (a record's line is the previous one's plus one plus the line breaks inside its fields).
 * readRecords must give exactly this, whichever way it splits the text.
 */
async function reference(text: string): Promise<Parsed> {
  // The decoder reads a run of CRs before an LF (CR CR LF from a CRLF file saved again) as one CR.
  const body = text.replace(/^\uFEFF/, '').replace(/\r+\n/g, '\r\n')
  // As sniffText finds the first line: the first 4 KiB, a BOM dropped by the decoder and one more.
  const head = new TextDecoder().decode(Buffer.from(text).subarray(0, 4096)).replace(/^\uFEFF/, '')
  const delimiter = sniffDelimiter(head.split(/\r?\n/, 1)[0] ?? '')
  const skipped: { after: number; error: string; line: number }[] = []
  const parser = parse({
    delimiter, bom: true, relax_column_count: true, relax_quotes: true, skip_records_with_error: true,
    on_skip: (error: CsvError | undefined) => {
      skipped.push({ after: parser.info.records, error: error?.message ?? 'unreadable record', line: Number((error as { lines?: unknown } | undefined)?.lines ?? parser.info.lines) })
      return undefined
    },
  })
  const records: string[][] = []
  parser.on('data', (r: string[]) => records.push(r))
  const done = new Promise((resolve, reject) => parser.on('end', resolve).on('error', reject))
  parser.end(body)
  await done
  let header: string[] | undefined
  const items: Parsed['items'] = []
  let nextLine = 1
  let emitted = 0
  const flush = (upTo: number) => {
    while (skipped.length > 0 && (skipped[0]?.after ?? Infinity) <= upTo) {
      const s = skipped.shift() as (typeof skipped)[number]
      items.push({ error: s.error, line: s.line, raw: '' })
      nextLine = s.line + 1
    }
  }
  for (const fields of records) {
    flush(emitted)
    emitted++
    const line = nextLine
    nextLine += 1 + fields.join('').split('\n').length - 1
    if (header === undefined) header = fields
    // A record of nothing but line breaks (LFs in a CRLF file) is a blank line, as in the reader.
    else if (!(fields.length === 1 && /^[\r\n]*$/.test(fields[0] as string))) items.push({ fields, line })
  }
  flush(Infinity)
  // No record at all (one unclosed quote): readRecords says the file has no header line.
  return header === undefined ? { header: [], items: [], noHeader: true } : { header, items }
}

async function viaReader(bytes: Buffer, chunkSizes: () => number): Promise<Parsed> {
  const chunks: Buffer[] = []
  for (let at = 0; at < bytes.length;) {
    const size = Math.max(1, chunkSizes())
    chunks.push(bytes.subarray(at, at + size))
    at += size
  }
  let stream
  try {
    stream = await readRecords(Readable.from(chunks), 'fuzz.csv')
  } catch (error) {
    if ((error as { code?: string }).code === 'FILE_EMPTY') return { header: [], items: [], noHeader: true }
    throw error
  }
  const items: Parsed['items'] = []
  for await (const r of stream.records) items.push('error' in r ? { error: r.error, line: r.line, raw: '' } : r)
  return { header: stream.header, items }
}

/** A small deterministic generator, so a failure can be replayed from its seed. */
function random(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (s + 0x6d2b79f5) >>> 0
    let t = s
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/**
 * Text shaped like a trade file, with the characters that matter to a CSV reader mixed in.
 * `quotes` is the chance of a quote per field; `lateQuote` puts one quote (closed or not) in a
 * field past the 64 KiB head, so the reader starts with the plain split and switches mid-file.
 */
function randomText(rand: () => number, size: number, quotes: number, lateQuote: boolean): string {
  const eol = ['\n', '\r\n', '\r'][Math.floor(rand() * 3)] as string
  const delimiter = [',', '\t', ';'][Math.floor(rand() * 3)] as string
  const oddities = ['\r', '\n', ' ', 'é', '€', '\\', '\uFEFF', ',', '\t', ';', '', '\r\n']
  let late = lateQuote ? 70_000 + Math.floor(rand() * (size - 70_000)) : Infinity
  const names = ['t', 'i', 'j', 'k', 'v', 'q'].map((n) => [n, n, `"${n}"`, ` "${n}" `, `"${n}\n"`, `"${n}`, `"${n}\r\n"`][Math.floor(rand() * (rand() < 0.5 ? 1 : 7))] as string)
  let text = `${['', '', '', '\uFEFF', '\uFEFF\uFEFF'][Math.floor(rand() * 5)] as string}${names.join(delimiter)}${eol}`
  const field = () => {
    let f = String(Math.floor(rand() * 100000))
    if (rand() < 0.03) {
      const odd = oddities[Math.floor(rand() * oddities.length)] as string
      f = rand() < 0.5 ? odd + f : f + odd
    }
    if (rand() < quotes || text.length >= late) {
      f = [`"${f}"`, `${f}"x`, `"${f}`, `"${f}""${eol}"`][Math.floor(rand() * 4)] as string
      if (text.length >= late) late = Infinity
    }
    return f
  }
  while (text.length < size) {
    if (rand() < 0.01) {
      text += eol
      continue
    }
    const width = rand() < 0.05 ? Math.floor(rand() * 8) : 6
    text += Array.from({ length: width }, field).join(delimiter) + eol
  }
  return rand() < 0.3 ? text.slice(0, -eol.length) : text
}

describe('readRecords', () => {
  it('gives what csv-parse gives, on plain text and text with quotes, however the bytes arrive', async () => {
    for (let seed = 1; seed <= 60; seed++) {
      const rand = random(seed)
      // Large enough to pass the 64 KiB sniffed head, so the plain split sees chunk boundaries.
      const text = randomText(rand, 80_000 + Math.floor(rand() * 120_000), seed % 3 === 2 ? 0.01 : 0, seed % 3 === 1)
      const expected = await reference(text)
      const got = await viaReader(Buffer.from(text), () => (rand() < 0.5 ? Math.floor(rand() * 10) : Math.floor(rand() * 20_000)))
      expect(got.header, `seed ${seed}`).toEqual(expected.header)
      expect(got.items.length, `seed ${seed}`).toBe(expected.items.length)
      const first = got.items.findIndex((item, n) => JSON.stringify(item) !== JSON.stringify(expected.items[n]))
      expect(got.items[first], `seed ${seed}, item ${first}`).toEqual(expected.items[first])
    }
  })

  it('gives what csv-parse gives on small edge cases', async () => {
    const cases = [
      'a,b\n1,2', 'a,b\n1,2\n', 'a,b\n\n1,2\n\n', 'a,b\r\n1,2\r\n3\n4,5\r\n', 'a,b\r1,2\r', '\uFEFF\uFEFFa,b\n1,2\n', 'a,b\n1,"2\n3"\n4,5\n',
      '"a","b"\n1,2\n', '"a","b"\r\n1,2\r\n', '"a\r","b"\n1,2\n', '"a\n","b"\n1,2\n', '"a",b\rc\n1,2\n', '"a","b', 'a;b;c\n1;2;3', 'a\tb\n1\t2\r\n', 'a,b\n1,2\r', 'a,b\r\n1,2\r', 'a,b', 'a,b\n,\n', 'a,b\n1,2"\n3,4\n',
    ]
    for (const text of cases) {
      const expected = await reference(text)
      expect(await viaReader(Buffer.from(text), () => 1e9), JSON.stringify(text)).toEqual(expected)
    }
  })

  it('switches to csv-parse mid-file at a record that starts with a BOM or a quote', async () => {
    // Lone CRs and LFs in fields count as lines for csv-parse's error lines, not for ours.
    for (const plain of [`t,i,j,k,v,q\r\n${'2022,4,8,10121,14.9,3.75\r\n'.repeat(3000)}`, `t,i,j,k,v,q\r\n${'2022,4\r,8\n,10121,14.9,3.75\r\n'.repeat(3000)}`]) {
      for (const rest of ['\uFEFF"a",b\r\n1,2\r\n', '"a\r\nb",c\r\n1,2\r\n"open,', '1,"2"\n3\r\n4,5']) {
        const text = plain + rest
        const sizes = [plain.length, 1e9]
        expect(await viaReader(Buffer.from(text), () => sizes.shift() ?? 1e9), JSON.stringify(rest)).toEqual(await reference(text))
      }
    }
  })
})
