/**
 * Article text out of a saved web page, for figure extraction: tags go, scripts, styles and page
 * furniture (navigation, site header and footer, asides, share bars, font-size widgets) go with
 * their content, entities are decoded, and paragraphs stay apart as blank lines so that the
 * linker never reads one paragraph's year into the next. A small linear scanner, not a DOM: it
 * only has to be right about where text is, not about the tree.
 */

/** Elements dropped with everything inside them. */
const DROPPED = new Set([
  'head', 'script', 'style', 'noscript', 'template', 'svg', 'math', 'nav', 'header', 'footer', 'aside', 'button', 'select',
  'iframe', 'object', 'canvas', 'dialog', 'menu',
])
/** Elements whose content is raw text up to the matching close tag; none of it is article text. */
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp'])
/** Elements with no content and no close tag. */
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr'])
/** Elements that end a paragraph. */
const BLOCK = new Set([
  'p', 'div', 'section', 'article', 'main', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'ul', 'ol', 'dl', 'dt', 'dd', 'table', 'thead',
  'tbody', 'tfoot', 'tr', 'blockquote', 'pre', 'figure', 'figcaption', 'hr', 'address', 'details', 'summary', 'caption', 'body', 'html',
])
/** Class or id words that mark furniture inside the content area. */
const FURNITURE_WORDS = new Set([
  'nav', 'navbar', 'navigation', 'menu', 'breadcrumb', 'breadcrumbs', 'cookie', 'cookies', 'share', 'sharing', 'social', 'advert',
  'advertisement', 'ads', 'ad', 'sidebar', 'toolbar', 'fontsize', 'textsize', 'newsletter', 'subscribe', 'skip', 'related', 'comments',
])
const FURNITURE_TOKEN_RE = /(?:font|text)[-_]?(?:size|resize|zoom)|a11y-controls/
const FURNITURE_ROLE_RE = /\brole\s*=\s*["']?(?:navigation|banner|contentinfo|complementary|search|toolbar|menu)\b/i
const HIDDEN_RE = /(?:^|\s)(?:hidden(?:\s|=|$)|aria-hidden\s*=\s*["']?true)|display\s*:\s*none/i
const CLASS_OR_ID_RE = /\b(?:class|id)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/gi

const TAG_RE = /<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/y

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', ensp: '\u2002', emsp: '\u2003', thinsp: '\u2009', ndash: '–',
  mdash: '—', minus: '−', lsquo: '‘', rsquo: '’', sbquo: '‚', ldquo: '“', rdquo: '”', bdquo: '„', laquo: '«', raquo: '»', hellip: '…',
  bull: '•', middot: '·', euro: '€', pound: '£', yen: '¥', cent: '¢', dollar: '$', percnt: '%', deg: '°', times: '×', divide: '÷',
  plusmn: '±', frac12: '½', frac14: '¼', frac34: '¾', sup2: '²', sup3: '³', copy: '©', reg: '®', trade: '™', sect: '§', para: '¶',
  shy: '\u00ad', zwnj: '\u200c', zwj: '\u200d', lrm: '\u200e', rlm: '\u200f', prime: '′', Prime: '″', num: '#', commat: '@', sol: '/',
  lpar: '(', rpar: ')', comma: ',', period: '.', colon: ':', semi: ';', excl: '!', quest: '?', aacute: 'á', eacute: 'é', iacute: 'í',
  oacute: 'ó', uacute: 'ú', agrave: 'à', egrave: 'è', ccedil: 'ç', ntilde: 'ñ', ouml: 'ö', uuml: 'ü', auml: 'ä', szlig: 'ß',
  Eacute: 'É', Ouml: 'Ö', Uuml: 'Ü', Auml: 'Ä', ocirc: 'ô', ecirc: 'ê', acirc: 'â', icirc: 'î', ucirc: 'û', atilde: 'ã', otilde: 'õ',
  scedil: 'ş', Scedil: 'Ş', gbreve: 'ğ', inodot: 'ı', Idot: 'İ', schwa: 'ə', rarr: '→', larr: '←', uarr: '↑', darr: '↓',
}
const ENTITY_RE = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z][a-zA-Z0-9]{1,31}));?/g

/** Decodes HTML character references; unknown names are left as written. */
export function decodeEntities(text: string): string {
  return text.replace(ENTITY_RE, (whole, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
    if (dec !== undefined || hex !== undefined) {
      const code = dec !== undefined ? Number(dec) : Number.parseInt(hex ?? '', 16)
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : '\ufffd'
    }
    return NAMED_ENTITIES[name ?? ''] ?? whole
  })
}

/** True when `text` is (part of) an HTML document rather than plain text. */
export function looksLikeHtml(text: string): boolean {
  const head = text.slice(0, 65536)
  if (/<!doctype\s+html|<html[\s>]|<body[\s>]/i.test(head)) return true
  const tags = head.match(/<\/?(?:p|div|span|a|br|article|section|h[1-6]|ul|ol|li|table|tr|td|script|style|meta|link|title|strong|em|b|i|img|header|footer|nav|main)(?:\s[^<>]*)?\/?>/gi)
  return tags !== null && tags.length >= 2
}

/** Plain text of an HTML page: content only, paragraphs as blank-line separated blocks. */
export function htmlToText(html: string): string {
  const out: string[] = []
  let i = 0
  let skipTag: string | null = null
  let skipDepth = 0
  let contentDepth = 0
  let preDepth = 0
  const text = (raw: string): void => {
    if (raw === '') return
    const decoded = decodeEntities(raw)
    out.push(preDepth > 0 ? decoded : decoded.replace(/[ \t\r\n\f]+/g, ' '))
  }
  while (i < html.length) {
    const lt = html.indexOf('<', i)
    if (lt < 0) {
      if (skipTag === null) text(html.slice(i))
      break
    }
    if (skipTag === null) text(html.slice(i, lt))
    if (html.startsWith('<!--', lt)) {
      const close = html.indexOf('-->', lt + 4)
      i = close < 0 ? html.length : close + 3
      continue
    }
    if (html[lt + 1] === '!' || html[lt + 1] === '?') {
      const close = html.indexOf('>', lt)
      i = close < 0 ? html.length : close + 1
      continue
    }
    TAG_RE.lastIndex = lt
    const m = TAG_RE.exec(html)
    if (m === null) {
      if (skipTag === null) text('<')
      i = lt + 1
      continue
    }
    i = lt + m[0].length
    const closing = m[1] === '/'
    const name = (m[2] ?? '').toLowerCase()
    const attrs = m[3] ?? ''
    const selfClosing = attrs.trimEnd().endsWith('/')
    if (!closing && RAW_TEXT.has(name)) {
      const close = new RegExp(`</${name}\\s*>`, 'gi')
      close.lastIndex = i
      const end = close.exec(html)
      i = end === null ? html.length : end.index + end[0].length
      continue
    }
    if (skipTag !== null) {
      if (name === skipTag && !VOID.has(name) && !selfClosing) skipDepth += closing ? -1 : 1
      if (skipDepth === 0) skipTag = null
      continue
    }
    if (!closing && !VOID.has(name) && !selfClosing && isFurniture(name, attrs, contentDepth > 0)) {
      skipTag = name
      skipDepth = 1
      continue
    }
    if (name === 'article' || name === 'main') contentDepth = Math.max(0, contentDepth + (closing ? -1 : 1))
    if (name === 'pre') preDepth = Math.max(0, preDepth + (closing ? -1 : 1))
    if (name === 'br') out.push('\n')
    else if (BLOCK.has(name)) out.push('\n\n')
    else if (name === 'td' || name === 'th') out.push(closing ? '\t' : '')
  }
  return out
    .join('')
    .split('\n')
    .map((line) => line.replace(/^[ \t]+|[ \t]+$/g, ''))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
}

/**
 * Furniture: a nav/aside/footer anywhere, a <header> outside the article (inside one it holds
 * the headline, which can quote figures), and any element whose class, id or role says it is a
 * menu, share bar, font-size control or the like, or that is hidden.
 */
function isFurniture(name: string, attrs: string, insideContent: boolean): boolean {
  if (DROPPED.has(name)) return !(name === 'header' && insideContent)
  if (attrs === '') return false
  if (FURNITURE_ROLE_RE.test(attrs) || HIDDEN_RE.test(attrs)) return true
  for (const m of attrs.matchAll(CLASS_OR_ID_RE)) {
    const value = m[1] ?? m[2] ?? m[3] ?? ''
    for (const token of value.toLowerCase().split(/\s+/)) {
      if (FURNITURE_TOKEN_RE.test(token) || token.split(/[-_]+/).some((part) => FURNITURE_WORDS.has(part))) return true
    }
  }
  return false
}
