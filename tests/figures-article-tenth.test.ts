/**
 * Issue 10, tenth round: the classes of phrasing behind the misses of the six blind articles
 * scored once and then moved to the development part (coffee by buyer, sunflower oil by supplier,
 * gas by supplier in two importers, beef by supplier and by buyer). One class each; the sentences
 * are the team's own, with other countries, goods and numbers.
 */
import { describe, expect, it } from 'vitest'
import { extractFigures } from '../src/transform/figures/index.ts'
import { at } from './helpers/figure-at.ts'

describe('Indian digit grouping', () => {
  it('"2,45,000 tonnes" and "12,40,500 tonnes" are 245,000 t and 1,240,500 t', () => {
    const f = extractFigures('Pakistan bought 2,45,000 tonnes of palm oil in May and 12,40,500 tonnes in the year to May.', { links: false })
    expect(f.map((x) => [x.kind, x.value, x.text])).toEqual([
      ['mass', 245000, '2,45,000 tonnes'],
      ['mass', 1240500, '12,40,500 tonnes'],
    ])
  })
})

describe('ranks written with a digit ordinal or as a place taken', () => {
  it('"the 3rd largest supplier", "its 2nd biggest buyer"', () => {
    const text = 'Peru sends more zinc to Korea\n\nPeru shipped 410,000 tonnes of zinc to South Korea in 2021, making it Korea\'s 3rd largest supplier.'
    const f = extractFigures(text, { published: '2022-02-01' })
    expect(at(f, '3rd largest supplier')).toMatchObject({ kind: 'rank', value: 3, reporter: 'KOR', partner: 'PER', flow: 'M' })
  })
  it('"took third place with", "pushed Canada into second place"', () => {
    const text = 'Mexico tops US apple buyers\n\nThe United States exported 9,800 tonnes of apples in March. Mexico was the largest buyer with 3,100 tonnes. Taiwan took third place with 1,200 tonnes, after Canada.'
    const f = extractFigures(text, { published: '2019-04-20' })
    expect(at(f, 'took third place')).toMatchObject({ kind: 'rank', value: 3, reporter: 'USA', partner: 'TWN', flow: 'X' })
    expect(at(f, '1,200 tonnes')).toMatchObject({ reporter: 'USA', partner: 'TWN', flow: 'X' })
  })
  it('"pushing Japan into second place" after a rank among a country\'s suppliers', () => {
    const text = 'Chile wins Korean wine market\n\nSouth Korea imported 6,400 tonnes of wine in 2018. Since then Chile has become the largest wine supplier to Korea, pushing France into second place.'
    const f = extractFigures(text, { published: '2019-03-01' })
    expect(at(f, 'into second place')).toMatchObject({ kind: 'rank', value: 2, reporter: 'KOR', partner: 'FRA', flow: 'M' })
  })
})
