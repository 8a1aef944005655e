import type { SourceRules } from '../transform/index.ts'

/** Ids of the codes of one dimension, as TradeFactEncoder hands them out (new codes get the next id). */
export interface CodeIds {
  id(code: string): string
}

/** The dimensions and per-file constants a BaciLineWriter writes with. */
export interface BaciLineContext {
  readonly periods: CodeIds
  readonly countries: CodeIds
  readonly products: CodeIds
  /** The id of the file's one series (BACI: exports, no breakdown, one classification), asked for on first use. */
  readonly seriesId: () => string
  readonly fileId: number
  readonly rules: SourceRules
  /** The last year a row may have (the current year). */
  readonly latestYear: number
}

/** Bytes the writer holds before it starts a new buffer; a line is never longer than LINE_MAX. */
const BUFFER_BYTES = 64 * 1024
const LINE_MAX = 256
/** Longest amount the writer reads itself (digits, point); longer ones take the general path. */
const AMOUNT_MAX = 40
const COMMA = 44
const DOT = 46
const ZERO = 48

/**
 * The BACI hot path, fused: one line of a plain `t,i,j,k,v,q` file straight to the COPY line of
 * core.trade_fact that TradeFactEncoder.encode would write for the row the BACI layout makes of
 * it, without the fields array, the TradeRow or the COPY string in between (1M BACI rows read
 * and encoded with no database, process CPU: 1.50-1.90 s the general way, 0.84-1.10 s fused; the
 * whole `ingest` 3.16-3.31 -> 2.57-2.74 s beside psql's 2.00 s). It takes only the shape nearly every
 * line has: a 4-digit year in the source's range, codes of digits without leading zeros (HS
 * codes up to 6 digits, padded to 6 as the layout does), a plain unsigned amount v and q (q may
 * be NA or blank), each within the plausibility bounds. Any other line (spaces, signs, other
 * spellings of missing, odd codes, anything to reject) is left to the layout's mapper, which
 * reads it or rejects it with its reason: `read` returns false and writes nothing.
 * tests/baci-copy-lines.test.ts compares the two on random lines.
 */
export class BaciLineWriter {
  readonly #c: BaciLineContext
  #buf = Buffer.allocUnsafe(BUFFER_BYTES)
  #pos = 0
  #full: Buffer[] = []
  #lastYear = -1
  #lastReporter = -1
  // Bytes, not strings: a template literal's result is a cons string, and reading one a
  // character at a time took longer than the rest of the line.
  /** The line's start while period and reporter stay: period id, reporter id, tabs. */
  #head: Buffer = Buffer.alloc(0)
  /** Series, year and the constant columns up to the value, for the current year. */
  #middle: Buffer = Buffer.alloc(0)
  readonly #countryIds = new Map<number, Buffer>()
  readonly #productIds = new Map<number, Buffer>()
  readonly #suffix: Buffer
  #seriesId: string | undefined

  constructor(context: BaciLineContext) {
    this.#c = context
    this.#suffix = ascii(`\t\\N\t\\N\t\\N\t${context.fileId}\t`)
  }

  /** Reads text[start, end) (one record, no line break) as line `line`; false when it is not the plain shape. */
  read(s: string, start: number, end: number, line: number): boolean {
    const rules = this.#c.rules
    // t: four digits, the year.
    const year = readDigits(s, start, end)
    let p = digitsEnd
    if (p - start !== 4 || s.charCodeAt(p) !== COMMA || year < rules.firstYear || year > this.#c.latestYear) return false
    // i, j: country codes; k: the HS code, at most 6 digits.
    const i = readCode(s, ++p, end)
    p = digitsEnd
    if (i < 0 || s.charCodeAt(p) !== COMMA) return false
    const j = readCode(s, ++p, end)
    p = digitsEnd
    if (j < 0 || s.charCodeAt(p) !== COMMA) return false
    const kStart = ++p
    const k = readDigits(s, kStart, end)
    p = digitsEnd
    if (p === kStart || p - kStart > 6 || s.charCodeAt(p) !== COMMA) return false
    // v: thousand USD; q: tonnes, NA or blank.
    const vStart = ++p
    if (!readPlainAmount(s, vStart, end)) return false
    const vDot = amountDot
    const vEnd = amountEnd
    if (s.charCodeAt(vEnd) !== COMMA) return false
    // q runs to the end of the line; blank and 'NA' are unknown.
    const qStart = vEnd + 1
    const qUnknown = qStart === end || (end - qStart === 2 && s.charCodeAt(qStart) === 78 && s.charCodeAt(qStart + 1) === 65)
    if (!qUnknown) {
      if (!readPlainAmount(s, qStart, end) || amountEnd !== end) return false
      if (integerDigits(s, qStart, amountDot < 0 ? end : amountDot) > rules.mass.maxDigits) return false
    }
    // v moves three places (thousand USD -> USD): its integer digits then, leading zeros aside.
    const vIntEnd = vDot < 0 ? vEnd : vDot
    const vFracStart = vDot < 0 ? vEnd : vDot + 1
    const vZeros = shiftedLeadingZeros(s, vStart, vIntEnd, vFracStart, vEnd)
    if (vIntEnd - vStart + 3 - vZeros > rules.value.maxDigits) return false

    if (this.#pos + LINE_MAX > this.#buf.length) this.#flush()
    const b = this.#buf
    let o = this.#pos
    if (year !== this.#lastYear || i !== this.#lastReporter) {
      if (year !== this.#lastYear) {
        this.#seriesId ??= this.#c.seriesId()
        this.#middle = ascii(`\t${this.#seriesId}\t${year}\tt\t\\N\t\\N\t`)
      }
      this.#head = ascii(`${this.#c.periods.id(s.slice(start, start + 4))}\t${this.#c.countries.id(String(i))}\t`)
      this.#lastYear = year
      this.#lastReporter = i
    }
    o = writeBytes(b, o, this.#head)
    o = writeBytes(b, o, this.#countryId(j))
    o = writeBytes(b, o, this.#productId(k))
    o = writeBytes(b, o, this.#middle)
    o = writeShifted(b, o, s, vStart, vIntEnd, vFracStart, vEnd, vZeros)
    o = writeAscii(b, o, '\tUSD\t')
    if (qUnknown) {
      o = writeAscii(b, o, '\\N')
    } else {
      for (let n = qStart; n < end; n++) b[o++] = s.charCodeAt(n)
    }
    o = writeBytes(b, o, this.#suffix)
    o = writeUint(b, o, line)
    b[o++] = 10
    this.#pos = o
    return true
  }

  /** The COPY text written since the last call, in buffers of at most 64 KiB. */
  take(): Buffer[] {
    this.#flush()
    const full = this.#full
    this.#full = []
    return full
  }

  #flush(): void {
    if (this.#pos === 0) return
    this.#full.push(this.#buf.subarray(0, this.#pos))
    this.#buf = Buffer.allocUnsafe(BUFFER_BYTES)
    this.#pos = 0
  }

  /** The partner's id and a tab. */
  #countryId(code: number): Buffer {
    let id = this.#countryIds.get(code)
    if (id === undefined) {
      id = ascii(`${this.#c.countries.id(String(code))}\t`)
      this.#countryIds.set(code, id)
    }
    return id
  }

  /** The id of HS code `code` as the layout writes it: 6 digits, leading zeros restored. */
  #productId(code: number): Buffer {
    let id = this.#productIds.get(code)
    if (id === undefined) {
      id = ascii(this.#c.products.id(String(code).padStart(6, '0')))
      this.#productIds.set(code, id)
    }
    return id
  }
}

/** Where readDigits (and readCode) and readPlainAmount stopped (module state: the hot path returns one number). */
let digitsEnd = 0
let amountDot = -1
let amountEnd = 0

/** The value of the digits from `start` (0 when none; digitsEnd says where they stop). */
function readDigits(s: string, start: number, end: number): number {
  let p = start
  let n = 0
  for (; p < end; p++) {
    const d = s.charCodeAt(p) - ZERO
    if (d < 0 || d > 9) break
    n = n * 10 + d
  }
  digitsEnd = p
  return n
}

/** A code of 1-9 digits without a leading zero (or '0') from `start`: its value, else -1 (digitsEnd says where its digits stop). */
function readCode(s: string, start: number, end: number): number {
  const n = readDigits(s, start, end)
  const length = digitsEnd - start
  return length === 0 || length > 9 || (length > 1 && s.charCodeAt(start) === ZERO) ? -1 : n
}

/** An unsigned plain decimal (digits, optionally a point and digits) from `start`, at most AMOUNT_MAX long. */
function readPlainAmount(s: string, start: number, end: number): boolean {
  let p = start
  while (p < end && isDigit(s.charCodeAt(p))) p++
  if (p === start) return false
  let dot = -1
  if (p < end && s.charCodeAt(p) === DOT) {
    dot = p++
    const fracStart = p
    while (p < end && isDigit(s.charCodeAt(p))) p++
    if (p === fracStart) return false
  }
  if (p - start > AMOUNT_MAX) return false
  amountDot = dot
  amountEnd = p
  return true
}

function isDigit(c: number): boolean {
  return c >= ZERO && c <= ZERO + 9
}

/** Digits of [start, end) after its leading zeros (at least one). */
function integerDigits(s: string, start: number, end: number): number {
  let p = start
  while (p < end - 1 && s.charCodeAt(p) === ZERO) p++
  return end - p
}

/** Leading zeros of the integer part of the amount moved three places (all but its last digit at most). */
function shiftedLeadingZeros(s: string, intStart: number, intEnd: number, fracStart: number, fracEnd: number): number {
  const total = intEnd - intStart + 3
  let zeros = 0
  while (zeros < total - 1 && shiftedDigit(s, zeros, intStart, intEnd, fracStart, fracEnd) === ZERO) zeros++
  return zeros
}

/** The n-th character of the integer part of the amount moved three places ('0' past the fraction). */
function shiftedDigit(s: string, n: number, intStart: number, intEnd: number, fracStart: number, fracEnd: number): number {
  const intLength = intEnd - intStart
  if (n < intLength) return s.charCodeAt(intStart + n)
  const f = fracStart + n - intLength
  return f < fracEnd ? s.charCodeAt(f) : ZERO
}

/**
 * The amount moved three places as shiftDecimal writes it: the `zeros` leading zeros of the
 * integer part (shiftedLeadingZeros) and trailing zeros of the fraction dropped.
 */
function writeShifted(b: Buffer, at: number, s: string, intStart: number, intEnd: number, fracStart: number, fracEnd: number, zeros: number): number {
  let o = at
  const total = intEnd - intStart + 3
  for (let n = zeros; n < total; n++) b[o++] = shiftedDigit(s, n, intStart, intEnd, fracStart, fracEnd)
  // The fraction left after three of its digits moved, trailing zeros dropped.
  let restEnd = fracEnd
  const restStart = fracStart + 3
  while (restEnd > restStart && s.charCodeAt(restEnd - 1) === ZERO) restEnd--
  if (restEnd > restStart) {
    b[o++] = DOT
    for (let f = restStart; f < restEnd; f++) b[o++] = s.charCodeAt(f)
  }
  return o
}

/** Bytes of ASCII text, as a Buffer like the one written to (one kind of array in the copy loop). */
function ascii(text: string): Buffer {
  return Buffer.from(text, 'latin1')
}

function writeBytes(b: Buffer, at: number, bytes: Buffer): number {
  let o = at
  for (let n = 0; n < bytes.length; n++) b[o++] = bytes[n] as number
  return o
}

function writeAscii(b: Buffer, at: number, text: string): number {
  let o = at
  for (let n = 0; n < text.length; n++) b[o++] = text.charCodeAt(n)
  return o
}

/** The decimal digits of a non-negative integer below 2^31 (int32 arithmetic: no float division). */
function writeUint(b: Buffer, at: number, value: number): number {
  let digits = 1
  for (let v = (value / 10) | 0; v > 0; v = (v / 10) | 0) digits++
  let o = at + digits
  let v = value | 0
  do {
    const q = (v / 10) | 0
    b[--o] = ZERO + v - q * 10
    v = q
  } while (v > 0)
  return at + digits
}
