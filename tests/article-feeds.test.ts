import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { resolveJobConfig } from '../src/config/job-config-schema.ts'
import { parseFeed } from '../src/extract/read-feed.ts'
import { runJobs, type RunSummary } from '../src/jobs/index.ts'
import { readPageMeta } from '../src/transform/figures/index.ts'
import { TestServer, staticBody } from './helpers/http-server.ts'
import { ENGINES, createTestWarehouse, silentLog, type TestWarehouse } from './helpers/warehouse.ts'

// Pages and feeds written for this test (our own sentences; the shapes follow real news sites:
// Open Graph and article:published_time meta tags, link rel=canonical, JSON-LD, <time>).
const page = (o: { title: string; canonical?: string; published?: string; ld?: string; body: string }) => `<!doctype html>
<html><head><meta charset="utf-8"><title>${o.title} | Example News</title>
<meta property="og:title" content="${o.title}">
${o.canonical === undefined ? '' : `<link rel="canonical" href="${o.canonical}">`}
${o.published === undefined ? '' : `<meta property="article:published_time" content="${o.published}">`}
${o.ld === undefined ? '' : `<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"${o.ld}"}</script>`}
</head><body><nav>Home | Markets</nav><article><h1>${o.title}</h1><p>${o.body}</p></article></body></html>`

const PAGES: Record<string, string> = {
  '/news/crude-shipments.html': page({
    title: 'Crude shipments to Israel rose', canonical: '/news/crude-shipments', published: '2024-02-14T09:30:00+04:00',
    body: 'Azerbaijan exported 1.2 million tonnes of crude oil to Israel in 2023, 15% more than in 2022.',
  }),
  '/news/grain.html': page({ title: 'Grain corridor &amp; ports', ld: '2024-03-01', body: 'Ukraine shipped 4.5 million tonnes of wheat in 2023.' }),
  '/news/lng.html': page({ title: 'LNG cargoes', body: 'Qatar sold 80 million tonnes of LNG in 2023.' }),
  '/news/copper.html': page({ title: 'Copper output', published: '2024-04-02', body: 'Chile produced 5.3 million tonnes of copper in 2023.' }),
  '/news/direct.html': page({ title: 'Steel exports', canonical: 'https://news.example/steel', published: '2024-05-20', body: 'Turkey exported 18 million tonnes of steel in 2023.' }),
}

const rss = (items: string[]) => `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel><title>Example News</title>
<atom:link href="/feed.rss" rel="self" type="application/rss+xml"/>
${items.join('\n')}
</channel></rss>`
const rssItem = (path: string, guid: string, title: string, date: string) =>
  `<item><title><![CDATA[${title}]]></title><link>${path}</link><guid isPermaLink="false">${guid}</guid><pubDate>${date}</pubDate></item>`
const atom = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Example Atom</title><id>urn:example:feed</id>
<entry><title type="html">LNG cargoes</title><id>urn:example:lng</id>
<link rel="alternate" type="text/html" href="/news/lng.html"/><link rel="edit" href="/edit/lng"/>
<published>2024-03-10T08:00:00Z</published><updated>2024-03-11T08:00:00Z</updated></entry>
</feed>`

describe('feeds and page metadata', () => {
  it('reads RSS 2.0 and Atom items: guid/id, absolute links, dates as written', () => {
    expect(parseFeed(rss([rssItem('/news/grain.html', 'g-1', 'Grain & ports', 'Fri, 01 Mar 2024 10:00:00 +0000')]), 'http://127.0.0.1:9/feed.rss')).toEqual([
      { key: 'g-1', link: 'http://127.0.0.1:9/news/grain.html', title: 'Grain & ports', published: 'Fri, 01 Mar 2024 10:00:00 +0000' },
    ])
    expect(parseFeed(atom, 'http://127.0.0.1:9/atom.xml')).toEqual([
      { key: 'urn:example:lng', link: 'http://127.0.0.1:9/news/lng.html', title: 'LNG cargoes', published: '2024-03-10T08:00:00Z' },
    ])
    expect(() => parseFeed('<html><body>no feed</body></html>', 'http://127.0.0.1:9/x')).toThrow(/neither an RSS nor an Atom feed/)
  })

  it('reads title, canonical URL and published date from the page head', () => {
    expect(readPageMeta(PAGES['/news/crude-shipments.html'] as string, 'http://127.0.0.1:9/news/crude-shipments.html')).toEqual({
      title: 'Crude shipments to Israel rose', canonical: 'http://127.0.0.1:9/news/crude-shipments', published: '2024-02-14',
    })
    expect(readPageMeta(PAGES['/news/grain.html'] as string, 'http://127.0.0.1:9/news/grain.html')).toEqual({ title: 'Grain corridor & ports', published: '2024-03-01' })
    expect(readPageMeta('<html><head><title>Only a title</title></head><body><time datetime="2024-06-30T12:00">30 June</time></body></html>', 'http://x/')).toEqual({ title: 'Only a title', published: '2024-06-30' })
  })
})

describe.each(ENGINES)('articles from urls and feeds against a local server on the %s engine', (engine) => {
  let t: TestWarehouse
  let server: TestServer
  let cache: string
  let rssItems = [
    rssItem('/news/crude-shipments.html', 'crude-1', 'Crude shipments', 'Wed, 14 Feb 2024 09:30:00 +0400'),
    rssItem('/news/grain.html', 'grain-1', 'Grain & ports', 'Fri, 01 Mar 2024 10:00:00 +0000'),
  ]

  beforeAll(async () => {
    t = await createTestWarehouse(engine)
    cache = await mkdtemp(join(tmpdir(), 'trade-etl-feeds-'))
    server = await new TestServer().start()
    for (const [path, html] of Object.entries(PAGES)) server.route(path, staticBody(() => html, { type: 'text/html; charset=utf-8' }))
    server.route('/feed.rss', staticBody(() => rss(rssItems), { type: 'application/rss+xml' }))
    server.route('/atom.xml', staticBody(() => atom, { type: 'application/atom+xml' }))
  })
  afterAll(async () => {
    await server?.stop()
    await t?.close()
    await rm(cache, { recursive: true, force: true })
  })

  it('fetches each new item\'s page once, with the page\'s title, canonical URL and date; a page in urls likewise', async () => {
    const config = resolveJobConfig({
      jobs: [{ name: 'news', kind: 'articles', urls: [server.url('/news/direct.html')], feeds: [server.url('/feed.rss'), server.url('/atom.xml')] }],
      downloads: { cache, attempts: 1 },
    }, join(cache, 'c.json'))
    const pageHits = () => Object.keys(PAGES).map((p) => server.hitCount(p))

    const first = await runJobs(t.wh, config, [], silentLog) as RunSummary
    expect(first.ok).toBe(true)
    const s1 = first.jobs[0]?.sources ?? []
    expect(s1.map((s) => [s.source.replace(server.base, ''), s.status])).toEqual([
      ['/news/direct.html', 'loaded'], ['/feed.rss', 'loaded'], ['/news/crude-shipments.html', 'loaded'], ['/news/grain.html', 'loaded'],
      ['/atom.xml', 'loaded'], ['/news/lng.html', 'loaded'],
    ])
    expect(pageHits()).toEqual([1, 1, 1, 0, 1])
    const articles = await t.wh.db.selectFrom('core.article').select(['path', 'url', 'title', 'published_on', 'source_kind']).orderBy('article_id').execute()
    const day = (d: unknown) => (d instanceof Date ? `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}` : d)
    expect(articles.map((a) => [a.path.replace(server.base, ''), a.url?.replace(server.base, ''), a.title, day(a.published_on), a.source_kind])).toEqual([
      ['/news/direct.html', 'https://news.example/steel', 'Steel exports', '2024-05-20', 'html'],
      ['/news/crude-shipments.html', '/news/crude-shipments', 'Crude shipments to Israel rose', '2024-02-14', 'html'],
      ['/news/grain.html', '/news/grain.html', 'Grain corridor & ports', '2024-03-01', 'html'],
      // No date in the page: the Atom entry's.
      ['/news/lng.html', '/news/lng.html', 'LNG cargoes', '2024-03-10', 'html'],
    ])
    const crude = await t.wh.db.selectFrom('reporting.article_figure').select(['kind', 'value', 'unit', 'year'])
      .where('article_path', '=', server.url('/news/crude-shipments.html')).where('kind', '=', 'mass').execute()
    expect(crude.map((f) => [String(f.value), f.unit, f.year])).toContainEqual(['1200000', 't', 2023])
    const loadedFigures = s1.filter((s) => s.source.includes('/news/')).reduce((n, s) => n + s.rowsLoaded, 0)
    const stored = await t.wh.db.selectFrom('core.article_figure').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()
    expect(loadedFigures).toBe(Number(stored.n))
    expect(await t.wh.db.selectFrom('etl.feed_item').select(['item_key']).orderBy('item_key').execute()).toEqual([
      { item_key: 'crude-1' }, { item_key: 'grain-1' }, { item_key: 'urn:example:lng' }])

    // Nothing new: the feeds answer 304, no page is fetched again.
    const second = await runJobs(t.wh, config, [], silentLog) as RunSummary
    expect(second.jobs[0]?.sources.map((s) => s.status)).toEqual(['not-modified', 'not-modified', 'not-modified'])
    expect(pageHits()).toEqual([1, 1, 1, 0, 2])

    // A new item in the RSS feed: only its page is fetched.
    rssItems = [rssItem('/news/copper.html', 'copper-1', 'Copper output', 'Tue, 02 Apr 2024 07:00:00 +0000'), ...rssItems]
    const third = await runJobs(t.wh, config, [], silentLog) as RunSummary
    expect(third.jobs[0]?.sources.map((s) => [s.source.replace(server.base, ''), s.status])).toEqual([
      ['/news/direct.html', 'not-modified'], ['/feed.rss', 'loaded'], ['/news/copper.html', 'loaded'], ['/atom.xml', 'not-modified'],
    ])
    expect(pageHits()).toEqual([1, 1, 1, 1, 3])
  })
})
