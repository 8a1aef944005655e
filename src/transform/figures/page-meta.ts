/** What a news page says about itself in its markup. */
export interface PageMeta {
  readonly title?: string
  /** The page's canonical address (link rel=canonical, else og:url), absolute. */
  readonly canonical?: string
  /** Publication date, YYYY-MM-DD (the date as the page writes it, not converted to UTC). */
  readonly published?: string
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' }
function decode(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)
      return Number.isFinite(code) ? String.fromCodePoint(code) : m
    }
    return ENTITIES[e.toLowerCase()] ?? m
  }).replace(/\s+/g, ' ').trim()
}

/** The attributes of every tag of a name, lower-cased names, entity-decoded values. */
function tags(html: string, name: string): Record<string, string>[] {
  const out: Record<string, string>[] = []
  for (const m of html.matchAll(new RegExp(`<${name}\\b([^>]*)>`, 'gi'))) {
    const attrs: Record<string, string> = {}
    for (const a of (m[1] ?? '').matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/g)) {
      attrs[(a[1] as string).toLowerCase()] = decode(a[2] ?? a[3] ?? a[4] ?? '')
    }
    out.push(attrs)
  }
  return out
}

/** Meta names and properties that carry the publication time, most specific first. */
const PUBLISHED_META = ['article:published_time', 'og:published_time', 'datepublished', 'date', 'pubdate', 'publishdate', 'dc.date.issued', 'dc.date', 'dcterms.created', 'sailthru.date', 'parsely-pub-date']

/** A date at the start of an ISO-like timestamp ("2025-03-08T10:00:00+04:00" -> 2025-03-08). */
function isoDay(value: string | undefined): string | undefined {
  const m = /^\s*(\d{4})-(\d{2})-(\d{2})/.exec(value ?? '')
  if (m === null) return undefined
  const [, y, mo, d] = m
  return Number(mo) >= 1 && Number(mo) <= 12 && Number(d) >= 1 && Number(d) <= 31 ? `${y}-${mo}-${d}` : undefined
}

/**
 * Title, canonical URL and publication date from a page's head: Open Graph and article meta
 * tags, link rel=canonical, schema.org JSON-LD (datePublished, headline), <time datetime>,
 * then <title>. Relative canonical links are resolved against `pageUrl`.
 */
export function readPageMeta(html: string, pageUrl: string): PageMeta {
  const metas = tags(html, 'meta')
  const meta = (key: string) => metas.find((m) => (m.property ?? m.name ?? m.itemprop ?? '').toLowerCase() === key)?.content
  const ldJson = [...html.matchAll(/<script\b[^>]*type\s*=\s*["']application\/ld\+json["'][^>]*>([\s\S]*?)<\/script>/gi)].map((m) => m[1] ?? '')
  const ld = (field: string) => {
    for (const block of ldJson) {
      const m = new RegExp(`"${field}"\\s*:\\s*"([^"]*)"`).exec(block)
      if (m?.[1] !== undefined) return decode(m[1])
    }
    return undefined
  }
  const title = meta('og:title') ?? ld('headline') ?? (/<title[^>]*>([^<]*)<\/title>/i.exec(html)?.[1] === undefined ? undefined : decode(/<title[^>]*>([^<]*)<\/title>/i.exec(html)?.[1] as string))
  const canonicalHref = tags(html, 'link').find((l) => (l.rel ?? '').toLowerCase().split(/\s+/).includes('canonical'))?.href ?? meta('og:url')
  let canonical: string | undefined
  try {
    canonical = canonicalHref === undefined || canonicalHref === '' ? undefined : new URL(canonicalHref, pageUrl).toString()
  } catch {
    canonical = undefined
  }
  let published: string | undefined
  for (const key of PUBLISHED_META) {
    published = isoDay(meta(key))
    if (published !== undefined) break
  }
  published ??= isoDay(ld('datePublished')) ?? isoDay(tags(html, 'time').find((t) => t.datetime !== undefined)?.datetime)
  return {
    ...(title === undefined || title === '' ? {} : { title }),
    ...(canonical === undefined ? {} : { canonical }),
    ...(published === undefined ? {} : { published }),
  }
}
