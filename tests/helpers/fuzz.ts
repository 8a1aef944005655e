import { readFileSync } from 'node:fs'
import { Readable } from 'node:stream'
import { readRecords } from '../../src/extract/index.ts'
import { detectLayout, isReject, normalizeHeader } from '../../src/transform/index.ts'
import { toUnits } from './raw-csv.ts'

/**
 * The generative fault test: real files mutated (bytes, fields, line endings, encodings), read
 * through the reader and the layout's mapper as the ingest does, and checked against the
 * invariant: every data line of the input is loaded or rejected with its line, once; and the sum
 * of the loaded values equals an independent reading of the same bytes (a plain split of the
 * text, the value column summed exactly, lines rejected left out).
 */
interface Base {
  readonly path: string
  readonly fileName: string
  readonly valueColumn: string
  /** Decimal shift from the file's value to the warehouse's (BACI: thousand USD). */
  readonly shift: number
}

const BASES: readonly Base[] = [
  { path: 'fixtures/baci/BACI_HS17_Y2022_V202301.csv', fileName: 'BACI_HS17_Y2022_V202301.csv', valueColumn: 'v', shift: 3 },
  { path: 'fixtures/comtrade/usa-china-legacy-12.csv', fileName: 'usa-china.csv', valueColumn: 'Trade Value (US$)', shift: 0 },
  { path: 'fixtures/comtrade/bicycles-legacy-35.csv', fileName: 'bicycles.csv', valueColumn: 'Trade Value (US$)', shift: 0 },
]

/** Deterministic random numbers. */
export function random(seed: number): () => number {
  let s = seed >>> 0 || 1
  return () => {
    s ^= s << 13
    s ^= s >>> 17
    s ^= s << 5
    return (s >>> 0) / 4294967296
  }
}

const FIELD_VALUES = ['-5', '1e400', '9'.repeat(500), 'abc', '', ' 12 ', '0', '007.50', 'NA', '12.5', '-0']
const STRAY_BYTES = [0x00, 0xe9, 0xfc, 0xf4, 0x80, 0x9d, 0xc3, 0xff]

export interface Mutation {
  readonly name: string
  readonly bytes: Buffer
  readonly base: Base
}

/** Splits a file into lines keeping each line's end, quoted line breaks not expected in the bases. */
function splitLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? []
}

/** One mutation of one base file. */
export function mutate(rand: () => number): Mutation {
  const base = BASES[Math.floor(rand() * BASES.length)] as Base
  const original = readFileSync(base.path, 'utf8')
  const lines = splitLines(original)
  const pick = () => 1 + Math.floor(rand() * (lines.length - 1))
  const kind = Math.floor(rand() * 5)
  if (kind === 0) {
    // Stray bytes in data lines (never a quote, comma or line break).
    const n = 1 + Math.floor(rand() * 3)
    const buffers = lines.map((l) => Buffer.from(l, 'utf8'))
    for (let k = 0; k < n; k++) {
      const at = pick()
      const line = buffers[at] as Buffer
      if (line.length < 3) continue
      const pos = Math.floor(rand() * (line.length - 2))
      const copy = Buffer.from(line)
      if (copy[pos] === 0x22 || copy[pos] === 0x2c || copy[pos] === 0x0a || copy[pos] === 0x0d || (copy[pos] as number) >= 0x80) continue
      copy[pos] = STRAY_BYTES[Math.floor(rand() * STRAY_BYTES.length)] as number
      buffers[at] = copy
    }
    return { name: `${base.fileName}: stray bytes`, bytes: Buffer.concat(buffers), base }
  }
  if (kind === 1) {
    // A field replaced with a hostile or odd value, in unquoted lines.
    const at = pick()
    const line = lines[at] as string
    if (!line.includes('"')) {
      const end = line.endsWith('\r\n') ? '\r\n' : line.endsWith('\n') ? '\n' : ''
      const fields = line.slice(0, line.length - end.length).split(',')
      fields[Math.floor(rand() * fields.length)] = FIELD_VALUES[Math.floor(rand() * FIELD_VALUES.length)] as string
      lines[at] = fields.join(',') + end
    }
    return { name: `${base.fileName}: field`, bytes: Buffer.from(lines.join(''), 'utf8'), base }
  }
  if (kind === 2) {
    const text = lines.join('')
    const variants = [text.replace(/\r?\n/g, '\r\n'), text.replace(/\r?\n/g, '\r\r\n'), text.replace(/\r\n/g, '\n'), `${text.replace(/\r?\n$/, '')}`, `${text}\n\n`]
    return { name: `${base.fileName}: line endings`, bytes: Buffer.from(variants[Math.floor(rand() * variants.length)] as string, 'utf8'), base }
  }
  if (kind === 3) {
    const text = lines.join('')
    const choice = Math.floor(rand() * 4)
    const bytes = choice === 0 ? Buffer.from(text, 'latin1')
      : choice === 1 ? Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])
        : choice === 2 ? Buffer.from(`\uFEFF${text}`, 'utf8')
          : Buffer.from(text, 'utf16le').swap16()
    return { name: `${base.fileName}: encoding ${choice}`, bytes, base }
  }
  // Lines dropped or repeated (a repeated key is a reject in the warehouse, a row here).
  const at = pick()
  if (rand() < 0.5) lines.splice(at, 1)
  else lines.splice(at, 0, lines[at] as string)
  return { name: `${base.fileName}: lines`, bytes: Buffer.from(lines.join(''), 'utf8'), base }
}

/** '1.12339E+11' (Comtrade exports write some values so) as a plain literal; others unchanged. */
function plain(text: string): string {
  const e = /^\s*(-?)(\d*)(?:\.(\d*))?[eE]([+-]?\d+)\s*$/.exec(text)
  if (e === null) return text
  const digits = `${e[2] ?? ''}${e[3] ?? ''}`
  const point = (e[2] ?? '').length + Number(e[4])
  if (point <= 0) return `${e[1]}0.${'0'.repeat(-point)}${digits}`
  return `${e[1]}${digits.padEnd(point, '0').slice(0, point)}${digits.length > point ? `.${digits.slice(point)}` : ''}`
}

/** The independent reading: text by the reported encoding, split at LF, blank lines dropped. */
function independent(bytes: Buffer, encoding: string): { line: number; fields: string[] }[] {
  const text = new TextDecoder(encoding).decode(bytes).replace(/^\uFEFF/, '')
  const out: { line: number; fields: string[] }[] = []
  text.split('\n').forEach((raw, n) => {
    const l = raw.replace(/\r+$/, '')
    if (n > 0 && l !== '') out.push({ line: n + 1, fields: l.split(',') })
  })
  return out
}

/** Pieces of `size` bytes, as a stream hands them over. */
function streamOf(bytes: Buffer, size: number): Readable {
  const pieces: Buffer[] = []
  for (let at = 0; at < bytes.length; at += size) pieces.push(bytes.subarray(at, at + size))
  return Readable.from(pieces)
}

/** The invariant's violations for one mutation (empty when it holds). */
export async function check(m: Mutation, chunk: number): Promise<string[]> {
  const violations: string[] = []
  const stream = await readRecords(streamOf(m.bytes, chunk), m.name)
  const layout = detectLayout(stream.header)
  if (layout === null) return [`${m.name}: no layout`]
  const header = normalizeHeader(stream.header)
  const map = layout.bind(header, { fileName: m.base.fileName })
  const width = header.length
  const seen = new Map<number, 'row' | 'reject'>()
  let loaded = 0n
  const valueAt = stream.header.map((h) => h.replace(/^"|"$/g, '')).indexOf(m.base.valueColumn)
  const mark = (line: number, what: 'row' | 'reject') => {
    if (seen.has(line)) violations.push(`${m.name}: line ${line} seen twice`)
    seen.set(line, what)
  }
  for await (const record of stream.records) {
    if ('error' in record) {
      mark(record.line, 'reject')
      continue
    }
    const f = record.fields
    if (f.length !== stream.header.length && !(f.length === width || (f.length === width + 1 && f[width] === ''))) {
      mark(record.line, 'reject')
      continue
    }
    const row = map(f)
    if (isReject(row)) {
      mark(record.line, 'reject')
      continue
    }
    mark(record.line, 'row')
    loaded += toUnits(row.value)
  }
  const lines = independent(m.bytes, stream.encoding)
  let expected = 0n
  for (const { line, fields } of lines) {
    const what = seen.get(line)
    if (what === undefined) {
      violations.push(`${m.name}: line ${line} neither loaded nor rejected`)
      continue
    }
    if (what === 'row') {
      // Quoted fields (the Comtrade descriptions) hold commas: count the value from the end.
      const value = m.base.valueColumn === 'v' ? fields[valueAt] : fields[fields.length - (stream.header.length - valueAt)]
      try {
        expected += toUnits(plain(value ?? ''), m.base.shift)
      } catch (error) {
        violations.push(`${m.name}: line ${line} loaded with value ${JSON.stringify(value)}: ${(error as Error).message}`)
      }
    }
  }
  if (seen.size !== lines.length) {
    const inFile = new Set(lines.map((l) => l.line))
    const extra = [...seen.keys()].filter((l) => !inFile.has(l)).slice(0, 3)
    violations.push(`${m.name}: ${seen.size} records read, ${lines.length} lines in the file (read, not in the file: ${extra.join(', ')})`)
  }
  if (loaded !== expected) violations.push(`${m.name}: loaded sum ${loaded} != independent ${expected}`)
  return violations
}

/** Runs `count` mutations from `seed`; the violations found, first ones first. */
export async function runMutations(count: number, seed: number): Promise<{ checked: number; violations: string[] }> {
  const rand = random(seed)
  const violations: string[] = []
  for (let n = 0; n < count; n++) {
    const m = mutate(rand)
    const chunk = rand() < 0.5 ? 1 + Math.floor(rand() * 64) : 1024 + Math.floor(rand() * 70_000)
    try {
      for (const v of await check(m, chunk)) violations.push(`#${n} ${v}`)
    } catch (error) {
      violations.push(`#${n} ${m.name}: threw ${(error as Error).message}`)
    }
  }
  return { checked: count, violations }
}
