// Claims and published-figures files: their schemas (zod) and parsers, loaded when a figures job
// reads such a file (src/jobs/figures.ts), not at every command's start.
import { parse } from 'csv-parse/sync'
import { z } from 'zod'
import { TradeEtlError } from '../errors.ts'
import type { FileBytes } from './read-text-file.ts'

const Iso3 = z.string().regex(/^[A-Z][A-Z0-9]{2}$/, 'an ISO3 code such as AZE')
const Decimal = z.union([z.number(), z.string()]).transform((v, ctx) => {
  const s = typeof v === 'number' ? String(v) : v.trim().replace(/,/g, '')
  if (!/^-?\d+(\.\d+)?$/.test(s)) {
    ctx.addIssue({ code: 'custom', message: `not a decimal number: ${JSON.stringify(v)}` })
    return z.NEVER
  }
  return s
})
const Year = z.number().int().min(1900).max(2100)
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD')

/**
 * An article's trade figures kept as facts: the numbers, their units and links, and where the
 * article is, without its sentences. The value is in the canonical unit (t, USD, %, ...).
 */
/** What a figure is about, in claims and releases alike. */
const LINK_FIELDS = {
  qualifier: z.string().optional(),
  year: Year.optional(),
  reporter: Iso3.optional(),
  partner: Iso3.optional(),
  flow: z.enum(['X', 'M']).optional(),
  commodity: z.string().optional(),
  hsCode: z.string().regex(/^\d{2,6}$/).optional(),
}

export const ClaimSchema = z.object({
  ...LINK_FIELDS,
  kind: z.enum(['mass', 'money', 'percent', 'volume', 'volume_rate', 'area', 'count', 'rank', 'comparison']),
  value: Decimal,
  unit: z.string().min(1),
  text: z.string().min(1).max(80).describe('the figure as written, e.g. "2.289 million tons"'),
  measure: z.enum(['level', 'change', 'share', 'rank', 'comparison']).optional(),
  changeFrom: Year.optional(),
  changeDirection: z.enum(['increase', 'decrease']).optional(),
  shareOf: z.string().optional(),
  shareOfCountry: Iso3.optional(),
  comparison: z.enum(['ratio', 'more', 'less', 'overtook']).optional().describe('for a comparison: the subject is value times the other side, more, less, or overtook it'),
  comparedWith: z.array(Iso3).min(1).optional().describe('for a comparison: ISO3 of the other side'),
  combined: z.boolean().optional().describe('for a comparison against several: they are added up'),
  subject: Iso3.optional().describe('for a comparison: the country compared, the reporter or the partner'),
})
export type Claim = z.infer<typeof ClaimSchema>

export const ClaimsFileSchema = z.object({
  url: z.string().url(),
  title: z.string().optional(),
  published: Day.optional(),
  figures: z.array(ClaimSchema).min(1),
})
export type ClaimsFile = z.infer<typeof ClaimsFileSchema>

/** One figure from a statistical release or fact-check. */
export const PublishedFigureSchema = z.object({
  ...LINK_FIELDS,
  subject: z.string().regex(/^[a-z_]+$/, "a lower_case subject such as 'trade', 'total_exports', 'demand'"),
  value: Decimal,
  unit: z.string().min(1),
  period: z.string().optional(),
  note: z.string().optional(),
  sourceUrl: z.string().url().optional(),
})
export type PublishedFigure = z.infer<typeof PublishedFigureSchema>

export const PublishedFileSchema = z.object({
  sourceUrl: z.string().url(),
  publisher: z.string().optional(),
  released: Day.optional(),
  figures: z.array(PublishedFigureSchema).min(1),
})
export type PublishedFile = z.infer<typeof PublishedFileSchema>

/** JSON.parse's complaint with the line it points at (V8 names a character position). */
function notJson(file: FileBytes, error: unknown, what: string): TradeEtlError {
  const message = (error as Error).message
  const at = /position (\d+)/.exec(message)
  const line = at === null ? undefined : file.text.slice(0, Number(at[1])).split('\n').length
  return new TradeEtlError('FILE_UNREADABLE', `not JSON (${message}); a ${what} is one JSON document: fix the syntax there`, { file: file.path, ...(line === undefined ? {} : { line }) })
}

function issues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`).join('; ')
}

export function parseClaimsFile(file: FileBytes): ClaimsFile {
  let json: unknown
  try {
    json = JSON.parse(file.text)
  } catch (error) {
    throw notJson(file, error, 'claims file')
  }
  const parsed = ClaimsFileSchema.safeParse(json)
  if (!parsed.success) throw new TradeEtlError('CLAIMS_INVALID', `not a claims file: ${issues(parsed.error)}; the README's "Article figures and checks" lists the fields`, { file: file.path })
  return parsed.data
}

/**
 * A release as JSON ({sourceUrl, publisher, released, figures: [...]}) or as CSV with one
 * figure per row and a source_url column (columns named like the JSON fields, snake_case or
 * camelCase).
 */
export function parsePublishedFile(file: FileBytes): PublishedFile {
  if (/\.json$/i.test(file.path) || file.text.trimStart().startsWith('{')) {
    let json: unknown
    try {
      json = JSON.parse(file.text)
    } catch (error) {
      throw notJson(file, error, 'published-figures file')
    }
    const parsed = PublishedFileSchema.safeParse(json)
    if (!parsed.success) throw new TradeEtlError('PUBLISHED_INVALID', `not a published-figures file: ${issues(parsed.error)}; the README's "Article figures and checks" lists the fields`, { file: file.path })
    return parsed.data
  }
  let rows: Record<string, string>[]
  try {
    rows = parse(file.text, { columns: true, skip_empty_lines: true, bom: true, trim: true }) as Record<string, string>[]
  } catch (error) {
    const line = (error as { lines?: unknown }).lines
    throw new TradeEtlError('CSV_MALFORMED', `malformed CSV (${(error as Error).message}); fix the row it names`, { file: file.path, cause: error, ...(typeof line === 'number' ? { line } : {}) })
  }
  const camel = (k: string) => k.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase())
  const figures: PublishedFigure[] = []
  let sourceUrl: string | undefined
  rows.forEach((row, n) => {
    const obj: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(row)) {
      if (v === '') continue
      obj[camel(k.trim())] = k.trim() === 'year' ? Number(v) : v
    }
    const parsed = PublishedFigureSchema.safeParse(obj)
    if (!parsed.success) throw new TradeEtlError('PUBLISHED_INVALID', `bad published figure: ${issues(parsed.error)}; fix or remove the row`, { file: file.path, line: n + 2 })
    sourceUrl ??= parsed.data.sourceUrl
    figures.push(parsed.data)
  })
  if (sourceUrl === undefined) throw new TradeEtlError('PUBLISHED_INVALID', 'a published-figures CSV needs a source_url column: add one naming the release each figure comes from', { file: file.path })
  return { sourceUrl, figures }
}
