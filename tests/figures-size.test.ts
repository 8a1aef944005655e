import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { describe, expect, it } from 'vitest'
import { MAX_ARTICLE_CHARS, readArticle } from '../src/jobs/figures.ts'

describe('article size limit', () => {
  const dir = mkdtempSync(`${tmpdir()}/trade-etl-size-`)
  // Long paragraphs with one figure each keep the extraction (and the test) short.
  const paragraph = `${'The ministry published its monthly review of the sector. '.repeat(40)}Azerbaijan exported 2.2 million tons of oil to Israel in 2023.\n\n`
  const path = `${dir}/big.txt`
  writeFileSync(path, paragraph.repeat(Math.ceil((MAX_ARTICLE_CHARS + 1000) / paragraph.length)))

  it('refuses a text past the limit, naming the file, the size and what to do', async () => {
    await expect(readArticle({ path })).rejects.toMatchObject({ code: 'ARTICLE_TOO_LARGE', file: path, message: expect.stringMatching(/over the limit of 2,000,000 .*--truncate/) })
  })

  it('with truncate, reads up to the last paragraph break before the limit', async () => {
    const article = await readArticle({ path, truncate: true })
    expect(article.truncated?.total).toBeGreaterThan(MAX_ARTICLE_CHARS)
    expect(article.truncated?.read).toBeLessThanOrEqual(MAX_ARTICLE_CHARS)
    expect(article.text.endsWith('2023.')).toBe(true)
    // One mass and one year per whole paragraph read, independently of the extractor's count.
    const paragraphs = article.text.split('\n\n').length
    expect(article.figures.filter((f) => f.kind === 'mass')).toHaveLength(paragraphs)
  })
})
