import { readFileSync } from 'node:fs'
import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { readRecords } from '../src/extract/index.ts'
import { parseStream } from './helpers/parse-file.ts'
import { rawColumn, readRawTable, sumUnits } from './helpers/raw-csv.ts'

/** A real Comtrade Plus names export in Windows-1252: Côte d'Ivoire on line 593, past 64 KiB. */
const GERMANY = 'fixtures/comtrade-plus/germany-crude-imports-names.csv'
const BICYCLES = 'fixtures/comtrade/bicycles-legacy-35.csv'

/** Bytes handed over in pieces of `size`, as a file stream would. */
function streamOf(bytes: Buffer, size = 16 * 1024): Readable {
  const pieces: Buffer[] = []
  for (let at = 0; at < bytes.length; at += size) pieces.push(bytes.subarray(at, at + size))
  return Readable.from(pieces)
}

/** The Germany file as UTF-8, with one line (1-based) carrying a stray 1252 byte instead. */
function utf8WithStray(strayLine: number): { bytes: Buffer; lines: string[] } {
  const lines = new TextDecoder('windows-1252').decode(readFileSync(GERMANY)).split('\n')
  const parts = lines.map((line, n) => (n + 1 === strayLine ? Buffer.from(line, 'latin1') : Buffer.from(line, 'utf8')))
  return { bytes: Buffer.concat(parts.flatMap((p, n) => (n < parts.length - 1 ? [p, Buffer.from('\n')] : [p]))), lines }
}

/** Sum of Trade Value of the independent reading's rows with this partner, in test units. */
function rawValueOf(partner: string, skipLine?: number): bigint {
  const raw = readRawTable(GERMANY, 'windows-1252')
  const partners = rawColumn(raw, 'Partner')
  const values = rawColumn(raw, 'Trade Value')
  // Data row n is line n + 2 (the header is line 1).
  return sumUnits(values.filter((_, n) => partners[n] === partner && n + 2 !== skipLine))
}

describe('decoding decided on evidence', () => {
  it('keeps a UTF-8 file UTF-8 past a stray 1252 byte after 64 KiB: that one line is rejected, names stay right', async () => {
    const stray = 605 // "2024,Germany,World,Türkiye,..." at byte 74,474, 'ü' as the 1252 byte 0xFC
    const { bytes } = utf8WithStray(stray)
    expect(bytes.length).toBeGreaterThan(64 * 1024)
    const parsed = await parseStream(streamOf(bytes), 'GCO_Imports.csv')
    expect(parsed.encoding).toBe('utf-8')
    expect(parsed.rejects).toEqual([{ line: stray, reason: expect.stringMatching(/^not valid UTF-8 \(byte 0xFC at byte 21 of the line\)/) }])
    // Côte d'Ivoire's rows (line 593 among them, after the stray line's chunk began) keep their name and value.
    const civ = parsed.rows.filter((r) => r.partnerCode === "Côte d'Ivoire")
    expect(sumUnits(civ.map((r) => r.value))).toBe(rawValueOf("Côte d'Ivoire"))
    expect(parsed.rows.some((r) => /Ã|�/.test(r.partnerCode + r.partner2Code))).toBe(false)
    const rows = readRawTable(GERMANY, 'windows-1252').rows.length
    expect(parsed.rows.length + parsed.rejects.length).toBe(rows)
  })

  it('reads a Windows-1252 file as 1252 from its first byte, and the same file as UTF-8 gives the same rows', async () => {
    const original = await parseStream(streamOf(readFileSync(GERMANY)), 'GCO_Imports.csv')
    expect(original.encoding).toBe('windows-1252')
    expect(original.rejects).toEqual([])
    const asUtf8 = await parseStream(streamOf(utf8WithStray(-1).bytes), 'GCO_Imports.csv')
    expect(asUtf8.encoding).toBe('utf-8')
    expect(asUtf8.rows).toEqual(original.rows)
  })

  it('rejects a line that is valid UTF-8 inside a 1252 file rather than turning it to mojibake', async () => {
    const lines = new TextDecoder('windows-1252').decode(readFileSync(GERMANY)).split('\n')
    const bytes = Buffer.concat(lines.map((l, n) => Buffer.from(`${l}${n < lines.length - 1 ? '\n' : ''}`, n === 607 ? 'utf8' : 'latin1')))
    const parsed = await parseStream(streamOf(bytes), 'GCO_Imports.csv')
    expect(parsed.encoding).toBe('windows-1252')
    expect(parsed.rejects).toEqual([{ line: 608, reason: expect.stringMatching(/looks like UTF-8 \(bytes 0xC3 0xB4/) }])
  })

  it('records the encoding of an ASCII head that a later line decides', async () => {
    // The bicycles file is UTF-8 with its first non-ASCII byte at 64,542: the head alone says nothing.
    const stream = await readRecords(streamOf(readFileSync(BICYCLES), 4096), BICYCLES)
    let n = 0
    for await (const batch of stream.batches) n += batch.records.length
    expect(n).toBe(readRawTable(BICYCLES).rows.length)
    expect(stream.encoding).toBe('utf-8')
    const cp = readFileSync(GERMANY)
    const later = Buffer.concat([Buffer.from(readFileSync(GERMANY, 'latin1').split('\n').slice(0, 400).join('\n').replace(/[^ -~\r\n]/g, '?'), 'latin1'), Buffer.from('\n'), cp.subarray(cp.indexOf('\n2023,Germany,World,T') + 1)])
    const parsed = await parseStream(streamOf(later), 'GCO_Imports.csv')
    expect(parsed.encoding).toBe('windows-1252')
    expect(parsed.rows.some((r) => r.partner2Code === 'Türkiye')).toBe(true)
  })

  it('reads UTF-16 (Excel "Unicode text": a BOM, tabs, CRLF) and UTF-16 without a BOM', async () => {
    const text = new TextDecoder('windows-1252').decode(readFileSync(GERMANY))
    const { header, rows } = readRawTable(GERMANY, 'windows-1252')
    const tsv = [header, ...rows].map((r) => r.join('\t')).join('\r\n')
    expect(text.length).toBeGreaterThan(0)
    const utf8 = await parseStream(streamOf(Buffer.from(tsv, 'utf8')), 'GCO_Imports.txt')
    const le = await parseStream(streamOf(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(tsv, 'utf16le')]), 4095), 'GCO_Imports.txt')
    expect(le.encoding).toBe('utf-16le')
    expect(le.rejects).toEqual([])
    expect(le.rows).toEqual(utf8.rows)
    const be = Buffer.from(tsv, 'utf16le').swap16()
    const parsedBe = await parseStream(streamOf(Buffer.concat([Buffer.from([0xfe, 0xff]), be])), 'GCO_Imports.txt')
    expect(parsedBe.encoding).toBe('utf-16be')
    expect(parsedBe.rows).toEqual(utf8.rows)
    const bare = await parseStream(streamOf(Buffer.from(tsv, 'utf16le')), 'GCO_Imports.txt')
    expect(bare.encoding).toBe('utf-16le')
    expect(bare.rows).toEqual(utf8.rows)
  })

  it('reads CR CR LF line endings as CRLF: no phantom row', async () => {
    const crlf = readFileSync(BICYCLES)
    const doubled = Buffer.from(crlf.toString('utf8').replace(/\r\n/g, '\r\r\n'), 'utf8')
    const a = await parseStream(streamOf(crlf), 'bicycles.csv')
    const b = await parseStream(streamOf(doubled, 7777), 'bicycles.csv')
    expect(b.rejects).toEqual([])
    expect(b.rows).toEqual(a.rows)
    expect(b.rows.length).toBe(readRawTable(BICYCLES).rows.length)
  })

  it('rejects a line with a NUL byte, with its line, and reads the rest', async () => {
    const lines = readFileSync(BICYCLES, 'utf8').split('\r\n')
    lines[4] = (lines[4] as string).replace('Bicycles', 'Bic\0ycles')
    const parsed = await parseStream(streamOf(Buffer.from(lines.join('\r\n'))), 'bicycles.csv')
    expect(parsed.rejects).toEqual([{ line: 5, reason: expect.stringMatching(/^NUL byte at character \d+ of the line/) }])
    expect(parsed.rows.length).toBe(readRawTable(BICYCLES).rows.length - 1)
  })
})
