import { XMLParser } from 'fast-xml-parser'
import { TradeEtlError } from '../errors.ts'

/** One item of an RSS 2.0 or Atom feed: what is needed to fetch its page once. */
export interface FeedItem {
  /** guid (RSS) or id (Atom), else the link: the item's identity across copies of the feed. */
  readonly key: string
  /** The page, absolute (relative links are resolved against the feed's URL). */
  readonly link: string
  readonly title: string | null
  /** pubDate (RSS), published or updated (Atom), as written. */
  readonly published: string | null
}

/**
 * fast-xml-parser rather than regular expressions: feeds carry CDATA titles, entities, namespaced
 * elements (atom:link inside RSS, dc:date) and attributes in any order, which a real parser
 * reads and a pattern gets wrong. It is pure JavaScript (no native build) and streams nothing:
 * a feed is small (tens of KB), so reading it whole is fine. Entities other than XML's five are
 * not expanded (no DOCTYPE processing: no entity expansion attacks).
 */
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  parseTagValue: false,
  trimValues: true,
  processEntities: true,
  isArray: (name) => ['item', 'entry', 'link'].includes(name),
})

type Node = Record<string, unknown>

/** Text of an element that may be a string, a number, or an object with #text (attributes present). */
function text(value: unknown): string | null {
  if (value === undefined || value === null) return null
  if (typeof value === 'string' || typeof value === 'number') return String(value).trim() || null
  if (Array.isArray(value)) return text(value[0])
  const t = (value as Node)['#text']
  return t === undefined ? null : text(t)
}

function absolute(link: string, base: string): string | null {
  try {
    const url = new URL(link, base)
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : null
  } catch {
    return null
  }
}

/** The items of an RSS 2.0 or Atom document, in feed order; items without a usable link are left out. */
export function parseFeed(xml: string, feedUrl: string): FeedItem[] {
  let doc: Node
  try {
    doc = parser.parse(xml) as Node
  } catch (error) {
    throw new TradeEtlError('FEED_MALFORMED', `not well-formed XML: ${(error as Error).message}`, { file: feedUrl, cause: error })
  }
  const rss = doc.rss as Node | undefined
  const feed = doc.feed as Node | undefined
  const rdf = doc.RDF as Node | undefined
  const out: FeedItem[] = []
  if (rss !== undefined || rdf !== undefined) {
    const items = ((rss?.channel as Node | undefined)?.item ?? rdf?.item ?? []) as Node[]
    for (const item of items) {
      const links = (item.link ?? []) as unknown[]
      const href = links.map(text).find((l) => l !== null) ?? null
      const link = href === null ? null : absolute(href, feedUrl)
      if (link === null) continue
      out.push({ key: text(item.guid) ?? link, link, title: text(item.title), published: text(item.pubDate) ?? text(item.date) })
    }
  } else if (feed !== undefined) {
    for (const entry of (feed.entry ?? []) as Node[]) {
      const links = (entry.link ?? []) as Node[]
      const alternate = links.find((l) => (l['@rel'] ?? 'alternate') === 'alternate') ?? links[0]
      const href = alternate === undefined ? null : (alternate['@href'] as string | undefined) ?? null
      const link = href === null ? null : absolute(href, feedUrl)
      if (link === null) continue
      out.push({ key: text(entry.id) ?? link, link, title: text(entry.title), published: text(entry.published) ?? text(entry.updated) })
    }
  } else {
    throw new TradeEtlError('FEED_MALFORMED', `neither an RSS nor an Atom feed: the document starts with <${Object.keys(doc).find((k) => !k.startsWith('?')) ?? '?'}>`, { file: feedUrl })
  }
  return out
}
