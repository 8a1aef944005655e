/**
 * npm run bench: ingestion speed and memory, side by side with `psql \copy` into a typed table
 * with its primary key, on files this script generates. One run prints:
 *   - BACI, several years in one file (sorted t, i, j, k as CEPII writes them): 1M and 5M rows;
 *   - Comtrade legacy (35 columns, quoted descriptions) and Comtrade Plus (47 columns, every
 *     field quoted, trailing comma): 1M rows each, against their own typed PK tables;
 *   - a revised release of the 1M BACI file (every row again, one in ten values changed): the
 *     merge path, against the first load;
 *   - the embedded engine on the BACI files (1M and 5M), against the server's rate;
 *   - the fixed cost of a command: `--help`, and a 10-row ingest on the server;
 *   - the ANALYZE each load ran (from its log).
 * Each case is the real command line (`node bin/trade-etl.js ingest FILE --json`) under
 * /usr/bin/time for peak RSS; "file" is the load time the command reports, "whole" the command.
 *
 * Environment: BENCH_DATABASE_URL (else DATABASE_URL, else postgres://root@127.0.0.1:5432/postgres)
 * is the server; BENCH_QUICK=1 runs 200k-row files and skips the 5M cases (for iterations);
 * BENCH_SCALE=1 adds the scale curve: 10M BACI rows into an empty warehouse, then 10M more
 * (new years) into the warehouse holding them (docs/scale.md), and the first 10M into an
 * embedded home (its peak RSS); BENCH_SCALE=only runs just that and
 * the fixed cost.
 */
import { execFileSync, spawn } from 'node:child_process'
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { once } from 'node:events'
import pg from 'pg'

const BASE_URL = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/postgres'
const QUICK = process.env.BENCH_QUICK === '1'
const SCALE = process.env.BENCH_SCALE === '1' || process.env.BENCH_SCALE === 'only'
/** BENCH_SCALE=only: the fixed cost and the scale curve alone (the 20M rows take minutes of their own). */
const ONLY_SCALE = process.env.BENCH_SCALE === 'only'
const M = QUICK ? 200_000 : 1_000_000
const BENCH_DB = `trade_etl_bench_${process.pid}`
const dir = mkdtempSync(`${tmpdir()}/trade-etl-bench-`)

function urlFor(database: string): string {
  const url = new URL(BASE_URL)
  url.pathname = `/${database}`
  return url.toString()
}

let seed = 42
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648)

/** Writes `lines` (made in order by `line(n)`) to a file; resolves when it is on disk. */
async function writeLines(path: string, header: string, rows: number, line: (n: number) => string): Promise<void> {
  const out = createWriteStream(path)
  out.write(`${header}\n`)
  let buffer = ''
  for (let n = 0; n < rows; n++) {
    buffer += line(n)
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await once(out, 'drain')
      buffer = ''
    }
  }
  out.end(buffer)
  await once(out, 'finish')
}

/** Positions of a row in a (year, reporter, partner, product) grid, in that sort order. */
function grid(n: number, rows: number, years: number, firstYear: number, products = 5000, partners = 200) {
  const perYear = Math.ceil(rows / years)
  const year = firstYear + Math.floor(n / perYear)
  const m = n % perYear
  const pair = Math.floor(m / products)
  return {
    year,
    product: m % products,
    partner: 4 + (pair % partners) * 4,
    reporter: 4 + Math.floor(pair / partners) * 4,
  }
}

/**
 * A BACI file of several years (t, i, j, k sorted). `revise` makes the revised release of the
 * same keys: one value in ten changes. Returns the exact sum of v in USD (v is thousand USD with
 * three decimals) and how many values changed.
 */
async function writeBaci(path: string, rows: number, years: number, firstYear: number, revise = false): Promise<{ valueUsd: bigint }> {
  seed = 42 + firstYear
  let valueUsd = 0n
  await writeLines(path, 't,i,j,k,v,q', rows, (n) => {
    const g = grid(n, rows, years, firstYear)
    const k = 10000 + g.product * 17 // 5-6 digit HS codes, some without their leading zero
    let v = (rand() * 100000).toFixed(3)
    const q = n % 11 === 0 ? 'NA' : (rand() * 5000).toFixed(3)
    if (revise && n % 10 === 0) v = `${v.slice(0, -1)}${(Number(v.at(-1)) + 1) % 10}`
    valueUsd += BigInt(v.replace('.', ''))
    return `${g.year},${g.reporter},${g.partner},${k},${v},${q}\n`
  })
  return { valueUsd }
}

const LEGACY_HEADER = 'Classification,Year,Period,Period Desc.,Aggregate Level,Is Leaf Code,Trade Flow Code,Trade Flow,Reporter Code,Reporter,Reporter ISO,Partner Code,Partner,Partner ISO,2nd Partner Code,2nd Partner,2nd Partner ISO,Customs Proc. Code,Customs,Mode of Transport Code,Mode of Transport,Commodity Code,Commodity,Qty Unit Code,Qty Unit,Qty,Alt Qty Unit Code,Alt Qty Unit,Alt Qty,Netweight (kg),Gross weight (kg),Trade Value (US$),CIF Trade Value (US$),FOB Trade Value (US$),Flag'

/** A Comtrade file: 4 years x 100 partners x 2500 products per year; `line` writes one row. */
async function writeComtrade(path: string, header: string, rows: number, line: (g: ReturnType<typeof grid>, code: string, value: string, kg: string) => string): Promise<{ valueUsd: bigint }> {
  seed = 7
  let valueUsd = 0n
  await writeLines(path, header, rows, (n) => {
    const g = grid(n, rows, 4, 2019, 2500, 100)
    const value = String(Math.floor(rand() * 1e9))
    valueUsd += BigInt(value)
    return line(g, String(100000 + g.product * 37), value, String(Math.floor(rand() * 1e7)))
  })
  return { valueUsd }
}

/** Comtrade legacy, 35 columns; the commodity description is quoted (it holds a comma). */
const writeLegacy = (path: string, rows: number) => writeComtrade(path, LEGACY_HEADER, rows, (g, code, value, kg) =>
  `H5,${g.year},${g.year},${g.year},6,1,1,Import,${g.reporter},Reporter ${g.reporter},R${g.reporter % 100}X,${g.partner},Partner ${g.partner},P${g.partner % 100}X,0,World,W00,C00,All CPCs,0,All MOTs,${code},"Goods ${code}, of iron or steel (other than those of heading ${code.slice(0, 4)})",8,kg,${kg},-1,N/A,,${kg},,${value},${value},,0\n`)

const PLUS_HEADER = 'typeCode,freqCode,refPeriodId,refYear,refMonth,period,reporterCode,reporterISO,reporterDesc,flowCode,flowDesc,partnerCode,partnerISO,partnerDesc,partner2Code,partner2ISO,partner2Desc,classificationCode,classificationSearchCode,isOriginalClassification,cmdCode,cmdDesc,aggrLevel,isLeaf,customsCode,customsDesc,mosCode,motCode,motDesc,qtyUnitCode,qtyUnitAbbr,qty,isQtyEstimated,altQtyUnitCode,altQtyUnitAbbr,altQty,isAltQtyEstimated,netWgt,isNetWgtEstimated,grossWgt,isGrossWgtEstimated,cifvalue,fobvalue,primaryValue,legacyEstimationFlag,isReported,isAggregate'

/** Comtrade Plus as the UI saves it: every field quoted, blanks unquoted, a trailing comma. */
const writePlus = (path: string, rows: number) => writeComtrade(path, PLUS_HEADER, rows, (g, code, value, kg) =>
  `"C","A","${g.year}0101","${g.year}","52","${g.year}","${g.reporter}","R${g.reporter % 100}X","Reporter ${g.reporter}","M","Import","${g.partner}","P${g.partner % 100}X","Partner ${g.partner}","0","W00","World","H5","HS","true","${code}","Goods ${code}, of iron or steel","6","true","C00","TOTAL CPC","0","0","TOTAL MOT","8","kg","${kg}","false","-1","N/A",,"false","${kg}","false",,"false","${value}",,"${value}","0","true","false",\n`)

/** The typed tables psql copies into, each with the natural key of its layout. */
const TYPED_TABLES = {
  baci: {
    columns: 't smallint, i integer, j integer, k text, v numeric, q numeric, primary key (t, i, j, k)',
    copy: "with (format csv, header true, null 'NA')",
  },
  legacy: {
    columns: `classification text, year smallint, period integer, period_desc text, aggregate_level smallint, is_leaf smallint,
      flow_code smallint, flow text, reporter_code integer, reporter text, reporter_iso text, partner_code integer, partner text,
      partner_iso text, partner2_code integer, partner2 text, partner2_iso text, customs_code text, customs text, mot_code integer,
      mot text, commodity_code text, commodity text, qty_unit_code integer, qty_unit text, qty numeric, alt_qty_unit_code integer,
      alt_qty_unit text, alt_qty numeric, netweight_kg numeric, gross_weight_kg numeric, value_usd numeric, cif_usd numeric,
      fob_usd numeric, flag integer,
      primary key (period, reporter_code, partner_code, commodity_code, flow_code, partner2_code, customs_code, mot_code)`,
    copy: 'with (format csv, header true)',
  },
  plus: {
    columns: `type_code text, freq_code text, ref_period_id integer, ref_year smallint, ref_month smallint, period integer,
      reporter_code integer, reporter_iso text, reporter_desc text, flow_code text, flow_desc text, partner_code integer,
      partner_iso text, partner_desc text, partner2_code integer, partner2_iso text, partner2_desc text, classification_code text,
      classification_search_code text, is_original_classification boolean, cmd_code text, cmd_desc text, aggr_level smallint,
      is_leaf boolean, customs_code text, customs_desc text, mos_code integer, mot_code integer, mot_desc text, qty_unit_code integer,
      qty_unit_abbr text, qty numeric, is_qty_estimated boolean, alt_qty_unit_code integer, alt_qty_unit_abbr text, alt_qty numeric,
      is_alt_qty_estimated boolean, net_wgt numeric, is_net_wgt_estimated boolean, gross_wgt numeric, is_gross_wgt_estimated boolean,
      cif_value numeric, fob_value numeric, primary_value numeric, legacy_estimation_flag integer, is_reported boolean,
      is_aggregate boolean, trailing_blank text,
      primary key (period, reporter_code, partner_code, cmd_code, flow_code, partner2_code, customs_code, mot_code, mos_code)`,
    copy: 'with (format csv, header true)',
  },
} as const

async function query<T extends pg.QueryResultRow>(database: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: urlFor(database) })
  await client.connect()
  try {
    return (await client.query<T>(text)).rows
  } finally {
    await client.end()
  }
}

async function freshDatabase(): Promise<string> {
  await query('postgres', `drop database if exists ${BENCH_DB} with (force)`)
  await query('postgres', `create database ${BENCH_DB}`)
  // Migrate and load reference data first, so the measured runs are the files alone.
  execFileSync(process.execPath, ['bin/trade-etl.js', 'migrate'], { env: { ...process.env, DATABASE_URL: urlFor(BENCH_DB), LOG_LEVEL: 'warn' } })
  return urlFor(BENCH_DB)
}

interface Measured {
  readonly seconds: number
  readonly cpuSeconds: number
  readonly loadSeconds: number
  readonly peakRssMb: number
  readonly rows: number
  readonly revised: number
  readonly analyzeMs: number | undefined
}

/** Runs the real CLI under /usr/bin/time for its peak RSS; the file's own load time comes from --json. */
async function timeCommand(args: readonly string[], env: NodeJS.ProcessEnv): Promise<{ seconds: number; cpuSeconds: number; peakRssMb: number; stdout: string; stderr: string }> {
  const started = performance.now()
  const child = spawn('/usr/bin/time', ['-f', 'PEAK_RSS_KB=%M CPU_S=%U+%S', process.execPath, 'bin/trade-etl.js', ...args], {
    env: { ...process.env, LOG_LEVEL: 'info', ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
  const [code] = (await once(child, 'exit')) as [number]
  const seconds = (performance.now() - started) / 1000
  if (code !== 0) throw new Error(`trade-etl ${args.join(' ')} failed (${code}): ${stderr}`)
  const rss = /PEAK_RSS_KB=(\d+) CPU_S=([\d.]+)\+([\d.]+)/.exec(stderr)
  return { seconds, cpuSeconds: Number(rss?.[2] ?? 0) + Number(rss?.[3] ?? 0), peakRssMb: Number(rss?.[1] ?? 0) / 1024, stdout, stderr }
}

async function timeIngest(file: string, env: NodeJS.ProcessEnv, expectRows: number): Promise<Measured> {
  const run = await timeCommand(['ingest', file, '--json'], env)
  const summary = JSON.parse(run.stdout) as { files: { rowsRead: number; rowsLoaded: number; rowsRejected: number; revised?: number; ms: number; error?: string }[] }
  const f = summary.files[0]
  if (f === undefined || f.error !== undefined || f.rowsRead !== f.rowsLoaded + f.rowsRejected || f.rowsRejected !== 0 || f.rowsLoaded !== expectRows) {
    throw new Error(`ingest of ${file} does not add up: ${run.stdout}`)
  }
  let analyzeMs: number | undefined
  for (const line of run.stderr.split('\n')) {
    if (!line.startsWith('{')) continue
    const event = JSON.parse(line) as { msg?: string; ms?: number }
    if (event.msg === 'statistics refreshed') analyzeMs = (analyzeMs ?? 0) + (event.ms ?? 0)
  }
  return { seconds: run.seconds, cpuSeconds: run.cpuSeconds, loadSeconds: f.ms / 1000, peakRssMb: run.peakRssMb, rows: f.rowsLoaded, revised: f.revised ?? 0, analyzeMs }
}

/** Seconds of `psql \copy` of the file into a fresh typed table with its key. */
function timePsqlCopy(file: string, kind: keyof typeof TYPED_TABLES, rows: number): number {
  const url = urlFor(BENCH_DB)
  const table = TYPED_TABLES[kind]
  execFileSync('psql', [url, '-q', '-c', `drop table if exists bench_copy; create table bench_copy (${table.columns})`], { stdio: ['ignore', 'ignore', 'inherit'] })
  const started = performance.now()
  execFileSync('psql', [url, '-q', '-c', `\\copy bench_copy from '${file}' ${table.copy}`])
  const seconds = (performance.now() - started) / 1000
  const count = execFileSync('psql', [url, '-tA', '-c', 'select count(*) from bench_copy; drop table bench_copy']).toString().trim().split('\n')[0]
  if (Number(count) !== rows) throw new Error(`psql copied ${count} rows, expected ${rows}`)
  return seconds
}

/** The warehouse holds the rows, amounts exact to the dollar (read through the core.trade_flow view). */
async function checkTotals(format: string, rows: number, valueUsd: bigint): Promise<void> {
  const [r] = await query<{ n: string; v: string | null }>(BENCH_DB, `select count(*) as n, sum(value)::text as v from core.trade_flow where source_format = '${format}'`)
  if (Number(r?.n) !== rows || BigInt(r?.v ?? '0') !== valueUsd) {
    throw new Error(`core.trade_flow has ${r?.n} ${format} rows worth ${r?.v} USD, expected ${rows} worth ${valueUsd}`)
  }
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US')
const label = (rows: number) => (rows >= 1e6 ? `${rows / 1e6}M` : `${rows / 1e3}k`)
const table: string[][] = [['case', 'rows', 'MB', 'file s', 'whole s', 'rows/s file', 'psql s', 'ratio file', 'ratio whole', 'peak RSS', 'analyze']]
function report(name: string, rows: number, path: string, m: Measured, psqlSeconds: number | undefined, note = ''): void {
  const row = [
    name, label(rows), (statSync(path).size / 1e6).toFixed(0), m.loadSeconds.toFixed(2), m.seconds.toFixed(2), fmt(rows / m.loadSeconds),
    psqlSeconds === undefined ? '' : psqlSeconds.toFixed(2),
    psqlSeconds === undefined ? '' : `${(psqlSeconds / m.loadSeconds).toFixed(2)}x`,
    psqlSeconds === undefined ? '' : `${(psqlSeconds / m.seconds).toFixed(2)}x`,
    `${m.peakRssMb.toFixed(0)} MB`, m.analyzeMs === undefined ? '-' : `${m.analyzeMs} ms`,
  ]
  table.push(row)
  process.stdout.write(`${row.join('  ')}${note === '' ? '' : `  ${note}`}\n`)
}

const serverRates = new Map<number, number>()
const embeddedRates = new Map<number, number>()
const notes: string[] = []

async function benchBaci(rows: number): Promise<void> {
  const path = `${dir}/BACI_HS17_Y2019-2022_V202301-${rows}.csv`
  const { valueUsd } = await writeBaci(path, rows, 4, 2019)
  const url = await freshDatabase()
  const ingest = await timeIngest(path, { DATABASE_URL: url }, rows)
  await checkTotals('baci', rows, valueUsd)
  const psql = timePsqlCopy(path, 'baci', rows)
  report(`baci 4 years, server`, rows, path, ingest, psql)
  serverRates.set(rows, rows / ingest.loadSeconds)

  if (rows === M) {
    // A revised release: the same keys again, one value in ten changed -> the merge path.
    const revisedPath = `${dir}/BACI_HS17_Y2019-2022_V202401-${rows}.csv`
    const revised = await writeBaci(revisedPath, rows, 4, 2019, true)
    const merge = await timeIngest(revisedPath, { DATABASE_URL: url }, rows)
    await checkTotals('baci', rows, revised.valueUsd)
    if (merge.revised !== Math.ceil(rows / 10)) throw new Error(`revised ${merge.revised} values, expected ${Math.ceil(rows / 10)}`)
    report('baci revised release, server', rows, revisedPath, merge, undefined,
      `${fmt(merge.revised)} values revised; time per row ${(merge.loadSeconds / ingest.loadSeconds).toFixed(2)}x the first load`)
    rmSync(revisedPath, { force: true })
  }

  const home = mkdtempSync(`${tmpdir()}/trade-etl-bench-home-`)
  try {
    execFileSync(process.execPath, ['bin/trade-etl.js', 'migrate'], { env: { ...process.env, DATABASE_URL: '', TRADE_ETL_HOME: home, LOG_LEVEL: 'warn' } })
    const embedded = await timeIngest(path, { DATABASE_URL: '', TRADE_ETL_HOME: home }, rows)
    embeddedRates.set(rows, rows / embedded.loadSeconds)
    report('baci 4 years, embedded', rows, path, embedded, psql,
      `rate ${(embedded.loadSeconds === 0 ? 0 : (rows / embedded.loadSeconds) / (rows / ingest.loadSeconds)).toFixed(2)}x the server's`)
  } finally {
    rmSync(home, { recursive: true, force: true })
  }
  rmSync(path, { force: true })
}

async function benchComtrade(kind: 'legacy' | 'plus', rows: number): Promise<void> {
  const path = `${dir}/comtrade-${kind}-${rows}.csv`
  const { valueUsd } = kind === 'legacy' ? await writeLegacy(path, rows) : await writePlus(path, rows)
  const url = await freshDatabase()
  const ingest = await timeIngest(path, { DATABASE_URL: url }, rows)
  await checkTotals(kind === 'legacy' ? 'comtrade' : 'comtrade-plus', rows, valueUsd)
  const psql = timePsqlCopy(path, kind, rows)
  report(`comtrade ${kind}, server`, rows, path, ingest, psql)
  rmSync(path, { force: true })
}

/** Fixed cost of a command: --help, and a 10-row ingest into a migrated server warehouse (mean of 5). */
async function benchFixedCost(): Promise<void> {
  const url = await freshDatabase()
  const help: { seconds: number; cpuSeconds: number }[] = []
  const small: { seconds: number; cpuSeconds: number }[] = []
  for (let n = 0; n < 5; n++) {
    help.push(await timeCommand(['--help'], {}))
    const path = `${dir}/BACI_HS17_Y${2000 + n}_V202301-10.csv`
    await writeBaci(path, 10, 1, 2000 + n)
    small.push(await timeIngest(path, { DATABASE_URL: url }, 10))
  }
  // Wall time on a shared machine waits for the CPU; the process's own CPU time says what it costs.
  const show = (xs: { seconds: number; cpuSeconds: number }[]) => {
    const mean = (f: (x: { seconds: number; cpuSeconds: number }) => number) => (xs.reduce((a, x) => a + f(x), 0) / xs.length).toFixed(2)
    return `${mean((x) => x.seconds)} s wall (min ${Math.min(...xs.map((x) => x.seconds)).toFixed(2)}), ${mean((x) => x.cpuSeconds)} s CPU`
  }
  notes.push(`fixed cost, mean of 5: --help ${show(help)}; 10-row ingest on the server ${show(small)}`)
  process.stdout.write(`${notes.at(-1)}\n`)
}

/** 10M rows into an empty warehouse, then 10M rows of other years into the one holding them. */
async function benchScale(): Promise<void> {
  const rows = 10_000_000
  const url = await freshDatabase()
  for (const [n, firstYear] of [[1, 2001], [2, 2011]] as const) {
    const path = `${dir}/BACI_HS17_Y${firstYear}-${firstYear + 9}_V202301.csv`
    await writeBaci(path, rows, 10, firstYear)
    const ingest = await timeIngest(path, { DATABASE_URL: url }, rows)
    const psql = n === 1 ? timePsqlCopy(path, 'baci', rows) : undefined
    report(`baci 10 years, load ${n} (warehouse holds ${(n - 1) * 10}M), server`, rows, path, ingest, psql,
      `${(ingest.loadSeconds / rows * 1e6).toFixed(2)} s per 1M rows`)
    // The embedded engine's peak RSS must not grow with the file: the same 10M rows into a new home.
    if (n === 1) {
      const home = mkdtempSync(`${tmpdir()}/trade-etl-bench-home-`)
      try {
        const embedded = await timeIngest(path, { DATABASE_URL: '', TRADE_ETL_HOME: home }, rows)
        report('baci 10 years, embedded', rows, path, embedded, psql,
          `rate ${(embedded.loadSeconds === 0 ? 0 : ingest.loadSeconds / embedded.loadSeconds).toFixed(2)}x the server's`)
      } finally {
        rmSync(home, { recursive: true, force: true })
      }
    }
    rmSync(path, { force: true })
  }
}

try {
  process.stdout.write(`trade-etl bench${QUICK ? ' (quick)' : ''}: ${new Date().toISOString()}, node ${process.version}\n`)
  await benchFixedCost()
  if (!ONLY_SCALE) {
    await benchBaci(M)
    await benchComtrade('legacy', M)
    await benchComtrade('plus', M)
    if (!QUICK) await benchBaci(5 * M)
  }
  if (SCALE) await benchScale()
  process.stdout.write('\nSummary (ratio = psql \\copy time into a typed PK table / trade-etl time; >1 is faster than psql)\n')
  const widths = table[0]?.map((_, c) => Math.max(...table.map((r) => (r[c] ?? '').length))) ?? []
  for (const row of table) process.stdout.write(`${row.map((cell, c) => cell.padEnd(widths[c] ?? 0)).join('  ')}\n`)
  for (const note of notes) process.stdout.write(`${note}\n`)
  for (const [rows, rate] of embeddedRates) {
    process.stdout.write(`embedded ${label(rows)}: ${fmt(rate)} rows/s = ${(rate / (serverRates.get(rows) ?? rate)).toFixed(2)}x the server's ${fmt(serverRates.get(rows) ?? 0)} rows/s\n`)
  }
} finally {
  await query('postgres', `drop database if exists ${BENCH_DB} with (force)`)
  rmSync(dir, { recursive: true, force: true })
}
