/**
 * Article-level linking rules added in issue 10's third round, one class of phrasing each. The
 * sentences are the team's, in the shape of the real reports named beside each case (their
 * paraphrases are in fixtures/figures-corpus/articles.jsonl).
 */
import { describe, expect, it } from 'vitest'
import { extractFigures } from '../src/transform/figures/index.ts'
import { at } from './helpers/figure-at.ts'

describe('bases of a comparison', () => {
  // https://tass.com/economy/1742577, https://www.zawya.com/en/economy/north-africa/egypts-wheat-imports-rise-30-yoy-in-2023-pmrt1kjn
  it('a base after a percent belongs to the earlier amount of its kind, with that series and the year before', () => {
    const f = extractFigures('Kenya bought 2.5 million tons of maize in 2023, 12% more than the 2.2 million tons of a year earlier.')
    expect(at(f, '2.2 million tons')).toMatchObject({ base: true, year: 2022, reporter: 'KEN', flow: 'M', measure: 'level' })
    const g = extractFigures('Ghana sold cocoa worth $1.9 billion in 2021, 8% less than the $2.1 billion of the same months of 2020.')
    expect(at(g, '$2.1 billion')).toMatchObject({ base: true, year: 2020, reporter: 'GHA', flow: 'X' })
    expect(at(g, '$1.9 billion').year).toBe(2021)
  })

  // https://www.reuters.com/article/us-norway-gas/norways-pipeline-gas-exports-to-europe-at-record-high-in-2017-idUSKBN1ER0H7
  // https://www.dailymaverick.co.za/article/2023-03-07-australia-sees-wheat-exports-plunging-20-on-drier-climate/
  it('reads through "the previous record of" and "a record" to the comparison word', () => {
    const f = extractFigures('Qatar shipped 80 Mt of LNG in 2021, up from the previous record of 77 Mt in 2019.')
    expect(at(f, '77 Mt')).toMatchObject({ base: true, year: 2019 })
    expect(at(f, '80 Mt').year).toBe(2021)
    expect(at(extractFigures('Exports will fall to 20 Mt in 2024 from a record 26 Mt.'), '26 Mt').base).toBe(true)
  })

  // https://www.brecorder.com/news/40258205/saudi-oil-exports-fall-for-third-month-running
  it('takes the month of a possessive base ("below May\'s")', () => {
    const f = extractFigures("Oman exported 1.1 million bpd of crude in June, about 2% below May's 1.12 million bpd.", { published: '2023-08-16' })
    expect(at(f, '1.12 million bpd')).toMatchObject({ base: true, year: 2023, period: '2023-05' })
    expect(at(f, '1.1 million bpd')).toMatchObject({ year: 2023, period: '2023-06' })
  })

  // https://www.moneycontrol.com/news/trade-2/indias-coal-import-declines-about-4-to-19-million-tonnes-in-july-4461801.html
  it('an amount alone in brackets after one of the same unit is its earlier value; a bracket in another currency is not', () => {
    const f = extractFigures('Coking coal imports edged up to 17.7 MT (17.2 MT) in April-July.', { published: '2019-09-22' })
    expect(at(f, '17.2 MT')).toMatchObject({ base: true, year: 2018 })
    expect(at(f, '17.7 MT')).toMatchObject({ year: 2019 })
    const g = extractFigures('Investment rose to 235.3 bln rubles ($2.6 bln) in 2022.')
    expect(at(g, '$2.6 bln').base).toBeUndefined()
  })

  // https://www.zawya.com/en/economy/north-africa/egypts-wheat-imports-rise-30-yoy-in-2023-pmrt1kjn
  it('"compared with 62% in 2022" is a base share of that year, and the year is not the sentence\'s', () => {
    const f = extractFigures('Russia supplied 8 Mt, or 70% of the total, compared with 62% in 2022.', { published: '2023-12-28' })
    expect(at(f, '62%')).toMatchObject({ base: true, year: 2022, measure: 'share' })
    expect(at(f, '70%').year).not.toBe(2022)
  })
})

describe('years', () => {
  // https://www.ogj.com/general-interest/economics-markets/article/14300038/eia-us-crude-oil-exports-hit-record-high-in-first-half-2023
  it('a year inside a "since ..." clause is a landmark, not the figure\'s year', () => {
    const f = extractFigures('Canada exported 4.1 million b/d in the first half of this year, the most since the pipeline opened in 2015.', { published: '2023-10-10' })
    expect(at(f, '4.1 million b/d')).toMatchObject({ year: 2023, period: '2023-01/2023-06' })
  })

  // http://en.people.cn/n3/2023/0814/c90000-20057914.html
  it('"of July last year" and "the same months of the last fiscal" are bases, not the sentence\'s year', () => {
    const f = extractFigures('July imports came to 9.7 Mt, above the 7.9 Mt of July last year.', { published: '2023-08-14' })
    expect(at(f, '9.7 Mt')).toMatchObject({ year: 2023, period: '2023-07' })
    expect(at(f, '7.9 Mt')).toMatchObject({ base: true, year: 2022, period: '2022-07' })
    const g = extractFigures('Over April-July, imports rose 13% to 61 MT from 54 MT in the same months of the last fiscal.', { published: '2019-09-22' })
    expect(at(g, '61 MT')).toMatchObject({ year: 2019, period: '2019-04/2019-07' })
  })

  // https://www.malaymail.com/news/money/2019/09/10/malaysias-cpo-exports-to-increase-following-higher-production/1789156
  it('a month without a year after a "last year" sentence is the latest such month before the article\'s date', () => {
    const f = extractFigures('Output was about 19 million tonnes last year.\n\nExports grew 16% in August to 1.7 million tonnes.', { published: '2019-09-10' })
    expect(at(f, '19 million tonnes').year).toBe(2018)
    expect(at(f, '1.7 million tonnes')).toMatchObject({ year: 2019, period: '2019-08' })
    // A year written out still carries to its months.
    const g = extractFigures('In 2018 output was 19 million tonnes.\n\nExports grew in August to 1.7 million tonnes.', { published: '2019-09-10' })
    expect(at(g, '1.7 million tonnes').year).toBe(2018)
  })

  // https://argusmedia.com/zh/news-and-insights/latest-market-news/2536064-us-crude-exports-rise-14pc-to-record-in-2023
  it('a year after "above the previous record set in" is the base of the comparison', () => {
    const f = extractFigures('Brazil exported 1.6mn b/d last year. Shipments were 14pc above the previous record set in 2022.', { published: '2024-02-07' })
    expect(at(f, '14pc')).toMatchObject({ kind: 'percent', value: 14, measure: 'change', changeDirection: 'increase', year: 2023 })
  })
})

describe('periods', () => {
  // https://kunnengari.com/2022/12/31/nigeria-earned-n16-187-trillion-from-crude-oil/
  it('reads quarters whose word is left out after the first one, and "third-quarter"', () => {
    const f = extractFigures('Angola earned $9.1 billion from crude exports in 2022: $2.5 billion in the first quarter, $2.4 billion in the second and $2.2 billion in the third, when prices fell.')
    expect(at(f, '$2.5 billion').period).toBe('2022-01/2022-03')
    expect(at(f, '$2.4 billion').period).toBe('2022-04/2022-06')
    expect(at(f, '$2.2 billion').period).toBe('2022-07/2022-09')
    const g = extractFigures('Third-quarter crude exports reached $2.2 billion in 2022.')
    expect(at(g, '$2.2 billion').period).toBe('2022-07/2022-09')
    // No quarter named before: "in the second" is no period.
    expect(at(extractFigures('Mali came in the second, with 5 Mt in 2022.'), '5 Mt').period).toBeUndefined()
  })
})

describe('countries and flows', () => {
  // https://www.reuters.com/article/us-norway-gas/norways-pipeline-gas-exports-to-europe-at-record-high-in-2017-idUSKBN1ER0H7
  it('a country ranked before ("second-largest supplier after Russia") or left out ("not counting China") plays no part', () => {
    const f = extractFigures('Algeria sent 40 bcm of gas to Europe in 2021.\n\nEurope\'s third-largest gas supplier after Russia exported 34 bcm to Italy.')
    expect(at(f, '34 bcm')).toMatchObject({ reporter: 'DZA', partner: 'ITA', flow: 'X' })
    const g = extractFigures("Russia's coal exports to Southeast Asia, not counting China, jumped 47% in 2023 to 13 Mt.")
    expect(at(g, '13 Mt')).toMatchObject({ reporter: 'RUS', flow: 'X' })
    expect(at(g, '13 Mt').partner).toBeUndefined()
  })

  // https://rantsorinsights.com/2024/01/24/russian-coal-exports-to-southeast-asia-surge-by-nearly-50-data
  it('a destination with no flow word of its own continues the article\'s exports', () => {
    const f = extractFigures('Russia exported 13 Mt of coal to Asia in 2023. Shipments to Sri Lanka reached 1.6 Mt. Those to Vietnam nearly doubled to 3.9 Mt, to Malaysia they rose 18% to 3.8 Mt.')
    expect(at(f, '3.9 Mt')).toMatchObject({ reporter: 'RUS', partner: 'VNM', flow: 'X' })
    expect(at(f, 'doubled')).toMatchObject({ reporter: 'RUS', partner: 'VNM', measure: 'change', value: 100 })
    expect(at(f, '18%')).toMatchObject({ reporter: 'RUS', partner: 'MYS', flow: 'X' })
  })

  it('a new clause with its own subject borrows neither the flow word nor the role of the clause before', () => {
    const f = extractFigures('Russia exported 13 Mt of coal in 2023. Deliveries to Myanmar grew 10% to 41,000 tons, and Bangladesh took 48,000 tons.')
    expect(at(f, '41,000 tons')).toMatchObject({ reporter: 'RUS', partner: 'MMR', flow: 'X' })
    expect(at(f, '48,000 tons')).toMatchObject({ reporter: 'RUS', partner: 'BGD', flow: 'X' })
  })

  // https://kunnengari.com/2022/12/31/nigeria-earned-n16-187-trillion-from-crude-oil/
  it('a buyer of the article country\'s goods named by adjective is read from the article\'s side', () => {
    const f = extractFigures('Ghana exported cocoa worth $2 billion in 2022.\n\nBelgium replaced Germany as the biggest buyer of Ghanaian cocoa, with purchases of $400 million, and France bought $300 million worth.')
    expect(at(f, '$400 million')).toMatchObject({ reporter: 'GHA', partner: 'BEL', flow: 'X' })
    expect(at(f, '$300 million')).toMatchObject({ reporter: 'GHA', partner: 'FRA', flow: 'X' })
    expect(at(f, 'biggest buyer')).toMatchObject({ reporter: 'GHA', partner: 'BEL', flow: 'X', value: 1 })
  })

  // https://www.reuters.com/article/us-norway-gas/norways-pipeline-gas-exports-to-europe-at-record-high-in-2017-idUSKBN1ER0H7
  it('receivers of a flow are destinations: "to terminals in A, B and C", "to German terminals"', () => {
    const f = extractFigures('Norway exported 116 bcm of gas in 2017 to terminals in Britain, Germany, France and Belgium.')
    expect(at(f, '116 bcm')).toMatchObject({ reporter: 'NOR', flow: 'X', partners: ['GBR', 'DEU', 'FRA', 'BEL'] })
    const g = extractFigures('Norway exported 116 bcm of gas in 2017.\n\nMore than 40 percent of the gas went to German terminals and over 30 percent to Britain.')
    expect(at(g, '40 percent')).toMatchObject({ reporter: 'NOR', partner: 'DEU', flow: 'X', measure: 'share', qualifier: 'more than' })
    expect(at(g, '30 percent')).toMatchObject({ reporter: 'NOR', partner: 'GBR', flow: 'X', measure: 'share', qualifier: 'over' })
    // A place on the way is no buyer: the founding article's "routed ... to the Turkish port of Ceyhan".
    const h = extractFigures("Azerbaijan supplies nearly 40% of Israel's oil needs, with deliveries routed through a pipeline to the Turkish port of Ceyhan.")
    expect(at(h, '40%')).toMatchObject({ reporter: 'AZE', partner: 'ISR', flow: 'X' })
  })

  // https://www.zawya.com/en/economy/north-africa/egypts-wheat-imports-rise-30-yoy-in-2023-pmrt1kjn
  it('subjects joined by "and" in an article on imports become its list of partners; a share of what a country bought is its import', () => {
    const f = extractFigures('Egypt imported 10 Mt of wheat in 2023.\n\nRussia and Ukraine supplied 8 Mt. Russian wheat alone made up 68% of what Egypt bought abroad.')
    expect(at(f, '8 Mt')).toMatchObject({ reporter: 'EGY', flow: 'M', partners: ['RUS', 'UKR'] })
    expect(at(f, '8 Mt').partner).toBeUndefined()
    expect(at(f, '68%')).toMatchObject({ reporter: 'EGY', partner: 'RUS', flow: 'M', measure: 'share' })
  })

  // https://rantsorinsights.com/2024/01/24/russian-coal-exports-to-southeast-asia-surge-by-nearly-50-data
  it('shares in an elliptic list ("China 40%, India 20% and South Korea 13%") each take their own partner', () => {
    const f = extractFigures('China has taken 40% of all Russian coal exported, India 20% and South Korea 13%.')
    expect(at(f, '40%')).toMatchObject({ reporter: 'RUS', partner: 'CHN', flow: 'X', measure: 'share' })
    expect(at(f, '20%')).toMatchObject({ reporter: 'RUS', partner: 'IND', flow: 'X', measure: 'share' })
    expect(at(f, '13%')).toMatchObject({ reporter: 'RUS', partner: 'KOR', flow: 'X', measure: 'share' })
  })

  // https://tass.com/economy/1742577
  it('deliveries to the home market are consumption', () => {
    const f = extractFigures('Russia mined 438 Mt of coal in 2023. Deliveries to the home market slipped 0.2% to 181 Mt.')
    expect(at(f, '181 Mt')).toMatchObject({ reporter: 'RUS', flow: 'consumption' })
  })

  // https://www.freemalaysiatoday.com/category/nation/2020/01/10/palm-oil-exports-rose-12-last-year/
  it('"oil palm products" are palm oil, not crude oil', () => {
    expect(at(extractFigures('Malaysia exported 27.9 million tonnes of oil palm products in 2019.'), '27.9 million tonnes').commodity).toBe('palm oil')
  })
})

describe('changes', () => {
  it('reads change words in -ing, "raised ... by", comparatives before a number or a period word, and at the clause end', () => {
    expect(at(extractFigures('Abares sees wheat exports dropping 20%'), '20%')).toMatchObject({ measure: 'change', changeDirection: 'decrease' })
    expect(at(extractFigures('Miners raised their investment by 36.6% to 235 bln rubles.'), '36.6%')).toMatchObject({ measure: 'change', changeDirection: 'increase' })
    expect(at(extractFigures('September imports were 18.6 MT, 2.7 per cent below the 19.1 MT of August.'), '2.7 per cent')).toMatchObject({ measure: 'change', changeDirection: 'decrease' })
    expect(at(extractFigures('Exports were 10 per cent above the second quarter.'), '10 per cent')).toMatchObject({ measure: 'change', changeDirection: 'increase' })
    expect(at(extractFigures('Rice earned the most, $7.7 billion, 13 per cent more.'), '13 per cent')).toMatchObject({ measure: 'change', changeDirection: 'increase' })
  })

  // https://www.ogj.com/general-interest/economics-markets/article/14300038/eia-us-crude-oil-exports-hit-record-high-in-first-half-2023
  it('an amount restated with ", or N%," before a comparative is a change, and so is the percent', () => {
    const f = extractFigures('That was 650,000 b/d, or 19%, more than in 2022.')
    expect(at(f, '650,000 b/d')).toMatchObject({ measure: 'change', changeDirection: 'increase' })
    expect(at(f, '19%')).toMatchObject({ measure: 'change', changeDirection: 'increase', changeFrom: 2022 })
    expect(at(extractFigures('Refineries ran 28,000 bpd less crude than in May.'), '28,000 bpd')).toMatchObject({ measure: 'change', changeDirection: 'decrease' })
  })

  // https://www.urdupoint.com/en/world/russias-coal-exports-up-98-year-on-year-to-1342457.html
  it('"grew by half", "fell by a third" are changes of 50% and 33.3%', () => {
    expect(at(extractFigures('Shipments to China grew by half, to 24 Mt.'), 'half')).toMatchObject({ kind: 'percent', value: 50, measure: 'change', changeDirection: 'increase' })
    expect(at(extractFigures('Sales fell by a third in 2020.'), 'a third')).toMatchObject({ kind: 'percent', measure: 'change', changeDirection: 'decrease' })
  })
})

describe('number shapes', () => {
  // https://argusmedia.com/zh/news-and-insights/latest-market-news/2536064-us-crude-exports-rise-14pc-to-record-in-2023
  it('reads "pc" as a percent sign', () => {
    expect(at(extractFigures('Exports rose 14pc in 2023.'), '14pc')).toMatchObject({ kind: 'percent', value: 14, unit: '%' })
    expect(at(extractFigures('Europe took 20 pc more.'), '20 pc')).toMatchObject({ kind: 'percent', value: 20 })
  })

  // https://www.livemint.com/news/india/russiaukraine-war-provides-fertile-ground-for-india-to-accelerate-wheat-export-11646806938256.html
  it('a price range is two prices in the same unit', () => {
    const f = extractFigures('Prices have climbed to ₹24,000-25,000 per tonne.')
    expect(f.filter((x) => x.kind === 'price').map((x) => [x.value, x.unit])).toEqual([[24000, 'INR/t'], [25000, 'INR/t']])
    expect(f.filter((x) => x.kind === 'money')).toEqual([])
  })
})

describe('more bases, years and sides', () => {
  // https://www.malaymail.com/news/money/2019/09/10/malaysias-cpo-exports-to-increase-following-higher-production/1789156
  it('a month-on-month base is the month before; "twelve months before" and "the last fiscal" are the year before', () => {
    const f = extractFigures('Production rose 4.6 per cent month-on-month in August to 1.82 million tonnes from 1.74 million tonnes.', { published: '2019-09-10' })
    expect(at(f, '1.74 million tonnes')).toMatchObject({ base: true, year: 2019, period: '2019-07' })
    const g = extractFigures('Stocks fell to 2.0 million tonnes at the end of 2019, from 3.2 million tonnes twelve months before.')
    expect(at(g, '3.2 million tonnes')).toMatchObject({ base: true, year: 2018 })
    const h = extractFigures('Imports rose to 61 MT in 2019 from 54 MT in the same months of the last fiscal.')
    expect(at(h, '54 MT')).toMatchObject({ base: true, year: 2018 })
  })

  // https://www.moneycontrol.com/news/trade-2/indias-coal-import-declines-about-4-to-19-million-tonnes-in-july-4461801.html
  it('a month after a possessive ("India\'s July coal imports") is the figure\'s period', () => {
    expect(at(extractFigures("India's July coal imports slip 3.7%", { published: '2019-09-22' }), '3.7%')).toMatchObject({ year: 2019, period: '2019-07' })
  })

  // https://oilprice.com/Latest-Energy-News/World-News/Russian-Crude-Oil-Exports-Plunge-To-January-Lows.html
  it('reads changes against "the mid-May high" and "cutting ... by"', () => {
    expect(at(extractFigures('That is 900,000 bpd below the mid-May high.'), '900,000 bpd')).toMatchObject({ measure: 'change', changeDirection: 'decrease' })
    expect(at(extractFigures('Oman is cutting its output by 100,000 bpd.'), '100,000 bpd')).toMatchObject({ measure: 'change', changeDirection: 'decrease' })
  })

  // https://irsteel.com/en/news/65733/Russia-s-Seaborne-Oil-Exports-Dip-But-Remain-High
  it('a year after "than at the end of" is a base; a country in "since the invasion of ..." is a landmark; a day and month take the article\'s year', () => {
    const f = extractFigures('Crude exports slipped to 3.6 million bpd in the week to May 28. They are 1.4 million bpd higher than at the end of 2022. Exports reached 8.3 million bpd in April, the highest since the invasion of Ukraine.', { published: '2023-05-30' })
    expect(at(f, '3.6 million bpd').year).toBe(2023)
    expect(at(f, '1.4 million bpd').year).toBe(2023)
    expect(at(f, '8.3 million bpd')).toMatchObject({ year: 2023, period: '2023-04' })
    expect(at(f, '8.3 million bpd').reporter).not.toBe('UKR')
  })

  // https://argusmedia.com/zh/news-and-insights/latest-market-news/2536064-us-crude-exports-rise-14pc-to-record-in-2023
  it('an amount restating a change with "or" is a change; the article\'s trade survives a production sentence; "US crude" names the origin', () => {
    const f = extractFigures('US crude exports rose to 4.1mn b/d in 2023. Shipments were 14pc, or 485,000 b/d, above the previous record. The US produced 12.6mn b/d. Europe took 20pc more US crude, for a total of 1.8mn b/d.')
    expect(at(f, '485,000 b/d')).toMatchObject({ measure: 'change', changeDirection: 'increase' })
    expect(at(f, '12.6mn b/d')).toMatchObject({ reporter: 'USA', flow: 'production' })
    expect(at(f, '1.8mn b/d')).toMatchObject({ reporter: 'USA', flow: 'X' })
    expect(at(f, '20pc')).toMatchObject({ reporter: 'USA', flow: 'X', measure: 'change' })
    // Not for a country that buys: "China coal imports" keeps China the importer.
    expect(at(extractFigures('China coal imports rose to 40 Mt in 2023.'), '40 Mt')).toMatchObject({ reporter: 'CHN', flow: 'M' })
  })
})

describe("the article's currency", () => {
  // https://www.steelorbis.com/steel-news/latest-news/australian-iron-ore-exports-break-100-billion-mark-in-fy-2019_20-1156989.htm
  it('a bare "$" after "A$" is the Australian dollar, unless the article also writes "US$"', () => {
    const f = extractFigures('Australia exported A$101.7 billion of iron ore. A year earlier the figure was $77.5 billion.')
    expect(at(f, '$77.5 billion')).toMatchObject({ unit: 'AUD', value: 77.5e9 })
    const g = extractFigures('Canada sold C$5 billion of crude, or US$3.7 billion, and $2 billion of gas.')
    expect(at(g, '$2 billion').unit).toBe('USD')
    expect(at(g, 'C$5 billion').unit).toBe('CAD')
  })

  // https://arynews.tv/exports-increase-by-33-to-rs4-0-trillion-in-three-quarters/
  it('"Rs" in an article about Pakistan is the Pakistani rupee; in one about India the Indian rupee', () => {
    const f = extractFigures("Pakistan's exports reached Rs4,019 billion; imports from India were Rs300 billion.")
    expect(f.filter((x) => x.kind === 'money').map((x) => x.unit)).toEqual(['PKR', 'PKR'])
    expect(at(extractFigures("India's exports were Rs4,019 billion."), 'Rs4,019 billion').unit).toBe('INR')
  })
})

describe('ranks written without their verb', () => {
  // https://isranomics.com/economy/israel-tops-azerbaijans-oil-export-chart-insights-from-recent-trade-data/
  it('reads "was ninth, taking" and "and Italy third with" after a stated position', () => {
    const f = extractFigures('Azerbaijan exported oil worth $1 billion in January 2024. Thailand came second with 189 kt and Italy third with 179 kt. Turkey was ninth, taking 5,355 tons.')
    expect(at(f, 'third')).toMatchObject({ kind: 'rank', value: 3, reporter: 'AZE', partner: 'ITA', flow: 'X' })
    expect(at(f, 'ninth')).toMatchObject({ kind: 'rank', value: 9 })
    // No position stated before: an ordinal after a name is no rank; "was first used" is no rank.
    expect(extractFigures('Exports to Spain and Italy third with 5 Mt.').filter((x) => x.kind === 'rank')).toEqual([])
    expect(extractFigures('The pipeline was first used in 2006.').filter((x) => x.kind === 'rank')).toEqual([])
  })
})

describe('capitals that stand for their government', () => {
  // https://oilprice.com/Latest-Energy-News/World-News/Russian-Crude-Oil-Exports-Plunge-To-January-Lows.html
  it('"Moscow has said it will reduce exports" is Russia; each clause keeps its own country', () => {
    const f = extractFigures('Moscow has said it will reduce crude exports by 500,000 bpd in August, while Saudi Arabia is cutting its output by 1 million bpd.', { published: '2023-08-01' })
    expect(at(f, '500,000 bpd')).toMatchObject({ reporter: 'RUS', flow: 'X', measure: 'change', changeDirection: 'decrease' })
    expect(at(f, '1 million bpd')).toMatchObject({ reporter: 'SAU', flow: 'production' })
    // A dateline or a place is not the government.
    const g = extractFigures('Data released in Baku show Italy bought 2 Mt of oil from Azerbaijan in 2023.')
    expect(at(g, '2 Mt')).toMatchObject({ reporter: 'ITA', partner: 'AZE', flow: 'M' })
  })
})

describe('ranges', () => {
  it('both amounts of a range are about the same thing: a change read before it, a share read after it', () => {
    const f = extractFigures('Exports to China rose 18-19% in 2023.')
    expect(at(f, '18')).toMatchObject({ measure: 'change', changeDirection: 'increase', partner: 'CHN', year: 2023 })
    expect(at(f, '19%')).toMatchObject({ measure: 'change', changeDirection: 'increase', partner: 'CHN', year: 2023 })
    const g = extractFigures("Azerbaijan covers 18-19% of Israel's annual oil needs.")
    expect(at(g, '18')).toMatchObject({ measure: 'share', reporter: 'AZE', partner: 'ISR', flow: 'X', shareOfCountry: 'ISR' })
    expect(at(g, '19%')).toMatchObject({ measure: 'share', reporter: 'AZE', partner: 'ISR', flow: 'X' })
  })
})

describe('issue 10, fourth round: the article\'s side, trade words, periods and ranks', () => {
  // https://www.zawya.com/en/markets/commodities/egypts-wheat-imports-increase-30-yoy-in-9-months-o57kwqq7, https://tass.com/economy/1649467
  it('in an article on imports, a supplier named with the importer is read from the importer\'s side, and so are the figures after it', () => {
    const f = extractFigures('Kenya imported 2 million tons of maize in January-June.\n\nUganda was the biggest supplier, with 1.2 million tons, or 60% of all the maize Kenya imported. Tanzania came second with 0.5 million tons.', { published: '2024-07-10' })
    expect(at(f, 'biggest supplier')).toMatchObject({ reporter: 'KEN', partner: 'UGA', flow: 'M', value: 1 })
    expect(at(f, '1.2 million tons')).toMatchObject({ reporter: 'KEN', partner: 'UGA', flow: 'M' })
    expect(at(f, '60%')).toMatchObject({ reporter: 'KEN', partner: 'UGA', flow: 'M', measure: 'share' })
    expect(at(f, 'came second')).toMatchObject({ reporter: 'KEN', partner: 'TZA', flow: 'M' })
    expect(at(f, '0.5 million tons')).toMatchObject({ reporter: 'KEN', partner: 'TZA', flow: 'M' })
    // "Australia sold China 11 Mt" in an article on China's imports: the verb is the supplier's, the side the article's.
    const g = extractFigures('China bought 3.9 mln tons of LNG from Russia in January-June. Australia sold China 11 mln tons for $7.1 bln over the half-year.', { published: '2023-07-20' })
    expect(at(g, '11 mln tons')).toMatchObject({ reporter: 'CHN', partner: 'AUS', flow: 'M' })
    expect(at(g, '$7.1 bln')).toMatchObject({ reporter: 'CHN', partner: 'AUS', flow: 'M' })
    // A title without figures does not set the side: "Russian LNG sales to China grow" over Chinese customs figures.
    const h = extractFigures('Russian LNG sales to China grow\n\nChina bought 3.9 mln tons of LNG from Russia in January-June.', { published: '2023-07-20' })
    expect(at(h, '3.9 mln tons')).toMatchObject({ reporter: 'CHN', partner: 'RUS', flow: 'M' })
  })

  // https://www.clbrief.com/chinas-soybean-imports-from-brazil-jump-20-until-may/
  it('a share or rank keeps the side of its whole: "of the volume shipped" is the exporter\'s', () => {
    const f = extractFigures('Oman\'s crude exports rose to 900,000 bpd in May.\n\nAsian buyers took 80% of the sultanate\'s oil exports.', { published: '2020-06-10' })
    expect(at(f, '80%')).toMatchObject({ reporter: 'OMN', flow: 'X', measure: 'share' })
    const g = extractFigures('China bought 34 million tons of Brazilian soybeans in 2023 up to May. That makes China the largest buyer, with 70.23% of the volume shipped so far.', { published: '2023-06-10' })
    expect(at(g, '70.23%')).toMatchObject({ flow: 'X', measure: 'share' })
  })

  // https://www.ripplesnigeria.com/nigeria-makes-n21trn-from-crude-oil-sales/
  it('"crude sales", "oil sales", "LNG sales" are exports', () => {
    expect(at(extractFigures('Nigeria\'s crude sales reached $2 billion in 2022.'), '$2 billion')).toMatchObject({ reporter: 'NGA', flow: 'X' })
    expect(at(extractFigures('Qatar earned $3 billion in 2022 from LNG sales.'), '$3 billion')).toMatchObject({ reporter: 'QAT', flow: 'X' })
  })

  // https://www.zawya.com/en/markets/commodities/saudi-arabias-crude-exports-slip-from-nine-month-high-in-april-ll2kpa6q
  it('a sentence whose only year is a base keeps the period of the sentence before', () => {
    const f = extractFigures('Oman exported 850,000 bpd of crude in June. That was 3% below the same month of 2019.', { published: '2020-07-20' })
    expect(at(f, '3%')).toMatchObject({ year: 2020, period: '2020-06', measure: 'change', changeDirection: 'decrease' })
  })

  // https://www.nasdaq.com/articles/chile-copper-export-revenue-surges-24-in-october-central-bank-2020-11-09
  it('"top producer", "second-largest producer" are ranks of production', () => {
    const f = extractFigures('Chile is the top producer of copper. Peru was the second-largest producer in 2020.')
    expect(at(f, 'top producer')).toMatchObject({ kind: 'rank', value: 1, reporter: 'CHL', flow: 'production', measure: 'rank' })
    expect(at(f, 'second-largest producer')).toMatchObject({ kind: 'rank', value: 2, reporter: 'PER', flow: 'production' })
    // Plural without an ordinal is no rank.
    expect(extractFigures('Leading producers met in Lima.').filter((x) => x.kind === 'rank')).toEqual([])
  })

  // https://www.nasdaq.com/articles/chile-copper-export-revenue-surges-24-in-october-central-bank-2020-11-09
  it('"between January and October 2020" is the period January-October', () => {
    const f = extractFigures('Chile shipped 1.9 Mt of copper between January and October 2020.')
    expect(f.find((x) => x.kind === 'date')).toMatchObject({ date: '2020-01/2020-10', value: 2020 })
    expect(at(f, '1.9 Mt')).toMatchObject({ year: 2020, period: '2020-01/2020-10' })
  })
})

describe('issue 10, fourth round: lists of suppliers', () => {
  // https://www.themoscowtimes.com/2022/09/15/japan-boosts-natural-gas-imports-from-russia-a78796 (shape: "X accounts for N% of ..., followed by Y with M%")
  it('"..., followed by the United States with 17%" is a share of the same whole with its own partner', () => {
    const f = extractFigures("Germany's crude imports rose to 1.8 million bpd in March. Norway holds 22% of Germany's crude imports, followed by the United States with 17%.", { published: '2024-04-20' })
    expect(at(f, '22%')).toMatchObject({ reporter: 'DEU', partner: 'NOR', flow: 'M', measure: 'share' })
    expect(at(f, '17%')).toMatchObject({ reporter: 'DEU', partner: 'USA', flow: 'M', measure: 'share' })
  })

  // https://www.shafaq.com/en/Economy/Iraq-trumps-Saudi-Arabia-as-US-fourth-top-supplier (shape: "A and B exported N and M bpd to the US, respectively")
  it('amounts paired with a list of partners by "respectively" take them in order', () => {
    const f = extractFigures("Germany's crude imports rose to 1.8 million bpd in March. Iraq and Egypt sent 90,000 bpd and 60,000 bpd to Germany respectively.", { published: '2024-04-20' })
    expect(at(f, '90,000 bpd')).toMatchObject({ reporter: 'DEU', partner: 'IRQ', flow: 'M' })
    expect(at(f, '60,000 bpd')).toMatchObject({ reporter: 'DEU', partner: 'EGY', flow: 'M' })
    const g = extractFigures('Spain exported 2 Mt of wheat in 2023. Shipments to Italy and France were 300,000 tons and 200,000 tons, respectively.')
    expect(at(g, '300,000 tons')).toMatchObject({ reporter: 'ESP', partner: 'ITA', flow: 'X' })
    expect(at(g, '200,000 tons')).toMatchObject({ reporter: 'ESP', partner: 'FRA', flow: 'X' })
    // Without "respectively" the list stays the list.
    expect(at(extractFigures('Spain exported 2 Mt of wheat in 2023. Shipments to Italy and France were 500,000 tons.'), '500,000 tons').partners).toEqual(['ITA', 'FRA'])
  })
})

describe('issue 10, fourth round: whose suppliers and buyers a rank ranks', () => {
  // https://m.fotoarslan.com/grain-supply-chain/grain-trade-export/news/15544692/china-soybean-imports-from-us-sink-63 (shape: "U.S. soybean arrivals, China's second-largest supplier, ...")
  it('"Korea\'s second-largest supplier" makes Korea the importer; "U.S. crude arrivals" are the goods of the US arriving', () => {
    const f = extractFigures("U.S. crude arrivals, Korea's second-largest supplier, rose 44% to 450,000 bpd.", { published: '2024-08-15' })
    expect(at(f, 'second-largest supplier')).toMatchObject({ kind: 'rank', value: 2, reporter: 'KOR', partner: 'USA', flow: 'M' })
    expect(at(f, '44%')).toMatchObject({ reporter: 'KOR', partner: 'USA', flow: 'M', measure: 'change' })
    expect(at(f, '450,000 bpd')).toMatchObject({ reporter: 'KOR', partner: 'USA', flow: 'M' })
    expect(at(extractFigures("Mexico is Korea's sixth-largest supplier."), 'sixth-largest supplier')).toMatchObject({ reporter: 'KOR', partner: 'MEX', flow: 'M' })
    // Possessive arrivals stay the possessor's imports.
    expect(at(extractFigures("China's soybean arrivals rose 44% to 4.5 Mt."), '4.5 Mt')).toMatchObject({ reporter: 'CHN', flow: 'M' })
  })

  // https://www.shafaq.com/en/Economy/Iraq-trumps-Saudi-Arabia-as-US-fourth-top-supplier, https://www.clbrief.com/chinas-soybean-imports-from-brazil-jump-20-until-may/
  it('a rank among suppliers is the importer\'s, a rank among buyers the exporter\'s, and a rank sets no side for the article', () => {
    const f = extractFigures('Angola becomes the third-largest crude supplier to China\n\nAngola shipped 1 million bpd to China in May.', { published: '2024-06-15' })
    expect(at(f, 'third-largest crude supplier')).toMatchObject({ reporter: 'CHN', partner: 'AGO', flow: 'M' })
    expect(at(f, '1 million bpd')).toMatchObject({ reporter: 'AGO', partner: 'CHN', flow: 'X' })
    expect(at(extractFigures('India was the top buyer of Russian coal in May.', { published: '2024-06-15' }), 'top buyer')).toMatchObject({ reporter: 'RUS', partner: 'IND', flow: 'X' })
  })
})

describe("issue 10, fourth round: the article's importer ranked among its partner's buyers", () => {
  // https://www.clbrief.com/chinas-soybean-imports-from-brazil-jump-20-until-may/
  it('"That makes Kenya the largest buyer, with 60% of the volume shipped" is the partner\'s exports to the article\'s importer', () => {
    const f = extractFigures('Kenya bought 2 million tons of Ugandan maize in January-June. That makes Kenya the largest buyer of the grain, with 60% of the volume shipped so far.', { published: '2024-07-10' })
    expect(at(f, 'largest buyer')).toMatchObject({ reporter: 'UGA', partner: 'KEN', flow: 'X' })
    expect(at(f, '60%')).toMatchObject({ reporter: 'UGA', partner: 'KEN', flow: 'X', measure: 'share' })
    // A rank among the world's importers stays the importer's own.
    expect(at(extractFigures('Kenya imported 2 million tons of maize from Uganda in January-June. Kenya is the biggest importer of maize in the region.', { published: '2024-07-10' }), 'biggest importer')).toMatchObject({ reporter: 'KEN', flow: 'M' })
  })
})
