/**
 * Issue 10, thirteenth round: the classes of phrasing that the round's six fresh articles (read
 * after their blind score) missed. One class each; the sentences are the team's own, with other
 * countries, goods and numbers than the articles'.
 */
import { describe, expect, it } from 'vitest'
import { extractFigures } from '../src/transform/figures/index.ts'
import { at } from './helpers/figure-at.ts'

describe('a year that closes a period phrase after a comparison word is a base', () => {
  it('"than in the first nine months of 2015" leaves the figures and the next paragraph their own year', () => {
    const text =
      'Peruvian asparagus exports rise\n\nPeru sold $410 million of asparagus abroad in the first nine months of 2016. Buyers in Spain paid $52 million, 9 percent more than in the first nine months of 2015.\n\nThe Netherlands was the largest buyer, with $88 million.'
    const f = extractFigures(text, { published: '2016-11-02' })
    expect(at(f, '$52 million')).toMatchObject({ year: 2016, period: '2016-01/2016-09' })
    expect(at(f, '9 percent')).toMatchObject({ year: 2016, measure: 'change', changeFrom: 2015 })
    expect(at(f, '$88 million')).toMatchObject({ year: 2016, period: '2016-01/2016-09' })
  })
  it('"up 30% on the same point of 2019" is the base of the change and of no level', () => {
    const text = 'Uruguay beef\n\nUruguay shipped 310,000 tonnes of beef by the end of October, up 30% on the same point of 2019.'
    const f = extractFigures(text, { published: '2020-11-10' })
    expect(at(f, '310,000 tonnes')).toMatchObject({ year: 2020, reporter: 'URY', flow: 'X' })
    expect(at(f, '30%')).toMatchObject({ year: 2020, measure: 'change', changeFrom: 2019 })
  })
  it('"4 per cent short of March 2019" is a decrease from that month, and the next sentence keeps the current year', () => {
    const text = 'Kenyan coffee exports\n\nKenya exported 4,100 tonnes of coffee in March 2021. That was still 4 per cent short of March 2019. Earnings came to $19 million in March.'
    const f = extractFigures(text, { published: '2021-04-15' })
    expect(at(f, '4 per cent')).toMatchObject({ year: 2021, measure: 'change', changeDirection: 'decrease', changeFrom: 2019 })
    expect(at(f, '$19 million')).toMatchObject({ year: 2021, period: '2021-03' })
  })
})

describe('an amount in a "when" clause after a base date is that base', () => {
  it('"than in the same month of 2019, when floods had cut shipments to 61,000 tonnes"', () => {
    const text = 'Pakistani rice exports\n\nPakistan exported 22 per cent more rice in October 2020 than in the same month of 2019, when floods had cut shipments to 61,000 tonnes.'
    const f = extractFigures(text, { published: '2020-11-20' })
    expect(at(f, '61,000 tonnes')).toMatchObject({ year: 2019, period: '2019-10', base: true, reporter: 'PAK', flow: 'X' })
    expect(at(f, '22 per cent')).toMatchObject({ year: 2020, measure: 'change' })
  })
  it('an amount after "when" that follows the article\'s own date stays a level', () => {
    const text = 'Pakistani rice exports\n\nPakistan\'s rice exports peaked in October 2020, when shipments reached 110,000 tonnes.'
    const f = extractFigures(text, { published: '2020-11-20' })
    expect(at(f, '110,000 tonnes')).not.toHaveProperty('base')
  })
})

describe('a production word that only says where traded goods come from', () => {
  it('"exports from the new crop" and "sales of this season\'s harvest" are exports, and the buyers after them stay partners', () => {
    const text =
      'Ukrainian barley exports\n\nUkraine had exported 3.1 million tonnes of barley by mid-December. Exports from the new crop came to 1.2 million tonnes, up 8% on the same point of 2019. China received 640,000 tonnes.'
    const f = extractFigures(text, { published: '2020-12-18' })
    expect(at(f, '1.2 million tonnes')).toMatchObject({ reporter: 'UKR', flow: 'X' })
    expect(at(f, '640,000 tonnes')).toMatchObject({ reporter: 'UKR', partner: 'CHN', flow: 'X' })
  })
  it('a harvest on its own is still production', () => {
    const f = extractFigures('Ukraine barley\n\nUkraine\'s barley harvest came to 7.6 million tonnes in 2020.', { published: '2020-12-18' })
    expect(at(f, '7.6 million tonnes')).toMatchObject({ flow: 'production' })
  })
})

describe('a clause that leaves out the verb of the change before it', () => {
  it('"sales to Chile rose 12% to 40,000 tonnes, those to Peru 9% to 21,000 tonnes" gives two changes', () => {
    const text = 'Argentine wheat\n\nArgentina\'s wheat sales to Chile rose 12% to 40,000 tonnes, those to Peru 9% to 21,000 tonnes and those to Bolivia 4% to 9,000 tonnes.'
    const f = extractFigures(text, { published: '2021-03-01' })
    expect(at(f, '9%')).toMatchObject({ measure: 'change', changeDirection: 'increase', partner: 'PER' })
    expect(at(f, '4%')).toMatchObject({ measure: 'change', changeDirection: 'increase' })
  })
  it('"from 10% to 15%" stays two shares, not a change', () => {
    const f = extractFigures('Chile\'s share of the market grew, and its share rose 2 points, from 10% to 15%.')
    expect(at(f, '10%')).not.toMatchObject({ measure: 'change' })
  })
})

describe('a country named to be left out is no party', () => {
  it('"went to buyers other than Japan" and "outside China" give no reporter or partner from those names', () => {
    const text = 'Australian LNG\n\nAustralia exported 80 million tonnes of LNG in 2022. About 40% of it went to buyers other than Japan, and 25% to markets outside China.'
    const f = extractFigures(text, { published: '2023-02-01' })
    expect(at(f, '40%')).toMatchObject({ reporter: 'AUS', flow: 'X' })
    expect(at(f, '40%')).not.toMatchObject({ partner: 'JPN' })
    expect(at(f, '25%')).toMatchObject({ reporter: 'AUS' })
    expect(at(f, '25%')).not.toMatchObject({ partner: 'CHN' })
  })
  it('"lifted India past Japan to become the second-largest importer" ranks India, not Japan (goods outside the lexicon)', () => {
    const text = 'Brazilian leather\n\nBrazil exported $900 million of leather in the first half of 2021. That lifted India past Japan to become the second-largest importer of Brazilian leather.'
    const f = extractFigures(text, { published: '2021-07-20' })
    expect(at(f, 'second-largest importer')).toMatchObject({ reporter: 'BRA', partner: 'IND', flow: 'X' })
  })
})

describe('the years of "from A in Y1 to B in Y2" and of bases that follow it', () => {
  it('"rose from 1.2 Mt in 2018 to 1.9 Mt in 2023" gives each amount the year written after it', () => {
    const text = 'Vietnamese cashew exports\n\nVietnam exported 600,000 tonnes of cashews in 2023. Its shipments to the Netherlands rose from 41,000 tonnes in 2018 to 63,000 tonnes in 2023, and those to Germany from 12,000 tonnes to 19,000 tonnes.'
    const f = extractFigures(text, { published: '2024-02-01' })
    expect(at(f, '41,000 tonnes')).toMatchObject({ year: 2018, base: true })
    expect(at(f, '63,000 tonnes')).toMatchObject({ year: 2023, partner: 'NLD' })
    expect(at(f, '12,000 tonnes')).toMatchObject({ year: 2018, base: true })
  })
  it('a base without a year after a base with one in the same sentence takes its year; one alone stays without', () => {
    const text = 'Thai sugar\n\nSales to Indonesia rose 20% to 1.8 Mt from 1.5 Mt in 2021, and those to China 10% to 0.9 Mt from 0.82 Mt.'
    const f = extractFigures(text, { published: '2023-01-10' })
    expect(at(f, '0.82 Mt')).toMatchObject({ year: 2021, base: true })
    const g = extractFigures('Thai sugar\n\nSales to China rose 10% to 0.9 Mt from 0.82 Mt.', { published: '2023-01-10' })
    expect(at(g, '0.82 Mt')).not.toHaveProperty('year')
  })
})

describe('the deadline of a plan without a figure of its own', () => {
  it('"Spain, which plans to shut its coal plants by 2025, received 40,000t in March" is March of the article\'s year', () => {
    const text = 'Colombian coal\n\nColombia exported 4.1mn t of coal in March. Spain, which plans to shut its last coal plants by 2025, received 40,000t of Colombian coal in March, against 150,000t a year before.'
    const f = extractFigures(text, { published: '2024-04-22' })
    expect(at(f, '40,000t')).toMatchObject({ year: 2024, period: '2024-03', reporter: 'COL', partner: 'ESP' })
    expect(at(f, '150,000t')).toMatchObject({ year: 2023, base: true })
  })
  it('a plan\'s own figure keeps the deadline: "plans to export 5mn t by 2026"', () => {
    const f = extractFigures('Colombian coal\n\nColombia plans to export 5mn t of coal to Turkey by 2026.', { published: '2024-04-22' })
    expect(at(f, '5mn t')).toMatchObject({ year: 2026 })
  })
})

describe('an amount compared with a price just before it is a price', () => {
  it('"US$2,310 a tonne in May, 4% more than the US$2,221 of April" and "compared with 3.10 dollars" are prices, not trade', () => {
    const text = 'Ghanaian cocoa\n\nGhana exported cocoa worth $410 million in May. The bean averaged US$2,310 a tonne in May, 4% more than the US$2,221 of April. Its farm-gate price was 3.20 dollars a kilogram, compared with 3.10 dollars a year earlier.'
    const f = extractFigures(text, { published: '2019-06-20' })
    expect(at(f, 'US$2,221')).toMatchObject({ kind: 'price', unit: 'USD/t' })
    expect(at(f, '3.10 dollars')).toMatchObject({ kind: 'price', unit: 'USD/kg' })
    expect(at(f, '$410 million')).toMatchObject({ kind: 'money', year: 2019, period: '2019-05' })
  })
  it('a money amount of another size after a price stays money', () => {
    const f = extractFigures('Ghana cocoa\n\nCocoa sold at US$2,310 a tonne, against earnings of US$410 million in May.', { published: '2019-06-20' })
    expect(at(f, 'US$410 million')).toMatchObject({ kind: 'money' })
  })
})

describe('ranks that name the side without a flow word', () => {
  it('"Chile was the top destination, taking 38 percent, and ..." gives the share the ranked partner', () => {
    const text = 'Bolivian zinc\n\nBolivia exported zinc worth $120 million in June. Chile was the top destination, taking 38 percent, and concentrates made up 60 percent of the shipments to Chile.'
    const f = extractFigures(text, { published: '2022-08-01' })
    expect(at(f, '38 percent')).toMatchObject({ measure: 'share', reporter: 'BOL', partner: 'CHL', flow: 'X' })
  })
  it('"Japan becomes Norway\'s third-biggest salmon market" is a rank of Norway\'s exports to Japan', () => {
    const text = "Japan becomes Norway's third-biggest salmon market\n\nNorway exported salmon worth $1.1 billion in March."
    const f = extractFigures(text, { published: '2023-04-05' })
    expect(at(f, 'third-biggest salmon market')).toMatchObject({ reporter: 'NOR', partner: 'JPN', flow: 'X' })
  })
})

describe('a scaled number in brackets or after "after" carries the unit of the amount before it', () => {
  it('"took 6.2 million kilos (5.9 million last year)" and "bought 3.1 million kilos after 2.4 million" find the prior values as bases', () => {
    const text = 'Kenyan tea\n\nKenya exported 310 million kilograms of tea in January-October 2022. Pakistan took 6.2 million kilos (5.9 million last year), and Egypt bought 3.1 million kilos after 2.4 million.'
    const f = extractFigures(text, { published: '2022-11-20' })
    expect(at(f, '5.9 million')).toMatchObject({ kind: 'mass', value: 5900, base: true, year: 2021 })
    expect(at(f, '2.4 million')).toMatchObject({ kind: 'mass', value: 2400, base: true, year: 2021 })
  })
  it('a bare number in brackets without a scale word is no amount', () => {
    const f = extractFigures('Kenya exported 310 million kilograms of tea (3 grades).')
    expect(f.filter((x) => x.kind === 'mass').map((x) => x.value)).toEqual([310000])
  })
})
