/**
 * A splitter for delimited text with RFC 4180 quoting, for the regular case: a field is either
 * plain text without a quote character, or wholly quoted ("a, b", "say ""hi""", line breaks
 * inside), followed by the delimiter, the record delimiter or the end of the text. Anything else
 * (a quote inside a plain field, text after a closing quote, a quote never closed) is
 * irregular: the splitter stops at the start of that record, and csv-parse, which has rules for
 * all of it, reads the rest (src/extract/read-records.ts). On regular text it gives the records
 * csv-parse gives (tests/split-quoted.test.ts compares the two on real files and random text).
 *
 * Why: Comtrade legacy and Plus files quote their fields, and csv-parse read them at about
 * 15-27 s of client CPU per 1M rows against 5 s of the server's (issue 11).
 */

/** Where a split stopped, and why. */
export interface QuotedSplit {
  /** Index after the last whole record taken: the next record starts here. */
  readonly end: number
  /** Record delimiters consumed (the last record of the text may have none). */
  readonly delimiters: number
  /** True when the record at `end` is irregular: csv-parse must read from there. */
  readonly irregular: boolean
}

const QUOTE = 34

/**
 * Splits text[start..] into records, calling `take(fields, newlines)` for each, where newlines
 * is the number of LFs inside its quoted fields. Stops before a record that is not whole yet
 * (unless `final`: the text is all there is, so its last record ends at the end) or that is
 * irregular. `delimiter` is one character; records end at '\n', or '\r\n' when `crlf`.
 */
export function splitQuoted(
  text: string, start: number, delimiter: string, crlf: boolean, final: boolean,
  take: (fields: string[], newlines: number) => void,
): QuotedSplit {
  const d = delimiter.charCodeAt(0)
  const length = text.length
  let pos = start
  let delimiters = 0
  const fields: string[] = []
  // The next line feed and quote at or after the scan position, looked up again only once the
  // scan passes them: a fresh indexOf per field made the split quadratic in the record length.
  let lf = -1
  let quote = -1
  const nextLf = (from: number) => (lf >= from || lf === length ? lf : (lf = indexOr(text, '\n', from, length)))
  const nextQuote = (from: number) => (quote >= from || quote === length ? quote : (quote = indexOr(text, '"', from, length)))
  while (pos < length) {
    fields.length = 0
    let newlines = 0
    let i = pos
    for (;;) {
      // One field from i.
      if (text.charCodeAt(i) === QUOTE) {
        let value = ''
        let from = i + 1
        let close: number
        for (;;) {
          close = nextQuote(from)
          if (close === length) {
            // Not closed in this text: wait for more, or (at the end) leave it to csv-parse.
            return { end: pos, delimiters, irregular: final }
          }
          if (text.charCodeAt(close + 1) === QUOTE) {
            value += text.slice(from, close + 1)
            from = close + 2
            continue
          }
          if (close + 1 === length && !final) return { end: pos, delimiters, irregular: false }
          break
        }
        value += text.slice(from, close)
        for (let at = nextLf(i + 1); at < close; at = nextLf(at + 1)) newlines++
        fields.push(value)
        i = close + 1
        const c = text.charCodeAt(i)
        if (c === d) {
          i++
          continue
        }
        if (i === length) break
        if (c === 10 && !crlf) {
          i++
          delimiters++
          break
        }
        if (crlf && c === 13) {
          if (i + 1 === length && !final) return { end: pos, delimiters, irregular: false }
          if (text.charCodeAt(i + 1) === 10) {
            i += 2
            delimiters++
            break
          }
        }
        return { end: pos, delimiters, irregular: true }
      }
      // A plain field: up to the next delimiter or line feed.
      const lineEnd = nextLf(i)
      if (lineEnd === length && !final) return { end: pos, delimiters, irregular: false }
      let stop = text.indexOf(delimiter, i)
      if (stop < 0 || stop > lineEnd) stop = lineEnd
      const last = stop === lineEnd
      // CRLF records: the CR before the LF ends the record; a lone LF is csv-parse's business.
      let fieldEnd = stop
      if (crlf && last && lineEnd < length) {
        if (lineEnd - 1 < i || text.charCodeAt(lineEnd - 1) !== 13) return { end: pos, delimiters, irregular: true }
        fieldEnd = lineEnd - 1
      }
      // A quote inside a plain field: csv-parse's too.
      if (nextQuote(i) < fieldEnd) return { end: pos, delimiters, irregular: true }
      fields.push(text.slice(i, fieldEnd))
      if (last) {
        i = lineEnd === length ? length : lineEnd + 1
        if (lineEnd < length) delimiters++
        break
      }
      i = stop + 1
      if (i === length) {
        // A delimiter last: an empty last field, if this is the end of the text.
        if (!final) return { end: pos, delimiters, irregular: false }
        fields.push('')
        break
      }
    }
    take(fields.slice(), newlines)
    pos = i
  }
  return { end: pos, delimiters, irregular: false }
}

/** indexOf, with `length` (past the end) for "not found". */
function indexOr(text: string, ch: string, from: number, length: number): number {
  const at = text.indexOf(ch, from)
  return at < 0 ? length : at
}
