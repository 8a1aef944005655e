import { z } from 'zod'
import { TradeEtlError } from '../errors.ts'

const EnvSchema = z.object({
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL').optional(),
  TRADE_ETL_HOME: z.string().min(1).optional(),
})
export type Env = z.infer<typeof EnvSchema>

/** Reads the environment once, at start-up; everything after trusts the result. */
export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = EnvSchema.safeParse({
    DATABASE_URL: source.DATABASE_URL || undefined,
    TRADE_ETL_HOME: source.TRADE_ETL_HOME || undefined,
  })
  if (!parsed.success) {
    throw new TradeEtlError('ENV_INVALID', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '))
  }
  return parsed.data
}
