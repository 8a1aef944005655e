/**
 * Issue 10, twenty-first round: the classes of phrasing that the round's six fresh articles (read
 * after their score alone) missed. One class each; the sentences are the team's own, with other
 * countries, goods and numbers than the articles'. The reports the classes were seen in:
 * https://www.scoop.co.nz/stories/BU1912/S00410/strong-start-to-dairy-export-season.htm
 * http://usa.chinadaily.com.cn/business/2017-07-27/content_30266043.htm
 * https://ruralnewsgroup.co.nz/dairy-news/dairy-general-news/dairy-leads-export-rise
 * https://www.dailysabah.com/business/economy/turkeys-exports-up-23-to-1465b-in-february
 * https://www.steelorbis.com/steel-news/latest-news/tuik-turkeys-steel-export-value-down-192-percent-in-january_october-1175118.htm
 * https://importersnetwork.ca/node/7984
 */
import { describe, expect, it } from 'vitest'
import { extractFigures } from '../src/transform/figures/index.ts'
import { at } from './helpers/figure-at.ts'

// Seen in https://www.scoop.co.nz/stories/BU1912/S00410/strong-start-to-dairy-export-season.htm
// and https://importersnetwork.ca/node/7984
describe('a dollar country\'s statistics office gives bare "$" amounts in its own dollar', () => {
  it('Statistics Canada, Stats NZ, the Australian Bureau of Statistics; not when the article writes US$', () => {
    const ca = extractFigures("Canadian lumber exports\n\nCanada's lumber exports rose $310 million in May to $2.4 billion, Statistics Canada said.", { published: '2021-07-06' })
    expect(at(ca, '$2.4 billion')).toMatchObject({ unit: 'CAD' })
    const nz = extractFigures("Kiwifruit exports\n\nStats NZ said kiwifruit exports reached $420 million in April.", { published: '2021-05-27' })
    expect(at(nz, '$420 million')).toMatchObject({ unit: 'NZD' })
    const au = extractFigures("Australian wool\n\nWool exports fell to $250 million in March, the Australian Bureau of Statistics said.", { published: '2021-05-06' })
    expect(at(au, '$250 million')).toMatchObject({ unit: 'AUD' })
    const us = extractFigures("Canadian lumber exports\n\nCanada's lumber exports rose to US$1.9 billion in May, Statistics Canada said; a year earlier they were $1.5 billion.", { published: '2021-07-06' })
    expect(at(us, '$1.5 billion')).toMatchObject({ unit: 'USD' })
  })
})

// Seen in http://usa.chinadaily.com.cn/business/2017-07-27/content_30266043.htm
describe('a bare "$" amount in brackets right after one in another dollar is its US-dollar conversion', () => {
  it('"A$3.1 billion ($2.2 billion)"', () => {
    const f = extractFigures("Australian beef exports\n\nAustralia's beef exports rose 9 percent to A$3.1 billion ($2.2 billion) in the quarter, while lamb sales reached A$800 million ($570 million).", { published: '2021-07-06' })
    expect(at(f, 'A$3.1 billion')).toMatchObject({ unit: 'AUD' })
    expect(at(f, '$2.2 billion')).toMatchObject({ unit: 'USD' })
    expect(at(f, '$570 million')).toMatchObject({ unit: 'USD' })
  })
})

// Seen in https://www.dailysabah.com/business/economy/turkeys-exports-up-23-to-1465b-in-february
describe('a rank among suppliers that names no other importer is the article country\'s imports, in an article on its exports', () => {
  it('"Poland was the top source of imports, at $900 million" after the exports\' buyers', () => {
    const text = "Hungarian exports rise in March\n\nHungary's exports grew 3% in March. Germany stayed the biggest buyer of Hungarian goods, taking $2.1 billion.\n\nPoland was the top source of imports, at $900 million."
    const f = extractFigures(text, { published: '2021-05-10' })
    expect(at(f, 'top source')).toMatchObject({ reporter: 'HUN', partner: 'POL', flow: 'M' })
    expect(at(f, '$900 million')).toMatchObject({ reporter: 'HUN', partner: 'POL', flow: 'M' })
  })
})

// Seen in https://www.scoop.co.nz/stories/BU1912/S00410/strong-start-to-dairy-export-season.htm
// and https://ruralnewsgroup.co.nz/dairy-news/dairy-general-news/dairy-leads-export-rise
describe('a date after an amount of change is the change\'s base, not the year of the level after it', () => {
  it('"rose $90 million from May 2020 to $640 million" dates the $640 million, and the sentences after it, by the article\'s month', () => {
    const text = "Chilean wine exports in May 2021\n\nChile's wine exports rose 4% in May 2021, the customs office said.\n\nSales to Japan rose $90 million from May 2020 to $640 million.\n\nSales to Brazil were $120 million."
    const f = extractFigures(text, { published: '2021-06-20' })
    expect(at(f, '$640 million')).toMatchObject({ year: 2021, period: '2021-05', partner: 'JPN' })
    expect(at(f, '$120 million')).toMatchObject({ year: 2021, period: '2021-05' })
  })
})

// Seen in https://ruralnewsgroup.co.nz/dairy-news/dairy-general-news/dairy-leads-export-rise
describe('a percent alone in brackets right after an amount of change restates that change', () => {
  it('"fell $40 million (9%)", "rose $15 million (22 percent)"; "(12% of exports)" stays a share', () => {
    const text = "Irish cheese exports\n\nIreland's cheese exports fell $40 million (9%) in June 2021, while butter exports rose $15 million (22 percent). The trade surplus was $500 million (12% of exports)."
    const f = extractFigures(text, { published: '2021-07-20' })
    expect(at(f, '9%')).toMatchObject({ measure: 'change', changeDirection: 'decrease' })
    expect(at(f, '22 percent')).toMatchObject({ measure: 'change', changeDirection: 'increase' })
    expect(at(f, '12%')).toMatchObject({ measure: 'share' })
  })
})

// Seen in https://ruralnewsgroup.co.nz/dairy-news/dairy-general-news/dairy-leads-export-rise
describe('"the year ended MONTH YEAR" is one date of the twelve months that end with that month', () => {
  it('"the year ended June 2021" is July 2020 to June 2021; "the year ended December 2020" is 2020', () => {
    const text = "Australian wine exports\n\nAustralia's wine exports reached A$2.3 billion in the year ended June 2021, and A$2.8 billion in the year ended December 2020."
    const f = extractFigures(text, { published: '2021-08-01' })
    expect(at(f, 'year ended June 2021')).toMatchObject({ kind: 'date', value: 2020, date: '2020-07/2021-06' })
    expect(at(f, 'A$2.3 billion')).toMatchObject({ period: '2020-07/2021-06' })
    expect(at(f, 'year ended December 2020')).toMatchObject({ kind: 'date', date: '2020-01/2020-12' })
  })
})

// Seen in https://ruralnewsgroup.co.nz/dairy-news/dairy-general-news/dairy-leads-export-rise
// and https://www.steelorbis.com/steel-news/latest-news/tuik-turkeys-steel-export-value-down-192-percent-in-january_october-1175118.htm
describe('a rank among a country\'s export (import) goods is a rank', () => {
  it('"the third-largest export product", "its top import commodity"', () => {
    const text = "Chilean exports in 2021\n\nChile's exports grew 10% in 2021. Wine, the country's third-largest export product, earned $2 billion. Crude oil, its top import commodity, cost $5 billion."
    const f = extractFigures(text, { published: '2022-02-01' })
    expect(at(f, 'third-largest export product')).toMatchObject({ kind: 'rank', value: 3, reporter: 'CHL' })
    expect(at(f, 'top import commodity')).toMatchObject({ kind: 'rank', value: 1 })
  })
})

// Seen in https://importersnetwork.ca/node/7984
describe('a first figure opened by "from" is a base named before its level, with its own year', () => {
  it('"grew from $400 million in December 2020 to $900 million in January": the level is of January 2021, the sentences after it too', () => {
    const text = "Peru's trade gap\n\nPeru's trade deficit grew from $400 million in December 2020 to $900 million in January. Exports fell 3% to $4 billion."
    const f = extractFigures(text, { published: '2021-03-05' })
    expect(at(f, '$400 million')).toMatchObject({ base: true, year: 2020, period: '2020-12' })
    expect(at(f, '$900 million')).toMatchObject({ year: 2021, period: '2021-01' })
    expect(at(f, '$4 billion')).toMatchObject({ year: 2021, period: '2021-01' })
  })
})

// Seen in https://www.dailysabah.com/business/economy/turkeys-exports-up-23-to-1465b-in-february
describe('the items of a list of names "with" amounts opened by "ahead of" continue the trade of the amount before', () => {
  it('"Poland was the top source of imports, at $900 million, ahead of China with $800 million, Italy with $500 million"', () => {
    const text = "Hungarian exports rise in March\n\nHungary's exports grew 3% in March. Germany stayed the biggest buyer of Hungarian goods, taking $2.1 billion.\n\nPoland was the top source of imports, at $900 million, ahead of China with $800 million, Italy with $500 million."
    const f = extractFigures(text, { published: '2021-05-10' })
    expect(at(f, '$800 million')).toMatchObject({ reporter: 'HUN', partner: 'CHN', flow: 'M' })
    expect(at(f, '$500 million')).toMatchObject({ reporter: 'HUN', partner: 'ITA', flow: 'M' })
  })
})
