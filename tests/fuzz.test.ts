import { describe, expect, it } from 'vitest'
import { runMutations } from './helpers/fuzz.ts'

describe('generative faults on real files (the fast share; npm run soak runs 10,000)', () => {
  it('every line loaded or rejected with its line, and loaded sums equal an independent reading', async () => {
    const { checked, violations } = await runMutations(150, 20261202)
    expect(checked).toBe(150)
    expect(violations).toEqual([])
  })
})
