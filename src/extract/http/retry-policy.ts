/** How often and how long a request is tried again (exponential backoff, full jitter). */
export interface RetryPolicy {
  /** Tries in all, the first included. */
  readonly attempts: number
  /** First backoff ceiling; doubles each try. */
  readonly baseDelayMs: number
  /** Largest backoff ceiling. */
  readonly maxDelayMs: number
  /** No try starts later than this after the first (Retry-After included). */
  readonly maxTotalMs: number
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 5, baseDelayMs: 1000, maxDelayMs: 60_000, maxTotalMs: 10 * 60_000 }

/** Statuses worth another try: the server says "later" or broke, not "no". */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500
}

/**
 * The wait before try number `attempt + 1` (attempt counts from 0): a uniform draw up to the
 * doubled ceiling ("full jitter", so many clients that failed together do not return together),
 * never less than what the server asked for in Retry-After.
 */
export function backoffDelay(policy: RetryPolicy, attempt: number, random: () => number, retryAfterMs?: number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt)
  const jittered = Math.floor(random() * ceiling)
  return retryAfterMs === undefined ? jittered : Math.max(retryAfterMs, jittered)
}

/** Retry-After as milliseconds from `now`: delta-seconds or an HTTP date (RFC 9110 10.2.3). */
export function parseRetryAfter(value: string | string[] | undefined, now: number): number | undefined {
  const text = Array.isArray(value) ? value[0] : value
  if (text === undefined || text.trim() === '') return undefined
  if (/^\s*\d+\s*$/.test(text)) return Number(text) * 1000
  const at = Date.parse(text)
  return Number.isNaN(at) ? undefined : Math.max(0, at - now)
}
