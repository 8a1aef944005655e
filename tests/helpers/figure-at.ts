import type { Figure } from '../../src/transform/figures/index.ts'

/** The `nth` figure written exactly as `span`; throws naming every span found when there is none. */
export function at(figures: readonly Figure[], span: string, nth = 0): Figure {
  const f = figures.filter((x) => x.text === span)[nth]
  if (f === undefined) throw new Error(`no "${span}" in ${JSON.stringify(figures.map((x) => x.text))}`)
  return f
}
