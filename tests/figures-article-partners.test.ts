/**
 * Issue 10, sixth round: reporter and partner in articles that are about one country's trade with
 * many others. One class of phrasing each; the sentences are the team's own, with other
 * countries and numbers than the reports named.
 */
import { describe, expect, it } from 'vitest'
import { extractFigures } from '../src/transform/figures/index.ts'
import { at } from './helpers/figure-at.ts'

describe('an opening world-rank appositive names the reporter', () => {
  it('"Japan, the world\'s fourth-largest crude importer, brought in ..." and the figures after it', () => {
    const text = 'Japan crude imports slip\n\nJapan, the world\'s fourth-largest crude importer, brought in 2.4 million barrels per day in May, down 9% from a year earlier.\n\nThe volume was the lowest since 2015.'
    const f = extractFigures(text, { published: '2021-06-30' })
    expect(at(f, '2.4 million barrels per day')).toMatchObject({ reporter: 'JPN', flow: 'M' })
    expect(at(f, '9%')).toMatchObject({ reporter: 'JPN', flow: 'M' })
  })
})

describe('a partner named by adjective', () => {
  it('"imports of Venezuelan crude", "Qatari gas", "Colombian coal made up 30%" keep the article\'s reporter', () => {
    const text = 'Spain energy imports\n\nSpain\'s imports of Venezuelan crude rose 40% in 2019.\n\nQatari gas arrivals reached 3.1 million tonnes.\n\nColombian coal made up 30% of the country\'s coal imports.'
    const f = extractFigures(text, { published: '2020-02-10' })
    expect(at(f, '40%')).toMatchObject({ reporter: 'ESP', partner: 'VEN', flow: 'M' })
    expect(at(f, '3.1 million tonnes')).toMatchObject({ reporter: 'ESP', partner: 'QAT', flow: 'M' })
    expect(at(f, '30%')).toMatchObject({ reporter: 'ESP', partner: 'COL', flow: 'M' })
  })

  it('"Peruvian shipments climbed to 1.2 million tonnes" in an article on Chile\'s imports', () => {
    const text = 'Chile buys more zinc\n\nChile imported 2.0 million tonnes of zinc ore in 2022.\n\nPeruvian shipments climbed to 1.2 million tonnes, and Bolivian arrivals fell 5% to 300,000 tonnes.'
    const f = extractFigures(text, { published: '2023-01-20' })
    expect(at(f, '1.2 million tonnes')).toMatchObject({ reporter: 'CHL', partner: 'PER', flow: 'M' })
    expect(at(f, '300,000 tonnes')).toMatchObject({ reporter: 'CHL', partner: 'BOL', flow: 'M' })
    expect(at(f, '5%')).toMatchObject({ reporter: 'CHL', partner: 'BOL', flow: 'M' })
  })
})

describe('a share held by two buyers together', () => {
  it('"Egypt and Turkey took 60% of the exports" lists both as partners', () => {
    const text = 'Ukraine wheat\n\nUkraine exported 18 million tonnes of wheat in 2020. Egypt and Turkey took 60% of the exports.'
    const f = extractFigures(text, { published: '2021-01-15' })
    const share = at(f, '60%')
    expect(share).toMatchObject({ reporter: 'UKR', flow: 'X' })
    expect(share.partners).toEqual(['EGY', 'TUR'])
  })
})

describe('ranks among suppliers', () => {
  it('"No.3 supplier", "the fourth-biggest supplier", "ranked fifth" are ranks of the supplier in an import article', () => {
    const text = 'Korea oil imports\n\nSouth Korea imported 2.6 million barrels per day of crude in 2021.\n\nKuwait was the No.3 supplier, Iraq the fourth-biggest supplier, and the United States ranked fifth.'
    const f = extractFigures(text, { published: '2022-01-20' })
    expect(at(f, 'No.3 supplier')).toMatchObject({ kind: 'rank', value: 3, reporter: 'KOR', partner: 'KWT', flow: 'M' })
    expect(at(f, 'fourth-biggest supplier')).toMatchObject({ kind: 'rank', value: 4, reporter: 'KOR', partner: 'IRQ', flow: 'M' })
    expect(at(f, 'ranked fifth')).toMatchObject({ kind: 'rank', value: 5, reporter: 'KOR', partner: 'USA', flow: 'M' })
  })
})

describe('destinations listed with amounts', () => {
  it('"exports to Vietnam (21 Mt), Thailand (10 Mt) and Japan (3 Mt)" give each its partner', () => {
    const text = 'Australia coal\n\nAustralia exported 40 Mt of coal in March, with exports to Vietnam (21 Mt), Thailand (10 Mt) and Japan (3 Mt).'
    const f = extractFigures(text, { published: '2022-04-20' })
    expect(at(f, '21 Mt')).toMatchObject({ reporter: 'AUS', partner: 'VNM', flow: 'X' })
    expect(at(f, '10 Mt')).toMatchObject({ reporter: 'AUS', partner: 'THA', flow: 'X' })
    expect(at(f, '3 Mt')).toMatchObject({ reporter: 'AUS', partner: 'JPN', flow: 'X' })
  })

  it('"ahead of Kenya with 120,000 tonnes" and "of which Peru took 9 Mt"', () => {
    const text = 'Thai rice\n\nThailand exported 7.5 million tonnes of rice in 2021, of which Benin took 900,000 tonnes. Iraq was the largest buyer with 1.4 million tonnes, ahead of Kenya with 120,000 tonnes.'
    const f = extractFigures(text, { published: '2022-01-12' })
    expect(at(f, '900,000 tonnes')).toMatchObject({ reporter: 'THA', partner: 'BEN', flow: 'X' })
    expect(at(f, '1.4 million tonnes')).toMatchObject({ reporter: 'THA', partner: 'IRQ', flow: 'X' })
    expect(at(f, '120,000 tonnes')).toMatchObject({ reporter: 'THA', partner: 'KEN', flow: 'X' })
  })
})

describe('an exporter article stated by destination', () => {
  it('"Colombia shipped 22 Mt to Turkey", then "Chile took 11 Mt" stays Colombia\'s exports', () => {
    const text = 'Colombian coal\n\nColombia shipped 22 million tonnes of coal to Turkey in 2022.\n\nChile took 11 million tonnes, and shipments to Brazil accounted for 6 million tonnes.'
    const f = extractFigures(text, { published: '2023-02-01' })
    expect(at(f, '22 million tonnes')).toMatchObject({ reporter: 'COL', partner: 'TUR', flow: 'X' })
    expect(at(f, '11 million tonnes')).toMatchObject({ reporter: 'COL', partner: 'CHL', flow: 'X' })
    expect(at(f, '6 million tonnes')).toMatchObject({ reporter: 'COL', partner: 'BRA', flow: 'X' })
  })
})

describe('a group of the partners just named', () => {
  it('"Together the two buyers accounted for 48%" and "Both countries provided 75%" are the last two partners', () => {
    const text = 'Thai sugar exports\n\nThailand exported 6.2 million tonnes of sugar in 2021. Indonesia was the top buyer, taking 2.1 million tonnes, followed by China at 900,000 tonnes. Together the two buyers accounted for 48% of the total.'
    const f = extractFigures(text, { published: '2022-02-01' })
    expect(at(f, '48%')).toMatchObject({ reporter: 'THA', flow: 'X', partners: ['IDN', 'CHN'] })
    const g = extractFigures('Chile zinc\n\nChile imported 2.0 million tonnes of zinc in 2022. Peru supplied 1.2 million tonnes and Bolivia 0.3 million tonnes. Both countries provided 75% of the total.', { published: '2023-01-01' })
    expect(at(g, '75%')).toMatchObject({ reporter: 'CHL', flow: 'M', partners: ['PER', 'BOL'] })
    expect(at(g, '75%').partner).toBeUndefined()
  })
})

describe('a second subject with its verb left out', () => {
  it('"Peru supplied 1.2 million tonnes and Bolivia 0.3 million tonnes" in an article on Chile\'s imports', () => {
    const f = extractFigures('Chile zinc\n\nChile imported 2.0 million tonnes of zinc in 2022. Peru supplied 1.2 million tonnes and Bolivia 0.3 million tonnes.', { published: '2023-01-01' })
    expect(at(f, '1.2 million tonnes')).toMatchObject({ reporter: 'CHL', partner: 'PER', flow: 'M' })
    expect(at(f, '0.3 million tonnes')).toMatchObject({ reporter: 'CHL', partner: 'BOL', flow: 'M' })
  })

  it('"Japan took 4 Mt and Korea 2.5 Mt" in an article on Australia\'s exports', () => {
    const f = extractFigures('Australian LNG\n\nAustralia exported 7 Mt of LNG in June. Japan took 4 Mt and South Korea 2.5 Mt.', { published: '2021-07-15' })
    expect(at(f, '4 Mt')).toMatchObject({ reporter: 'AUS', partner: 'JPN', flow: 'X' })
    expect(at(f, '2.5 Mt')).toMatchObject({ reporter: 'AUS', partner: 'KOR', flow: 'X' })
  })
})

describe('"with X accounting for" and a single buyer of a bare whole', () => {
  it('"Crude from Nigeria made up 6% of the total, with Russia accounting for 2%" in an article on India\'s imports', () => {
    const f = extractFigures('India crude imports\n\nIndia imported 4.6 million barrels per day of crude in May. Crude from Nigeria made up 6% of the total, with Russia accounting for 2%.', { published: '2019-06-20' })
    expect(at(f, '6%')).toMatchObject({ reporter: 'IND', partner: 'NGA', flow: 'M' })
    expect(at(f, '2%')).toMatchObject({ reporter: 'IND', partner: 'RUS', flow: 'M' })
  })

  it('"India, the biggest buyer, took 30% of the shipments" and "the top three buyers, India, China and Pakistan, took 55%"', () => {
    const f = extractFigures('Malaysian palm oil\n\nMalaysia exported 1.5 million tonnes of palm oil in August. India, the biggest buyer, took 30% of the shipments. The top three buyers, India, China and Pakistan, took 55%.', { published: '2019-09-10' })
    expect(at(f, '30%')).toMatchObject({ reporter: 'MYS', partner: 'IND', flow: 'X' })
    expect(at(f, '55%')).toMatchObject({ reporter: 'MYS', partners: ['IND', 'CHN', 'PAK'], flow: 'X' })
  })
})

describe('a loose year right after a change is the change\'s base', () => {
  it('"rose 4% from 2018 to 10 million tonnes" keeps the article\'s year for the level', () => {
    const f = extractFigures('Turkey coal\n\nTurkey imported 38 million tonnes of coal in 2019. Coal imports from South Africa rose 4% from 2018 to 10 million tonnes.', { published: '2020-01-28' })
    expect(at(f, '10 million tonnes')).toMatchObject({ year: 2019, reporter: 'TUR', partner: 'ZAF', flow: 'M' })
    expect(at(f, '4%')).toMatchObject({ year: 2019, changeFrom: 2018 })
    const g = extractFigures('Shipments from Kazakhstan rose to 3.3 million tonnes in 2019, up 12% from 2018, while December imports came in at 0.3 million tonnes.')
    expect(at(g, '0.3 million tonnes').year).toBe(2019)
  })
})

describe('a share a year back is the base of the share before it', () => {
  it('"and a year earlier its share was 60%", "Its share had been 60% a year earlier"', () => {
    const f = extractFigures('Turkish wheat\n\nTurkey imported 9 million tonnes of wheat in 2023. Russia supplied 45% of the total, and a year earlier its share was 60%.', { published: '2024-02-01' })
    expect(at(f, '45%')).toMatchObject({ year: 2023, reporter: 'TUR', partner: 'RUS', flow: 'M', measure: 'share' })
    expect(at(f, '45%').base).toBeUndefined()
    expect(at(f, '60%')).toMatchObject({ base: true, year: 2022, reporter: 'TUR', partner: 'RUS', flow: 'M', measure: 'share' })
    const g = extractFigures('Turkish wheat\n\nTurkey imported 9 million tonnes of wheat in May 2023. Russia supplied 45% of the total. Its share had been 60% a year earlier.', { published: '2024-02-01' })
    expect(at(g, '60%')).toMatchObject({ base: true, year: 2022, period: '2022-05', reporter: 'TUR', partner: 'RUS' })
  })
})

describe('a percent held by a country\'s verb is a share', () => {
  it('"Egypt took 11%, and the United Kingdom 8%" in an article on Kenya\'s tea exports', () => {
    const f = extractFigures('Kenyan tea\n\nKenya earned $1.2 billion from tea exports in 2021. Pakistan remained the largest market, buying 40% of the volume. Egypt took 11%, and the United Kingdom 8%.', { published: '2022-03-01' })
    expect(at(f, '11%')).toMatchObject({ measure: 'share', reporter: 'KEN', partner: 'EGY', flow: 'X' })
    expect(at(f, '8%')).toMatchObject({ measure: 'share', reporter: 'KEN', partner: 'GBR', flow: 'X' })
  })
})

describe('the one adjective of a clause in an import article is the origin', () => {
  it('"Australian ore made up 62% of the total and Brazilian cargoes 21%" in an article on China\'s imports', () => {
    const f = extractFigures('Chinese iron ore\n\nChina imported 95 million tonnes of iron ore in July. Australian ore made up 62% of the total and Brazilian cargoes 21%.', { published: '2021-08-20' })
    expect(at(f, '62%')).toMatchObject({ reporter: 'CHN', partner: 'AUS', flow: 'M', measure: 'share' })
    expect(at(f, '21%')).toMatchObject({ reporter: 'CHN', partner: 'BRA', flow: 'M', measure: 'share' })
  })
})
