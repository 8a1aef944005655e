import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { FileBytes } from '../src/extract/index.ts'
import { parseClaimsFile, parsePublishedFile } from '../src/extract/read-figure-files.ts'
import { TradeEtlError } from '../src/errors.ts'

const file = (path: string, text: string): FileBytes => ({ path, text, sha256: '0'.repeat(64) })

/** The error `fn` throws, as a TradeEtlError (the test fails if it throws anything else or nothing). */
function thrown(fn: () => unknown): TradeEtlError {
  try {
    fn()
  } catch (error) {
    expect(error).toBeInstanceOf(TradeEtlError)
    return error as TradeEtlError
  }
  throw new Error('expected an error')
}

describe('claims and published-figures files report their own errors', () => {
  it('the real claims and published fixtures parse', () => {
    const claims = 'fixtures/articles/news-az-2025-03-08-azerbaijan-israel.claims.json'
    const published = 'fixtures/published/faktyoxla-2795-azerbaijan-israel-oil-2023.json'
    const parsedClaims = parseClaimsFile(file(claims, readFileSync(claims, 'utf8')))
    const raw = JSON.parse(readFileSync(claims, 'utf8')) as { figures: unknown[] }
    expect(parsedClaims.figures).toHaveLength(raw.figures.length)
    expect(parsePublishedFile(file(published, readFileSync(published, 'utf8'))).figures.length).toBeGreaterThan(0)
  })

  it('broken JSON names the file and the line of the fault', () => {
    const e = thrown(() => parseClaimsFile(file('a.claims.json', '{\n  "url": "https://x",\n  "claims": [\n    {"value": 1,,}\n  ]\n}')))
    expect(e).toMatchObject({ code: 'FILE_UNREADABLE', file: 'a.claims.json', line: 4 })
    expect(e.message).toMatch(/fix the syntax/)
  })

  it('a JSON document that is not a claims file is CLAIMS_INVALID, naming the field', () => {
    const e = thrown(() => parseClaimsFile(file('b.claims.json', '{"url": "https://x.example", "figures": "none"}')))
    expect(e.code).toBe('CLAIMS_INVALID')
    expect(e.message).toMatch(/figures/)
  })

  it('a published CSV: a bad row is PUBLISHED_INVALID at its line, a ragged row CSV_MALFORMED, no source_url said so', () => {
    const header = 'source_url,subject,year,value,unit\n'
    const bad = thrown(() => parsePublishedFile(file('p.csv', `${header}https://x,trade,2022,5,t\nhttps://x,trade,twenty,5,t\n`)))
    expect(bad).toMatchObject({ code: 'PUBLISHED_INVALID', file: 'p.csv', line: 3 })
    const ragged = thrown(() => parsePublishedFile(file('p.csv', `${header}https://x,trade,2022,5,t\nhttps://x,trade,2022\n`)))
    expect(ragged).toMatchObject({ code: 'CSV_MALFORMED', file: 'p.csv', line: 3 })
    const noUrl = thrown(() => parsePublishedFile(file('q.csv', 'subject,year,value,unit\n')))
    expect(noUrl).toMatchObject({ code: 'PUBLISHED_INVALID', file: 'q.csv' })
  })
})
