/**
 * A number an article quotes, in a canonical unit, with where it stands in the text and, when
 * the sentence says so, what it is about. This is the shape the CLI prints (`figures --json`)
 * and loads into `reporting.article_figure`; see CONTRACT.md.
 */

/**
 * `price` is an amount of money per unit of something ("$2.45/bu", "$82 a barrel"): never a trade value.
 * `rank` is a position among partners ("the second largest buyer" is 2; unit '1', measure 'rank').
 * `comparison` sets one country against others ("twice as much as Kazakhstan" is 2, "overtook Russia" 1 with
 * qualifier 'more than'; unit '1', measure 'comparison'; see `comparison`, `comparedWith`, `subject`).
 */
export type FigureKind = 'mass' | 'money' | 'percent' | 'volume' | 'volume_rate' | 'area' | 'count' | 'date' | 'year' | 'price' | 'rank' | 'comparison'

export type FigureMeasure = 'level' | 'change' | 'share' | 'rank' | 'comparison'

export type FigureFlow = 'X' | 'M' | 'production' | 'consumption' | 'transit' | 'stocks'

export interface Figure {
  readonly kind: FigureKind
  /** In the canonical unit, as a JSON number (convenience; `valueExact` is the truth). */
  readonly value: number
  /** The same value as an exact decimal string, e.g. "2289000". */
  readonly valueExact: string
  /** 't', 'USD' (or 'EUR', 'GBP', ...), '%', 'bbl', 'bbl/d', 'ha', '1', 'date', 'year'. */
  readonly unit: string
  /** The span exactly as written: `text === source.slice(start, end)`. */
  readonly text: string
  readonly start: number
  readonly end: number
  /** For a level quoted as the base of a comparison ("from 2.9 Mt", "(7.9)"): true. */
  readonly base?: boolean
  /** For kind 'percent' that is a change: 'points' when written as percentage points. */
  readonly points?: boolean
  /** 'nearly', 'about', 'more than', ... lower-case, as written. */
  readonly qualifier?: string
  /** The year the figure is about. */
  readonly year?: number
  /** A sub-year period the text names, e.g. '2023-01/2023-11'. */
  readonly period?: string
  /** ISO3 of the exporting (flow X) or importing (flow M) country. */
  readonly reporter?: string
  /** ISO3 of the other country. */
  readonly partner?: string
  /** "to Italy, India and Israel": the partners of a figure about a list (then no `partner`). */
  readonly partners?: readonly string[]
  /**
   * 'X' exports, 'M' imports (trade flows: the only ones checked against HS trade data), or what
   * else the sentence says the amount is: 'production', 'consumption', 'transit', 'stocks'.
   */
  readonly flow?: FigureFlow
  /** Normalized commodity name, e.g. 'crude oil'. */
  readonly commodity?: string
  /** HS code of the commodity, e.g. '2709'. */
  readonly hsCode?: string
  readonly measure?: FigureMeasure
  /** For a change: the base year it is measured against. */
  readonly changeFrom?: number
  readonly changeDirection?: 'increase' | 'decrease'
  /** For a share: what it is a share of, as written ("Israel's oil needs"). */
  readonly shareOf?: string
  /** ISO3 of the country named in `shareOf`. */
  readonly shareOfCountry?: string
  /** For kind 'date': 'YYYY-MM-DD', 'YYYY-MM', or a range 'YYYY-MM/YYYY-MM', 'YYYY/YYYY'. */
  readonly date?: string
  /** For a comparison: 'ratio' (the subject is `value` times the other side), 'more', 'less', 'overtook' (more now, not the year before). */
  readonly comparison?: 'ratio' | 'more' | 'less' | 'overtook'
  /** For a comparison: ISO3 of the other side (several when listed). */
  readonly comparedWith?: readonly string[]
  /** For a comparison against several: true when they are added up ("combined"), else the subject is compared with each. */
  readonly combined?: boolean
  /** For a comparison: ISO3 of the country compared (the figure's reporter or partner). */
  readonly subject?: string
}

export interface ExtractOptions {
  /** Fill year, period, countries, flow, commodity and measure from the text (default true). */
  readonly links?: boolean
  /**
   * The article's date ('YYYY-MM-DD'), for "this year", "last month" and months named without a
   * year; when absent, a date on the article's first lines ("date 2019-12-06") is used.
   */
  readonly published?: string
}
