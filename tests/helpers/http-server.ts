import { createHash } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'

export type Handler = (req: IncomingMessage, res: ServerResponse, hit: number) => void | Promise<void>

/**
 * A local HTTP server for tests, on 127.0.0.1 and a port the system picks: nothing a test
 * fetches ever leaves loopback. Routes are exact paths (query string ignored); each counts
 * its hits and keeps the headers it was sent, so a test can say what was asked, how often.
 */
export class TestServer {
  readonly routes = new Map<string, Handler>()
  readonly hits = new Map<string, number>()
  readonly requests: { path: string; url: string; headers: IncomingMessage['headers'] }[] = []
  #server: Server | undefined
  #sockets = new Set<Socket>()
  base = ''

  async start(): Promise<this> {
    this.#server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1')
      const hit = (this.hits.get(url.pathname) ?? 0) + 1
      this.hits.set(url.pathname, hit)
      this.requests.push({ path: url.pathname, url: req.url ?? '/', headers: req.headers })
      const handler = this.routes.get(url.pathname)
      if (handler === undefined) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('no such route')
        return
      }
      Promise.resolve(handler(req, res, hit)).catch(() => res.destroy())
    })
    this.#server.on('connection', (s) => {
      this.#sockets.add(s)
      s.on('close', () => this.#sockets.delete(s))
    })
    await new Promise<void>((resolve) => this.#server?.listen(0, '127.0.0.1', resolve))
    this.base = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`
    return this
  }

  url(path: string): string {
    return `${this.base}${path}`
  }

  route(path: string, handler: Handler): this {
    this.routes.set(path, handler)
    return this
  }

  hitCount(path: string): number {
    return this.hits.get(path) ?? 0
  }

  async stop(): Promise<void> {
    for (const s of this.#sockets) s.destroy()
    await new Promise<void>((resolve) => (this.#server === undefined ? resolve() : this.#server.close(() => resolve())))
  }
}

/** A body served with ETag and Last-Modified, answering 304 to a matching conditional GET. */
export function staticBody(body: () => Buffer | string, options: { etag?: () => string; lastModified?: string; type?: string } = {}): Handler {
  return (req, res) => {
    const data = Buffer.from(body())
    const etag = options.etag?.() ?? `"${createHash('sha256').update(data).digest('hex').slice(0, 16)}"`
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, { etag }).end()
      return
    }
    res.writeHead(200, {
      'content-type': options.type ?? 'text/csv', 'content-length': data.length, etag,
      ...(options.lastModified === undefined ? {} : { 'last-modified': options.lastModified }),
    }).end(data)
  }
}
