import { describe, expect, it } from 'vitest'
import { compareDecimal, divideDecimal } from '../src/transform/units/index.ts'

describe('divideDecimal', () => {
  it('divides exactly when the quotient is finite', () => {
    expect(divideDecimal('1', '4')).toBe('0.25')
    expect(divideDecimal('2289000', '1000')).toBe('2289')
    expect(divideDecimal('-7.5', '2.5')).toBe('-3')
  })

  it('rounds half away from zero at the requested digits', () => {
    expect(divideDecimal('2', '3', 4)).toBe('0.6667')
    expect(divideDecimal('-2', '3', 4)).toBe('-0.6667')
    expect(divideDecimal('1', '8', 2)).toBe('0.13')
    expect(divideDecimal('1', '3')).toBe('0.333333333')
  })

  it('returns null for division by zero', () => {
    expect(divideDecimal('1', '0')).toBeNull()
  })
})

describe('compareDecimal', () => {
  it('orders decimals of any scale', () => {
    expect(compareDecimal('2.289', '2.2890')).toBe(0)
    expect(compareDecimal('-1', '0.5')).toBe(-1)
    expect(compareDecimal('10', '9.999')).toBe(1)
  })
})
