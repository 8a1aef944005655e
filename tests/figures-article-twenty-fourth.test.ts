/**
 * Issue 10, twenty-fourth round: the classes of phrasing that the round's four fresh articles
 * (read after their score alone) missed. One class each; the sentences are the team's own, with
 * other countries, goods and numbers than the articles'. The reports the classes were seen in:
 * https://www.apk-inform.com/en/conferences/roudshow/news/1027512
 * https://www.ena.et/en/?p=17066
 */
import { describe, expect, it } from 'vitest'
import { extractFigures } from '../src/transform/figures/index.ts'
import { at } from './helpers/figure-at.ts'

// Seen in https://www.apk-inform.com/en/conferences/roudshow/news/1027512
describe('a rank told by the participle "ranking" or by a place kept is a rank', () => {
  it('"ranking third", "kept first place", "occupies the second position"', () => {
    const f = extractFigures("Egypt took 9% of Romania's wheat exports in 2019, ranking third, while Turkey kept first place with 31% and Jordan occupies the second position.", { published: '2020-02-10' })
    expect(at(f, 'ranking third')).toMatchObject({ kind: 'rank', value: 3 })
    expect(at(f, 'kept first place')).toMatchObject({ kind: 'rank', value: 1 })
    expect(at(f, 'occupies the second position')).toMatchObject({ kind: 'rank', value: 2 })
  })
})

// Seen in https://www.ena.et/en/?p=17066
describe('"brought in" before an amount with its currency written after is earnings, not an import', () => {
  it('"brought in over 45 million USD more" in an article on exports keeps the export flow', () => {
    const f = extractFigures('Kenya exported 61,200 tons of tea in 2019, and the shipments brought in over 45 million USD more than a year before.', { published: '2020-01-20' })
    expect(at(f, '45 million USD')).toMatchObject({ kind: 'money', flow: 'X' })
  })
})
