import { cleanText, originalSpan } from './clean-text.ts'
import type { ExtractOptions, Figure } from './figure.ts'
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
  return linked.map((f) => toFigure(f, text, clean))
}

function toFigure(f: LinkedFigure, source: string, clean: ReturnType<typeof cleanText>): Figure {
  const [start, end] = originalSpan(clean, f.start, f.end)
  return {
    kind: f.kind,
    value: Number(f.valueExact),
    valueExact: f.valueExact,
    unit: f.unit,
    text: source.slice(start, end),
    start,
    end,
    ...(f.qualifier === undefined ? {} : { qualifier: f.qualifier }),
    ...(f.base === undefined ? {} : { base: f.base }),
    ...(f.points === undefined ? {} : { points: f.points }),
    ...(f.year === undefined ? {} : { year: f.year }),
    ...(f.linkedPeriod === undefined ? {} : { period: f.linkedPeriod }),
    ...(f.reporter === undefined ? {} : { reporter: f.reporter }),
    ...(f.partner === undefined ? {} : { partner: f.partner }),
    ...(f.partners === undefined ? {} : { partners: f.partners }),
    ...(f.flow === undefined ? {} : { flow: f.flow }),
    ...(f.commodity === undefined ? {} : { commodity: f.commodity }),
    ...(f.hsCode === undefined ? {} : { hsCode: f.hsCode }),
    ...(f.measure === undefined ? {} : { measure: f.measure }),
    ...(f.changeFrom === undefined ? {} : { changeFrom: f.changeFrom }),
    ...(f.changeDirection === undefined ? {} : { changeDirection: f.changeDirection }),
    ...(f.shareOf === undefined ? {} : { shareOf: f.shareOf }),
    ...(f.shareOfCountry === undefined ? {} : { shareOfCountry: f.shareOfCountry }),
    ...(f.date === undefined ? {} : { date: f.date }),
  }
}
