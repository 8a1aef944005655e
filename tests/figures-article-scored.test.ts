/**
 * Issue 10, seventh round: the classes of phrasing behind the reporter, partner and year misses
 * of the seven blind articles scored once and then moved to the development part. One class
 * each; the sentences are the team's own, with other countries, goods and numbers.
 */
import { describe, expect, it } from 'vitest'
import { extractFigures } from '../src/transform/figures/index.ts'
import { at } from './helpers/figure-at.ts'

describe('the countries a rank is measured against play no part', () => {
  it('"the No.3 supplier after Norway, Qatar and Algeria" leaves the article\'s importer in place', () => {
    const text = 'Italy buys more gas\n\nItaly imported 5.2 billion cubic metres of gas in March.\n\nImports of Libyan gas rose 14% to 0.6 billion cubic metres, making Libya the country\'s No.3 supplier after Norway, Qatar and Algeria.\n\nThe country\'s gas imports in the first quarter fell 3% to 16.1 billion cubic metres.'
    const f = extractFigures(text, { published: '2022-04-20' })
    expect(at(f, '14%')).toMatchObject({ reporter: 'ITA', partner: 'LBY', flow: 'M' })
    expect(at(f, '3%')).toMatchObject({ reporter: 'ITA', flow: 'M' })
    expect(at(f, '16.1 billion cubic metres')).toMatchObject({ reporter: 'ITA', flow: 'M' })
  })

  it('"ranked third among Spain\'s wheat suppliers, behind France and Ukraine" is Spain\'s imports', () => {
    const text = 'Spain wheat imports\n\nSpain imported 1.1 million tonnes of wheat in October.\n\nCanada ranked third among Spain\'s wheat suppliers in October, behind France and Ukraine.'
    const f = extractFigures(text, { published: '2021-11-25' })
    expect(at(f, 'ranked third')).toMatchObject({ reporter: 'ESP', partner: 'CAN', flow: 'M' })
  })
})

describe('a country name used as the goods\' adjective is their origin', () => {
  it('"took in 420,000 tonnes of Canada wheat", "U.S. wheat imports totalled" in an article on Japan\'s imports', () => {
    const text = 'Japan keeps buying foreign wheat\n\nJapan\'s imports of wheat from Canada rose 12% in May from a year earlier.\n\nThe country took in 420,000 tonnes of Canada wheat in May. From January to May U.S. wheat imports totalled 2.1 million tonnes.'
    const f = extractFigures(text, { published: '2019-06-20' })
    expect(at(f, '420,000 tonnes')).toMatchObject({ reporter: 'JPN', partner: 'CAN', flow: 'M' })
    expect(at(f, '2.1 million tonnes')).toMatchObject({ reporter: 'JPN', partner: 'USA', flow: 'M' })
  })
})

describe('a part of a month without a year takes the article\'s year', () => {
  it('"by mid-March", "6% more than a year earlier"', () => {
    const text = 'Thai sugar exports rise\n\nThailand had shipped 3.1 million tonnes of sugar abroad by mid-March, 6% more than a year earlier.'
    const f = extractFigures(text, { published: '2021-04-02' })
    expect(at(f, '3.1 million tonnes')).toMatchObject({ year: 2021, reporter: 'THA', flow: 'X' })
    expect(at(f, '6%')).toMatchObject({ year: 2021 })
  })

  it('"by early November" in an article of April is the year before', () => {
    const text = 'Thai sugar exports\n\nThailand had shipped 3.1 million tonnes of sugar abroad by early November.'
    const f = extractFigures(text, { published: '2021-04-02' })
    expect(at(f, '3.1 million tonnes')).toMatchObject({ year: 2020 })
  })
})

describe('after a list of partners with their own amounts, the next sentence has no partner', () => {
  it('"Egypt was the largest buyer with 1.1 Mt, ahead of Algeria ... and Morocco ..." then the total earnings', () => {
    const text = 'French wheat exports grow\n\nFrance shipped 4.2 million tonnes of wheat outside the EU in 2020.\n\nEgypt was the largest buyer with 1.1 million tonnes, ahead of Algeria with 0.9 million tonnes and Morocco with 0.7 million tonnes.\n\nExport earnings rose 9% to 1.0 billion euros.'
    const f = extractFigures(text, { published: '2021-02-10' })
    expect(at(f, '0.7 million tonnes')).toMatchObject({ reporter: 'FRA', partner: 'MAR', flow: 'X' })
    const total = at(f, '9%')
    expect(total).toMatchObject({ reporter: 'FRA', flow: 'X' })
    expect(total.partner).toBeUndefined()
  })
})

describe('a country named only in a reason clause is no trader', () => {
  it('"exports of 5.9 Mt in 2021, as factories recover in India" stay the article\'s country\'s', () => {
    const text = 'Chile copper exports\n\nChile exported 5.6 million tonnes of copper in 2020.\n\nThe mining council expects exports of 5.9 million tonnes in 2021, as factories recover in India.'
    const f = extractFigures(text, { published: '2021-02-01' })
    const next = at(f, '5.9 million tonnes')
    expect(next).toMatchObject({ reporter: 'CHL', flow: 'X', year: 2021 })
    expect(next.partner).toBeUndefined()
  })
})

describe('an origin after a lede without figures continues the lede\'s trade', () => {
  it('"Japan bought more timber from Canada" then "Timber arriving from Finland rose 12%"', () => {
    const text = 'Japan buys more timber\n\nJapan bought more timber from Canada and Finland in 2019, customs data show.\n\nTimber arriving from Finland rose 12% to 1.4 million cubic metres.'
    const f = extractFigures(text, { published: '2020-01-30' })
    expect(at(f, '12%')).toMatchObject({ reporter: 'JPN', partner: 'FIN', flow: 'M' })
    expect(at(f, '1.4 million cubic metres')).toMatchObject({ reporter: 'JPN', partner: 'FIN', flow: 'M' })
  })
})

describe('a relative year in the figure\'s own clause beats a year in another clause', () => {
  it('"The plan for 2022 is 95 Mt; last year\'s output reached 102 Mt"', () => {
    const text = 'Colombian coal\n\nColombia expects to mine 98 million tonnes of coal this year.\n\nThe plan for 2022 is 95 million tonnes; last year\'s output reached 102 million tonnes, above the goal of 90 million tonnes.'
    const f = extractFigures(text, { published: '2021-03-15' })
    expect(at(f, '95 million tonnes')).toMatchObject({ year: 2022 })
    expect(at(f, '102 million tonnes')).toMatchObject({ year: 2020 })
    expect(at(f, '90 million tonnes')).toMatchObject({ year: 2020 })
  })
})

describe('a span of months after a comparison word is the base, not the figure\'s period', () => {
  it('"In the third quarter ... $2.1 billion, 4% more than in the second quarter"', () => {
    const text = 'Peru gold exports\n\nPeru exported gold worth $1.9 billion in the second quarter.\n\nIn the third quarter the country\'s gold exports were worth $2.1 billion, 4% more than in the second quarter.'
    const f = extractFigures(text, { published: '2021-11-10' })
    expect(at(f, '$2.1 billion')).toMatchObject({ year: 2021, period: '2021-07/2021-09' })
    expect(at(f, '4%')).toMatchObject({ period: '2021-07/2021-09' })
  })
})

describe('a comparative then a time back is a change', () => {
  it('"2.8 Mt, 14.2% below a year earlier", "9% above last year"', () => {
    const text = 'Chile copper exports\n\nIn May Chile exported 2.8 million tonnes of copper, 14.2% below a year earlier. Earnings were 9% above last year.'
    const f = extractFigures(text, { published: '2021-06-20' })
    expect(at(f, '14.2%')).toMatchObject({ measure: 'change', changeDirection: 'decrease' })
    expect(at(f, '9%')).toMatchObject({ measure: 'change', changeDirection: 'increase' })
  })
})

// Issue 10, eighth round: the classes behind the misses of the five blind articles of the seventh
// round, scored once and moved to the development part. The team's own sentences.
describe('a rank among the buyers of a country\'s goods decides the sentence\'s side', () => {
  it('"Egypt was the biggest importer of Ukrainian sunflower oil, taking 1.2 Mt" is Ukraine\'s exports to Egypt', () => {
    const text = 'Egypt leads buyers of Ukrainian sunflower oil\n\nEgypt was the biggest importer of Ukrainian sunflower oil in 2021, taking 1.2 million tonnes, the ministry said.'
    const f = extractFigures(text, { published: '2022-02-10' })
    expect(at(f, 'biggest importer')).toMatchObject({ reporter: 'UKR', partner: 'EGY', flow: 'X' })
    expect(at(f, '1.2 million tonnes')).toMatchObject({ reporter: 'UKR', partner: 'EGY', flow: 'X', year: 2021 })
  })

  it('"the biggest importer" with no country\'s goods after it stays the world\'s rank', () => {
    const text = 'Egypt imported 12 million tonnes of wheat in 2021, making it the biggest importer in the world.'
    const f = extractFigures(text, { published: '2022-02-10' })
    expect(at(f, '12 million tonnes')).toMatchObject({ reporter: 'EGY', flow: 'M' })
    expect(at(f, 'biggest importer').partner).toBeUndefined()
  })
})

describe('soymeal is its own goods', () => {
  it('"2.1 million tonnes of soymeal" is soybean meal, not the grain named before it', () => {
    const f = extractFigures('Brazil shipped 5 million tonnes of wheat and 2.1 million tonnes of soymeal to Indonesia in 2020.', { published: '2021-01-15' })
    expect(at(f, '2.1 million tonnes')).toMatchObject({ commodity: 'soybean meal' })
  })
})

describe('a lede without figures does not turn the first total around', () => {
  it('"Malaysia bought 300,000 t" under "Thailand supplies most of Malaysia\'s sugar" is Malaysia\'s imports', () => {
    const text = 'Thailand supplies most of Malaysia\'s sugar\n\nMalaysia bought 300,000 tonnes of sugar in March, and 120,000 tonnes of it came from Thailand.'
    const f = extractFigures(text, { published: '2022-05-02' })
    expect(at(f, '300,000 tonnes')).toMatchObject({ reporter: 'MYS', flow: 'M' })
    expect(at(f, '300,000 tonnes').partner).toBeUndefined()
    expect(at(f, '120,000 tonnes')).toMatchObject({ reporter: 'MYS', partner: 'THA', flow: 'M' })
  })
})

describe('a multiple in the present tense is a change', () => {
  it('"Belgian coffee bill almost triples" and "exports halves" are changes of 200% and 50%', () => {
    const f = extractFigures('Belgian coffee import bill almost triples in 2024 while its tea exports halves.', { published: '2024-09-01' })
    expect(at(f, 'triples')).toMatchObject({ kind: 'percent', value: 200, measure: 'change', changeDirection: 'increase', qualifier: 'almost' })
    expect(at(f, 'halves')).toMatchObject({ kind: 'percent', value: 50, changeDirection: 'decrease' })
  })
})

describe('a statistics office named after its country is no country of the trade', () => {
  it('"..., Statistics Canada said" leaves the sentence\'s importer in place', () => {
    const f = extractFigures('Canada imports\n\nCanada paid 2.4 billion dollars for imported steel in the second quarter, 12% more than a year earlier, Statistics Canada said.', { published: '2023-09-01' })
    expect(at(f, '12%')).toMatchObject({ reporter: 'CAN', flow: 'M', measure: 'change' })
  })
})

describe('a country opening a later clause is not the partner of an earlier share', () => {
  it('"Colombia supplied 38% of the import value, Brazil was ..." is Germany\'s imports from Colombia', () => {
    const text = 'German coffee imports\n\nGermany imported 3.5 billion euros of coffee in 2022.\n\nColombia supplied 38% of the import value, Brazil was the next supplier with 21% and Vietnam followed with 9%.'
    const f = extractFigures(text, { published: '2023-03-01' })
    expect(at(f, '38%')).toMatchObject({ reporter: 'DEU', partner: 'COL', flow: 'M', measure: 'share' })
  })
})

describe('a rank among suppliers whose subject opens the clause is the article\'s trade with it', () => {
  it('"..., Brazil was the second-largest supplier" in an article on Germany\'s imports', () => {
    const text = 'German coffee imports\n\nGermany imported 3.5 billion euros of coffee in 2022.\n\nColombia supplied 38% of the import value, Brazil was the second-largest supplier and Vietnam came third.'
    const f = extractFigures(text, { published: '2023-03-01' })
    expect(at(f, 'second-largest supplier')).toMatchObject({ reporter: 'DEU', partner: 'BRA', flow: 'M' })
  })
})

describe('a relative clause opened by "whose" is its country\'s', () => {
  it('"..., behind Brazil, whose drought cut some 4 million tonnes" is Brazil\'s', () => {
    const f = extractFigures('US soybeans\n\nThe United States exported 50 million tonnes of soybeans in 2021.\n\nIt is the second-largest soybean exporter behind Brazil, whose drought cut exports by some 4 million tonnes.', { published: '2022-02-01' })
    expect(at(f, '4 million tonnes')).toMatchObject({ reporter: 'BRA' })
  })
})

describe('a change in a title without a year takes the year of the lede', () => {
  it('"Chile copper exports to Japan nearly doubles" over a first-half lede', () => {
    const text = 'Chile copper exports to Japan nearly doubles\n\nChile shipped 410,000 tonnes of copper to Japan in the first half, up from 215,000 tonnes a year earlier.'
    const f = extractFigures(text, { published: '2023-08-02' })
    expect(at(f, 'doubles')).toMatchObject({ year: 2023, reporter: 'CHL', partner: 'JPN', flow: 'X', measure: 'change' })
    expect(at(f, '215,000 tonnes')).toMatchObject({ year: 2022 })
  })
})

describe('the subject of a later clause is not the reporter of the share before it', () => {
  it('"Tunisia supplied 52% of the imports, Portugal was next with 21% and Italy followed with 9%" in an article on Spain\'s imports', () => {
    const text = 'Spain olive oil imports\n\nSpain imported 90,000 tonnes of olive oil in 2022.\n\nTunisia supplied 52% of the imports, Portugal was next with 21% and Italy followed with 9%.'
    const f = extractFigures(text, { published: '2023-03-02' })
    expect(at(f, '52%')).toMatchObject({ reporter: 'ESP', partner: 'TUN', flow: 'M', measure: 'share' })
    expect(at(f, '21%')).toMatchObject({ reporter: 'ESP', partner: 'PRT', flow: 'M', measure: 'share' })
    expect(at(f, '9%')).toMatchObject({ reporter: 'ESP', partner: 'ITA', flow: 'M', measure: 'share' })
  })
})

describe('a percent right after a rank among suppliers is that supplier\'s share', () => {
  it('"Portugal was the second-largest supplier with 21% and Italy followed with 9%" in an article on Spain\'s imports', () => {
    const text = 'Spain olive oil imports\n\nSpain imported 90,000 tonnes of olive oil in 2022.\n\nTunisia supplied 52% of the imports, Portugal was the second-largest supplier with 21% and Italy followed with 9%.'
    const f = extractFigures(text, { published: '2023-03-02' })
    expect(at(f, '52%')).toMatchObject({ reporter: 'ESP', partner: 'TUN', flow: 'M', measure: 'share' })
    expect(at(f, '21%')).toMatchObject({ reporter: 'ESP', partner: 'PRT', flow: 'M', measure: 'share' })
    expect(at(f, '9%')).toMatchObject({ reporter: 'ESP', partner: 'ITA', flow: 'M', measure: 'share' })
  })
})

describe('"the same four months of last year" is the current period a year back', () => {
  it('in the same sentence: the main figure keeps the article\'s year', () => {
    const text = 'Spain olive oil imports\n\nSpain imported 90,000 tonnes of olive oil from January to April, against 80,000 tonnes in the same four months of last year.'
    const f = extractFigures(text, { published: '2023-05-02' })
    expect(at(f, '90,000 tonnes')).toMatchObject({ year: 2023, period: '2023-01/2023-04' })
    expect(at(f, '80,000 tonnes')).toMatchObject({ year: 2022, period: '2022-01/2022-04' })
  })

  it('in the next sentence: the period of the sentence before, a year back', () => {
    const text = 'Spain olive oil imports\n\nSpain imported 90,000 tonnes of olive oil from January to April.\n\nThat compares with 80,000 tonnes in the same four months of last year.'
    const f = extractFigures(text, { published: '2023-05-02' })
    expect(at(f, '80,000 tonnes')).toMatchObject({ year: 2022, period: '2022-01/2022-04', reporter: 'ESP', flow: 'M' })
  })
})
