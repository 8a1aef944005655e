import { cleanText, originalSpan } from './clean-text.ts'
import type { ExtractOptions, Figure } from './figure.ts'
import { settleComparison } from './find-comparisons.ts'
import { findFigures } from './find-figures.ts'
import { linkFigures, type LinkedFigure } from './link-figures.ts'

/**
 * Every figure quoted in `text` (plain text; see htmlToText for pages), in text order. Offsets
 * and `text` refer to the string given, even where a number was broken across lines.
 * Pure and deterministic: same text in, same figures out.
 */
export function extractFigures(text: string, options: ExtractOptions = {}): Figure[] {
  const clean = cleanText(text)
  const found = findFigures(clean.text)
  const linked: readonly LinkedFigure[] = options.links === false ? found : linkFigures(clean.text, found, options.published === undefined ? {} : { published: options.published })
  return linked.map((f) => toFigure(f.kind === 'comparison' ? settleComparison(f) : f, text, clean))
}

/** Link fields copied when set, in the order `figures --json` prints them (`linkedPeriod` as `period`). */
const OPTIONAL_FIELDS = [
  'qualifier', 'base', 'points', 'year', 'linkedPeriod', 'reporter', 'partner', 'partners', 'flow', 'commodity', 'hsCode', 'measure',
  'changeFrom', 'changeDirection', 'shareOf', 'shareOfCountry', 'date', 'comparison', 'comparedWith', 'combined', 'subject',
] as const

function toFigure(f: LinkedFigure, source: string, clean: ReturnType<typeof cleanText>): Figure {
  const [start, end] = originalSpan(clean, f.start, f.end)
  // One object filled field by field: a spread per optional field costs an allocation each (profiled).
  const out: Record<string, unknown> = { kind: f.kind, value: Number(f.valueExact), valueExact: f.valueExact, unit: f.unit, text: source.slice(start, end), start, end }
  for (const k of OPTIONAL_FIELDS) {
    const v = f[k]
    if (v !== undefined) out[k === 'linkedPeriod' ? 'period' : k] = v
  }
  return out as unknown as Figure
}
