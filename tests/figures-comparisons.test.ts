import { describe, expect, it } from 'vitest'
import { checkComparison, comparisonRange, type CheckableFigure, type Observation } from '../src/transform/check/index.ts'
import { extractFigures, type Figure } from '../src/transform/figures/index.ts'

/** The comparison figures of a text, with the fields a check needs. */
function comparisons(text: string): Partial<Figure>[] {
  return extractFigures(text).filter((f) => f.kind === 'comparison').map((f) => ({
    text: f.text, value: f.value, qualifier: f.qualifier, comparison: f.comparison, comparedWith: f.comparedWith, combined: f.combined,
    subject: f.subject, reporter: f.reporter, partner: f.partner, flow: f.flow, year: f.year, measure: f.measure,
  }))
}

// Sentences are the writer's own, shaped like the reports named beside them (facts and phrasing classes, not their words).
describe('comparison claims are read as figures of kind comparison', () => {
  it('multiples: twice, N times, N-fold, half, hedged, "those of"', () => {
    expect(comparisons('Azerbaijan supplied more than twice as much crude oil to Israel as Kazakhstan in 2022.')).toEqual([{
      text: 'more than twice as much crude oil to Israel as Kazakhstan', value: 2, qualifier: 'more than', comparison: 'ratio', comparedWith: ['KAZ'],
      combined: false, subject: 'AZE', reporter: 'AZE', partner: 'ISR', flow: 'X', year: 2022, measure: 'comparison',
    }])
    const read = (text: string) => comparisons(text).map((c) => [c.value, c.qualifier, c.subject, c.comparedWith, c.reporter, c.partner, c.flow])
    expect(read('Kazakhstan exported ten times more wheat to Afghanistan than Russia did in 2021.')).toEqual([[10, undefined, 'KAZ', ['RUS'], 'KAZ', 'AFG', 'X']])
    expect(read('In 2022 Azerbaijan exported half as much crude oil to Israel as Kazakhstan did.')).toEqual([[0.5, undefined, 'AZE', ['KAZ'], 'AZE', 'ISR', 'X']])
    expect(read("Russia's coal exports to China were nearly three times those of Indonesia in 2021.")).toEqual([[3, 'nearly', 'RUS', ['IDN'], 'RUS', 'CHN', 'X']])
    // "those from": the compared party is the one with the same preposition (the supplier), the importer stays.
    expect(read('Chinese imports of soybeans from Brazil were 2.5 times those from the United States in 2020.')).toEqual([[2.5, undefined, 'BRA', ['USA'], 'CHN', 'BRA', 'M']])
    expect(read('Turkey bought two and a half times as much Azerbaijani crude oil as Germany in 2022.').map((c) => c[0])).toEqual([2.5])
    expect(read('Italy took over 3-fold the amount of Greece in 2022.').map((c) => [c[0], c[1], c[3]])).toEqual([[3, 'more than', ['GRC']]])
  })

  it('comparatives with "than": the sentence subject, or the party in the same role ("to Italy than to Israel")', () => {
    const read = (text: string) => comparisons(text).map((c) => [c.comparison, c.subject, c.comparedWith, c.reporter, c.partner, c.flow])
    expect(read('Azerbaijan sold more crude oil to Italy than to Israel in 2022.')).toEqual([['more', 'ITA', ['ISR'], 'AZE', 'ITA', 'X']])
    expect(read('Germany bought more crude oil from Norway than from Kazakhstan in 2022.')).toEqual([['more', 'NOR', ['KAZ'], 'DEU', 'NOR', 'M']])
    expect(read('Israel imported less crude oil from the United States than from Kazakhstan in 2022.')).toEqual([['less', 'USA', ['KAZ'], 'ISR', 'USA', 'M']])
  })

  it('verbs of passing: overtook, surpassed, ahead of, behind, trailing, was overtaken by', () => {
    // Shaped like reports of India's crude suppliers: "has overtaken ... to become India's second-biggest supplier ... behind Iraq"
    // (https://ilearncana.com/details/India%E2%80%99s-crude-oil-import/3339, Reuters 2022), "has surpassed Kuwait to become
    // India's sixth-largest oil supplier" (https://www.newindianexpress.com/business/2019/dec/11/us-replaces-kuwait-as-indias-sixth-biggest-oil-supplier-2074703.html).
    const read = (text: string) => comparisons(text).map((c) => [c.text, c.comparison, c.qualifier, c.subject, c.comparedWith, c.reporter, c.partner, c.flow])
    expect(read('Russia has overtaken Saudi Arabia to become the second-biggest crude oil supplier of India, behind Iraq, in 2022.')).toEqual([
      ['overtaken Saudi Arabia', 'overtook', 'more than', 'RUS', ['SAU'], 'IND', 'RUS', 'M'],
      ['behind Iraq', 'less', 'less than', 'RUS', ['IRQ'], 'IND', 'RUS', 'M'],
    ])
    expect(read("The United States has surpassed Kuwait to become India's sixth-largest oil supplier in 2019.")).toEqual([
      ['surpassed Kuwait', 'more', 'more than', 'USA', ['KWT'], 'IND', 'USA', 'M'],
    ])
    expect(read("Saudi Arabia was overtaken by Iraq as India's top supplier of crude oil in 2017.")).toEqual([
      ['was overtaken by Iraq', 'less', 'less than', 'SAU', ['IRQ'], 'IND', 'SAU', 'M'],
    ])
    // Shaped like "China was the third-largest export market for the US in 2016, trailing Canada and Mexico": compared with each.
    expect(read('In 2016 China was the third-largest export market for the United States, trailing Canada and Mexico.')).toEqual([
      ['trailing Canada and Mexico', 'less', 'less than', 'CHN', ['CAN', 'MEX'], 'USA', 'CHN', 'X'],
    ])
    expect(read("Norway was ahead of Kazakhstan among Germany's crude oil suppliers in 2022.")).toEqual([
      ['ahead of Kazakhstan', 'more', 'more than', 'NOR', ['KAZ'], 'DEU', 'NOR', 'M'],
    ])
  })

  it('several countries on the other side: added up with "combined", else each', () => {
    const [sum] = comparisons('Kazakhstan shipped more crude oil to Israel than Azerbaijan and the United States combined in 2022.')
    expect(sum).toMatchObject({ comparison: 'more', subject: 'KAZ', comparedWith: ['AZE', 'USA'], combined: true, reporter: 'KAZ', partner: 'ISR' })
    const [each] = comparisons('Kazakhstan shipped more crude oil to Italy than Azerbaijan or the United States in 2022.')
    expect(each).toMatchObject({ comparedWith: ['AZE', 'USA'], combined: false })
  })

  it('no comparison without a country on the other side, and never a hedge on a number', () => {
    for (const text of [
      'Exports of crude oil reached 3 million tonnes, more than twice as much as in 2020.',
      'India bought more than half of its crude oil from Iraq and Saudi Arabia in 2019.',
      "More than 40% of Israel's crude oil came from Azerbaijan in 2022.",
      'Shipments exceeded 2 million tonnes, ahead of forecasts.',
      'Imports were three times higher than a year earlier.',
      // Countries compared, but not their trade: prices, inflation, reserves, events.
      'Fuel prices were higher in Turkey than in Azerbaijan last year.',
      'Inflation in Russia was lower than in Kazakhstan in 2022.',
      'Azerbaijan ranks behind Norway in gas reserves.',
      "The talks between Israel and Azerbaijan came ahead of Turkey's elections.",
      // A trade clause, but no country to set against India's growth.
      "Exports to China were up 12% in 2022, ahead of India's 5% growth.",
    ]) expect(comparisons(text), text).toEqual([])
    // The comparison does not take the place of the amounts beside it.
    const all = extractFigures('Azerbaijan supplied 2.289 million tons of crude oil to Israel in 2022, more than twice as much as the United States.')
    expect(all.map((f) => f.kind)).toEqual(['mass', 'year', 'comparison'])
  })
})

describe('the range a comparison allows, and its verdict', () => {
  const range = (text: string, value: string, comparison: string, qualifier?: string) => comparisonRange({ text, value, comparison, qualifier: qualifier ?? null })
  it('half a unit of the multiple as written, hedges, and above or below one for more / less', () => {
    expect(range('twice as much as', '2', 'ratio')).toEqual({ low: 1.5, high: 2.5 })
    expect(range('1.5 times', '1.5', 'ratio')).toEqual({ low: 1.45, high: 1.55 })
    expect(range('more than twice as much', '2', 'ratio', 'more than')).toEqual({ low: 2, high: Number.POSITIVE_INFINITY })
    expect(range('nearly three times', '3', 'ratio', 'nearly')).toMatchObject({ high: 3 })
    expect(range('nearly three times', '3', 'ratio', 'nearly').low).toBeCloseTo(2.7, 9)
    expect(range('overtook Russia', '1', 'overtook', 'more than')).toEqual({ low: 1, high: Number.POSITIVE_INFINITY })
    expect(range('behind Iraq', '1', 'less', 'less than')).toEqual({ low: 0, high: 1 })
  })

  const figure: CheckableFigure = {
    figureNo: 1, kind: 'comparison', value: '1', unit: '1', text: 'overtook Kazakhstan', qualifier: 'more than', year: 2022, reporter: 'AZE', partner: 'ISR', flow: 'X',
    hsCode: '2709', measure: 'comparison', comparison: 'overtook', comparedWith: ['KAZ'], combined: false, subject: 'AZE',
  }
  const obs = (year: number, value: string, who: string): Observation => ({ year, value, basis: `test: ${who}`, source: 'baci', query: `select ${value} as value` })

  it('"overtook" also needs the subject not to have been ahead the year before', () => {
    const ahead = checkComparison(figure, { side: 'reporter', unit: 't', subject: [obs(2021, '5', 'AZE'), obs(2022, '6', 'AZE')], others: [{ country: 'KAZ', series: [obs(2021, '4', 'KAZ'), obs(2022, '3', 'KAZ')] }] })
    expect(ahead).toMatchObject({ status: 'differs', recomputed: '2' })
    expect(ahead.evidence).toContain('was ahead already')
    const passed = checkComparison(figure, { side: 'reporter', unit: 't', subject: [obs(2021, '3', 'AZE'), obs(2022, '6', 'AZE')], others: [{ country: 'KAZ', series: [obs(2021, '4', 'KAZ'), obs(2022, '3', 'KAZ')] }] })
    expect(passed).toMatchObject({ status: 'confirmed', recomputed: '2', query: 'select s.value / o.value as value from (select 6 as value) s, (select 3 as value) o' })
    expect(passed.sides).toMatchObject({ year: 2022, subject: { country: 'AZE', value: '6' }, other: { countries: ['KAZ'], value: '3' }, previous: { year: 2021, ratio: '0.75' } })
    expect(passed.inputs).toMatchObject({ years: [2021, 2022], compared: { side: 'reporter', countries: ['KAZ'], combined: false } })
  })

  it('says what is missing: a side without data, or a subject that is neither party of the flow', () => {
    const missing = checkComparison(figure, { side: 'reporter', unit: 't', subject: [obs(2022, '6', 'AZE')], others: [{ country: 'KAZ', series: [] }] })
    expect(missing).toMatchObject({ status: 'insufficient data', missing: 'no KAZ->ISR HS 2709 data for 2022 in the warehouse' })
    expect(checkComparison({ ...figure, subject: 'RUS' }, undefined).status).toBe('insufficient data')
  })
})
