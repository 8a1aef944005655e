/**
 * npm run bench:reporting: how fast reporting.trade_yoy answers a BI tool, on a BACI warehouse
 * this script builds: BENCH_ROWS rows (default 5M) on the server, BENCH_EMBEDDED_ROWS (default
 * 1M) on the embedded engine. The file has BACI's shape: years 2018-2022, the 200 first BACI
 * country codes as reporters, 50 partners each (Israel among Azerbaijan's), 100 HS6 products a
 * pair out of the real HS17 list, sorted t, i, j, k as CEPII writes them.
 *
 * Printed, per engine: the load (the real `trade-etl ingest --json`), then the median of 5 runs
 * after a warm-up of
 *   - pair YoY: every year and product of AZE -> ISR, filtered by ISO3 on reporting.trade_yoy;
 *   - reporter YoY: every partner, product and year of AZE, filtered by ISO3;
 *   - the same pair through `report yoy --reporter AZE --partner ISR --json` (whole command);
 *   - on the server, the pair through sql/0007's window-function view (the "before"), once;
 *   - every row: `report yoy --csv` of the whole warehouse (whole command), whose row count must
 *     be the file's (each BACI row is one reporter, partner, product and year).
 *
 * Environment: BENCH_DATABASE_URL (else DATABASE_URL, else postgres://root@127.0.0.1:5432/postgres).
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { once } from 'node:events'
import pg from 'pg'
import { openWarehouse } from '../src/load/index.ts'
import { sql } from 'kysely'

const BASE_URL = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/postgres'
const SERVER_ROWS = Number(process.env.BENCH_ROWS ?? 5_000_000)
const EMBEDDED_ROWS = Number(process.env.BENCH_EMBEDDED_ROWS ?? 1_000_000)
const BENCH_DB = `trade_etl_bench_reporting_${process.pid}`
const dir = mkdtempSync(`${tmpdir()}/trade-etl-bench-reporting-`)

const PAIR_SQL = "select * from reporting.trade_yoy where reporter_iso3 = 'AZE' and partner_iso3 = 'ISR'"
const REPORTER_SQL = "select * from reporting.trade_yoy where reporter_iso3 = 'AZE'"

function urlFor(database: string): string {
  const url = new URL(BASE_URL)
  url.pathname = `/${database}`
  return url.toString()
}

/** Codes from a bundled reference CSV (first column), in file order. */
function referenceCodes(file: string): string[] {
  return readFileSync(`fixtures/reference/${file}`, 'utf8').split('\n').slice(1).filter((l) => l.trim() !== '').map((l) => (l.split(',')[0] ?? '').replaceAll('"', ''))
}

let seed = 42
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648)

/** A BACI file of `rows` rows (rounded down to whole pairs) over 5 years; resolves to the rows written. */
async function writeBaci(path: string, rows: number): Promise<number> {
  const countries = referenceCodes('baci-country-codes-V202301.csv').map(Number).sort((a, b) => a - b)
  const products = referenceCodes('baci-product-codes-HS17-V202301.csv')
  const years = [2018, 2019, 2020, 2021, 2022]
  const PER_PAIR = 100
  const reporters = countries.slice(0, 200)
  const pairsPerYear = Math.floor(rows / years.length / PER_PAIR)
  const partnersPer = Math.max(1, Math.min(50, Math.floor(pairsPerYear / reporters.length)))
  const out = createWriteStream(path)
  out.write('t,i,j,k,v,q\n')
  let written = 0
  let buffer = ''
  for (const t of years) {
    let pairs = 0
    for (const [ri, i] of reporters.entries()) {
      const partners = new Set<number>()
      if (i === 31) partners.add(376) // Azerbaijan -> Israel is the pair the bench asks for
      for (let p = 0; partners.size < partnersPer; p++) {
        const j = countries[(ri * 7 + p * 13 + 1) % countries.length] as number
        if (j !== i) partners.add(j)
      }
      for (const j of [...partners].sort((a, b) => a - b)) {
        if (pairs++ >= pairsPerYear) break
        const first = (i * 31 + j * 17) % (products.length - PER_PAIR)
        for (const k of products.slice(first, first + PER_PAIR).sort()) {
          buffer += `${t},${i},${j},${k},${(rand() * 100000).toFixed(3)},${(rand() * 5000).toFixed(3)}\n`
          written++
        }
        if (buffer.length > 1 << 20) {
          if (!out.write(buffer)) await once(out, 'drain')
          buffer = ''
        }
      }
    }
  }
  out.end(buffer)
  await once(out, 'finish')
  return written
}

/** `report yoy --csv` of everything, counted by `wc -l` (gigabytes at 5M rows): seconds, and data lines. */
function allRows(env: NodeJS.ProcessEnv): { seconds: number; rows: number } {
  const started = performance.now()
  const r = spawnSync('bash', ['-o', 'pipefail', '-c', `'${process.execPath}' bin/trade-etl.js report yoy --csv | wc -l`],
    { env: { ...process.env, LOG_LEVEL: 'warn', ...env } })
  if (r.status !== 0) throw new Error(`trade-etl report yoy --csv failed (${r.status}): ${r.stderr.toString()}`)
  // The header line is not a row.
  return { seconds: (performance.now() - started) / 1000, rows: Number(r.stdout.toString().trim()) - 1 }
}

function cli(args: readonly string[], env: NodeJS.ProcessEnv): { seconds: number; stdout: string } {
  const started = performance.now()
  const r = spawnSync(process.execPath, ['bin/trade-etl.js', ...args], { env: { ...process.env, LOG_LEVEL: 'warn', ...env }, maxBuffer: 1 << 30 })
  if (r.status !== 0) throw new Error(`trade-etl ${args.join(' ')} failed (${r.status}): ${r.stderr.toString()}`)
  return { seconds: (performance.now() - started) / 1000, stdout: r.stdout.toString() }
}

function ingest(file: string, env: NodeJS.ProcessEnv, expect: number): number {
  const run = cli(['ingest', file, '--json'], env)
  const f = (JSON.parse(run.stdout) as { files: { rowsLoaded: number; rowsRejected: number; error?: string }[] }).files[0]
  if (f === undefined || f.error !== undefined || f.rowsLoaded !== expect || f.rowsRejected !== 0) throw new Error(`ingest of ${file} does not add up: ${run.stdout}`)
  return run.seconds
}

/** Median milliseconds of 5 runs after one warm-up, and the rows the query returned. */
async function median(run: () => Promise<number>): Promise<{ ms: number; rows: number }> {
  let rows = await run()
  const times: number[] = []
  for (let n = 0; n < 5; n++) {
    const started = performance.now()
    rows = await run()
    times.push(performance.now() - started)
  }
  times.sort((a, b) => a - b)
  return { ms: times[2] as number, rows }
}

const results: string[][] = [['engine', 'fact rows', 'load s', 'report yoy --csv, all: s (rows)', 'pair YoY ms (rows)', 'reporter YoY ms (rows)', 'report yoy pair, whole command s', 'before: sql/0007 view, pair s']]
const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })

async function benchServer(): Promise<void> {
  const file = `${dir}/BACI_HS17_server.csv`
  const rows = await writeBaci(file, SERVER_ROWS)
  const admin = new pg.Client({ connectionString: urlFor('postgres') })
  await admin.connect()
  await admin.query(`drop database if exists ${BENCH_DB} with (force)`)
  await admin.query(`create database ${BENCH_DB}`)
  await admin.end()
  const env = { DATABASE_URL: urlFor(BENCH_DB), TRADE_ETL_HOME: '' }
  execFileSync(process.execPath, ['bin/trade-etl.js', 'migrate'], { env: { ...process.env, ...env, LOG_LEVEL: 'warn' } })
  const loadSeconds = ingest(file, env, rows)
  const client = new pg.Client({ connectionString: urlFor(BENCH_DB) })
  await client.connect()
  try {
    const all = allRows(env)
    if (all.rows !== rows) throw new Error(`report yoy --csv gave ${all.rows} rows, the file has ${rows} (pairs, products and years)`)
    const pair = await median(async () => (await client.query(PAIR_SQL)).rowCount ?? 0)
    const reporter = await median(async () => (await client.query(REPORTER_SQL)).rowCount ?? 0)
    const command = cli(['report', 'yoy', '--reporter', 'AZE', '--partner', 'ISR', '--json'], env)
    const commandRows = (JSON.parse(command.stdout) as { rows: unknown[] }).rows.length
    if (commandRows !== pair.rows) throw new Error(`report yoy gave ${commandRows} rows, the view ${pair.rows}`)
    // The definition this replaced, on the same data, once (it is slow: that was the issue).
    const old = readFileSync('sql/0007_create_coded_trade_fact.sql', 'utf8')
    const start = old.indexOf('create or replace view reporting.trade_yoy as')
    await client.query(old.slice(start, old.indexOf(';', start)).replace('create or replace view reporting.trade_yoy as', 'create temp view old_trade_yoy as'))
    const before = performance.now()
    const oldRows = (await client.query("select * from old_trade_yoy where reporter_iso3 = 'AZE' and partner_iso3 = 'ISR'")).rowCount
    const oldSeconds = (performance.now() - before) / 1000
    if (oldRows !== pair.rows) throw new Error(`the sql/0007 view gave ${oldRows} rows for the pair, the new one ${pair.rows}`)
    results.push(['server', fmt(rows), fmt(loadSeconds, 1), `${fmt(all.seconds, 1)} (${fmt(all.rows)})`, `${fmt(pair.ms, 1)} (${pair.rows})`, `${fmt(reporter.ms, 1)} (${reporter.rows})`, fmt(command.seconds, 2), fmt(oldSeconds, 1)])
  } finally {
    await client.end()
    const drop = new pg.Client({ connectionString: urlFor('postgres') })
    await drop.connect()
    await drop.query(`drop database if exists ${BENCH_DB} with (force)`)
    await drop.end()
  }
}

async function benchEmbedded(): Promise<void> {
  const file = `${dir}/BACI_HS17_embedded.csv`
  const rows = await writeBaci(file, EMBEDDED_ROWS)
  const home = `${dir}/home`
  const env = { DATABASE_URL: '', TRADE_ETL_HOME: home }
  const loadSeconds = ingest(file, env, rows)
  const command = cli(['report', 'yoy', '--reporter', 'AZE', '--partner', 'ISR', '--json'], env)
  const commandRows = (JSON.parse(command.stdout) as { rows: unknown[] }).rows.length
  const all = allRows(env)
  if (all.rows !== rows) throw new Error(`report yoy --csv gave ${all.rows} rows, the file has ${rows} (pairs, products and years)`)
  const wh = await openWarehouse({ engine: 'embedded', dataDir: home })
  try {
    const pair = await median(async () => (await sql.raw(PAIR_SQL).execute(wh.db)).rows.length)
    const reporter = await median(async () => (await sql.raw(REPORTER_SQL).execute(wh.db)).rows.length)
    if (commandRows !== pair.rows) throw new Error(`report yoy gave ${commandRows} rows, the view ${pair.rows}`)
    results.push(['embedded', fmt(rows), fmt(loadSeconds, 1), `${fmt(all.seconds, 1)} (${fmt(all.rows)})`, `${fmt(pair.ms, 1)} (${pair.rows})`, `${fmt(reporter.ms, 1)} (${reporter.rows})`, fmt(command.seconds, 2), ''])
  } finally {
    await wh.close()
  }
}

try {
  await benchServer()
  await benchEmbedded()
  const widths = results[0]!.map((_, c) => Math.max(...results.map((r) => (r[c] ?? '').length)))
  for (const r of results) process.stdout.write(`${r.map((cell, c) => cell.padStart(widths[c] as number)).join('  ')}\n`)
  process.stdout.write('\nmedian of 5 after a warm-up; "load s" is the whole `trade-etl ingest` command; YoY is computed from the facts when queried (sql/0060)\n')
} finally {
  rmSync(dir, { recursive: true, force: true })
}
