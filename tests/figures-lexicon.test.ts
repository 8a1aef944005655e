import { describe, expect, it } from 'vitest'
import { COMMODITIES, COUNTRIES, findCountryMentions, lookupCommodity, lookupCountry } from '../src/transform/figures/index.ts'

describe('country lexicon', () => {
  it('covers the 193 UN member states with unique ISO3 codes', () => {
    expect(COUNTRIES.filter((c) => c.unMember)).toHaveLength(193)
    expect(new Set(COUNTRIES.map((c) => c.iso3)).size).toBe(COUNTRIES.length)
    for (const c of COUNTRIES) expect(c.iso3).toMatch(/^[A-Z]{3}$/)
  })

  it('maps names, short forms and demonyms', () => {
    expect(lookupCountry('Azerbaijan')).toBe('AZE')
    expect(lookupCountry('Azerbaijani')).toBe('AZE')
    expect(lookupCountry('Azeri')).toBe('AZE')
    expect(lookupCountry('Israeli')).toBe('ISR')
    expect(lookupCountry('U.S.')).toBe('USA')
    expect(lookupCountry('Türkiye')).toBe('TUR')
    expect(lookupCountry('Turkish')).toBe('TUR')
    expect(lookupCountry('Ivory Coast')).toBe('CIV')
    expect(lookupCountry('Narnia')).toBeUndefined()
  })

  it('finds mentions, longest first, and not inside other names or currencies', () => {
    const text = 'Papua New Guinea, Guinea-Bissau, North America, US$ 5 and US dollars, the U.S.-Israel axis'
    expect(findCountryMentions(text).map((m) => [text.slice(m.start, m.end), m.iso3])).toEqual([
      ['Papua New Guinea', 'PNG'],
      ['Guinea-Bissau', 'GNB'],
      ['U.S.', 'USA'],
      ['Israel', 'ISR'],
    ])
  })
})

describe('commodity lexicon', () => {
  it('maps oil words to HS headings', () => {
    expect(lookupCommodity('oil')).toMatchObject({ name: 'crude oil', hsCode: '2709' })
    expect(lookupCommodity('petroleum products')).toMatchObject({ hsCode: '2710' })
    expect(lookupCommodity('LNG')).toMatchObject({ hsCode: '2711' })
    expect(lookupCommodity('coal')).toMatchObject({ hsCode: '2701' })
    expect(lookupCommodity('wheat')).toMatchObject({ hsCode: '1001' })
    expect(lookupCommodity('palm oil')).toMatchObject({ hsCode: '1511' })
  })

  it('spells each term once', () => {
    const terms = COMMODITIES.flatMap((c) => c.terms)
    expect(new Set(terms).size).toBe(terms.length)
  })
})
