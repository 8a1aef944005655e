/**
 * Whole-article linking: what later figures inherit from the title and earlier sentences. The
 * text is the team's, in the shape of real reports (addresses beside each case).
 */
import { describe, expect, it } from 'vitest'
import { extractFigures, type Figure } from '../src/transform/figures/index.ts'

const at = (figures: readonly Figure[], span: string): Figure => {
  const f = figures.find((x) => x.text === span)
  if (f === undefined) throw new Error(`no "${span}" in ${JSON.stringify(figures.map((x) => x.text))}`)
  return f
}

describe('document context', () => {
  // https://en.vietnamplus.vn/sharp-drop-seen-in-crude-oil-exploitation/164925.vnp
  it('carries reporter, flow, commodity and year to sentences that do not name them, until the text changes them', () => {
    const text = 'Kazakhstan sold 9.1 million tonnes of crude to Italy in 2022.\n\nEarnings rose 12% on the year. Imports of fuel fell to 1.1 Mt.\n\nIn 1998 a pipeline opened. Georgia bought 2 Mt of wheat.'
    const f = extractFigures(text)
    expect(at(f, '12%')).toMatchObject({ reporter: 'KAZ', partner: 'ITA', flow: 'X', commodity: 'crude oil', year: 2022, measure: 'change', changeFrom: 2021 })
    // The flow changes: the subject stays, the partner does not carry over.
    expect(at(f, '1.1 Mt')).toMatchObject({ reporter: 'KAZ', flow: 'M', commodity: 'petroleum products', year: 2022 })
    expect(at(f, '1.1 Mt').partner).toBeUndefined()
    // A new subject replaces the old one; a year in a sentence with no trade in it is no context.
    expect(at(f, '2 Mt')).toMatchObject({ reporter: 'GEO', flow: 'M', commodity: 'wheat' })
    expect(at(f, '2 Mt').year).toBe(2022)
  })

  it('takes the subject from a title without figures', () => {
    const f = extractFigures("Azerbaijan's oil exports to Israel climb\n\nShipments reached 2.3 Mt in 2022, up 33.8%.")
    expect(at(f, '2.3 Mt')).toMatchObject({ reporter: 'AZE', partner: 'ISR', flow: 'X', commodity: 'crude oil', year: 2022 })
    expect(at(f, '33.8%')).toMatchObject({ reporter: 'AZE', partner: 'ISR', measure: 'change', changeDirection: 'increase' })
  })

  it('ignores photo captions for context', () => {
    const f = extractFigures('Turkey imported 5 Mt of coal from Russia in 2021.\n\nA coal terminal near Izmir in March 2019\n\nPurchases rose 4% in 2022.')
    expect(at(f, '4%')).toMatchObject({ reporter: 'TUR', partner: 'RUS', flow: 'M', year: 2022 })
  })

  it('gives each amount its own partner, and a list of partners to a figure about them all', () => {
    const f = extractFigures('Azerbaijan exported 5 Mt of oil to Italy, 2 Mt to India and 1 Mt to Israel. Exports to Italy, India and Israel totalled 8 Mt.')
    expect(at(f, '5 Mt')).toMatchObject({ reporter: 'AZE', partner: 'ITA' })
    expect(at(f, '2 Mt')).toMatchObject({ reporter: 'AZE', partner: 'IND' })
    expect(at(f, '1 Mt')).toMatchObject({ reporter: 'AZE', partner: 'ISR' })
    expect(at(f, '8 Mt')).toMatchObject({ reporter: 'AZE', flow: 'X', partners: ['ITA', 'IND', 'ISR'] })
    expect(at(f, '8 Mt').partner).toBeUndefined()
  })

  it('reads received / bought / shipped in, and keeps production and consumption apart from trade', () => {
    expect(at(extractFigures('Israel received 2 Mt of crude from Azerbaijan in 2023.'), '2 Mt')).toMatchObject({ reporter: 'ISR', partner: 'AZE', flow: 'M' })
    // http://in.reuters.com/article/india-coal-imports-idINL3N14Q38S20160106 ("India shipped in 12.35 million tonnes")
    expect(at(extractFigures('India shipped in 12.35 million tonnes of coal last month.'), '12.35 million tonnes')).toMatchObject({ reporter: 'IND', flow: 'M' })
    const f = extractFigures('Vietnam pumped 1 million tonnes of crude in November. Domestic consumption rose 3% to 2.1 Mt.', { published: '2019-12-06' })
    expect(at(f, '1 million tonnes')).toMatchObject({ reporter: 'VNM', flow: 'production', year: 2019, period: '2019-11' })
    expect(at(f, '2.1 Mt')).toMatchObject({ flow: 'consumption' })
  })

  it('tells the base year from the figure year and says which figure is the base', () => {
    const f = extractFigures('Imports slipped 0.8 per cent to 17.80 MT in November, from 17.95 MT in November 2018.', { published: '2019-12-10' })
    expect(at(f, '0.8 per cent')).toMatchObject({ measure: 'change', changeDirection: 'decrease', year: 2019 })
    expect(at(f, '17.80 MT')).toMatchObject({ year: 2019, period: '2019-11' })
    expect(at(f, '17.95 MT')).toMatchObject({ base: true, year: 2018 })
  })
})
