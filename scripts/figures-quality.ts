/**
 * Precision, recall and per-link accuracy of figure extraction on the labelled corpus
 * (fixtures/figures-corpus/*.jsonl), per kind and overall, as a table.
 *
 *   npm run quality                 # our extractor on the development part; exit 1 below the gate
 *   npm run quality -- --blind      # the blind part (articles-blind.jsonl) alone, scored apart
 *   npm run quality -- --compare    # also @microsoft/recognizers-text-number-with-unit, mapped
 *                                   # to our kinds, scored the same way
 *
 * Matching: a predicted figure matches a labelled one when kind and value agree and the spans
 * overlap; each figure matches at most once. The gate is on our extractor only.
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { z } from 'zod'
import { parseDecimal } from '../src/transform/decimal.ts'
import { extractFigures, type Figure, type FigureKind } from '../src/transform/figures/index.ts'
import { convertToCanonical, unitById } from '../src/transform/units/index.ts'

const corpusPath = (f: string): string => fileURLToPath(new URL(`../fixtures/figures-corpus/${f}`, import.meta.url))

/**
 * The development part: labelled sentences (corpus.jsonl; holdout.jsonl was written after the
 * extractor and scored blind once) and whole articles (articles.jsonl, paraphrased from real reports).
 */
export const CORPUS_FILES: readonly string[] = ['corpus.jsonl', 'holdout.jsonl', 'articles.jsonl'].map(corpusPath)
/** The blind part: whole articles held out of development, scored once at the end (`--blind`). */
export const BLIND_FILES: readonly string[] = ['articles-blind.jsonl'].map(corpusPath)

export const KINDS: readonly FigureKind[] = ['mass', 'money', 'percent', 'volume', 'volume_rate', 'area', 'count', 'date', 'year', 'price', 'rank']

/** The issue's targets for link accuracy on found figures (issue 10, "Done when"). */
export const LINK_TARGETS: Readonly<Record<string, number>> = { year: 0.9, reporter: 0.85, partner: 0.85, flow: 0.85, measure: 0.95, qualifier: 0.98 }

/** Overall gate: what `npm run quality` (and tests/figures-quality.test.ts) hold the extractor to. */
export const MIN_RECALL = 0.95
export const MIN_PRECISION = 0.97

const FigureKindSchema = z.enum(['mass', 'money', 'percent', 'volume', 'volume_rate', 'area', 'count', 'date', 'year', 'price', 'rank'])

/** One labelled figure: kind, value and the span as written; link fields are optional. */
export const LabelSchema = z
  .object({
    kind: FigureKindSchema,
    value: z.number(),
    text: z.string().min(1),
    /** Which occurrence of `text` in the sentence, when it occurs more than once (0-based). */
    at: z.number().int().nonnegative().optional(),
    unit: z.string().optional(),
    qualifier: z.string().optional(),
    year: z.number().int().optional(),
    period: z.string().optional(),
    reporter: z.string().length(3).optional(),
    partner: z.string().length(3).optional(),
    flow: z.enum(['X', 'M', 'production', 'consumption', 'transit', 'stocks']).optional(),
    partners: z.array(z.string().length(3)).optional(),
    base: z.boolean().optional(),
    commodity: z.string().optional(),
    hsCode: z.string().optional(),
    measure: z.enum(['level', 'change', 'share', 'rank']).optional(),
    changeFrom: z.number().int().optional(),
    changeDirection: z.enum(['increase', 'decrease']).optional(),
    shareOf: z.string().optional(),
    shareOfCountry: z.string().length(3).optional(),
    date: z.string().optional(),
  })
  .strict()
export type Label = z.infer<typeof LabelSchema>

export const CorpusEntrySchema = z
  .object({
    id: z.string().min(1),
    text: z.string().min(1),
    figures: z.array(LabelSchema),
    note: z.string().optional(),
    /** Whole articles: where the facts come from (the text is the team's paraphrase), and its date. */
    source: z.string().url().optional(),
    published: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  })
  .strict()
export type CorpusEntry = z.infer<typeof CorpusEntrySchema>

/** Link fields compared on matched figures (reported, not gated). */
export const LINK_FIELDS = [
  'unit', 'qualifier', 'year', 'period', 'reporter', 'partner', 'flow', 'commodity', 'hsCode', 'measure', 'changeFrom', 'changeDirection',
  'shareOf', 'shareOfCountry', 'date', 'base', 'partners',
] as const satisfies readonly (keyof Label & keyof Figure)[]

/** A prediction reduced to what matching needs (plus the link fields when there are any). */
export interface Prediction {
  readonly kind: FigureKind
  readonly value: number
  readonly start: number
  readonly end: number
  readonly figure?: Figure
}

export type Predictor = (text: string, published?: string) => readonly Prediction[]

export interface KindScore {
  readonly kind: FigureKind | 'overall'
  readonly labels: number
  readonly predicted: number
  readonly truePositives: number
  readonly precision: number
  readonly recall: number
  readonly f1: number
}

export interface CorpusScore {
  readonly kinds: readonly KindScore[]
  readonly overall: KindScore
  readonly links: ReadonlyMap<string, { readonly correct: number; readonly total: number }>
  readonly misses: readonly string[]
  readonly falsePositives: readonly string[]
  readonly negatives: { readonly sentences: number; readonly withFalsePositives: number }
}

/** Reads and validates corpus files (one JSON object a line). */
export function loadCorpus(paths: readonly string[] = CORPUS_FILES): CorpusEntry[] {
  return paths.flatMap((path) => loadCorpusFile(path))
}

function loadCorpusFile(path: string): CorpusEntry[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, i) => {
      const parsed = CorpusEntrySchema.safeParse(JSON.parse(line))
      if (!parsed.success) throw new Error(`${path}:${i + 1}: ${parsed.error.message}`)
      return parsed.data
    })
}

function labelSpan(entry: CorpusEntry, label: Label): [number, number] {
  let from = -1
  for (let n = 0; n <= (label.at ?? 0); n++) {
    from = entry.text.indexOf(label.text, from + 1)
    if (from < 0) throw new Error(`${entry.id}: label text ${JSON.stringify(label.text)} not in the sentence`)
  }
  return [from, from + label.text.length]
}

function sameLink(got: unknown, expected: unknown): boolean {
  return got === expected || (Array.isArray(got) && Array.isArray(expected) && got.join() === expected.join())
}

function sameValue(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b))
}

/** Scores a predictor on the corpus. */
export function scoreCorpus(corpus: readonly CorpusEntry[], predict: Predictor): CorpusScore {
  const labels = new Map<FigureKind, number>()
  const predicted = new Map<FigureKind, number>()
  const hits = new Map<FigureKind, number>()
  const links = new Map<string, { correct: number; total: number }>()
  const misses: string[] = []
  const falsePositives: string[] = []
  let negatives = 0
  let negativesWithFp = 0
  const bump = (m: Map<FigureKind, number>, k: FigureKind): void => {
    m.set(k, (m.get(k) ?? 0) + 1)
  }
  for (const entry of corpus) {
    const preds = predict(entry.text, entry.published)
    const used = new Set<number>()
    for (const p of preds) bump(predicted, p.kind)
    for (const label of entry.figures) {
      bump(labels, label.kind)
      const [start, end] = labelSpan(entry, label)
      const i = preds.findIndex((p, j) => !used.has(j) && p.kind === label.kind && sameValue(p.value, label.value) && p.start < end && start < p.end)
      if (i < 0) {
        misses.push(`${entry.id}: ${label.kind} ${label.value} "${label.text}"`)
        continue
      }
      used.add(i)
      bump(hits, label.kind)
      const figure = preds[i]?.figure
      if (figure === undefined) continue
      for (const field of LINK_FIELDS) {
        const expected = label[field]
        if (expected === undefined) continue
        const score = links.get(field) ?? { correct: 0, total: 0 }
        score.total++
        if (sameLink(figure[field], expected)) score.correct++
        else misses.push(`${entry.id}: ${field} of "${label.text}" is ${JSON.stringify(figure[field])}, expected ${JSON.stringify(expected)}`)
        links.set(field, score)
      }
    }
    preds.forEach((p, j) => {
      if (!used.has(j)) falsePositives.push(`${entry.id}: ${p.kind} ${p.value} "${entry.text.slice(p.start, p.end)}"`)
    })
    if (entry.figures.length === 0) {
      negatives++
      if (preds.length > 0) negativesWithFp++
    }
  }
  const score = (kind: FigureKind | 'overall', l: number, p: number, tp: number): KindScore => {
    const precision = p === 0 ? (l === 0 ? 1 : 0) : tp / p
    const recall = l === 0 ? 1 : tp / l
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall)
    return { kind, labels: l, predicted: p, truePositives: tp, precision, recall, f1 }
  }
  const kinds = KINDS.map((k) => score(k, labels.get(k) ?? 0, predicted.get(k) ?? 0, hits.get(k) ?? 0))
  const sum = (f: (k: KindScore) => number): number => kinds.reduce((acc, k) => acc + f(k), 0)
  return {
    kinds,
    overall: score('overall', sum((k) => k.labels), sum((k) => k.predicted), sum((k) => k.truePositives)),
    links,
    misses,
    falsePositives,
    negatives: { sentences: negatives, withFalsePositives: negativesWithFp },
  }
}

/** Our extractor as a predictor. */
export const ourPredictor: Predictor = (text, published) => extractFigures(text, published === undefined ? {} : { published }).map((f) => ({ kind: f.kind, value: f.value, start: f.start, end: f.end, figure: f }))

/** The rows of one score as a fixed-width table. */
export function formatTable(title: string, s: CorpusScore, kinds: readonly FigureKind[] = KINDS): string {
  const rows = [...s.kinds.filter((k) => kinds.includes(k.kind as FigureKind)), s.overall]
  const line = (cells: readonly string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(12) : c.padStart(10))).join('')
  return [
    title,
    line(['kind', 'labelled', 'predicted', 'matched', 'precision', 'recall', 'F1']),
    ...rows.map((r) =>
      line([r.kind, String(r.labels), String(r.predicted), String(r.truePositives), r.predicted === 0 ? '-' : r.precision.toFixed(3), r.recall.toFixed(3), r.f1.toFixed(3)]),
    ),
  ].join('\n')
}

// ---- the alternative: @microsoft/recognizers-text-number-with-unit ----------------------------

interface RecognizerResult {
  readonly start: number
  readonly end: number
  readonly text: string
  readonly resolution?: { readonly value?: string | null; readonly unit?: string; readonly isoCurrency?: string }
}
type Recognize = (query: string, culture: string) => RecognizerResult[]

/** Library unit names -> our registry ids, so its values convert exactly as ours do. */
const LIBRARY_UNITS: Readonly<Record<string, string>> = {
  Ton: 'tonne', 'Metric ton': 'tonne', Tonne: 'tonne', Kilogram: 'kilogram', Gram: 'gram', Pound: 'pound', Barrel: 'barrel', Liter: 'litre',
  'Cubic meter': 'cubic-metre', Gallon: 'us-gallon', 'Cubic foot': 'cubic-foot', Hectare: 'hectare', 'Square hectometer': 'hectare',
  'Square kilometer': 'square-kilometre', Acre: 'acre', 'Square mile': 'square-mile',
}

/**
 * The recognizers library as a predictor: currency -> money, dimension (weight, volume, area)
 * -> mass/volume/area via our registry, percentage -> percent, "barrels" followed by "per day"
 * -> volume_rate. Kinds it has no recognizer for (count, date, year) it cannot find.
 * `recognizePercentage` lives in @microsoft/recognizers-text-number, which the with-unit package
 * depends on and installs.
 */
export async function loadRecognizersPredictor(): Promise<Predictor> {
  const withUnit = (await import('@microsoft/recognizers-text-number-with-unit')) as unknown as Record<string, unknown>
  const numbers = (await import('@microsoft/recognizers-text-number')) as unknown as Record<string, unknown>
  const fn = (mod: Record<string, unknown>, name: string): Recognize => {
    const f = mod[name] ?? (mod.default as Record<string, unknown> | undefined)?.[name]
    if (typeof f !== 'function') throw new Error(`recognizers: ${name} not found`)
    return f as Recognize
  }
  const recognizeCurrency = fn(withUnit, 'recognizeCurrency')
  const recognizeDimension = fn(withUnit, 'recognizeDimension')
  const recognizePercentage = fn(numbers, 'recognizePercentage')
  return (text) => {
    const out: Prediction[] = []
    // The library's `end` is inclusive.
    const span = (r: RecognizerResult): { start: number; end: number } => ({ start: r.start, end: r.end + 1 })
    for (const r of recognizeCurrency(text, 'en-us')) {
      const value = parseDecimal(r.resolution?.value ?? '')
      if (value === null) continue
      out.push({ kind: 'money', value: Number(value), ...span(r) })
    }
    for (const r of recognizeDimension(text, 'en-us')) {
      const value = parseDecimal(r.resolution?.value ?? '')
      const unit = unitById(LIBRARY_UNITS[r.resolution?.unit ?? ''] ?? '')
      if (value === null || unit === undefined) continue
      const perDay = unit.id === 'barrel' && /^\s*(?:(?:of\s+(?:crude\s+)?oil\s+)?(?:per|a)\s+day|\/\s*d)/i.test(text.slice(r.end + 1, r.end + 40))
      out.push({ kind: perDay ? 'volume_rate' : (unit.dimension as FigureKind), value: Number(convertToCanonical(value, unit)), ...span(r) })
    }
    for (const r of recognizePercentage(text, 'en-us')) {
      const value = parseDecimal((r.resolution?.value ?? '').replace(/%$/, ''))
      if (value === null) continue
      out.push({ kind: 'percent', value: Number(value), ...span(r) })
    }
    return out.sort((a, b) => a.start - b.start)
  }
}

function timeIt(f: () => void): number {
  const t0 = performance.now()
  f()
  return performance.now() - t0
}

/** Link accuracy lines, with the issue's targets where it sets one. */
export function formatLinks(s: CorpusScore): string {
  return [...s.links]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([field, l]) => {
      const target = LINK_TARGETS[field]
      const acc = l.total === 0 ? 1 : l.correct / l.total
      return `  ${field.padEnd(16)}${`${l.correct}/${l.total}`.padStart(9)}  ${acc.toFixed(3)}${target === undefined ? '' : `  (target ${target.toFixed(2)}${acc >= target ? ', met' : ', NOT met'})`}`
    })
    .join('\n')
}

async function main(argv: readonly string[]): Promise<number> {
  const blind = argv.includes('--blind')
  const files = blind ? BLIND_FILES : CORPUS_FILES
  const corpus = loadCorpus(files)
  const verbose = argv.includes('--verbose')
  const ours = scoreCorpus(corpus, ourPredictor)
  const labelled = corpus.reduce((n, e) => n + e.figures.length, 0)
  const articles = corpus.filter((e) => e.source !== undefined).length
  console.log(`${blind ? 'BLIND part' : 'development part'}: ${corpus.length} entries (${articles} whole articles), ${labelled} labelled figures, ${ours.negatives.sentences} negative entries (${files.map((f) => f.split('/').pop()).join(', ')})\n`)
  console.log(formatTable('ours (src/transform/figures)', ours))
  for (const path of files) {
    const part = scoreCorpus(loadCorpus([path]), ourPredictor).overall
    console.log(`  ${path.split('/').pop()}: precision ${part.precision.toFixed(3)}, recall ${part.recall.toFixed(3)} on ${part.labels} figures`)
  }
  console.log(`negative entries with any prediction: ${ours.negatives.withFalsePositives}/${ours.negatives.sentences}`)
  console.log(`link accuracy on matched figures (correct/labelled):\n${formatLinks(ours)}`)
  if (verbose) {
    for (const m of ours.misses) console.log(`  miss  ${m}`)
    for (const f of ours.falsePositives) console.log(`  extra ${f}`)
  }
  if (argv.includes('--compare')) {
    const library = await loadRecognizersPredictor()
    let theirs: CorpusScore | undefined
    const ms = timeIt(() => {
      theirs = scoreCorpus(corpus, library)
    })
    if (theirs === undefined) return 1
    const oursMs = timeIt(() => scoreCorpus(corpus, ourPredictor))
    console.log('')
    console.log(formatTable('@microsoft/recognizers-text-number-with-unit (currency, dimension, percentage)', theirs))
    console.log(`negative sentences with any prediction: ${theirs.negatives.withFalsePositives}/${theirs.negatives.sentences}`)
    const common: FigureKind[] = ['mass', 'money', 'percent', 'volume', 'volume_rate', 'area']
    const restrict = (s: CorpusScore): KindScore => {
      const ks = s.kinds.filter((k) => common.includes(k.kind as FigureKind))
      const l = ks.reduce((n, k) => n + k.labels, 0)
      const p = ks.reduce((n, k) => n + k.predicted, 0)
      const tp = ks.reduce((n, k) => n + k.truePositives, 0)
      const precision = p === 0 ? 0 : tp / p
      const recall = l === 0 ? 0 : tp / l
      return { kind: 'overall', labels: l, predicted: p, truePositives: tp, precision, recall, f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall) }
    }
    const o = restrict(ours)
    const t = restrict(theirs)
    console.log(`\nquantity kinds only (${common.join(', ')}): ours P ${o.precision.toFixed(3)} R ${o.recall.toFixed(3)} F1 ${o.f1.toFixed(3)}; library P ${t.precision.toFixed(3)} R ${t.recall.toFixed(3)} F1 ${t.f1.toFixed(3)}`)
    console.log(`time for the corpus: ours ${oursMs.toFixed(0)} ms, library ${ms.toFixed(0)} ms`)
    console.log(`winner by overall F1: ${ours.overall.f1 >= theirs.overall.f1 ? 'ours' : 'library'}`)
    if (verbose) {
      for (const m of theirs.misses) console.log(`  library miss  ${m}`)
      for (const f of theirs.falsePositives) console.log(`  library extra ${f}`)
    }
  }
  const pass = ours.overall.recall >= MIN_RECALL && ours.overall.precision >= MIN_PRECISION
  if (!pass) console.log(`\nFAIL: overall recall ${ours.overall.recall.toFixed(3)} (min ${MIN_RECALL}), precision ${ours.overall.precision.toFixed(3)} (min ${MIN_PRECISION})`)
  return pass ? 0 : 1
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2))
}
