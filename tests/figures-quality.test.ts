import { describe, expect, it } from 'vitest'
import { extractFigures } from '../src/transform/figures/index.ts'
import { LINK_TARGETS, MIN_PRECISION, MIN_RECALL, loadCorpus, ourPredictor, scoreCorpus } from '../scripts/figures-quality.ts'

describe('labelled corpus (fixtures/figures-corpus)', () => {
  const corpus = loadCorpus()
  const score = scoreCorpus(corpus, ourPredictor)

  it('is big enough to mean something', () => {
    expect(score.overall.labels).toBeGreaterThanOrEqual(150)
    expect(score.negatives.sentences).toBeGreaterThanOrEqual(40)
    for (const k of score.kinds) expect(k.labels, k.kind).toBeGreaterThan(0)
  })

  it('meets the recall and precision gate overall and for money, mass and percent', () => {
    for (const k of [score.overall, ...score.kinds.filter((x) => ['money', 'mass', 'percent'].includes(x.kind))]) {
      expect(k.recall, `${k.kind} recall; misses: ${score.misses.join('; ')}`).toBeGreaterThanOrEqual(MIN_RECALL)
      expect(k.precision, `${k.kind} precision; extras: ${score.falsePositives.join('; ')}`).toBeGreaterThanOrEqual(MIN_PRECISION)
    }
  })

  it("links found figures as well as the issue asks (year, reporter, partner, flow, measure, qualifier)", () => {
    for (const [field, target] of Object.entries(LINK_TARGETS)) {
      const l = score.links.get(field)
      expect(l?.total ?? 0, field).toBeGreaterThan(20)
      const wrong = score.misses.filter((m) => m.includes(`: ${field} of `))
      expect((l?.correct ?? 0) / (l?.total ?? 1), `${field}: ${wrong.join('; ')}`).toBeGreaterThanOrEqual(target)
    }
  })

  // Speed is measured by `npm run quality` and the bench, never asserted here (it varies with load).
  it('reads a 100 KB article whole: as many figures as its parts hold', () => {
    const text = corpus.map((e) => e.text).join('\n\n')
    const copies = Math.ceil(100_000 / text.length)
    const once = extractFigures(text).length
    expect(once).toBeGreaterThan(0)
    expect(extractFigures(Array(copies).fill(text).join('\n\n')).length).toBe(once * copies)
  })
})
