import { readFileSync } from 'node:fs'
import { parse } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import { splitQuoted } from '../src/extract/split-quoted.ts'

/** What csv-parse makes of the text, with the reader's options and record delimiter. */
function csvParse(text: string, delimiter: string, crlf: boolean): string[][] {
  return parse(text, { delimiter, record_delimiter: crlf ? '\r\n' : '\n', relax_column_count: true, relax_quotes: true }) as string[][]
}

/** splitQuoted over the text as it arrives in chunks of the given sizes, carrying partial records. */
function splitInChunks(text: string, delimiter: string, crlf: boolean, sizes: () => number) {
  const records: string[][] = []
  let newlines = 0
  let carry = ''
  let at = 0
  for (;;) {
    const size = Math.max(1, sizes())
    carry += text.slice(at, at + size)
    at += size
    const final = at >= text.length
    const split = splitQuoted(carry, 0, delimiter, crlf, final, (fields, n) => {
      records.push(fields)
      newlines += n
    })
    carry = carry.slice(split.end)
    if (split.irregular) return { records, newlines, irregularAt: carry + text.slice(at) }
    if (final) return { records, newlines, irregularAt: carry === '' ? undefined : carry }
  }
}

const FIXTURES: [string, string][] = [
  ['fixtures/comtrade-plus/china-total-2022-plus.csv', ','],
  ['fixtures/comtrade-plus/germany-crude-imports-names.csv', ','],
  ['fixtures/comtrade/cement-legacy-35.csv', ','],
  ['fixtures/comtrade/sitc-petroleum-legacy-35.csv', ','],
  ['fixtures/reference/comtrade-country-data.csv', ','],
  ['fixtures/reference/comtrade-hs-H3.csv', ','],
]

describe('splitQuoted', () => {
  it.each(FIXTURES)('gives the records csv-parse gives on %s, however the text is chunked', (path, delimiter) => {
    const text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '')
    const crlf = /\r\n/.test(text.slice(0, text.indexOf('\n') + 1))
    const expected = csvParse(text, delimiter, crlf)
    expect(expected.length).toBeGreaterThan(10)
    for (const size of [text.length, 4096, 97, 7]) {
      const got = splitInChunks(text, delimiter, crlf, () => size)
      expect(got.irregularAt, `${path} in chunks of ${size}`).toBeUndefined()
      expect(got.records, `${path} in chunks of ${size}`).toEqual(expected)
    }
  })

  it('counts the line feeds inside quoted fields', () => {
    const got = splitInChunks('a,"b\nc"\n"d\n\ne",f\n', ',', false, () => 1e9)
    expect(got.records).toEqual([['a', 'b\nc'], ['d\n\ne', 'f']])
    expect(got.newlines).toBe(3)
  })

  it('stops at the first irregular record, having given exactly the records csv-parse gives before it', () => {
    for (const bad of ['x"y,1', '"a"b,1', '"never closed,1', '"a"\r,1']) {
      const text = `h1,h2\n"1","2"\n3,"4,5"\n${bad}\n6,7\n`
      const got = splitInChunks(text, ',', false, () => 5)
      expect(got.irregularAt, bad).toBe(`${bad}\n6,7\n`)
      expect(got.records).toEqual([['h1', 'h2'], ['1', '2'], ['3', '4,5']])
    }
  })

  it('gives what csv-parse gives on random quoted text, LF and CRLF, in random chunks', () => {
    let seed = 7
    const rand = (n: number) => Math.floor(((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648) * n)
    const pieces = ['a', 'bc', '1.5', ' ', '', 'é', ';', '\t']
    const quotedPieces = ['x', ',', '""', '\n', '\r\n', ' ', 'y z', '\t', '\r']
    for (let round = 0; round < 300; round++) {
      const crlf = round % 2 === 1
      const delimiter = round % 3 === 0 ? '\t' : ','
      const records: string[] = []
      for (let r = 0, count = 1 + rand(12); r < count; r++) {
        const fields: string[] = []
        for (let f = 0, width = 1 + rand(6); f < width; f++) {
          if (rand(2) === 0) fields.push(`"${Array.from({ length: rand(4) }, () => quotedPieces[rand(quotedPieces.length)]).join('')}"`)
          else fields.push(Array.from({ length: rand(3) }, () => pieces[rand(pieces.length)]).join('').replaceAll(delimiter, ''))
        }
        records.push(fields.join(delimiter))
      }
      const text = records.join(crlf ? '\r\n' : '\n') + (rand(2) === 0 ? (crlf ? '\r\n' : '\n') : '')
      const expected = csvParse(text, delimiter, crlf)
      const got = splitInChunks(text, delimiter, crlf, () => 1 + rand(40))
      if (got.irregularAt === undefined) {
        expect(got.records, JSON.stringify(text)).toEqual(expected)
      } else {
        // Irregular (a CR in a plain field of a CRLF record, say): what came before is csv-parse's.
        expect(got.records, JSON.stringify(text)).toEqual(expected.slice(0, got.records.length))
      }
    }
  })
})
