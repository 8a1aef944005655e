/**
 * Calendar dates and named periods: "April 7, 1992", "7 April 1992", "October 2022",
 * "2025-03-08", "January-November 2023", "Q1 2023", "the first half of 2023", "2023-2025".
 * Month names must be capitalised: "may 2009" is not a date, "May 2009" is.
 */

export interface DateMatch {
  readonly start: number
  readonly end: number
  /** 'YYYY-MM-DD', 'YYYY-MM', 'YYYY-MM/YYYY-MM' or 'YYYY/YYYY'. */
  readonly date: string
  /** The (first) year the date falls in. */
  readonly year: number
  /** Set when the date names a stretch of months a figure can be about ('2023-01/2023-11', '2017-09/2018-08'). */
  readonly period?: string
}

const MONTHS: Readonly<Record<string, number>> = {
  january: 1, february: 2, march: 3, april: 4, may: 5, june: 6, july: 7, august: 8, september: 9, october: 10, november: 11, december: 12,
  jan: 1, feb: 2, mar: 3, apr: 4, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
}

const M = '(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)'
const Y = '(1[89]\\d\\d|20\\d\\d|2100)'
const DAY = '(\\d{1,2})(?:st|nd|rd|th)?'
const END = '(?![\\p{L}\\p{N}])'
const START = '(?<![\\p{L}\\p{N}])'
const DASH = '\\s*(?:-|–|—|to|through|until|till)\\s*'
const ORDINAL: Readonly<Record<string, number>> = { first: 1, '1st': 1, second: 2, '2nd': 2, third: 3, '3rd': 3, fourth: 4, '4th': 4, last: 4 }
const COUNT_WORDS: Readonly<Record<string, number>> = { two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11 }

interface Pattern {
  readonly re: RegExp
  readonly build: (m: RegExpExecArray) => Omit<DateMatch, 'start' | 'end'> | null
}

const PATTERNS: readonly Pattern[] = [
  {
    // January-November 2023, Jan.–Sep. of 2024
    re: new RegExp(`${START}${M}\\.?${DASH}${M}\\.?,?\\s+(?:of\\s+)?${Y}${END}`, 'gu'),
    build: (m) => {
      const from = month(m[1])
      const to = month(m[2])
      const year = Number(m[3])
      if (to <= from) return null
      const period = `${year}-${pad(from)}/${year}-${pad(to)}`
      return { date: period, year, period }
    },
  },
  {
    // September 2017 to August 2018, from July 2019 through June 2020: a span of months across
    // years (a season, a fiscal year) is one date, and the period of the figures it dates, across
    // the two years (issue 10, sixteenth round).
    re: new RegExp(`${START}${M}\\.?,?\\s+(?:of\\s+)?${Y}${DASH}${M}\\.?,?\\s+(?:of\\s+)?${Y}${END}`, 'gu'),
    build: (m) => {
      const from = month(m[1])
      const to = month(m[3])
      const first = Number(m[2])
      const last = Number(m[4])
      if (last < first || (last === first && to <= from) || last - first > 5) return null
      const period = `${first}-${pad(from)}/${last}-${pad(to)}`
      return { date: period, year: first, period }
    },
  },
  {
    // the year ended October 2016, the twelve months ending June 2019: the twelve months that end
    // with the month named, one date across two years as "November 2015 to October 2016" is (issue
    // 10, twenty-first round); a year ended December is the calendar year. "The year to March
    // 2022" stays its month, as a dev label reads it.
    re: new RegExp(`${START}(?:year|12\\s+months|twelve\\s+months)\\s+(?:ended|ending)\\s+${M}\\.?,?\\s+(?:of\\s+)?${Y}${END}`, 'giu'),
    build: (m) => {
      const to = month(m[1])
      const last = Number(m[2])
      if (to === 12) return months(last, 1, 12)
      const first = last - 1
      const period = `${first}-${pad(to + 1)}/${last}-${pad(to)}`
      return { date: period, year: first, period }
    },
  },
  {
    // between January and October 2024 (the span starts at the first month)
    re: new RegExp(`(?<=[Bb]etween\\s+)${M}\\.?\\s+and\\s+${M}\\.?,?\\s+(?:of\\s+)?${Y}${END}`, 'gu'),
    build: (m) => {
      const from = month(m[1])
      const to = month(m[2])
      const year = Number(m[3])
      if (to <= from) return null
      const period = `${year}-${pad(from)}/${year}-${pad(to)}`
      return { date: period, year, period }
    },
  },
  {
    // April 7, 1992
    re: new RegExp(`${START}${M}\\.?\\s+${DAY},?\\s+${Y}${END}`, 'gu'),
    build: (m) => day(Number(m[3]), month(m[1]), Number(m[2])),
  },
  {
    // 7 April 1992, 13th of December 2016
    re: new RegExp(`${START}${DAY}\\s+(?:of\\s+)?${M}\\.?,?\\s+${Y}${END}`, 'gu'),
    build: (m) => day(Number(m[3]), month(m[2]), Number(m[1])),
  },
  {
    // October 2022, May of 2009
    re: new RegExp(`${START}${M}\\.?,?\\s+(?:of\\s+)?${Y}${END}`, 'gu'),
    build: (m) => {
      const year = Number(m[2])
      const date = `${year}-${pad(month(m[1]))}`
      return { date, year, period: date }
    },
  },
  {
    // 2025-03-08
    re: new RegExp(`(?<![\\d-])${Y}-(\\d{2})-(\\d{2})(?![\\d-])`, 'gu'),
    build: (m) => day(Number(m[1]), Number(m[2]), Number(m[3])),
  },
  {
    // Q1 2023, Q3 of 2022
    re: new RegExp(`${START}Q([1-4])\\s*(?:of\\s+)?${Y}${END}`, 'gu'),
    build: (m) => months(Number(m[2]), (Number(m[1]) - 1) * 3 + 1, Number(m[1]) * 3),
  },
  {
    // the first quarter of 2023
    re: new RegExp(`${START}(first|second|third|fourth|1st|2nd|3rd|4th|last)\\s+quarter\\s+(?:of\\s+)?${Y}${END}`, 'giu'),
    build: (m) => {
      const q = ORDINAL[(m[1] ?? '').toLowerCase()] ?? 1
      return months(Number(m[2]), (q - 1) * 3 + 1, q * 3)
    },
  },
  {
    // H1 2023, the first half of 2023
    re: new RegExp(`${START}(?:H([12])|([12])H|(first|second)\\s+half\\s+of)\\s*${Y}${END}`, 'giu'),
    build: (m) => {
      const half = m[1] !== undefined ? Number(m[1]) : m[2] !== undefined ? Number(m[2]) : (m[3] ?? '').toLowerCase() === 'first' ? 1 : 2
      return months(Number(m[4]), half === 1 ? 1 : 7, half === 1 ? 6 : 12)
    },
  },
  {
    // the first nine months of 2023, eleven months of 2023, 11 months of 2023
    re: new RegExp(`${START}(two|three|four|five|six|seven|eight|nine|ten|eleven|[2-9]|1[01])\\s+months\\s+of\\s+${Y}${END}`, 'giu'),
    build: (m) => months(Number(m[2]), 1, COUNT_WORDS[(m[1] ?? '').toLowerCase()] ?? Number(m[1])),
  },
  {
    // the first three quarters of 2025, the first two quarters of 2024 (issue 10, twentieth round)
    re: new RegExp(`${START}first\\s+(two|three|2|3)\\s+quarters\\s+of\\s+${Y}${END}`, 'giu'),
    build: (m) => months(Number(m[2]), 1, 3 * (COUNT_WORDS[(m[1] ?? '').toLowerCase()] ?? Number(m[1]))),
  },
  {
    // 2023-2025, 2022/23, 2019–2021
    re: new RegExp(`(?<![\\d.,$€£/-])${Y}\\s*(?:-|–|—|/)\\s*(\\d{4}|\\d{2})(?![\\d%/-]|[.,]\\d|\\s*(?:%|per\\s*cent|percent))`, 'gu'),
    build: (m) => {
      const first = Number(m[1])
      const raw = m[2] ?? ''
      const second = raw.length === 2 ? Math.floor(first / 100) * 100 + Number(raw) : Number(raw)
      if (second <= first || second - first > 30) return null
      return { date: `${first}/${second}`, year: first }
    },
  },
]

/** Every date in `text`; where two overlap, the longer one (then the earlier one) wins. */
export function findDates(text: string): DateMatch[] {
  const found: DateMatch[] = []
  for (const p of PATTERNS) {
    p.re.lastIndex = 0
    for (let m = p.re.exec(text); m !== null; m = p.re.exec(text)) {
      const built = p.build(m)
      if (built !== null) found.push({ start: m.index, end: m.index + m[0].length, ...built })
    }
  }
  found.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start)
  const kept: DateMatch[] = []
  for (const d of found) if (!kept.some((k) => k.start < d.end && d.start < k.end)) kept.push(d)
  return kept.sort((a, b) => a.start - b.start)
}

function month(name: string | undefined): number {
  return MONTHS[(name ?? '').toLowerCase()] ?? 0
}

function pad(n: number): string {
  return String(n).padStart(2, '0')
}

function day(year: number, mon: number, d: number): Omit<DateMatch, 'start' | 'end'> | null {
  if (mon < 1 || mon > 12 || d < 1 || d > new Date(Date.UTC(year, mon, 0)).getUTCDate()) return null
  return { date: `${year}-${pad(mon)}-${pad(d)}`, year }
}

function months(year: number, from: number, to: number): Omit<DateMatch, 'start' | 'end'> {
  const period = `${year}-${pad(from)}/${year}-${pad(to)}`
  return { date: period, year, period }
}
