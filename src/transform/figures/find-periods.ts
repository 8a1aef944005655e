/**
 * Periods named without a year, which take their year from the article: "in the first
 * quarter", "in March", "April-July", "the first 11 months of this year", "last month",
 * "H1", "this month". Periods with a year ("Q1 2023", "January-November 2023") are dates (find-dates.ts).
 */

export interface PeriodMention {
  readonly start: number
  readonly end: number
  /** First and last month (1-12) of the period. */
  readonly fromMonth: number
  readonly toMonth: number
  /** What the text says about the year: 'this' ("this year"), 'last' ("last year"), or nothing. */
  readonly yearHint?: 'this' | 'last'
  /** "last month": the month before the article's. */
  readonly lastMonth?: boolean
  /** "this month", "so far this month": the article's month. */
  readonly thisMonth?: boolean
  /**
   * "the first ten months of the 2017/18 fiscal year", "the first quarter of the fiscal year":
   * months counted from a fiscal year's start, which the text does not give: no calendar period.
   */
  readonly fiscal?: boolean
}

const MONTHS: Readonly<Record<string, number>> = {
  january: 1, february: 2, march: 3, april: 4, may: 5, june: 6, july: 7, august: 8, september: 9, october: 10, november: 11, december: 12,
  jan: 1, feb: 2, mar: 3, apr: 4, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
}
const COUNT: Readonly<Record<string, number>> = {
  two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11,
  '2': 2, '3': 3, '4': 4, '5': 5, '6': 6, '7': 7, '8': 8, '9': 9, '10': 10, '11': 11,
}
const ORDINAL: Readonly<Record<string, number>> = { first: 1, '1st': 1, second: 2, '2nd': 2, third: 3, '3rd': 3, fourth: 4, '4th': 4 }

const M = '(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)'
/** Not followed by a year or a day: those are dates. */
const NO_YEAR = '(?![\\p{L}\\p{N}])(?!\\.?,?\\s*(?:of\\s+)?(?:1[89]\\d\\d|20\\d\\d)(?!\\d))(?!\\.?\\s+\\d{1,2}(?![\\d%.,]))'
const HINT = '(?:\\s+(?:of\\s+)?(this|the\\s+current|last|the\\s+previous|the\\s+same)\\s+(?:year|fiscal(?:\\s+year)?|financial\\s+year))?'
/** After a count of months, quarter or half: "of the 2017/18 fiscal year", "of fiscal 2017-18", "of its financial year", "of FY2022". */
const FISCAL_AFTER_RE = /^\s+(?:of|in|into)\s+(?:the\s+|its\s+|their\s+|this\s+|last\s+)?(?:(?:current|previous|last|ethiopian|[\p{Lu}][\p{L}]+)\s+)?(?:(?:19|20)\d\d(?:[-/–]\d{2,4})?\s+)?(?:fiscal|financial|FY|marketing\s+year|crop\s+year|season)/iu

const RANGE_RE = new RegExp(`(?<![\\p{L}\\p{N}])(?:(?<=[Bb]etween\\s+))?${M}\\.?\\s*(?:-|–|—|to|through|(?<=[Bb]etween\\s+\\S+\\s+)and)\\s*${M}\\.?${NO_YEAR}${HINT}`, 'gu')
const QUARTER_RE = new RegExp(`(?<![\\p{L}\\p{N}])(?:(first|second|third|fourth|1st|2nd|3rd|4th)[\\s-]+quarter|Q([1-4]))${NO_YEAR}${HINT}`, 'giu')
/** "N5.6 trillion in the first quarter, N5.9 trillion in the second and N4.7 trillion in the third": the quarter word left out. */
const ELLIPTIC_ORDINAL_RE = /(?<![\p{L}])(?:in|for|during)\s+the\s+(first|second|third|fourth)(?=\s*(?:[,.;)]|and\s|when\s|while\s|$))/giu
const HALF_RE = new RegExp(`(?<![\\p{L}\\p{N}])(?:(first|second)[\\s-]+half|H([12]))${NO_YEAR}${HINT}`, 'giu')
const MONTHS_RE = new RegExp(`(?<![\\p{L}\\p{N}])first\\s+(two|three|four|five|six|seven|eight|nine|ten|eleven|[2-9]|1[01])\\s+months${NO_YEAR}${HINT}`, 'giu')
/** "by April", "until May", "by the end of June" (issue 10, seventeenth round): from the start of the year up to that month. */
const UP_TO_MONTH_RE = new RegExp(`(?<=(?:\\b(?:[Bb]y|[Uu]ntil|[Uu]p\\s+to)\\s+))(?:the\\s+end\\s+of\\s+)?${M}${NO_YEAR}${HINT}`, 'gu')
/** "in March", "March alone", "during November", "India's July coal imports", "July imports" opening a sentence: a month on its own (capitalised). */
const MONTH_RE = new RegExp(`(?<=(?:\\b(?:[Ii]n|[Dd]uring|[Ff]or|of|[Ss]ince|[Tt]hrough)\\s+)|\\p{L}['’]s\\s+|[.!?]\\s+|^)${M}${NO_YEAR}(?!\\s*(?:-|–|—)\\s*\\p{L})${HINT}`, 'gmu')
/** "only January, at $145.7 million, was higher", "March saw 2 Mt", "October alone brought": a month as the subject. */
const MONTH_SUBJECT_RE = new RegExp(`(?<![\\p{L}\\p{N}])${M}(?=,\\s+(?:at|with)\\s|\\s+(?:alone|saw|was|were|came|brought|recorded|posted|registered)(?![\\p{L}]))`, 'gu')
const LAST_MONTH_RE = /(?<![\p{L}])last\s+month(?![\p{L}])/giu
const THIS_MONTH_RE = /(?<![\p{L}])(?:this|the\s+current)\s+month(?![\p{L}])/giu

function hintOf(raw: string | undefined): 'this' | 'last' | undefined {
  if (raw === undefined) return undefined
  const w = raw.toLowerCase()
  if (w.startsWith('last') || w.includes('previous')) return 'last'
  return w.startsWith('this') || w.includes('current') ? 'this' : undefined
}

/** Every yearless period of `text`, in order; where two overlap, the longer one wins. */
export function findPeriods(text: string): PeriodMention[] {
  const found: PeriodMention[] = []
  const push = (m: RegExpExecArray, fromMonth: number, toMonth: number, hint: string | undefined, wraps = false): void => {
    if (fromMonth < 1 || (toMonth < fromMonth && !wraps) || toMonth > 12) return
    const yearHint = hintOf(hint)
    const end = m.index + m[0].length
    const fiscal = /fiscal|financial/iu.test(hint ?? '') || FISCAL_AFTER_RE.test(text.slice(end, end + 60))
    found.push({ start: m.index, end, fromMonth, toMonth, ...(yearHint === undefined ? {} : { yearHint }), ...(fiscal ? { fiscal } : {}) })
  }
  // "July-April" (of a fiscal year): a range across the year end, ending in the later year.
  for (const m of text.matchAll(RANGE_RE)) push(m, MONTHS[(m[1] ?? '').toLowerCase()] ?? 0, MONTHS[(m[2] ?? '').toLowerCase()] ?? 0, m[3], true)
  const quarters: number[] = []
  for (const m of text.matchAll(QUARTER_RE)) {
    const q = m[2] !== undefined ? Number(m[2]) : ORDINAL[(m[1] ?? '').toLowerCase()] ?? 0
    push(m, (q - 1) * 3 + 1, q * 3, m[3])
    quarters.push(m.index + m[0].length)
  }
  // An ordinal alone is a quarter only shortly after a quarter was named in the same sentence.
  for (const m of text.matchAll(ELLIPTIC_ORDINAL_RE)) {
    if (!quarters.some((end) => end <= m.index && m.index - end < 120 && !/[.!?]\s/.test(text.slice(end, m.index)))) continue
    const q = ORDINAL[(m[1] ?? '').toLowerCase()] ?? 0
    const at = m.index + m[0].length - (m[1] ?? '').length
    found.push({ start: at, end: m.index + m[0].length, fromMonth: (q - 1) * 3 + 1, toMonth: q * 3 })
  }
  for (const m of text.matchAll(HALF_RE)) {
    const h = m[2] !== undefined ? Number(m[2]) : (m[1] ?? '').toLowerCase() === 'first' ? 1 : 2
    push(m, h === 1 ? 1 : 7, h === 1 ? 6 : 12, m[3])
  }
  for (const m of text.matchAll(MONTHS_RE)) push(m, 1, COUNT[(m[1] ?? '').toLowerCase()] ?? 0, m[2])
  for (const m of text.matchAll(MONTH_RE)) {
    // "May" as a verb: only after a preposition or at a line start followed by a figure-ish word.
    if ((m[1] ?? '') === 'May' && !/(?:in|during|for|of|since|through)\s+$/i.test(text.slice(Math.max(0, m.index - 8), m.index))) continue
    const mon = MONTHS[(m[1] ?? '').toLowerCase()] ?? 0
    push(m, mon, mon, m[2])
  }
  for (const m of text.matchAll(MONTH_SUBJECT_RE)) {
    if ((m[1] ?? '') === 'May' && !/(?:only|even|just)\s+$/i.test(text.slice(Math.max(0, m.index - 6), m.index))) continue
    const mon = MONTHS[(m[1] ?? '').toLowerCase()] ?? 0
    push(m, mon, mon, undefined)
  }
  for (const m of text.matchAll(UP_TO_MONTH_RE)) push(m, 1, MONTHS[(m[1] ?? '').toLowerCase()] ?? 0, m[2])
  for (const m of text.matchAll(LAST_MONTH_RE)) found.push({ start: m.index, end: m.index + m[0].length, fromMonth: 0, toMonth: 0, lastMonth: true })
  for (const m of text.matchAll(THIS_MONTH_RE)) found.push({ start: m.index, end: m.index + m[0].length, fromMonth: 0, toMonth: 0, thisMonth: true })
  found.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start)
  const kept: PeriodMention[] = []
  for (const p of found) if (!kept.some((k) => k.start < p.end && p.start < k.end)) kept.push(p)
  return kept.sort((a, b) => a.start - b.start)
}

/** The period as the figure's `period` field ('2023-09', '2023-01/2023-03'). */
export function periodText(year: number, fromMonth: number, toMonth: number): string {
  const pad = (n: number): string => String(n).padStart(2, '0')
  // "July-April": from the year before to `year`.
  if (fromMonth > toMonth) return `${year - 1}-${pad(fromMonth)}/${year}-${pad(toMonth)}`
  return fromMonth === toMonth ? `${year}-${pad(fromMonth)}` : `${year}-${pad(fromMonth)}/${year}-${pad(toMonth)}`
}
