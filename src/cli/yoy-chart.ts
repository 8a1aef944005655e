import { writeFile } from 'node:fs/promises'
import type { TopLevelSpec } from 'vega-lite'
import { TradeEtlError } from '../errors.ts'
import type { YoyRow } from '../load/index.ts'

/** More lines than this and neither the colours nor the legend can be told apart. */
export const CHART_MAX_SERIES = 10
/** Rows a chart collects before it gives up (bounded memory: the rest of `report` streams). */
export const CHART_MAX_ROWS = 2000

const SOURCE_NAMES: Record<string, string> = {
  comtrade: 'UN Comtrade',
  'comtrade-plus': 'UN Comtrade Plus',
  baci: 'CEPII BACI',
  comext: 'Eurostat Comext',
}

const FLOW_NAMES: Record<string, string> = { X: 'exports', M: 'imports', RX: 're-exports', RM: 're-imports' }

/** A power of a thousand and its name, so axis labels stay short (12.6 billion, not 12,560,562,731). */
function scaleFor(max: number): { factor: number; word: string } {
  if (max >= 1e9) return { factor: 1e9, word: 'billion ' }
  if (max >= 1e6) return { factor: 1e6, word: 'million ' }
  if (max >= 1e3) return { factor: 1e3, word: 'thousand ' }
  return { factor: 1, word: '' }
}

export interface YoyChartOptions {
  /** What was asked for, in words, for the title ("AZE, product 33, exports"). */
  readonly selection: string
}

/** One point of the chart: a row of reporting.trade_yoy, with numbers as the chart draws them. */
interface ChartDatum {
  series: string
  year: number
  value: number | null
  value_yoy_pct: number | null
  mass: number | null
  mass_yoy_pct: number | null
}

const num = (text: string | null) => (text === null ? null : Number(text))

function seriesLabel(r: YoyRow): string {
  const partner = r.partner_name ?? r.partner_iso3 ?? r.partner_code
  const towards = r.flow === 'M' || r.flow === 'RM' ? 'from' : 'to'
  return `${r.reporter_iso3 ?? r.reporter_code} ${FLOW_NAMES[r.flow ?? ''] ?? r.flow} ${towards} ${partner}, ${r.product_code} (${r.source_format})`
}

/**
 * A Vega-Lite spec of the rows: value and net mass by year (lines with a point per row), and
 * the change on the previous year of each (bars), one colour per series. Amounts are scaled to
 * thousands/millions/billions, and the axis titles say the unit.
 */
export function yoyChartSpec(rows: readonly YoyRow[], options: YoyChartOptions): TopLevelSpec {
  if (rows.length === 0) throw new TradeEtlError('USAGE', 'no rows to chart: widen the filter, or load trade files first')
  const series = new Set(rows.map(seriesLabel))
  if (series.size > CHART_MAX_SERIES) {
    throw new TradeEtlError('USAGE', `the selection has ${series.size} series (reporter, partner, product, flow, source); a chart draws at most ${CHART_MAX_SERIES}: narrow it with --partner, --product or --flow`)
  }
  const currencies = new Set(rows.map((r) => r.currency ?? (r.value_usd !== null ? 'USD' : null)).filter((c) => c !== null))
  if (currencies.size > 1) throw new TradeEtlError('USAGE', `the selection mixes currencies (${[...currencies].join(', ')}): narrow it to one source`)
  const currency = [...currencies][0] ?? 'USD'
  const value = scaleFor(Math.max(0, ...rows.map((r) => Math.abs(num(r.value ?? r.value_usd) ?? 0))))
  const mass = scaleFor(Math.max(0, ...rows.map((r) => Math.abs(num(r.net_mass_t) ?? 0))))
  const data: ChartDatum[] = rows.map((r) => ({
    series: seriesLabel(r),
    year: r.year ?? 0,
    value: num(r.value ?? r.value_usd) === null ? null : (num(r.value ?? r.value_usd) as number) / value.factor,
    value_yoy_pct: num(r.value_yoy_pct),
    // A mass of 0 next to a value is "not reported" in Comtrade's aggregates: not drawn as 0 t.
    mass: num(r.net_mass_t) === null || num(r.net_mass_t) === 0 ? null : (num(r.net_mass_t) as number) / mass.factor,
    mass_yoy_pct: num(r.net_mass_yoy_pct),
  }))
  const noMass = data.every((d) => d.mass === null)
  const sources = [...new Set(rows.map((r) => SOURCE_NAMES[r.source_format ?? ''] ?? r.source_format))].join(', ')
  const years = rows.map((r) => r.year ?? 0)
  const first = Math.min(...years)
  const last = Math.max(...years)
  const yearAxis = { field: 'year', type: 'ordinal' as const, title: 'Year', axis: { labelAngle: 0 } }
  const color = { field: 'series', type: 'nominal' as const, title: null, legend: { orient: 'bottom' as const, columns: 1, labelLimit: 600 } }
  const level = (field: 'value' | 'mass', title: string) => ({
    name: field,
    width: 360,
    height: 200,
    title: { text: title, anchor: 'start' as const, fontSize: 13 },
    mark: { type: 'line' as const, point: { filled: true, size: 50 } },
    transform: [{ filter: `datum.${field} != null` }],
    encoding: {
      x: yearAxis,
      y: { field, type: 'quantitative' as const, title: field === 'value' ? `Value (${value.word}${currency})` : `Net mass (${mass.word}t)` },
      color,
      tooltip: [{ field: 'series' }, { field: 'year' }, { field, format: ',.3f' }],
    },
  })
  const change = (field: 'value_yoy_pct' | 'mass_yoy_pct', title: string) => ({
    name: field,
    width: 360,
    height: 200,
    title: { text: title, anchor: 'start' as const, fontSize: 13 },
    mark: { type: 'bar' as const },
    transform: [{ filter: `datum.${field} != null` }],
    encoding: {
      x: yearAxis,
      xOffset: { field: 'series', type: 'nominal' as const },
      y: { field, type: 'quantitative' as const, title: 'Change on previous year (%)' },
      color,
      tooltip: [{ field: 'series' }, { field: 'year' }, { field, format: '+.2f' }],
    },
  })
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: {
      text: `Trade year over year: ${options.selection}, ${first}-${last}`,
      subtitle: [
        `Value in ${currency}${noMass ? '' : ', net mass in metric tonnes'}; change on the previous calendar year in percent`,
        `(no bar where that year is missing or zero).${noMass ? ' The source reports no net mass for these rows.' : ''}`,
        `Source: ${sources}, via trade-etl reporting.trade_yoy.`,
      ],
      anchor: 'start',
      fontSize: 16,
      subtitleFontSize: 11,
    },
    data: { values: data as unknown as Record<string, unknown>[] },
    config: { font: 'DejaVu Sans, Helvetica, Arial, sans-serif', view: { stroke: null } },
    background: 'white',
    padding: 16,
    // No mass panels when the source gives none (Comtrade's SITC aggregates): empty axes say less than the subtitle.
    vconcat: [
      { hconcat: [level('value', `Value (${value.word}${currency})`), change('value_yoy_pct', 'Value: change on previous year (%)')] },
      ...noMass ? [] : [{ hconcat: [level('mass', `Net mass (${mass.word}t)`), change('mass_yoy_pct', 'Net mass: change on previous year (%)')] }],
    ],
    resolve: { scale: { color: 'shared' } },
  } as TopLevelSpec
}

/** The chart as an SVG document, rendered in-process (no browser, no canvas). */
export async function renderYoyChart(rows: readonly YoyRow[], options: YoyChartOptions): Promise<string> {
  // Loaded here, not at start-up: only `report --chart` needs them (see scripts/build.js).
  const [vega, { compile }] = await Promise.all([import('vega'), import('vega-lite')])
  const view = new vega.View(vega.parse(compile(yoyChartSpec(rows, options)).spec), { renderer: 'none' })
  try {
    return await view.toSVG()
  } finally {
    view.finalize()
  }
}

/** Writes the chart to `file`: SVG, or PNG (rendered from the SVG by resvg) when it ends in .png. */
export async function writeYoyChart(file: string, rows: readonly YoyRow[], options: YoyChartOptions): Promise<void> {
  const svg = await renderYoyChart(rows, options)
  if (/\.png$/i.test(file)) {
    const { Resvg } = await import('@resvg/resvg-js')
    const png = new Resvg(svg, { fitTo: { mode: 'zoom', value: 2 }, background: 'white', font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' } }).render().asPng()
    await writeFile(file, png)
  } else if (/\.svg$/i.test(file)) {
    await writeFile(file, svg)
  } else {
    throw new TradeEtlError('USAGE', `--chart ${file}: the file name ends in .svg or .png`)
  }
}
