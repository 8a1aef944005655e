/**
 * Issue 10, twenty-second round: the classes of phrasing that the round's five fresh articles
 * (read after their score alone) missed. One class each; the sentences are the team's own, with
 * other countries, goods and numbers than the articles'. The reports the classes were seen in:
 * https://www.wbpionline.com/news/vietnam-wood-product-exports-grew-in-march-11695362/
 * https://www.wbpionline.com/news/slide-in-brazil-exports-of-wood-products-11073515/
 * https://www.ttjonline.com/news/brazilian-solid-timber-export-value-up-14/
 * http://texindex.com/News/Detail/8843.html
 * https://indian-apparel.com/?p=5323
 */
import { describe, expect, it } from 'vitest'
import { extractFigures } from '../src/transform/figures/index.ts'
import { at } from './helpers/figure-at.ts'

// Seen in https://indian-apparel.com/?p=5323
describe('an ordinal placed on a list is a rank', () => {
  it('"seventh on the list of buyers", "ninth on the list"', () => {
    const f = extractFigures("Chilean wine exports\n\nChile's wine exports rose 4% in 2019. Peru, seventh on the list of buyers, took 8,000 tonnes, and Canada was ninth on the list.", { published: '2020-02-01' })
    expect(at(f, 'seventh on the list of buyers')).toMatchObject({ kind: 'rank', value: 7, partner: 'PER' })
    expect(at(f, 'ninth on the list')).toMatchObject({ kind: 'rank', value: 9 })
  })
})

// Seen in http://texindex.com/News/Detail/8843.html and https://indian-apparel.com/?p=5323
describe('a change verb and an adverb of degree, then "by" after a comma, make a change', () => {
  it('"grew most, by 12.5%", "fell fastest, by 3.1%"', () => {
    const f = extractFigures("Chilean wine exports\n\nChile's wine exports rose 4% in 2019. Among reds, merlot grew most, by 12.5%, and syrah fell fastest, by 3.1%.", { published: '2020-02-01' })
    expect(at(f, '12.5%')).toMatchObject({ measure: 'change', changeDirection: 'increase' })
    expect(at(f, '3.1%')).toMatchObject({ measure: 'change', changeDirection: 'decrease' })
  })
})

// Seen in https://www.ttjonline.com/news/brazilian-solid-timber-export-value-up-14/
describe('a percent comparative followed by "at" and an amount is a change to that level', () => {
  it('"6.2% larger at 210,000 tonnes"', () => {
    const f = extractFigures("Chilean wine exports\n\nChile's bottled wine sales in 2019 were 6.2% larger at 210,000 tonnes, and bulk sales 2% smaller at $90 million.", { published: '2020-02-01' })
    expect(at(f, '6.2%')).toMatchObject({ measure: 'change', changeDirection: 'increase' })
    expect(at(f, '2%')).toMatchObject({ measure: 'change', changeDirection: 'decrease' })
    expect(at(f, '210,000 tonnes')).toMatchObject({ measure: 'level' })
  })
})

// Seen in https://www.wbpionline.com/news/slide-in-brazil-exports-of-wood-products-11073515/
describe('a share of the figure\'s own value or volume lost or gained is a change', () => {
  it('"lost 20% of its value"; "20% of its exports" stays a share', () => {
    const f = extractFigures("Chilean wine exports\n\nChile's bulk wine lost 20% of its value in 2019, while Brazil took 15% of its exports.", { published: '2020-02-01' })
    expect(at(f, '20%')).toMatchObject({ measure: 'change', changeDirection: 'decrease' })
    expect(at(f, '15%')).toMatchObject({ measure: 'share' })
  })
})

// Seen in http://texindex.com/News/Detail/8843.html and
// https://www.dailysabah.com/business/economy/turkeys-exports-up-23-to-1465b-in-february
describe('a list of names "followed with" as many amounts takes them in order, without "respectively"', () => {
  it('"Japan and Mexico followed with $120 million and $90 million"', () => {
    const f = extractFigures("Chilean wine exports\n\nChile's wine exports reached $2 billion in 2019. Brazil bought $300 million worth, and Japan and Mexico followed with $120 million and $90 million. Peru, Bolivia and Canada followed with $50 million, $40 million and $30 million.", { published: '2020-02-01' })
    expect(at(f, '$120 million')).toMatchObject({ partner: 'JPN', reporter: 'CHL' })
    expect(at(f, '$90 million')).toMatchObject({ partner: 'MEX' })
    expect(at(f, '$50 million')).toMatchObject({ partner: 'PER' })
    expect(at(f, '$40 million')).toMatchObject({ partner: 'BOL' })
    expect(at(f, '$30 million')).toMatchObject({ partner: 'CAN' })
  })
})
