/**
 * Issue 10, twenty-third round: the classes of phrasing that the round's five fresh articles
 * (read after their score alone) missed. One class each; the sentences are the team's own, with
 * other countries, goods and numbers than the articles'. The reports the classes were seen in:
 * https://www.zawya.com/en/economy/africa/kenya-tea-exports-fall-by-37mln-on-pakistan-egypt-forex-crisis-ut1xp28l
 * https://www.news.lk/news/business/item/23251-iraq-continues-to-be-no-1-tea-buyer
 * https://www.nationthailand.com/business/econ/40018839
 * http://www.nbdpress.com/articles/2017-02-28/1685.html
 * http://norwaytoday.info/finance/lower-sales-salmon-europe/
 */
import { describe, expect, it } from 'vitest'
import { extractFigures } from '../src/transform/figures/index.ts'
import { at } from './helpers/figure-at.ts'

// Seen in http://www.nbdpress.com/articles/2017-02-28/1685.html and the zawya Kenyan tea report
describe('a currency written with a short country prefix or a bare shilling has its code', () => {
  it('"NZ dollars", "HK dollars", "shillings"; a named Ugandan shilling stays Uganda\'s', () => {
    const f = extractFigures('Wool exports reached 310 million NZ dollars in March 2019, re-exports 95 billion HK dollars, coffee 12 billion shillings and cotton 60 billion Ugandan shillings.', { published: '2019-04-20' })
    expect(at(f, '310 million NZ dollars')).toMatchObject({ kind: 'money', unit: 'NZD' })
    expect(at(f, '95 billion HK dollars')).toMatchObject({ kind: 'money', unit: 'HKD' })
    expect(at(f, '12 billion shillings')).toMatchObject({ kind: 'money', unit: 'KES' })
    expect(at(f, '60 billion Ugandan shillings')).toMatchObject({ kind: 'money', unit: 'UGX' })
  })
})

// Seen in http://www.nbdpress.com/articles/2017-02-28/1685.html
describe('an amount in brackets converting the one before it is the same figure', () => {
  it('"rose 9%, or 41 million NZ dollars (29 million US dollars)": the dollars are the same change', () => {
    const f = extractFigures("New Zealand's kiwifruit exports rose 9%, or 41 million NZ dollars (29 million US dollars), in May 2018.", { published: '2018-06-27' })
    expect(at(f, '41 million NZ dollars')).toMatchObject({ measure: 'change', changeDirection: 'increase' })
    expect(at(f, '29 million US dollars')).toMatchObject({ unit: 'USD', measure: 'change', changeDirection: 'increase', year: 2018, reporter: 'NZL', flow: 'X' })
  })
})

// Seen in http://www.nbdpress.com/articles/2017-02-28/1685.html and the zawya Kenyan tea report
describe('"and those to X" after a change, its verb left out, is the same kind of change', () => {
  it('"and those to Japan 8%, or ...", "and those to Oman 21% to three million kilogrammes"', () => {
    const f = extractFigures("Chile's wine sales to China fell 14%, or 52 million dollars, in June 2020, and those to Japan 8%, or 9 million dollars. Shipments of dates to Qatar slid 30% to 5.1 million kilogrammes, and those to Oman 21% to three million kilogrammes.", { published: '2020-07-30' })
    expect(at(f, '8%')).toMatchObject({ measure: 'change', changeDirection: 'decrease' })
    expect(at(f, '21%')).toMatchObject({ measure: 'change', changeDirection: 'decrease' })
  })
})

// Seen in http://norwaytoday.info/finance/lower-sales-salmon-europe/ and http://www.nbdpress.com/articles/2017-02-28/1685.html
describe('a change restated with "or", then ", on <date>", gives the date to the change only', () => {
  it('"Exports came to 41,000 tonnes worth ...: value was up ..., or 6%, on May 2015" keeps the levels in May 2016', () => {
    const f = extractFigures("Icelandic fish exports in May 2016 came to 41,000 tonnes worth $170 million: volume was down 3%, but value rose by $9 million, or 6%, on May 2015.", { published: '2016-06-15' })
    expect(at(f, '41,000 tonnes')).toMatchObject({ year: 2016, period: '2016-05' })
    expect(at(f, '6%')).toMatchObject({ measure: 'change', changeDirection: 'increase' })
  })
})

// Seen in http://norwaytoday.info/finance/lower-sales-salmon-europe/
describe('an amount "more" or "less" of the goods at a date "than" is a change', () => {
  it('"sold $40 million more shrimp abroad in March 2021 than a year before"', () => {
    const f = extractFigures('Ecuador sold $40 million more shrimp abroad in March 2021 than a year before.', { published: '2021-04-20' })
    expect(at(f, '$40 million')).toMatchObject({ measure: 'change', changeDirection: 'increase', reporter: 'ECU', flow: 'X' })
  })
})

// Seen in https://indian-apparel.com/?p=5323 (left by the twenty-second round)
describe('"came next with" a percent after a change is a change of the same direction', () => {
  it('"Peru rose most, by 8.2%, and Chile came next with 5.1%"', () => {
    const f = extractFigures('Among the copper exporters in 2021, Peru rose most, by 8.2%, and Chile came next with 5.1%.', { published: '2022-02-10' })
    expect(at(f, '5.1%')).toMatchObject({ measure: 'change', changeDirection: 'increase' })
  })
})
