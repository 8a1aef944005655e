import { describe, expect, it } from 'vitest'
import { multiplyDecimal, parseDecimal, shiftDecimal } from '../src/transform/index.ts'

describe('parseDecimal', () => {
  it.each([
    ['853234.0', '853234'], ['0.50', '0.5'], ['-0.50', '-0.5'], ['007', '7'], ['1.5E+3', '1500'], ['2.289e6', '2289000'],
    ['12345678901234567890.123456789', '12345678901234567890.123456789'], ['.5', '0.5'], ['5.', '5'], ['-0', '0'], ['1e-3', '0.001'],
  ])('%s -> %s', (text, expected) => {
    expect(parseDecimal(text)).toBe(expected)
  })
  it.each(['', 'abc', '1,5', '1.2.3', '--1', 'NaN', '1e', '.'])('rejects %j', (text) => {
    expect(parseDecimal(text)).toBeNull()
  })
})

describe('shiftDecimal', () => {
  it('moves the point exactly in both directions', () => {
    expect(shiftDecimal('2289000000', -3)).toBe('2289000')
    expect(shiftDecimal('853234', -3)).toBe('853.234')
    expect(shiftDecimal('1', -7)).toBe('0.0000001')
    expect(shiftDecimal('1234.567', 3)).toBe('1234567')
    expect(shiftDecimal('0.001', 3)).toBe('1')
    expect(shiftDecimal('-12.5', 1)).toBe('-125')
    expect(shiftDecimal('0', -3)).toBe('0')
  })
  it('is exact where binary floats drift', () => {
    // 1.005 t in float kilograms is 1004.9999999999999
    expect(1.005 * 1000).not.toBe(1005)
    expect(shiftDecimal('1.005', 3)).toBe('1005')
  })
})

describe('multiplyDecimal', () => {
  it('multiplies exactly', () => {
    expect(multiplyDecimal('2.289', '1000000')).toBe('2289000')
    expect(multiplyDecimal('0.1', '0.2')).toBe('0.02')
    expect(multiplyDecimal('-1.5', '2')).toBe('-3')
  })
})
