import { readTextFile, redactUrl, type HttpClient } from '../extract/index.ts'
import { findArticle, listSeenFeedItems, saveFeedItem, storeArticle, type Warehouse } from '../load/index.ts'
import type { Logger } from '../log.ts'
import { failedSource, type SourceOutcome } from './fetch-sources.ts'
import { readArticle } from './figures.ts'

interface ArticleFetchOptions {
  readonly job: string
  readonly runId: number | null
  readonly log: Logger
  readonly signal?: AbortSignal | undefined
}

/** A page fetched and loaded as an article: its outcome, and its sha256 when it is in core.article. */
interface PageOutcome {
  readonly outcome: SourceOutcome
  readonly sha256?: string
}

/**
 * Fetches a news page (conditional GET) and loads it through the article path: markup stripped,
 * figures extracted, with the title, canonical URL and published date the page's metadata gives
 * (the feed item's, where the page has none). The same bytes are loaded once.
 */
async function loadArticlePage(
  wh: Warehouse, http: HttpClient, url: string, hints: { title?: string | null; published?: string | null }, options: ArticleFetchOptions,
): Promise<PageOutcome> {
  const shown = redactUrl(url)
  try {
    const fetched = await http.fetchToCache(url, { expect: 'html', fileName: 'page.html', ...(options.signal === undefined ? {} : { signal: options.signal }) })
    const known = await findArticle(wh.db, fetched.sha256)
    if (known !== undefined) {
      const status = fetched.outcome === 'not-modified' ? 'not-modified' : 'skipped'
      return { outcome: { source: shown, status, bytes: fetched.bytesDownloaded, rowsLoaded: 0, rowsRejected: 0 }, sha256: fetched.sha256 }
    }
    const file = await readTextFile(fetched.path)
    const { readPageMeta } = await import('../transform/figures/index.ts')
    const meta = readPageMeta(file.text, url)
    const feedDay = hints.published === undefined || hints.published === null ? undefined : dayOf(hints.published)
    const article = await readArticle({
      path: fetched.path, url: redactUrl(meta.canonical ?? url), title: meta.title ?? hints.title ?? undefined, published: meta.published ?? feedDay,
    })
    await storeArticle(wh, { sha256: article.file.sha256, path: shown, sourceKind: article.sourceKind, url: article.url, title: article.title, published: article.published }, article.figures)
    options.log.info({ url: shown, figures: article.figures.length, published: article.published }, 'article loaded')
    return { outcome: { source: shown, status: 'loaded', bytes: fetched.bytesDownloaded, rowsLoaded: article.figures.length, rowsRejected: 0 }, sha256: article.file.sha256 }
  } catch (error) {
    return { outcome: failedSource(http, shown, error, options) }
  }
}

/** Pages named in the job's `urls`. */
export async function loadArticleUrls(wh: Warehouse, http: HttpClient, urls: readonly string[], options: ArticleFetchOptions): Promise<SourceOutcome[]> {
  const out: SourceOutcome[] = []
  for (const url of urls) {
    options.signal?.throwIfAborted()
    out.push((await loadArticlePage(wh, http, url, {}, options)).outcome)
  }
  return out
}

/**
 * Each feed (conditional GET; a 304 reads the cached copy), then the page of every item not
 * yet in etl.feed_item, once. A feed is `not-modified` when nothing new came of it; its
 * rowsLoaded counts the new items loaded. A page that fails is reported and tried next run.
 */
export async function loadFeeds(wh: Warehouse, http: HttpClient, feeds: readonly string[], options: ArticleFetchOptions): Promise<SourceOutcome[]> {
  const out: SourceOutcome[] = []
  for (const feedUrl of feeds) {
    const shown = redactUrl(feedUrl)
    options.signal?.throwIfAborted()
    let items
    let fetched
    try {
      fetched = await http.fetchToCache(feedUrl, { expect: 'feed', fileName: 'feed.xml', ...(options.signal === undefined ? {} : { signal: options.signal }) })
      // fast-xml-parser loads for feeds only, like the figure extractor for articles.
      const { parseFeed } = await import('../extract/read-feed.ts')
      items = parseFeed((await readTextFile(fetched.path)).text, feedUrl)
    } catch (error) {
      out.push(failedSource(http, shown, error, options))
      continue
    }
    const seen = await listSeenFeedItems(wh, shown)
    const pages: SourceOutcome[] = []
    for (const item of items) {
      if (seen.has(item.key)) continue
      seen.add(item.key)
      options.signal?.throwIfAborted()
      const page = await loadArticlePage(wh, http, item.link, item, options)
      pages.push(page.outcome)
      if (page.sha256 !== undefined) {
        await saveFeedItem(wh, {
          feedUrl: shown, itemKey: item.key, link: redactUrl(item.link), title: item.title, published: item.published,
          articleSha256: page.sha256, job: options.job, runId: options.runId,
        })
      }
    }
    const loaded = pages.filter((p) => p.status !== 'failed').length
    out.push({ source: shown, status: fetched.outcome === 'not-modified' && pages.length === 0 ? 'not-modified' : 'loaded', bytes: fetched.bytesDownloaded, rowsLoaded: loaded, rowsRejected: 0 })
    out.push(...pages)
  }
  return out
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']

/** YYYY-MM-DD from an RSS date ("Sat, 08 Mar 2025 10:00:00 +0400") or an ISO one, as written (no zone shift). */
function dayOf(text: string): string | undefined {
  const iso = /^(\d{4})-(\d{2})-(\d{2})/.exec(text.trim())
  if (iso !== null) return `${iso[1]}-${iso[2]}-${iso[3]}`
  const rfc = /(\d{1,2})\s+([A-Za-z]{3})[a-z]*\s+(\d{4})/.exec(text)
  const month = rfc === null ? -1 : MONTHS.indexOf((rfc[2] as string).toLowerCase())
  return rfc === null || month < 0 ? undefined : `${rfc[3]}-${String(month + 1).padStart(2, '0')}-${(rfc[1] as string).padStart(2, '0')}`
}
