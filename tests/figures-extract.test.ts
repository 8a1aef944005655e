import { describe, expect, it } from 'vitest'
import { extractFigures, type Figure } from '../src/transform/figures/index.ts'

/** The single figure of one kind in `text`; fails when there is not exactly one. */
function only(text: string, kind: Figure['kind']): Figure {
  const found = extractFigures(text, { links: false }).filter((f) => f.kind === kind)
  expect(found, `${kind} in ${JSON.stringify(text)}: ${JSON.stringify(found)}`).toHaveLength(1)
  const f = found[0] as Figure
  expect(text.slice(f.start, f.end)).toBe(f.text)
  return f
}

describe('mass', () => {
  it.each([
    ['reached 2.289 million tons', '2289000', '2.289 million tons'],
    ['some 312.6 thousand tons of wheat', '312600', '312.6 thousand tons'],
    ['handled 8,140 tons of cargo', '8140', '8,140 tons'],
    ['a harvest of 12.5 million tonnes', '12500000', '12.5 million tonnes'],
    ['output of 1.2 Mt in March', '1200000', '1.2 Mt'],
    ['imports of 450 kt of coal', '450000', '450 kt'],
    ['2,242,019,000 kg of crude', '2242019', '2,242,019,000 kg'],
    ['bought two million tons of wheat', '2000000', 'two million tons'],
    ['a cargo of 100,000 t of LNG', '100000', '100,000 t'],
    ['can process 5m tonnes a year', '5000000', '5m tonnes'],
    ['3.5 billion pounds of pork', '1587573.295', '3.5 billion pounds'],
  ])('%s', (text, valueExact, span) => {
    const f = only(text, 'mass')
    expect(f).toMatchObject({ valueExact, value: Number(valueExact), unit: 't', text: span })
  })
})

describe('money', () => {
  it.each([
    ['turnover reached $2.05 billion', '2050000000', 'USD', '$2.05 billion'],
    ['a deal worth $410m, sources said', '410000000', 'USD', '$410m'],
    ['paid 410 million dollars for it', '410000000', 'USD', '410 million dollars'],
    ['valued at 3.2 billion US dollars', '3200000000', 'USD', '3.2 billion US dollars'],
    ['pledged €1.1 billion in aid', '1100000000', 'EUR', '€1.1 billion'],
    ['an investment of US$ 5 bn is planned', '5000000000', 'USD', 'US$ 5 bn'],
    ['earned 1,394 million USD', '1394000000', 'USD', '1,394 million USD'],
    ['rose to £3.4bn', '3400000000', 'GBP', '£3.4bn'],
    ['allocates AZN 1.2 billion', '1200000000', 'AZN', 'AZN 1.2 billion'],
    ['invested 250 million manat', '250000000', 'AZN', '250 million manat'],
    ['global debt of $1.2tn', '1200000000000', 'USD', '$1.2tn'],
    ['cost a billion dollars', '1000000000', 'USD', 'a billion dollars'],
  ])('%s', (text, valueExact, unit, span) => {
    expect(only(text, 'money')).toMatchObject({ valueExact, unit, text: span })
  })

  it('reads unit prices as kind price, never as money', () => {
    const figures = extractFigures('Brent traded at $82 per barrel and wheat at $250 a tonne; corn fell to $2.45/bu.', { links: false })
    expect(figures.map((f) => [f.kind, f.valueExact, f.unit, f.text])).toEqual([
      ['price', '82', 'USD/bbl', '$82 per barrel'],
      ['price', '250', 'USD/t', '$250 a tonne'],
      ['price', '2.45', 'USD/bu', '$2.45/bu'],
    ])
  })

  it('reads a range as two figures sharing unit and scale', () => {
    const figures = extractFigures('a $2-3 billion investment', { links: false })
    expect(figures.map((f) => [f.valueExact, f.unit, f.text])).toEqual([
      ['2000000000', 'USD', '$2'],
      ['3000000000', 'USD', '3 billion'],
    ])
  })
})

describe('percent', () => {
  it.each([
    ['an impressive 33.8% increase', '33.8', '33.8%', undefined],
    ['accounts for 41 percent of exports', '41', '41 percent', undefined],
    ['a 12-percent rise in imports', '12', '12-percent', undefined],
    ['supplies nearly 40% of the needs', '40', '40%', 'nearly'],
    ['slowed to 2.1 per cent', '2.1', '2.1 per cent', undefined],
    ['fell 0.3 percentage points', '0.3', '0.3 percentage points', undefined],
    ['narrowed to −5.5% by the close', '-5.5', '−5.5%', undefined],
    ['less than 1% of trade', '1', '1%', 'less than'],
  ])('%s', (text, valueExact, span, qualifier) => {
    const f = only(text, 'percent')
    expect(f).toMatchObject({ valueExact, unit: '%', text: span })
    expect(f.qualifier).toBe(qualifier)
  })
})

describe('volume and volume rate', () => {
  it.each([
    ['produced 750,000 barrels per day', '750000', '750,000 barrels per day'],
    ['cut output by 2 million b/d', '2000000', '2 million b/d'],
    ['pumped 1.8 million bpd', '1800000', '1.8 million bpd'],
    ['can carry 1.2 million barrels a day', '1200000', '1.2 million barrels a day'],
    ['averaged 600 kb/d', '600000', '600 kb/d'],
    ['rose to 4.3 mb/d', '4300000', '4.3 mb/d'],
  ])('rate: %s', (text, valueExact, span) => {
    expect(only(text, 'volume_rate')).toMatchObject({ valueExact, unit: 'bbl/d', text: span })
  })

  it.each([
    ['consumes about 73 million barrels of oil a year', '73000000', 'bbl', '73 million barrels'],
    ['bought 42,000 gallons of diesel', '1000', 'bbl', '42,000 gallons'],
    // Gas volumes stay cubic metres: a barrel of oil is no measure of gas.
    ['exports of 11.8 bcm of gas', '11800000000', 'm3', '11.8 bcm'],
    ['a store of 500,000 cubic metres', '500000', 'm3', '500,000 cubic metres'],
  ])('volume: %s', (text, valueExact, unit, span) => {
    expect(only(text, 'volume')).toMatchObject({ valueExact, unit, text: span })
  })

  it('skips mass per day, which has no kind', () => {
    expect(extractFigures('Israel needs about 35,000 tonnes of oil per day.')).toEqual([])
  })
})

describe('area', () => {
  it.each([
    ['reclaim approximately 170,000 hectares of land', '170000', '170,000 hectares', 'approximately'],
    ['covers 1,200 km2 of forest', '120000', '1,200 km2', undefined],
    ['spans 5,000 acres', '2023.4282112', '5,000 acres', undefined],
    ['allocated 2,500 dunams', '250', '2,500 dunams', undefined],
  ])('%s', (text, valueExact, span, qualifier) => {
    const f = only(text, 'area')
    expect(f).toMatchObject({ valueExact, unit: 'ha', text: span })
    expect(f.qualifier).toBe(qualifier)
  })
})

describe('counts', () => {
  it.each([
    ['has built six Saar 62-class patrol ships', '6', 'six Saar 62-class patrol ships'],
    ['took delivery of 12 drones', '12', '12 drones'],
    ['Twenty-five wells were drilled', '25', 'Twenty-five wells'],
    ['A dozen vessels waited', '12', 'A dozen vessels'],
    ['Georgia welcomed 3.5 million tourists', '3500000', '3.5 million tourists'],
    ['Only one tanker was detained', '1', 'one tanker'],
  ])('%s', (text, valueExact, span) => {
    expect(only(text, 'count')).toMatchObject({ valueExact, unit: '1', text: span })
  })
})

describe('dates and years', () => {
  it.each([
    ['on April 7, 1992, relations', '1992-04-07', 'April 7, 1992'],
    ['on 7 April 1992 relations', '1992-04-07', '7 April 1992'],
    ['in October 2022 a memorandum', '2022-10', 'October 2022'],
    ['throughout 2023-2025, flows', '2023/2025', '2023-2025'],
    ['in January-November 2023 exports', '2023-01/2023-11', 'January-November 2023'],
    ['published 2025-03-08 by', '2025-03-08', '2025-03-08'],
    ['in the first half of 2023', '2023-01/2023-06', 'first half of 2023'],
    ['results for Q1 2024', '2024-01/2024-03', 'Q1 2024'],
    ['the 2022/23 season', '2022/2023', '2022/23'],
  ])('%s', (text, date, span) => {
    const f = only(text, 'date')
    expect(f).toMatchObject({ date, unit: 'date', text: span })
    expect(extractFigures(text).filter((x) => x.kind === 'year')).toEqual([])
  })

  it('emits a year on its own as kind year', () => {
    expect(extractFigures('In 1998, the minister visited Baku.', { links: false })).toEqual([
      { kind: 'year', value: 1998, valueExact: '1998', unit: 'year', text: '1998', start: 3, end: 7 },
    ])
  })
})

describe('numbers broken across lines', () => {
  const text = 'oil exports reached 2.\n289 million tons—an impressive 33.\n8% increase from the previous year.'

  it('reads the number whole and keeps the original span', () => {
    const [mass, percent] = extractFigures(text, { links: false })
    expect(mass).toMatchObject({ kind: 'mass', valueExact: '2289000', text: '2.\n289 million tons', start: 20, end: 39 })
    expect(percent).toMatchObject({ kind: 'percent', valueExact: '33.8', text: '33.\n8%' })
    expect(text.slice(percent?.start, percent?.end)).toBe('33.\n8%')
  })

  it('does not join a sentence end to the next line', () => {
    const figures = extractFigures('Exports peaked in 2022.\n5 ships were then sold. Prices fell to 12.\n40 Ministers met.', { links: false })
    expect(figures.map((f) => [f.kind, f.valueExact])).toEqual([
      ['year', '2022'],
      ['count', '5'],
    ])
  })

  it('joins across Windows line ends and indentation too', () => {
    expect(only('reached 2.\r\n   289 million tons', 'mass').valueExact).toBe('2289000')
  })
})

describe('qualifiers', () => {
  it.each([
    ['nearly 40%', 'nearly'],
    ['more than $60 billion', 'more than'],
    ['up to $50k', 'up to'],
    ['Some 2,000 trucks', 'some'],
    ['about 73 million barrels', 'about'],
    ['over 70% of cargo', 'over'],
    ['approx. 5 Mt', 'approx.'],
  ])('%s', (text, qualifier) => {
    expect(extractFigures(text, { links: false })[0]?.qualifier).toBe(qualifier)
  })
})
