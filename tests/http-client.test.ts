import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHash } from 'node:crypto'
import { HttpClient, SecretRedactor, redactUrl, type FetchRecord } from '../src/extract/index.ts'
import { backoffDelay, parseRetryAfter, DEFAULT_RETRY } from '../src/extract/http/index.ts'
import { TestServer, staticBody } from './helpers/http-server.ts'

const CSV = 'a,b\n1,2\n3,4\n'
const SECRET = 'sk-test-5f0c1d2e3b4a'

let server: TestServer
let dir: string

beforeAll(async () => {
  server = await new TestServer().start()
  dir = await mkdtemp(join(tmpdir(), 'trade-etl-http-'))
})
afterAll(async () => {
  await server.stop()
  await rm(dir, { recursive: true, force: true })
})

/** A client with a fake clock: sleeps advance it instead of waiting. */
function client(extra: Partial<ConstructorParameters<typeof HttpClient>[0]> = {}) {
  let now = 1_000_000
  const sleeps: number[] = []
  const records: FetchRecord[] = []
  const http = new HttpClient({
    cacheDir: join(dir, `cache-${Math.random().toString(36).slice(2)}`),
    now: () => now,
    sleep: async (ms) => {
      sleeps.push(ms)
      now += ms
    },
    random: () => 0.5,
    record: (r) => {
      records.push(r)
    },
    idleTimeoutMs: 300,
    connectTimeoutMs: 1000,
    ...extra,
  })
  return { http, sleeps, records }
}

const sha = (s: string) => createHash('sha256').update(s).digest('hex')

describe('HttpClient', () => {
  it('downloads into the cache with size and sha256, then a conditional GET answers 304 with no body', async () => {
    server.route('/flows.csv', staticBody(() => CSV, { lastModified: 'Wed, 01 Jan 2025 00:00:00 GMT' }))
    const { http, records } = client()
    const first = await http.fetchToCache(server.url('/flows.csv'))
    expect(first.outcome).toBe('downloaded')
    expect(first.bytes).toBe(Buffer.byteLength(CSV))
    expect(first.sha256).toBe(sha(CSV))
    expect(await readFile(first.path, 'utf8')).toBe(CSV)
    const second = await http.fetchToCache(server.url('/flows.csv'))
    expect(second.outcome).toBe('not-modified')
    expect(second.bytesDownloaded).toBe(0)
    expect(second.path).toBe(first.path)
    const last = server.requests.filter((r) => r.path === '/flows.csv').at(-1)
    expect(last?.headers['if-none-match']).toBe(first.etag)
    expect(last?.headers['if-modified-since']).toBe('Wed, 01 Jan 2025 00:00:00 GMT')
    expect(records.map((r) => [r.outcome, r.httpStatus, r.bytes])).toEqual([['downloaded', 200, 12], ['not-modified', 304, 0]])
    await http.close()
  })

  it('retries 500 then loads the 200, with a backoff wait from the injected clock', async () => {
    server.route('/flaky.csv', (_req, res, hit) => {
      if (hit <= 2) res.writeHead(500, { 'content-type': 'text/plain' }).end('internal error')
      else res.writeHead(200, { 'content-type': 'text/csv' }).end(CSV)
    })
    const { http, sleeps, records } = client()
    const r = await http.fetchToCache(server.url('/flaky.csv'))
    expect(r.outcome).toBe('downloaded')
    expect(r.attempts).toBe(3)
    // full jitter at random()=0.5: half of 1 s, then half of 2 s
    expect(sleeps).toEqual([500, 1000])
    expect(records).toHaveLength(1)
    expect(records[0]?.attempts).toBe(3)
    await http.close()
  })

  it('honours Retry-After on 429', async () => {
    server.route('/limited.csv', (_req, res, hit) => {
      if (hit === 1) res.writeHead(429, { 'retry-after': '7' }).end('slow down')
      else res.writeHead(200, { 'content-type': 'text/csv' }).end(CSV)
    })
    const { http, sleeps } = client()
    const r = await http.fetchToCache(server.url('/limited.csv'))
    expect(r.outcome).toBe('downloaded')
    expect(sleeps).toEqual([7000])
    await http.close()
  })

  it('gives up when Retry-After would pass the total time limit, naming URL and status', async () => {
    server.route('/never.csv', (_req, res) => {
      res.writeHead(503, { 'retry-after': '3600' }).end('maintenance')
    })
    const { http, sleeps } = client({ retry: { maxTotalMs: 60_000 } })
    await expect(http.fetchToCache(server.url('/never.csv'))).rejects.toThrow(/never\.csv answered 503: "maintenance".*gave up after 1 tries.*60 s limit/)
    expect(sleeps).toEqual([])
    await http.close()
  })

  it('stops after the capped number of tries', async () => {
    server.route('/down.csv', (_req, res) => {
      res.writeHead(502).end('bad gateway')
    })
    const { http, sleeps } = client({ retry: { attempts: 3 } })
    await expect(http.fetchToCache(server.url('/down.csv'))).rejects.toMatchObject({ code: 'HTTP_STATUS', message: expect.stringMatching(/502.*gave up after 3 tries/) })
    expect(sleeps).toHaveLength(2)
    expect(server.hitCount('/down.csv')).toBe(3)
    await http.close()
  })

  it('does not retry a 404', async () => {
    server.route('/gone.csv', (_req, res) => {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not Found')
    })
    const { http, sleeps } = client()
    await expect(http.fetchToCache(server.url('/gone.csv'))).rejects.toThrow(/GET http:\/\/127\.0\.0\.1:\d+\/gone\.csv answered 404: "Not Found"/)
    expect(sleeps).toEqual([])
    expect(server.hitCount('/gone.csv')).toBe(1)
    await http.close()
  })

  it('an HTML error page where data was expected is an error with its first bytes, and nothing lands in the cache', async () => {
    server.route('/login.csv', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' }).end('<!DOCTYPE html><html><body>Please sign in</body></html>')
    })
    const { http } = client()
    await expect(http.fetchToCache(server.url('/login.csv'))).rejects.toMatchObject({
      code: 'HTTP_ERROR_PAGE', message: expect.stringMatching(/login\.csv answered 200 with an HTML page where a data file was expected.*Please sign in/),
    })
    expect(await http.cached(server.url('/login.csv'))).toBeUndefined()
    await http.close()
  })

  it('a truncated body (Content-Length longer than sent) is retried, then fails; no partial file is kept', async () => {
    server.route('/short.csv', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/csv', 'content-length': '1000' })
      res.write(CSV)
      setTimeout(() => res.destroy(), 20)
    })
    const { http } = client({ retry: { attempts: 2 } })
    const url = server.url('/short.csv')
    await expect(http.fetchToCache(url)).rejects.toMatchObject({ code: expect.stringMatching(/HTTP_TRUNCATED|HTTP_NETWORK/) })
    expect(server.hitCount('/short.csv')).toBe(2)
    const files = await readdir(http.cacheFolder(url)).catch(() => [] as string[])
    expect(files).toEqual([])
    await http.close()
  })

  it('a body slower than the idle timeout is a timeout naming the URL', async () => {
    server.route('/slow.csv', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/csv' })
      res.write('a,b\n')
      const t = setTimeout(() => res.end('1,2\n'), 5000)
      res.on('close', () => clearTimeout(t))
    })
    const { http } = client({ retry: { attempts: 1 }, idleTimeoutMs: 150 })
    await expect(http.fetchToCache(server.url('/slow.csv'))).rejects.toMatchObject({ code: 'HTTP_TIMEOUT', message: expect.stringMatching(/slow\.csv: the body stalled past the idle timeout/) })
    await http.close()
  })

  it('follows a redirect, and does not send the secret header to another origin', async () => {
    server.route('/old.csv', (_req, res) => {
      res.writeHead(302, { location: '/new.csv' }).end()
    })
    server.route('/new.csv', staticBody(() => CSV))
    const { http } = client()
    const r = await http.fetchToCache(server.url('/old.csv'), { headers: { 'Ocp-Apim-Subscription-Key': SECRET } })
    expect(await readFile(r.path, 'utf8')).toBe(CSV)
    expect(server.requests.filter((q) => q.path === '/new.csv').at(-1)?.headers['ocp-apim-subscription-key']).toBe(SECRET)
    // Another origin: localhost is a different origin from 127.0.0.1.
    const port = new URL(server.base).port
    server.route('/away.csv', (_req, res) => {
      res.writeHead(301, { location: `http://localhost:${port}/new.csv` }).end()
    })
    const before = server.requests.length
    await http.fetchToCache(server.url('/away.csv'), { headers: { 'Ocp-Apim-Subscription-Key': SECRET }, conditional: false })
    const hop = server.requests.slice(before).find((q) => q.path === '/new.csv')
    expect(hop?.headers['ocp-apim-subscription-key']).toBeUndefined()
    await http.close()
  })

  it('never shows a secret: URL password, subscription-key parameter, key header echoed back', async () => {
    server.route('/echo.csv', (req, res) => {
      res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ message: `bad key ${String(req.headers['ocp-apim-subscription-key'])}` }))
    })
    const { http, records } = client()
    const url = `http://user:${SECRET}@127.0.0.1:${new URL(server.base).port}/echo.csv?subscription-key=${SECRET}&period=2022`
    const error = await http.fetchToCache(url, { headers: { 'Ocp-Apim-Subscription-Key': SECRET } }).then(() => new Error('fetched'), (e: unknown) => e as Error)
    expect(error).toBeInstanceOf(Error)
    expect(error.message).toMatch(/answered 401/)
    expect(JSON.stringify({ m: error.message, records, file: (error as { file?: string }).file })).not.toContain(SECRET)
    expect(records[0]?.url).toMatch(/user:\*\*\*@.*subscription-key=\*\*\*&period=2022/)
    await http.close()
  })
})

describe('redaction and backoff', () => {
  it('redacts by shape and by value', () => {
    expect(redactUrl('https://u:p4ss@h.example/x?subscription-key=abc&x=1')).toBe('https://u:***@h.example/x?subscription-key=***&x=1')
    const r = new SecretRedactor().add(SECRET)
    expect(r.text(`failed with ${SECRET} and https://a:b@h/?token=zz`)).toBe('failed with *** and https://a:***@h/?token=***')
  })

  it('backoff doubles up to the cap with full jitter; Retry-After is a floor', () => {
    expect([0, 1, 2, 10].map((n) => backoffDelay(DEFAULT_RETRY, n, () => 0.999))).toEqual([999, 1998, 3996, 59_940])
    expect(backoffDelay(DEFAULT_RETRY, 0, () => 0, 5000)).toBe(5000)
    expect(parseRetryAfter('12', 0)).toBe(12_000)
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:00:10 GMT', Date.parse('Wed, 01 Jan 2025 00:00:00 GMT'))).toBe(10_000)
    expect(parseRetryAfter('soon', 0)).toBeUndefined()
  })
})
