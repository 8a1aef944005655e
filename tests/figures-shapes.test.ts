/**
 * Number shapes reporters write, as classes. Each sentence is the team's own, written in the
 * shape of a real report whose address is given; the numbers are the report's.
 */
import { describe, expect, it } from 'vitest'
import { extractFigures, type Figure } from '../src/transform/figures/index.ts'

const shape = (text: string, published?: string): [string, string, string, string][] =>
  extractFigures(text, published === undefined ? { links: false } : { links: false, published })
    .filter((f) => f.kind !== 'year' && f.kind !== 'date')
    .map((f) => [f.kind, f.valueExact, f.unit, f.text])
const find = (text: string, span: string, published?: string): Figure => {
  const f = extractFigures(text, published === undefined ? {} : { published }).find((x) => x.text === span)
  if (f === undefined) throw new Error(`no "${span}" in ${JSON.stringify(extractFigures(text))}`)
  return f
}

describe('abbreviations the text defines', () => {
  // https://www.financialexpress.com/industry/indias-coal-import-rises-12-pct-to-79-mt-in-april-july/1299985/
  it('reads MT as million tonnes after "million tonnes (MT)"', () => {
    const text = 'India bought 70.3 million tonnes (MT) of coal a year earlier. July imports reached 20.79 MT.'
    expect(shape(text)).toEqual([
      ['mass', '70300000', 't', '70.3 million tonnes'],
      ['mass', '20790000', 't', '20.79 MT'],
    ])
  })
  it('keeps MT a metric ton where nothing defines it, and "million mt" a million metric tons', () => {
    // https://www.coalage.com/departments/world-news/indian-coal-imports-expected-to-surge-next-year/
    expect(shape('The port moved 8,140 MT of cargo; imports may reach 265 million mt.')).toEqual([
      ['mass', '8140', 't', '8,140 MT'],
      ['mass', '265000000', 't', '265 million mt'],
    ])
  })
})

describe('elliptic units and bracketed earlier values', () => {
  // https://pakobserver.net/petroleum-groups-export-surges-97-2pc/ ("rose to $X million from $Y million")
  it('carries the unit to a scaled number compared with it', () => {
    expect(shape('Crude sales rose to 3.4 million tonnes from 2.9 million in the same months.')).toEqual([
      ['mass', '3400000', 't', '3.4 million tonnes'],
      ['mass', '2900000', 't', '2.9 million'],
    ])
    expect(find('Crude sales rose to 3.4 million tonnes in 2022 from 2.9 million in 2021.', '2.9 million')).toMatchObject({ base: true, year: 2021, measure: 'level' })
    expect(find('Crude sales rose to 3.4 million tonnes in 2022 from 2.9 million in 2021.', '3.4 million tonnes')).toMatchObject({ year: 2022 })
  })
  it('does not give a unit to a scaled number that is no comparison', () => {
    expect(shape('Kazakhstan shipped 3.4 million tonnes to a country of 10 million.')).toEqual([['mass', '3400000', 't', '3.4 million tonnes']])
  })
  // Interfax-style production tables: "8.2 (7.9) mln t"
  it('reads "8.2 (7.9) mln t" as this year and the year before', () => {
    const text = 'In 2023 the refinery processed 8.2 (7.9) mln t of crude.'
    expect(shape(text)).toEqual([
      ['mass', '8200000', 't', '8.2 (7.9) mln t'],
      ['mass', '7900000', 't', '7.9'],
    ])
    expect(find(text, '7.9')).toMatchObject({ base: true, year: 2022 })
    expect(find(text, '8.2 (7.9) mln t')).toMatchObject({ year: 2023 })
  })
})

describe('grouping, signs and currencies', () => {
  it('reads space-grouped thousands with a unit, scale or currency only', () => {
    // Eurostat news releases write "€2 310.5 bn"
    expect(shape('Extra-EU exports came to €2 310.5 bn, and 12 500 tonnes of cheese left; call 12 345 67.')).toEqual([
      ['money', '2310500000000', 'EUR', '€2 310.5 bn'],
      ['mass', '12500', 't', '12 500 tonnes'],
    ])
  })
  it('reads a sign before the currency', () => {
    expect(shape('The balance swung to -USD 3.2 bln and then to −$5bn.')).toEqual([
      ['money', '-3200000000', 'USD', '-USD 3.2 bln'],
      ['money', '-5000000000', 'USD', '−$5bn'],
    ])
  })
  it('reads K, N, R only glued to a scaled or grouped amount', () => {
    expect(shape('Zambia earned K2.5 billion, Nigeria N1,200 and South Africa R5 billion; grade K 5 and N1 route.')).toEqual([
      ['money', '2500000000', 'ZMW', 'K2.5 billion'],
      ['money', '1200', 'NGN', 'N1,200'],
      ['money', '5000000000', 'ZAR', 'R5 billion'],
    ])
  })
  it('reads Rs, ₹ and ¥ prefixes and ISO codes', () => {
    expect(shape('Imports cost Rs 5,000 crore, or ₹50 billion, against ¥3 trillion and KES 2 billion.').map((r) => r.slice(1, 3))).toEqual([
      ['50000000000', 'INR'], ['50000000000', 'INR'], ['3000000000000', 'JPY'], ['2000000000', 'KES'],
    ])
  })
})

describe('rates and compounds', () => {
  // https://iene.eu/us-crude-oil-exports-jump-200-in-first-half-of-2019-p5305.html ("bpd")
  it('reads kb/d, Mb/d, "barrels daily" and hyphenated compounds', () => {
    expect(shape('Output was 600 kb/d, demand 101.2 Mb/d and flows 3,000 barrels daily at a 300,000-bpd refinery fed by a two-million-barrel-a-day line.')).toEqual([
      ['volume_rate', '600000', 'bbl/d', '600 kb/d'],
      ['volume_rate', '101200000', 'bbl/d', '101.2 Mb/d'],
      ['volume_rate', '3000', 'bbl/d', '3,000 barrels daily'],
      ['volume_rate', '300000', 'bbl/d', '300,000-bpd'],
      ['volume_rate', '2000000', 'bbl/d', 'two-million-barrel-a-day'],
    ])
  })
})

describe('fractions and multiples in words', () => {
  // http://in.reuters.com/article/india-oil-sales-idINL3E8LP1YJ20121025 ("more than three-quarters of its crude oil requirements")
  it('reads fractions as shares and multiples as changes', () => {
    const text = 'India imports more than three-quarters of its crude needs; a third of the cargoes came by sea, and exports to Korea doubled while sales to Japan halved.'
    expect(shape(text)).toEqual([
      ['percent', '75', '%', 'three-quarters'],
      ['percent', '33.333333333', '%', 'a third'],
      ['percent', '100', '%', 'doubled'],
      ['percent', '50', '%', 'halved'],
    ])
    expect(find(text, 'three-quarters')).toMatchObject({ qualifier: 'more than', measure: 'share' })
    expect(find(text, 'halved')).toMatchObject({ measure: 'change', changeDirection: 'decrease' })
  })
  it('does not read periods as fractions', () => {
    expect(shape('In the first half of the year and the fourth quarter of 2023, half of a century ago.')).toEqual([])
  })
})

describe('what is not a trade figure', () => {
  it('reads prices per unit as kind price', () => {
    expect(shape('Corn slid to $2.45/bu and coal to $60/mt, Brent to 82 dollars a barrel.')).toEqual([
      ['price', '2.45', 'USD/bu', '$2.45/bu'],
      ['price', '60', 'USD/t', '$60/mt'],
      ['price', '82', 'USD/bbl', '82 dollars a barrel'],
    ])
  })
  it('skips package and vehicle sizes and yields', () => {
    // http://businessdocbox.com/Agriculture/107807284-World-agricultural-production.html (yields in tons per hectare)
    expect(shape('Flour goes out in 50 kg sacks and bags of 25 kg on 10-ton trucks; yields were 7.78 metric tons per hectare.')).toEqual([])
    expect(shape('A 100,000-tonne cargo sailed.')).toEqual([['mass', '100000', 't', '100,000-tonne']])
  })
})

describe('periods and the article date', () => {
  // https://en.vietnamplus.vn/sharp-drop-seen-in-crude-oil-exploitation/164925.vnp ("in the first 11 months of this year")
  it('gives "this year", months and quarters without a year the year of the article', () => {
    expect(find('In the first 11 months of this year Vietnam shipped 3.72 million tonnes of crude abroad.', '3.72 million tonnes', '2019-12-06')).toMatchObject({
      year: 2019, period: '2019-01/2019-11', reporter: 'VNM', flow: 'X',
    })
    expect(find('Imports fell 34.3 percent in December from a year earlier.', '34.3 percent', '2016-01-06')).toMatchObject({ year: 2015, period: '2015-12', changeFrom: 2014 })
    expect(find('Exports rose to 3 Mt last year.', '3 Mt', '2024-02-01')).toMatchObject({ year: 2023 })
  })
})
