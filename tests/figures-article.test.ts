import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { extractFigures, type Figure } from '../src/transform/figures/index.ts'

/** The founding article, beside the checkout; never copied into the repository. */
const ARTICLE = fileURLToPath(new URL('../../shared/seed/article.txt', import.meta.url))
const present = existsSync(ARTICLE)

describe.skipIf(!present)('the founding article (../shared/seed/article.txt)', () => {
  const text = present ? readFileSync(ARTICLE, 'utf8') : ''
  const figures = extractFigures(text)
  const quantity = (f: Figure): boolean => ['mass', 'money', 'percent', 'volume', 'volume_rate', 'area'].includes(f.kind)

  it('finds exactly its trade figures, and no noise', () => {
    expect(figures.filter(quantity).map((f) => [f.kind, f.valueExact, f.unit])).toEqual([
      ['percent', '40', '%'],
      ['mass', '2289000', 't'],
      ['percent', '33.8', '%'],
      ['area', '170000', 'ha'],
    ])
  })

  it('links the oil export figure', () => {
    const mass = figures.find((f) => f.kind === 'mass')
    expect(mass).toMatchObject({
      value: 2289000, valueExact: '2289000', unit: 't', year: 2022, reporter: 'AZE', partner: 'ISR', flow: 'X',
      commodity: 'crude oil', hsCode: '2709', measure: 'level',
    })
    expect(text.slice(mass?.start, mass?.end).replace(/\s/g, '')).toBe('2.289milliontons')
  })

  it('links the change against the previous year', () => {
    expect(figures.find((f) => f.kind === 'percent' && f.value === 33.8)).toMatchObject({
      measure: 'change', changeFrom: 2021, changeDirection: 'increase', year: 2022, reporter: 'AZE', partner: 'ISR', flow: 'X', commodity: 'crude oil',
    })
  })

  it('reads the share of Israel’s oil needs', () => {
    const share = figures.find((f) => f.kind === 'percent' && f.value === 40)
    expect(share).toMatchObject({
      qualifier: 'nearly', measure: 'share', shareOf: "Israel's oil needs", shareOfCountry: 'ISR', reporter: 'AZE', partner: 'ISR', flow: 'X', commodity: 'crude oil',
    })
    expect(share?.year).toBeUndefined()
  })

  it('finds the dates, the year range, the area target and the counts', () => {
    const dates = figures.filter((f) => f.kind === 'date').map((f) => f.date)
    expect(dates).toEqual(expect.arrayContaining(['1992-04-07', '2009-05', '2016-12', '2016-12-13', '2022-10', '2023/2025']))
    expect(figures.find((f) => f.kind === 'area')).toMatchObject({ value: 170000, qualifier: 'approximately', year: 2030 })
    expect(figures.filter((f) => f.kind === 'count').map((f) => [f.value, f.text.split(/\s+/)[0]])).toEqual([
      [6, 'six'],
      [6, 'six'],
    ])
  })

  it('reads no furniture, class names or model names', () => {
    const spans = figures.map((f) => f.text)
    for (const bad of ['16', '16 px', '62', 'TAR-2', '2']) expect(spans).not.toContain(bad)
    for (const f of figures) expect(text.slice(f.start, f.end)).toBe(f.text)
  })

  it('still reads the figures when the text file breaks numbers across lines', () => {
    const broken = text.replace('2.289 million', '2.\n289 million').replace('33.8%', '33.\n8%')
    const again = extractFigures(broken).filter(quantity)
    expect(again.map((f) => [f.kind, f.valueExact])).toEqual([
      ['percent', '40'],
      ['mass', '2289000'],
      ['percent', '33.8'],
      ['area', '170000'],
    ])
    expect(again[1]?.text).toBe('2.\n289 million tons')
    expect(again[2]).toMatchObject({ text: '33.\n8%', changeFrom: 2021 })
  })
})
