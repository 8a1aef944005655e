import { describe, expect, it } from 'vitest'
import { extractFigures, type Figure } from '../src/transform/figures/index.ts'

function find(text: string, span: string): Figure {
  const f = extractFigures(text).find((x) => x.text === span)
  if (f === undefined) throw new Error(`no figure "${span}" in ${JSON.stringify(extractFigures(text))}`)
  return f
}

describe('linking', () => {
  it('reads year, direction and commodity of an export sentence', () => {
    const text = 'In 2022 alone, oil exports from Kazakhstan to Italy reached 9.1 million tons, a 4.2% increase from the previous year.'
    expect(find(text, '9.1 million tons')).toMatchObject({
      year: 2022, reporter: 'KAZ', partner: 'ITA', flow: 'X', commodity: 'crude oil', hsCode: '2709', measure: 'level',
    })
    const change = find(text, '4.2%')
    expect(change).toMatchObject({
      year: 2022, measure: 'change', changeFrom: 2021, changeDirection: 'increase', reporter: 'KAZ', partner: 'ITA', flow: 'X', commodity: 'crude oil',
    })
  })

  it('makes the importer the reporter of an import', () => {
    expect(find('Israel imported 1.2 Mt of crude from Azerbaijan in 2023.', '1.2 Mt')).toMatchObject({
      reporter: 'ISR', partner: 'AZE', flow: 'M', year: 2023, commodity: 'crude oil',
    })
  })

  it('reads a share of a country’s needs', () => {
    const f = find("Kazakhstan supplies nearly 30% of Georgia's oil needs, with cargoes routed through Baku.", '30%')
    expect(f).toMatchObject({
      kind: 'percent', value: 30, qualifier: 'nearly', measure: 'share', shareOf: "Georgia's oil needs", shareOfCountry: 'GEO',
      reporter: 'KAZ', partner: 'GEO', flow: 'X', commodity: 'crude oil',
    })
    expect(f.year).toBeUndefined()
  })

  it('tells oil products from crude', () => {
    expect(find('Russia exported 2 Mt of oil products to Turkey.', '2 Mt')).toMatchObject({ commodity: 'petroleum products', hsCode: '2710' })
    expect(find('Qatar shipped 5 Mt of LNG to China.', '5 Mt')).toMatchObject({ commodity: 'natural gas', hsCode: '2711' })
  })

  it('reads a sub-year period', () => {
    expect(find('Exports reached $4.1 billion in January-September 2023.', '$4.1 billion')).toMatchObject({ year: 2023, period: '2023-01/2023-09' })
  })

  it('leaves "last year" unresolved', () => {
    expect(find('Exports rose to 3 Mt last year.', '3 Mt').year).toBeUndefined()
  })

  it('gives each amount the year written next to it', () => {
    const text = 'The fund invested 3.4 billion euros in 2021 and 2.9 billion euros in 2022.'
    expect(find(text, '3.4 billion euros').year).toBe(2021)
    expect(find(text, '2.9 billion euros').year).toBe(2022)
  })

  it('does not take a base year for the year of a change', () => {
    expect(find('Exports of gas rose 11% in 2023 compared with 2021.', '11%')).toMatchObject({ year: 2023, changeFrom: 2021, measure: 'change' })
  })

  it('reads decreases and absolute changes', () => {
    expect(find('OPEC+ cut output by 2 million b/d.', '2 million b/d')).toMatchObject({ measure: 'change', changeDirection: 'decrease' })
    expect(find('Exports fell by 150,000 tonnes to 4.1 million tonnes.', '150,000 tonnes')).toMatchObject({ measure: 'change', changeDirection: 'decrease' })
    expect(find('Exports fell by 150,000 tonnes to 4.1 million tonnes.', '4.1 million tonnes').measure).toBe('level')
  })

  it('reads "X% more than in YEAR" as a change against that year', () => {
    const text = "Brazil's soybean exports hit a record 101.9 million metric tons in 2023, 28% more than in 2022."
    expect(find(text, '28%')).toMatchObject({ measure: 'change', changeDirection: 'increase', changeFrom: 2022, year: 2023 })
    expect(find('Sales were 5% lower than a year earlier.', '5%')).toMatchObject({ measure: 'change', changeDirection: 'decrease' })
  })

  it('does not take "since YEAR" as the year of a figure', () => {
    const text = 'Exports dropped 4 percent, to 31.2 billion cubic metres, the lowest since 2015.'
    expect(find(text, '4 percent').year).toBeUndefined()
    expect(find(text, '31.2 billion cubic metres')).toMatchObject({ unit: 'm3', valueExact: '31200000000' })
    expect(find(text, '31.2 billion cubic metres').year).toBeUndefined()
  })

  it('leaves links out when asked', () => {
    const [f] = extractFigures('In 2022, Azerbaijan exported 2 Mt of oil to Israel.', { links: false }).filter((x) => x.kind === 'mass')
    expect(f).toEqual({ kind: 'mass', value: 2000000, valueExact: '2000000', unit: 't', text: '2 Mt', start: 29, end: 33 })
  })
})
