import { createHash, randomBytes } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { mkdir, open, readFile, rename, rm, stat, writeFile } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { setTimeout as sleepTimer } from 'node:timers/promises'
import type { Agent, Dispatcher, request as undiciRequest } from 'undici'
import { TradeEtlError } from '../../errors.ts'
import { DEFAULT_RETRY, backoffDelay, isRetryableStatus, parseRetryAfter, type RetryPolicy } from './retry-policy.ts'
import { SECRET_HEADER, SecretRedactor, redactUrl } from './redact.ts'

/** What a fetched body is expected to be; anything else is an error page, not data. */
export type Expect = 'data' | 'json' | 'html' | 'feed'

/** One fetch as etl.http_fetch records it (URL already redacted). */
export interface FetchRecord {
  readonly url: string
  readonly finalUrl: string
  readonly httpStatus: number | null
  readonly outcome: 'downloaded' | 'not-modified' | 'failed'
  readonly etag: string | null
  readonly lastModified: string | null
  readonly bytes: number
  readonly sha256: string | null
  readonly attempts: number
  readonly startedAt: Date
  readonly ms: number
  readonly error: string | null
}

export interface FetchResult {
  /** The URL as asked for, redacted. */
  readonly url: string
  readonly outcome: 'downloaded' | 'not-modified'
  readonly httpStatus: number
  /** The whole body in the download cache; a 304 answers with the copy already there. */
  readonly path: string
  readonly bytes: number
  readonly sha256: string
  readonly etag: string | null
  readonly lastModified: string | null
  readonly contentType: string | null
  readonly attempts: number
  /** Bytes that came over the wire for this fetch (0 on a 304). */
  readonly bytesDownloaded: number
}

export interface HttpClientOptions {
  /** Folder of the download cache: one sub-folder per URL, the body and its validators. */
  readonly cacheDir: string
  /** No TCP/TLS connection within this: a network error (retried). */
  readonly connectTimeoutMs?: number
  /** No headers, or no body bytes, for this long: a timeout (retried). */
  readonly idleTimeoutMs?: number
  readonly retry?: Partial<RetryPolicy>
  readonly maxRedirects?: number
  /** Injected for tests: the wait between tries, the clock and the jitter. */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>
  readonly now?: () => number
  readonly random?: () => number
  /** Called once per fetch, success or failure: the etl.http_fetch row. */
  readonly record?: (entry: FetchRecord) => Promise<void> | void
  readonly redactor?: SecretRedactor
  readonly userAgent?: string
}

export interface FetchOptions {
  readonly expect?: Expect
  /** Extra request headers; secret ones (the Comtrade key) are never shown. */
  readonly headers?: Readonly<Record<string, string>>
  /** Ask with If-None-Match / If-Modified-Since from the cached copy (default true). */
  readonly conditional?: boolean
  /** File name for the cached body (default: the URL's last path segment). */
  readonly fileName?: string
  readonly signal?: AbortSignal
}

interface CacheMeta {
  readonly url: string
  readonly fileName: string
  readonly etag: string | null
  readonly lastModified: string | null
  readonly sha256: string
  readonly bytes: number
  readonly contentType: string | null
  readonly fetchedAt: string
}

const FIRST_BYTES = 200

/**
 * The one HTTP layer: every download goes through here. undici's `request` (the engine under
 * Node's fetch) with its own Agent, because fetch has no connect or idle timeout of its own,
 * and redirects are followed by hand so the secret header never goes to another origin.
 */
export class HttpClient {
  readonly #options: HttpClientOptions
  /** Made on the first request: undici is loaded only by commands that download (start-up cost). */
  #agent: Promise<{ agent: Agent; request: typeof undiciRequest }> | undefined
  readonly #retry: RetryPolicy
  readonly #sleep: (ms: number, signal?: AbortSignal) => Promise<void>
  readonly #now: () => number
  readonly #random: () => number
  readonly redactor: SecretRedactor

  constructor(options: HttpClientOptions) {
    this.#options = options
    this.#retry = { ...DEFAULT_RETRY, ...options.retry }
    this.#sleep = options.sleep ?? ((ms, signal) => sleepTimer(ms, undefined, signal === undefined ? undefined : { signal }))
    this.#now = options.now ?? Date.now
    this.#random = options.random ?? Math.random
    this.redactor = options.redactor ?? new SecretRedactor()
  }

  async close(): Promise<void> {
    if (this.#agent !== undefined) await (await this.#agent).agent.close()
  }

  /** Where the cache keeps a URL (secrets stripped first: a new key must not lose the cache). */
  cacheFolder(url: string): string {
    const key = createHash('sha256').update(redactUrl(url)).digest('hex').slice(0, 24)
    return join(this.#options.cacheDir, key)
  }

  /** The cached copy of a URL, if a whole one is there. */
  async cached(url: string): Promise<CacheMeta | undefined> {
    const folder = this.cacheFolder(url)
    const meta = await readFile(join(folder, 'meta.json'), 'utf8').then((t) => JSON.parse(t) as CacheMeta, () => undefined)
    if (meta === undefined) return undefined
    const size = await stat(join(folder, meta.fileName)).then((s) => s.size, () => -1)
    return size === meta.bytes ? meta : undefined
  }

  /**
   * Downloads `url` into the cache (streamed to a temporary file, hashed on the way, renamed
   * into place only when whole) or, when the server says 304, answers with the cached copy.
   */
  async fetchToCache(url: string, options: FetchOptions = {}): Promise<FetchResult> {
    this.redactor.addFromUrl(url)
    for (const [name, value] of Object.entries(options.headers ?? {})) if (SECRET_HEADER.test(name)) this.redactor.add(value)
    const shown = redactUrl(url)
    const startedAt = new Date(this.#now())
    const started = this.#now()
    let attempts = 0
    let lastStatus: number | null = null
    let finalUrl = shown
    const record = async (entry: Omit<FetchRecord, 'url' | 'startedAt' | 'ms' | 'attempts' | 'finalUrl'>) => {
      await this.#options.record?.({ ...entry, url: shown, finalUrl, startedAt, ms: this.#now() - started, attempts })
    }
    const cached = options.conditional === false ? undefined : await this.cached(url)
    try {
      for (;;) {
        attempts++
        let retryAfterMs: number | undefined
        let failure: TradeEtlError
        try {
          const answer = await this.#attempt(url, options, cached)
          lastStatus = answer.httpStatus
          finalUrl = redactUrl(answer.finalUrl)
          if (answer.kind === 'done') {
            const r = answer.result
            await record({ httpStatus: r.httpStatus, outcome: r.outcome, etag: r.etag, lastModified: r.lastModified, bytes: r.bytesDownloaded, sha256: r.sha256, error: null })
            return { ...r, attempts }
          }
          failure = answer.error
          retryAfterMs = answer.retryAfterMs
          if (!answer.retryable) throw failure
        } catch (error) {
          if (options.signal?.aborted === true) throw error
          if (error instanceof TradeEtlError && !isRetryableCode(error.code)) throw error
          failure = error instanceof TradeEtlError ? error : this.#networkError(shown, error)
        }
        const elapsed = this.#now() - started
        const delay = backoffDelay(this.#retry, attempts - 1, this.#random, retryAfterMs)
        if (attempts >= this.#retry.attempts) {
          throw new TradeEtlError(failure.code, `${failure.message}; gave up after ${attempts} tries`, { file: shown, cause: failure })
        }
        if (elapsed + delay > this.#retry.maxTotalMs) {
          throw new TradeEtlError(failure.code, `${failure.message}; gave up after ${attempts} tries: the next in ${Math.round(delay / 1000)} s would pass the ${Math.round(this.#retry.maxTotalMs / 1000)} s limit`, { file: shown, cause: failure })
        }
        await this.#sleep(delay, options.signal)
      }
    } catch (error) {
      const message = this.redactor.text(error instanceof Error ? error.message : String(error))
      await record({ httpStatus: lastStatus, outcome: 'failed', etag: null, lastModified: null, bytes: 0, sha256: null, error: message })
      // The message names the URL already (redacted): no `file`, or it would be said twice.
      if (error instanceof TradeEtlError) throw new TradeEtlError(error.code, message, { cause: error.cause })
      throw new TradeEtlError('HTTP_NETWORK', message)
    }
  }

  /** One try, redirects included. */
  #undici(): Promise<{ agent: Agent; request: typeof undiciRequest }> {
    this.#agent ??= import('undici').then(({ Agent, request }) => {
      const idle = this.#options.idleTimeoutMs ?? 60_000
      return { agent: new Agent({ connect: { timeout: this.#options.connectTimeoutMs ?? 30_000 }, headersTimeout: idle, bodyTimeout: idle }), request }
    })
    return this.#agent
  }

  async #attempt(url: string, options: FetchOptions, cached: CacheMeta | undefined): Promise<
    | { kind: 'done'; httpStatus: number; finalUrl: string; result: Omit<FetchResult, 'attempts'> }
    | { kind: 'error'; httpStatus: number; finalUrl: string; error: TradeEtlError; retryable: boolean; retryAfterMs?: number }
  > {
    const shown = redactUrl(url)
    let current = new URL(url)
    const origin = current.origin
    for (let hop = 0; ; hop++) {
      const headers: Record<string, string> = { 'user-agent': this.#options.userAgent ?? 'trade-etl', 'accept-encoding': 'identity' }
      // A secret header goes to the origin it was meant for, never to where a redirect points.
      for (const [name, value] of Object.entries(options.headers ?? {})) {
        if (current.origin === origin || !SECRET_HEADER.test(name)) headers[name.toLowerCase()] = value
      }
      if (cached !== undefined && hop === 0) {
        if (cached.etag !== null) headers['if-none-match'] = cached.etag
        if (cached.lastModified !== null) headers['if-modified-since'] = cached.lastModified
      }
      const undici = await this.#undici()
      const response = await undici.request(current, {
        method: 'GET', headers, dispatcher: undici.agent as Dispatcher, ...(options.signal === undefined ? {} : { signal: options.signal }),
      })
      const status = response.statusCode
      const header = (name: string) => {
        const v = response.headers[name]
        return Array.isArray(v) ? (v[0] ?? null) : (v ?? null)
      }
      if (status >= 300 && status < 400 && status !== 304) {
        const location = header('location')
        await response.body.dump()
        if (location === null) return { kind: 'error', httpStatus: status, finalUrl: current.toString(), retryable: false, error: new TradeEtlError('HTTP_STATUS', `GET ${shown} answered ${status} without a Location`, { file: shown }) }
        if (hop >= (this.#options.maxRedirects ?? 5)) return { kind: 'error', httpStatus: status, finalUrl: current.toString(), retryable: false, error: new TradeEtlError('HTTP_STATUS', `GET ${shown}: more than ${this.#options.maxRedirects ?? 5} redirects`, { file: shown }) }
        current = new URL(location, current)
        continue
      }
      if (status === 304 && cached !== undefined) {
        await response.body.dump()
        return {
          kind: 'done', httpStatus: status, finalUrl: current.toString(),
          result: {
            url: shown, outcome: 'not-modified', httpStatus: status, path: join(this.cacheFolder(url), cached.fileName), bytes: cached.bytes,
            sha256: cached.sha256, etag: header('etag') ?? cached.etag, lastModified: header('last-modified') ?? cached.lastModified,
            contentType: cached.contentType, bytesDownloaded: 0,
          },
        }
      }
      if (status < 200 || status >= 300) {
        const first = await firstBytes(response.body)
        const retryAfterMs = parseRetryAfter(response.headers['retry-after'], this.#now())
        const error = new TradeEtlError('HTTP_STATUS', `GET ${shown} answered ${status}${first === '' ? '' : `: ${JSON.stringify(this.redactor.text(first))}`}`, { file: shown })
        return { kind: 'error', httpStatus: status, finalUrl: current.toString(), error, retryable: isRetryableStatus(status), ...(retryAfterMs === undefined ? {} : { retryAfterMs }) }
      }
      const result = await this.#store(url, current, response, options)
      return { kind: 'done', httpStatus: status, finalUrl: current.toString(), result }
    }
  }

  /** Streams a 200 body to a temporary file beside its place, checks it, renames it in. */
  async #store(url: string, at: URL, response: Dispatcher.ResponseData, options: FetchOptions): Promise<Omit<FetchResult, 'attempts'>> {
    const shown = redactUrl(url)
    const folder = this.cacheFolder(url)
    await mkdir(folder, { recursive: true })
    const fileName = options.fileName ?? (safeName(basename(at.pathname)) || 'body')
    const temp = join(folder, `.${fileName}.${randomBytes(4).toString('hex')}.part`)
    const hash = createHash('sha256')
    let bytes = 0
    const header = (name: string) => {
      const v = response.headers[name]
      return Array.isArray(v) ? (v[0] ?? null) : (v ?? null)
    }
    try {
      const count = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          hash.update(chunk)
          bytes += chunk.length
          done(null, chunk)
        },
      })
      if (options.signal === undefined) await pipeline(response.body, count, createWriteStream(temp))
      else await pipeline(response.body, count, createWriteStream(temp), { signal: options.signal })
      const declared = header('content-length')
      if (declared !== null && Number(declared) !== bytes) {
        throw new TradeEtlError('HTTP_TRUNCATED', `GET ${shown}: the body ended after ${bytes} of ${declared} bytes`, { file: shown })
      }
      const contentType = header('content-type')
      await checkBody(temp, shown, response.statusCode, contentType, options.expect ?? 'data', this.redactor)
      const sha256 = hash.digest('hex')
      const meta: CacheMeta = {
        url: shown, fileName, etag: header('etag'), lastModified: header('last-modified'), sha256, bytes, contentType, fetchedAt: new Date(this.#now()).toISOString(),
      }
      await rename(temp, join(folder, fileName))
      const metaTemp = join(folder, `.meta.${randomBytes(4).toString('hex')}.part`)
      await writeFile(metaTemp, JSON.stringify(meta))
      await rename(metaTemp, join(folder, 'meta.json'))
      return {
        url: shown, outcome: 'downloaded', httpStatus: response.statusCode, path: join(folder, fileName), bytes, sha256,
        etag: meta.etag, lastModified: meta.lastModified, contentType, bytesDownloaded: bytes,
      }
    } catch (error) {
      await rm(temp, { force: true })
      if (error instanceof TradeEtlError) throw error
      throw this.#networkError(shown, error, bytes, header('content-length'))
    }
  }

  #networkError(shown: string, error: unknown, bytes?: number, declared?: string | null): TradeEtlError {
    const code = (error as { code?: string }).code ?? ''
    const message = this.redactor.text((error as Error).message ?? String(error))
    if (/TIMEOUT/.test(code)) return new TradeEtlError('HTTP_TIMEOUT', `GET ${shown}: ${timeoutText(code)} (${message})`, { file: shown, cause: error })
    if (bytes !== undefined && declared !== null && declared !== undefined && Number(declared) !== bytes) {
      return new TradeEtlError('HTTP_TRUNCATED', `GET ${shown}: the body ended after ${bytes} of ${declared} bytes (${message})`, { file: shown, cause: error })
    }
    return new TradeEtlError('HTTP_NETWORK', `GET ${shown}: ${message}${code === '' ? '' : ` (${code})`}`, { file: shown, cause: error })
  }
}

function timeoutText(code: string): string {
  if (code.includes('CONNECT')) return 'no connection within the connect timeout'
  if (code.includes('HEADERS')) return 'no answer within the idle timeout'
  return 'the body stalled past the idle timeout'
}

function isRetryableCode(code: string): boolean {
  return code === 'HTTP_NETWORK' || code === 'HTTP_TIMEOUT' || code === 'HTTP_TRUNCATED'
}

function safeName(name: string): string {
  return decodeURIComponent(name).replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '').slice(0, 120)
}

async function firstBytes(body: Dispatcher.ResponseData['body']): Promise<string> {
  let text = ''
  try {
    for await (const chunk of body) {
      text += Buffer.from(chunk as Uint8Array).toString('utf8')
      if (text.length >= FIRST_BYTES) break
    }
  } catch {
    // the first bytes are for the message only
  }
  body.destroy()
  return text.slice(0, FIRST_BYTES).replace(/\s+/g, ' ').trim()
}

/**
 * A 200 whose body is not what was asked for: the HTML login or error page, or a JSON error
 * object, that a server sends where a CSV or archive was expected. Said with the first bytes.
 */
async function checkBody(path: string, shown: string, status: number, contentType: string | null, expect: Expect, redactor: SecretRedactor): Promise<void> {
  const file = await open(path, 'r')
  let head: string
  try {
    const buffer = Buffer.alloc(FIRST_BYTES)
    const { bytesRead } = await file.read(buffer, 0, FIRST_BYTES, 0)
    head = buffer.subarray(0, bytesRead).toString('utf8')
  } finally {
    await file.close()
  }
  const start = head.replace(/^\uFEFF/, '').trimStart()
  const type = (contentType ?? '').toLowerCase()
  const looksHtml = /^<(!doctype html|html|head|body)\b/i.test(start) || type.includes('text/html')
  const looksJson = /^[{[]/.test(start) || type.includes('json')
  const bad =
    (expect === 'data' && (looksHtml || looksJson || (start.startsWith('<') && !type.includes('csv')))) ||
    (expect === 'json' && !/^[{[]/.test(start)) ||
    (expect === 'feed' && !start.startsWith('<')) ||
    (expect === 'html' && looksJson && !looksHtml)
  if (bad) {
    const what = looksHtml ? 'an HTML page' : looksJson ? 'a JSON document' : 'something else'
    throw new TradeEtlError('HTTP_ERROR_PAGE',
      `GET ${shown} answered ${status} with ${what} where ${expect === 'data' ? 'a data file' : expect} was expected (${contentType ?? 'no content type'}): ${JSON.stringify(redactor.text(start.slice(0, FIRST_BYTES).replace(/\s+/g, ' ')))}`,
      { file: shown })
  }
}
