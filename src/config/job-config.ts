import { readFile } from 'node:fs/promises'
import { dirname, isAbsolute, resolve } from 'node:path'
import { validate as validateCron } from 'node-cron'
import { z } from 'zod'
import { TradeEtlError } from '../errors.ts'
import { SOURCE_FORMATS } from '../transform/index.ts'

const CronSchema = z.string().refine((s) => validateCron(s), 'not a valid cron expression')
const JobBase = {
  name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and dashes'),
  description: z.string().optional(),
  schedule: CronSchema.optional(),
}

const IngestJobSchema = z.object({
  ...JobBase,
  kind: z.literal('ingest'),
  files: z.array(z.string().min(1)).min(1),
  format: z.enum(['auto', ...SOURCE_FORMATS]).default('auto'),
})

const ArticleJobSchema = z.object({
  ...JobBase,
  kind: z.literal('articles'),
  files: z.array(z.object({
    path: z.string().min(1),
    url: z.string().url().optional(),
    title: z.string().optional(),
    published: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
    optional: z.boolean().default(false),
  })).min(1),
})

const PublishedJobSchema = z.object({
  ...JobBase,
  kind: z.literal('published'),
  files: z.array(z.string().min(1)).min(1),
})

export const JobSchema = z.discriminatedUnion('kind', [IngestJobSchema, ArticleJobSchema, PublishedJobSchema])
export type Job = z.infer<typeof JobSchema>

const YoyReportSchema = z.object({
  title: z.string(),
  reporter: z.string().optional(),
  partner: z.string().optional(),
  product: z.string().optional(),
  flow: z.string().optional(),
})

export const JobConfigSchema = z.object({
  jobs: z.array(JobSchema).min(1).refine((jobs) => new Set(jobs.map((j) => j.name)).size === jobs.length, 'job names must be unique'),
  report: z.object({ yoy: z.array(YoyReportSchema).default([]) }).default({ yoy: [] }),
})
export type JobConfig = z.infer<typeof JobConfigSchema>

/** The checked-in configuration `npm start` runs. */
export const DEFAULT_CONFIG = new URL('../../trade-etl.config.json', import.meta.url).pathname

/** Reads and validates a job configuration; relative paths are taken from the file's folder. */
export async function readJobConfig(path: string = DEFAULT_CONFIG): Promise<JobConfig> {
  let raw: unknown
  try {
    raw = JSON.parse(await readFile(path, 'utf8'))
  } catch (error) {
    throw new TradeEtlError('CONFIG_INVALID', `cannot read the configuration: ${(error as Error).message}`, { file: path, cause: error })
  }
  const parsed = JobConfigSchema.safeParse(raw)
  if (!parsed.success) {
    throw new TradeEtlError('CONFIG_INVALID', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '), { file: path })
  }
  const base = dirname(resolve(path))
  const at = (p: string) => (isAbsolute(p) ? p : resolve(base, p))
  return {
    ...parsed.data,
    jobs: parsed.data.jobs.map((job): Job => {
      switch (job.kind) {
        case 'ingest':
        case 'published':
          return { ...job, files: job.files.map(at) }
        case 'articles':
          return { ...job, files: job.files.map((f) => ({ ...f, path: at(f.path) })) }
      }
    }),
  }
}
