/** How wide a table may be: the terminal's width, else `COLUMNS`, else 100. */
export function outputWidth(stream: { readonly isTTY?: boolean; readonly columns?: number } = process.stdout): number {
  if (stream.isTTY === true && (stream.columns ?? 0) > 0) return stream.columns as number
  const columns = Number(process.env.COLUMNS)
  return Number.isInteger(columns) && columns > 0 ? columns : 100
}

/** Narrowest a text column is cut to before the table is allowed to overflow. */
const MIN_COLUMN = 6

/**
 * Plain-text tables for the terminal: right-aligned numbers, no colours, no dependencies. A table
 * wider than `width` (the terminal, else 100 columns) fits it: the widest text columns are cut
 * with an ellipsis (paths keep their end, where the file name is), the last text column wraps
 * instead, numbers are never cut. `--json` keeps every cell whole.
 */
export function renderTable(headers: readonly string[], rows: readonly (readonly (string | number | null | undefined)[])[], width = outputWidth()): string {
  const cells = rows.map((r) => r.map((c) => (c === null || c === undefined ? '' : String(c).replace(/\s+/g, ' '))))
  const natural = headers.map((h, i) => Math.max(h.length, ...cells.map((r) => r[i]?.length ?? 0)))
  const numeric = headers.map((_, i) => cells.length > 0 && cells.every((r) => (r[i] ?? '') === '' || /^[-+]?[\d,.]+[KMBT]? ?%?$/.test(r[i] ?? '')))
  // A column of paths is cut no narrower than its file names ('…/BACI_HS17_Y2021_V202401.csv').
  const fileName = (i: number) => Math.min(40, Math.max(0, ...cells.map((r) => (r[i]?.includes('/') === true ? (r[i]?.split('/').at(-1)?.length ?? 0) + 2 : 0))))
  const minimum = headers.map((h, i) => (numeric[i] === true ? natural[i] ?? 0 : Math.min(natural[i] ?? 0, Math.max(MIN_COLUMN, Math.min(h.length, 12), fileName(i)))))
  const last = headers.length - 1
  const wraps = numeric[last] !== true
  // The wrapping column keeps 30 characters while other columns can still give way.
  const roomy = minimum.map((m, i) => (i === last && wraps ? Math.max(m, Math.min(natural[i] ?? 0, 30)) : m))
  const widths = fitWidths(fitWidths(natural, roomy, width), minimum, width)
  const lines = (r: readonly string[]): string[] => {
    const pieces = r.map((c, i) => (i === last && wraps ? wrap(c, widths[i] ?? 0) : [cut(c, widths[i] ?? 0)]))
    const height = Math.max(...pieces.map((p) => p.length))
    return Array.from({ length: height }, (_, k) => pieces.map((p, i) => {
      const c = p[k] ?? ''
      return numeric[i] === true ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0)
    }).join('  ').trimEnd())
  }
  return [...lines(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.flatMap(lines)].join('\n')
}

/** Narrows the widest shrinkable column, one character at a time, until the row fits `width`. */
function fitWidths(natural: readonly number[], minimum: readonly number[], width: number): number[] {
  const widths = [...natural]
  let total = widths.reduce((a, b) => a + b, 0) + 2 * (widths.length - 1)
  while (total > width) {
    let widest = -1
    for (let i = 0; i < widths.length; i++) {
      if ((widths[i] ?? 0) > (minimum[i] ?? 0) && (widest < 0 || (widths[i] ?? 0) > (widths[widest] ?? 0))) widest = i
    }
    if (widest < 0) break
    widths[widest] = (widths[widest] ?? 0) - 1
    total--
  }
  return widths
}

/** A cell cut to `width` with an ellipsis; a path loses its start, anything else its end. */
function cut(text: string, width: number): string {
  if (text.length <= width) return text
  if (width <= 1) return text.slice(0, width)
  return text.includes('/') ? `…${text.slice(text.length - width + 1)}` : `${text.slice(0, width - 1)}…`
}

/** Word-wraps `text` to lines of at most `width` characters (a longer word is split). */
export function wrap(text: string, width: number): string[] {
  if (text.length <= width || width <= 0) return [text]
  const lines: string[] = []
  let line = ''
  for (const word of text.split(' ').filter((w) => w !== '')) {
    let rest = word
    while (rest.length > width) {
      if (line !== '') lines.push(line)
      line = ''
      lines.push(rest.slice(0, width))
      rest = rest.slice(width)
    }
    if (line === '') line = rest
    else if (line.length + 1 + rest.length <= width) line += ` ${rest}`
    else {
      lines.push(line)
      line = rest
    }
  }
  if (line !== '') lines.push(line)
  return lines
}

/** A line of prose for the terminal, wrapped to `width` with continuation lines under `indent`. */
export function wrapLine(text: string, indent = '    ', width = outputWidth()): string {
  if (text.length <= width) return text
  const lead = /^\s*/.exec(text)?.[0] ?? ''
  const [first = '', ...rest] = wrap(text.slice(lead.length), width - Math.max(lead.length, indent.length))
  return [lead + first, ...rest.map((l) => indent + l)].join('\n')
}

/** An exact decimal string with thousands separators, rounded to `digits` places for display only. */
export function formatAmount(value: string | number | null | undefined, digits = 0, compact = false): string {
  if (value === null || value === undefined || value === '') return ''
  const n = typeof value === 'number' ? value : Number(value)
  if (compact && Math.abs(n) >= 1e6) return n.toLocaleString('en-US', { notation: 'compact', maximumSignificantDigits: 4 })
  return n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })
}

/**
 * A table whose amounts are written in full when it fits `width`, else rounded (12.56B) with a
 * note, so that a wide report still fits the terminal; `--csv` and `--json` keep exact values.
 */
export function renderFitted(render: (compact: boolean) => string, width = outputWidth()): string {
  const full = render(false)
  if (full.split('\n').every((l) => l.length <= width)) return full
  return `${render(true)}\n(amounts rounded to fit ${width} columns: --csv or --json give them exactly)`
}

export function formatPct(value: string | number | null | undefined): string {
  if (value === null || value === undefined || value === '') return ''
  const n = Number(value)
  return `${n > 0 ? '+' : ''}${n.toFixed(1)} %`
}

/** RFC 4180 CSV: quotes only where needed. */
export function toCsv(headers: readonly string[], rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  const field = (v: string | number | null | undefined) => {
    const s = v === null || v === undefined ? '' : String(v)
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
  }
  return [headers, ...rows].map((r) => r.map(field).join(',')).join('\n') + '\n'
}
