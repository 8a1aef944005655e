import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { extractFigures, htmlToText, looksLikeHtml } from '../src/transform/figures/index.ts'

const PAGE = readFileSync(new URL('../fixtures/figures-corpus/page.html', import.meta.url), 'utf8')

describe('htmlToText', () => {
  const text = htmlToText(PAGE)

  it('keeps the article, headline and paragraphs apart', () => {
    expect(text.startsWith('Kazakh oil exports to Germany rose 12% in 2023\n\n')).toBe(true)
    expect(text).toContain('\n\nKazakhstan shipped 1.4\u00a0million tonnes of crude oil to Germany in 2023, customs data show—worth about $820 million.\n\n')
    expect(text).toContain('in 2022.\nPrices averaged $82 per barrel.')
  })

  it('drops scripts, styles, navigation, widgets, share bars, asides and footers', () => {
    for (const gone of ['dataLayer', 'font-size', '16 px', '16px', 'Markets', 'Oil 2024', 'Share', 'Most read', 'OPEC', 'Tags', 'Call +49', 'wordCount', 'related', 'Example Energy Daily']) {
      expect(text, gone).not.toContain(gone)
    }
  })

  it('decodes entities', () => {
    expect(text).toContain('Rosneft’s share')
    expect(text).toContain('€1.1 billion for new links & storage.')
    expect(text).toContain('By the energy desk · February 14, 2024')
  })

  it('leaves only the article’s figures to extract', () => {
    const figures = extractFigures(text).filter((f) => f.kind !== 'year' && f.kind !== 'date')
    expect(figures.map((f) => [f.kind, f.valueExact, f.unit])).toEqual([
      ['percent', '12', '%'],
      ['mass', '1400000', 't'],
      ['money', '820000000', 'USD'],
      ['mass', '2242019', 't'],
      ['price', '82', 'USD/bbl'],
      ['percent', '54.17', '%'],
      ['money', '1100000000', 'EUR'],
    ])
    expect(figures[1]).toMatchObject({ year: 2023, reporter: 'KAZ', partner: 'DEU', flow: 'X', commodity: 'crude oil' })
    expect(figures[3]).toMatchObject({ year: 2022, reporter: 'DEU', partner: 'AZE', flow: 'M' })
  })
})

describe('looksLikeHtml', () => {
  it('tells pages from plain text', () => {
    expect(looksLikeHtml(PAGE)).toBe(true)
    expect(looksLikeHtml('<p>One</p><p>Two</p>')).toBe(true)
    expect(looksLikeHtml(htmlToText(PAGE))).toBe(false)
    expect(looksLikeHtml('Exports rose 5% (x < 3 and y > 2).')).toBe(false)
  })
})
