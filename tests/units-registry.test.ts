import { describe, expect, it } from 'vitest'
import { parseDecimal } from '../src/transform/decimal.ts'
import {
  DENSITIES,
  SCALES,
  UNITS,
  barrelsToTonnes,
  convertToCanonical,
  findCurrencyPrefix,
  findScale,
  findUnit,
  tonnesToBarrels,
  unitById,
  type UnitEntry,
} from '../src/transform/units/index.ts'

function unit(id: string): UnitEntry {
  const u = unitById(id)
  if (u === undefined) throw new Error(`no unit ${id}`)
  return u
}

describe('unit registry', () => {
  it('gives every entry an exact decimal factor and a source', () => {
    for (const u of [...UNITS, ...SCALES]) {
      expect(parseDecimal(u.factor), u.id).toBe(u.factor)
      expect(u.source.length, u.id).toBeGreaterThan(3)
    }
    for (const d of DENSITIES) {
      expect(parseDecimal(d.barrelsPerTonne)).toBe(d.barrelsPerTonne)
      expect(d.source).toMatch(/BP Statistical Review/)
    }
  })

  it('never spells two units the same way', () => {
    const seen = new Map<string, string>()
    for (const u of UNITS) {
      for (const w of u.words) {
        const key = `w:${w.toLowerCase()}`
        expect(seen.get(key) ?? u.id, `${w} is both ${seen.get(key)} and ${u.id}`).toBe(u.id)
        seen.set(key, u.id)
      }
      for (const s of u.symbols) {
        const key = `s:${s}`
        expect(seen.get(key) ?? u.id, `${s} is both ${seen.get(key)} and ${u.id}`).toBe(u.id)
        seen.set(key, u.id)
      }
    }
  })

  it('tells a megatonne from a metric ton by case', () => {
    expect(findUnit('Mt')?.id).toBe('megatonne')
    expect(findUnit('mt')?.id).toBe('tonne')
    expect(findUnit('Metric Tons')?.id).toBe('tonne')
    expect(findUnit('barrels per day')?.canonical).toBe('bbl/d')
    expect(findUnit('b/d')?.canonical).toBe('bbl/d')
    expect(findUnit('US dollars')?.canonical).toBe('USD')
    expect(findUnit('manat')?.canonical).toBe('AZN')
    expect(findUnit('furlongs')).toBeUndefined()
  })

  it('reads currency prefixes and scale words', () => {
    expect(findCurrencyPrefix('US $')?.canonical).toBe('USD')
    expect(findCurrencyPrefix('€')?.canonical).toBe('EUR')
    expect(findCurrencyPrefix('£')?.canonical).toBe('GBP')
    expect(findCurrencyPrefix('₼')?.canonical).toBe('AZN')
    expect(findScale('bn')?.factor).toBe('1000000000')
    expect(findScale('m')?.factor).toBe('1000000')
    expect(findScale('Million')?.factor).toBe('1000000')
    expect(findScale('M')?.factor).toBe('1000000')
  })
})

describe('convertToCanonical', () => {
  it('converts mass exactly', () => {
    expect(convertToCanonical('2.289', unit('tonne'), findScale('million'))).toBe('2289000')
    expect(convertToCanonical('312.6', unit('tonne'), findScale('thousand'))).toBe('312600')
    expect(convertToCanonical('853234.0', unit('kilogram'))).toBe('853.234')
    expect(convertToCanonical('1.2', unit('megatonne'))).toBe('1200000')
    expect(convertToCanonical('3.5', unit('pound'), findScale('billion'))).toBe('1587573.295')
    expect(convertToCanonical('1', unit('short-ton'))).toBe('0.90718474')
  })

  it('converts volume through the exact barrel, rounding only where it must', () => {
    expect(convertToCanonical('42', unit('us-gallon'))).toBe('1')
    expect(convertToCanonical('158.987294928', unit('litre'))).toBe('1')
    expect(convertToCanonical('1', unit('cubic-metre'))).toBe('1')
    expect(convertToCanonical('1', unit('billion-cubic-metres'))).toBe('1000000000')
    expect(convertToCanonical('1.2', unit('trillion-cubic-feet'))).toBe('33980215910.4')
  })

  it('converts area exactly', () => {
    expect(convertToCanonical('1200', unit('square-kilometre'))).toBe('120000')
    expect(convertToCanonical('5000', unit('acre'))).toBe('2023.4282112')
    expect(convertToCanonical('2500', unit('dunam'))).toBe('250')
  })
})

describe('densities', () => {
  it('converts crude between barrels and tonnes only through its entry', () => {
    expect(tonnesToBarrels('2289000', 'crude oil')).toMatchObject({ ok: true, value: '16778370' })
    expect(barrelsToTonnes('7.33', '2709')).toMatchObject({ ok: true, value: '1' })
    expect(barrelsToTonnes('1000000', 'crude oil')).toMatchObject({ ok: true, value: '136425.648021828' })
  })

  it('refuses a commodity without a density', () => {
    expect(barrelsToTonnes('100', 'wheat')).toEqual({ ok: false, code: 'DENSITY_UNKNOWN', commodity: 'wheat' })
  })
})
