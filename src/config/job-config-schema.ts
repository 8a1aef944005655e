// The job configuration's schema (zod) and its validation: loaded by readJobConfig when a command
// reads a configuration, not at every command's start (src/config/job-config.ts).
import { dirname, isAbsolute, resolve } from 'node:path'
import { closest } from 'fastest-levenshtein'
import { validate as validateCron } from 'node-cron'
import { z } from 'zod'
import { TradeEtlError } from '../errors.ts'
import { DURATION } from './job-config.ts'
import { SOURCE_FORMATS } from '../transform/index.ts'

const CronSchema = z.string().refine((s) => validateCron(s), 'not a valid cron expression')

const DurationSchema = z.string().regex(DURATION, 'a number and s, m, h, d or w ("36h", "8d")')

/** An HTTP(S) address; nothing else is fetched. */
const HttpUrlSchema = z.string().refine((s) => {
  try {
    return ['http:', 'https:'].includes(new URL(s).protocol)
  } catch {
    return false
  }
}, 'an http:// or https:// URL')

const JobBase = {
  name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and dashes'),
  description: z.string().optional(),
  schedule: CronSchema.optional(),
  /** `status --check` calls the job stale when its newest source is older than this. */
  maxAge: DurationSchema.optional(),
  /** `schedule` runs a failed run again this many times, waiting retryDelay, doubled each time. */
  retries: z.number().int().min(0).max(10).default(0),
  retryDelay: DurationSchema.default('1m'),
}

const IngestJobSchema = z.strictObject({
  ...JobBase,
  kind: z.literal('ingest'),
  files: z.array(z.string().min(1)).min(1).optional(),
  urls: z.array(HttpUrlSchema).min(1).optional(),
  format: z.enum(['auto', ...SOURCE_FORMATS]).default('auto'),
}).refine((j) => j.files !== undefined || j.urls !== undefined, 'an ingest job needs files or urls')

const ArticleJobSchema = z.strictObject({
  ...JobBase,
  kind: z.literal('articles'),
  files: z.array(z.strictObject({
    path: z.string().min(1),
    url: z.string().url().optional(),
    title: z.string().optional(),
    published: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
    optional: z.boolean().default(false),
  })).default([]),
  /** News pages fetched as HTML: title, canonical URL and published date read from the page. */
  urls: z.array(HttpUrlSchema).default([]),
  /** RSS 2.0 / Atom feeds: each new item's page fetched once (etl.feed_item). */
  feeds: z.array(HttpUrlSchema).default([]),
}).refine((j) => j.files.length + j.urls.length + j.feeds.length > 0, 'an articles job needs files, urls or feeds')

const PublishedJobSchema = z.strictObject({
  ...JobBase,
  kind: z.literal('published'),
  files: z.array(z.string().min(1)).min(1),
})

/** A year (annual) or YYYYMM (monthly), or a range of them: "2019-2023", "202201-202206". */
const PeriodSchema = z.string().regex(/^(\d{4}|\d{6})(-(\d{4}|\d{6}))?$/, 'a period (2022 or 202203) or a range (2019-2023)')
const AreaCodeSchema = z.union([z.string().regex(/^\d{1,4}$/, 'a numeric Comtrade area code ("031", "376")'), z.number().int().min(0)])
  .transform((c) => String(Number(c)))

const ComtradeJobSchema = z.strictObject({
  ...JobBase,
  kind: z.literal('comtrade'),
  /** C goods, S services. */
  type: z.enum(['C', 'S']).default('C'),
  /** A annual, M monthly. */
  freq: z.enum(['A', 'M']).default('A'),
  /** HS (as reported), H0-H6, S1-S4, B4, B5, EB, ... */
  classification: z.string().regex(/^[A-Z0-9]{1,4}$/).default('HS'),
  reporters: z.array(AreaCodeSchema).min(1),
  partners: z.array(AreaCodeSchema).min(1).optional(),
  commodities: z.array(z.string().regex(/^(TOTAL|AG\d|ALL|\d{1,6})$/, 'a commodity code (2709, TOTAL, AG2)')).min(1).default(['TOTAL']),
  flows: z.array(z.string().regex(/^[A-Z]{1,4}$/, 'a flow code (M, X, RM, RX, ...)')).min(1).optional(),
  periods: z.array(PeriodSchema).min(1),
  /** The API's per-call record cap for the key in use: an answer this long is an error. */
  maxRecords: z.number().int().min(1).max(250_000).default(250_000),
}).refine((j) => j.periods.every((p) => p.split('-').every((x) => x.length === (j.freq === 'A' ? 4 : 6))), 'periods must be years for freq A and YYYYMM for freq M')

export const JobSchema = z.discriminatedUnion('kind', [IngestJobSchema, ComtradeJobSchema, ArticleJobSchema, PublishedJobSchema])
type ParsedJob = z.infer<typeof JobSchema>
/** A job after reading: paths are absolute, `files` and `urls` always present on ingest jobs. */
export type Job = Exclude<ParsedJob, { kind: 'ingest' }> | (Extract<ParsedJob, { kind: 'ingest' }> & { files: string[]; urls: string[] })

const YoyReportSchema = z.strictObject({
  title: z.string(),
  reporter: z.string().optional(),
  partner: z.string().optional(),
  product: z.string().optional(),
  flow: z.string().optional(),
})

/** How downloads behave; every key optional. */
const DownloadsSchema = z.strictObject({
  /** Folder of the download cache (default: downloads/ in the warehouse home). */
  cache: z.string().min(1).optional(),
  connectTimeout: DurationSchema.default('30s'),
  idleTimeout: DurationSchema.default('60s'),
  /** Tries in all for one URL, the first included. */
  attempts: z.number().int().min(1).max(20).default(5),
  /** No retry starts later than this after the first try. */
  maxRetryTime: DurationSchema.default('10m'),
})
export type DownloadSettings = z.infer<typeof DownloadsSchema>

export const JobConfigSchema = z.strictObject({
  jobs: z.array(JobSchema).min(1).refine((jobs) => new Set(jobs.map((j) => j.name)).size === jobs.length, 'job names must be unique'),
  report: z.strictObject({ yoy: z.array(YoyReportSchema).default([]) }).default({ yoy: [] }),
  downloads: DownloadsSchema.default({ connectTimeout: '30s', idleTimeout: '60s', attempts: 5, maxRetryTime: '10m' }),
})
export type JobConfig = Omit<z.infer<typeof JobConfigSchema>, 'jobs'> & { jobs: Job[] }

/** Validates a parsed configuration; `path` is where it came from (messages, relative paths). */
export function resolveJobConfig(raw: unknown, path: string): JobConfig {
  const parsed = JobConfigSchema.safeParse(raw)
  if (!parsed.success) {
    throw new TradeEtlError('CONFIG_INVALID', parsed.error.issues.map((i) => describeIssue(i, raw)).join('; '), { file: path })
  }
  const base = dirname(resolve(path))
  const at = (p: string) => (isAbsolute(p) ? p : resolve(base, p))
  const { downloads } = parsed.data
  return {
    ...parsed.data,
    downloads: { ...downloads, ...(downloads.cache === undefined ? {} : { cache: at(downloads.cache) }) },
    jobs: parsed.data.jobs.map((job): Job => {
      switch (job.kind) {
        case 'ingest':
          return { ...job, files: (job.files ?? []).map(at), urls: job.urls ?? [] }
        case 'published':
          return { ...job, files: job.files.map(at) }
        case 'comtrade':
          return job
        case 'articles':
          return { ...job, files: job.files.map((f) => ({ ...f, path: at(f.path) })) }
      }
    }),
  }
}

/** One problem, with where it is; an unknown key also names the valid key closest to it. */
function describeIssue(issue: z.core.$ZodIssue, raw: unknown): string {
  const where = issue.path.join('.') || '(top level)'
  if (issue.code === 'unrecognized_keys') {
    const valid = validKeysAt(JobConfigSchema, issue.path, raw)
    return issue.keys.map((key) => {
      const near = valid.length === 0 ? undefined : closest(key, valid)
      return `${where}: unknown key ${JSON.stringify(key)}${near === undefined ? '' : ` (did you mean ${JSON.stringify(near)}?)`}; valid keys: ${valid.join(', ')}`
    }).join('; ')
  }
  return `${where}: ${issue.message}`
}

/** The keys the schema allows at `path`, following arrays, defaults and the job's kind. */
function validKeysAt(schema: z.ZodType, path: readonly PropertyKey[], raw: unknown): string[] {
  let current: z.ZodType = schema
  let value: unknown = raw
  for (let n = 0; ; n++) {
    current = unwrap(current)
    if (current instanceof z.ZodDiscriminatedUnion) {
      const kind = (value as { kind?: unknown } | undefined)?.kind
      const option = (current.options as z.ZodType[]).find((o) => {
        const shape = (unwrap(o) as z.ZodObject).shape as Record<string, z.ZodType>
        return shape.kind?.safeParse(kind).success === true
      })
      if (option === undefined) return []
      current = unwrap(option)
    }
    if (n === path.length) break
    const step = path[n] as PropertyKey
    if (current instanceof z.ZodArray) current = current.element as z.ZodType
    else if (current instanceof z.ZodObject) current = (current.shape as Record<string, z.ZodType>)[String(step)] as z.ZodType
    else return []
    value = (value as Record<PropertyKey, unknown> | undefined)?.[step]
    if (current === undefined) return []
  }
  return current instanceof z.ZodObject ? Object.keys(current.shape) : []
}

function unwrap(schema: z.ZodType): z.ZodType {
  let s: z.ZodType = schema
  for (;;) {
    if (s instanceof z.ZodDefault || s instanceof z.ZodOptional) s = s.unwrap() as z.ZodType
    else if (s instanceof z.ZodPipe) s = s.in as z.ZodType
    else return s
  }
}

