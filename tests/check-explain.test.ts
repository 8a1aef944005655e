import { describe, expect, it } from 'vitest'
import { checkChange, checkLevel, type CheckableFigure, type Observation } from '../src/transform/check/index.ts'

const level: CheckableFigure = {
  figureNo: 1, kind: 'mass', value: '2289000', unit: 't', text: '2.289 million tons', year: 2022, reporter: 'AZE', partner: 'ISR', flow: 'X', hsCode: '2709', measure: 'level',
}

describe('verdicts that explain themselves', () => {
  it('shows both declarations and says which one the claim matches', () => {
    const importer: Observation = { year: 2022, value: '2100000', basis: 'comtrade mirror: ISR imports from AZE', source: 'comtrade', declarant: 'importer', query: 'select 2100000 as value' }
    const exporter: Observation = { year: 2022, value: '2289100', basis: 'comtrade: AZE->ISR X', source: 'comtrade', declarant: 'exporter', query: 'select 2289100 as value', other: importer }
    const r = checkLevel(level, [exporter])
    expect(r).toMatchObject({ status: 'confirmed', recomputed: '2289100', query: 'select 2289100 as value' })
    expect(r.declarations).toEqual({
      exporter: { value: '2289100', basis: 'comtrade: AZE->ISR X' }, importer: { value: '2100000', basis: 'comtrade mirror: ISR imports from AZE' }, matches: 'exporter',
    })
    expect(r.evidence).toContain('the claim matches exporter')
    expect(r.inputs).toMatchObject({ source: 'comtrade', reporter: 'AZE', partner: 'ISR', product: '2709', flow: 'X', years: [2022], measure: 'net_mass_t' })
    expect([r.toleranceLow, r.toleranceHigh]).toEqual([2288500, 2289500])
  })

  it('checks a decrease as a negative change, and says when two sources were used', () => {
    const fell: CheckableFigure = { ...level, kind: 'percent', value: '25', unit: '%', text: '25%', measure: 'change', changeDirection: 'decrease', qualifier: 'nearly' }
    const series: Observation[] = [
      { year: 2021, value: '4000', basis: 'baci', source: 'baci', query: 'select 4000 as value' },
      { year: 2022, value: '3050', basis: 'comtrade', source: 'comtrade', query: 'select 3050 as value' },
    ]
    const r = checkChange(fell, series, undefined, 't')
    // (3050 - 4000) / 4000 = -23.75 %: "nearly 25 %" down allows -25.5 to -22.5.
    expect(r).toMatchObject({ status: 'confirmed', recomputed: '-23.75', claimed: '-25', toleranceLow: -25.5, toleranceHigh: -22.5 })
    expect(r.inputs?.acrossSources).toEqual(['baci', 'comtrade'])
    expect(r.evidence).toContain('ACROSS TWO SOURCES: 2021 from baci, 2022 from comtrade')
    expect(r.query).toBe('select (n.value - b.value) / b.value * 100 as value from (select 3050 as value) n, (select 4000 as value) b')
  })
})
