import { describe, expect, it } from 'vitest'
import { extractFigures } from '../src/transform/figures/index.ts'

describe('not figures', () => {
  it.each([
    ['+ ↺ − 16 px'],
    ['Text size: 16 px 18 px 20 px'],
    ['The navy operates Saar 62-class corvettes.'],
    ['Troops carry Tavor TAR-21 and TAR-2 assault rifles.'],
    ['Call +994 12 345 67 89 for details.'],
    ['Call 1-800-555-0199 for help.'],
    ['The COVID-19 pandemic disrupted supply chains.'],
    ['Boeing 737 jets were grounded.'],
    ['He was one of the first visitors.'],
    ['The leaders held a one-on-one meeting.'],
    ['Azerbaijan became the first and only country to receive it.'],
    ['Section 3.2.1 describes the method.'],
    ['Chapter 27 covers mineral fuels.'],
    ['The two nations share a long history.'],
    ['F-16 fighters and Su-35 jets flew past.'],
    ['The 1990s saw rapid growth.'],
    ['See example.org/2023/report for data.'],
    ['Version 2.0.1 fixed the bug.'],
    ['A 10-ton truck overturned.'],
    ["Gazprom's Power of Siberia 2 pipeline is delayed."],
    ['The S-400 systems were deployed.'],
    ['Two people familiar with the deal said so.'],
  ])('%s', (text) => {
    expect(extractFigures(text)).toEqual([])
  })
})
