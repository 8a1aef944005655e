/**
 * npm run bench: ingestion speed and memory on BACI-layout files of 1 and 5 million rows.
 *
 * For each size it writes the file, then on a PostgreSQL server (BENCH_DATABASE_URL, else
 * DATABASE_URL, else postgres://root@127.0.0.1:5432/postgres) measures
 *   - `trade-etl ingest` of the file into a fresh warehouse database (the real command line),
 *   - `psql \copy` of the same file into a typed table with the same key (t, i, j, k),
 * and prints rows/s of both, their ratio, and the peak RSS of the ingest process. The embedded
 * engine's rate is measured on the 1M file. Sizes: BENCH_ROWS=1000000,5000000 overrides.
 */
import { execFileSync, spawn } from 'node:child_process'
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { once } from 'node:events'
import pg from 'pg'

const BASE_URL = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/postgres'
const SIZES = (process.env.BENCH_ROWS ?? '1000000,5000000').split(',').map(Number)
const BENCH_DB = 'trade_etl_bench'
const dir = mkdtempSync(`${tmpdir()}/trade-etl-bench-`)

function urlFor(database: string): string {
  const url = new URL(BASE_URL)
  url.pathname = `/${database}`
  return url.toString()
}

/**
 * A BACI-shaped file: one year, unique (i, j, k), realistic value and quantity strings. Returns
 * the exact sum of v in USD (v is thousand USD with three decimals), to check what was loaded.
 */
async function writeBaciFile(path: string, rows: number): Promise<bigint> {
  const out = createWriteStream(path)
  out.write('t,i,j,k,v,q\n')
  let seed = 42
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648)
  const products = 5000
  const partners = 200
  let buffer = ''
  let valueUsd = 0n
  for (let n = 0; n < rows; n++) {
    const k = 10000 + (n % products) * 17 // 5-6 digit HS codes, some without their leading zero
    const pair = Math.floor(n / products)
    const i = 4 + (pair % partners) * 4
    const j = 4 + Math.floor(pair / partners) * 4
    const v = (rand() * 100000).toFixed(3)
    valueUsd += BigInt(v.replace('.', ''))
    const q = n % 11 === 0 ? 'NA' : (rand() * 5000).toFixed(3)
    buffer += `2022,${i},${j},${k},${v},${q}\n`
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await once(out, 'drain')
      buffer = ''
    }
  }
  out.end(buffer)
  await once(out, 'finish')
  return valueUsd
}

/** Rows and the exact value sum in core.trade_flow after an ingest. */
async function loadedTotals(database: string): Promise<{ rows: number; valueUsd: bigint }> {
  const client = new pg.Client({ connectionString: urlFor(database) })
  await client.connect()
  try {
    const { rows } = await client.query<{ n: string; v: string | null }>('select count(*) as n, sum(value)::text as v from core.trade_flow')
    return { rows: Number(rows[0]?.n), valueUsd: BigInt(rows[0]?.v ?? '0') }
  } finally {
    await client.end()
  }
}

async function admin(sqlText: string, database = 'postgres'): Promise<void> {
  const client = new pg.Client({ connectionString: urlFor(database) })
  await client.connect()
  try {
    await client.query(sqlText)
  } finally {
    await client.end()
  }
}

interface Measured {
  readonly seconds: number
  readonly loadSeconds: number
  readonly peakRssMb: number
  readonly rows: number
}

/** Runs the real CLI under /usr/bin/time for its peak RSS; the file's own load time comes from --json. */
async function timeIngest(file: string, env: NodeJS.ProcessEnv): Promise<Measured> {
  const started = performance.now()
  const child = spawn('/usr/bin/time', ['-f', 'PEAK_RSS_KB=%M', process.execPath, 'bin/trade-etl.js', 'ingest', file, '--format', 'baci', '--json'], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
  const [code] = (await once(child, 'exit')) as [number]
  const seconds = (performance.now() - started) / 1000
  if (code !== 0) throw new Error(`ingest failed (${code}): ${stderr}`)
  const summary = JSON.parse(stdout) as { files: { rowsRead: number; rowsLoaded: number; rowsRejected: number; ms: number }[] }
  const f = summary.files[0]
  if (f === undefined || f.rowsRead !== f.rowsLoaded + f.rowsRejected || f.rowsRejected !== 0) throw new Error(`ingest summary does not add up: ${stdout}`)
  const rss = /PEAK_RSS_KB=(\d+)/.exec(stderr)
  return { seconds, loadSeconds: (f?.ms ?? 0) / 1000, peakRssMb: Number(rss?.[1] ?? 0) / 1024, rows: f?.rowsLoaded ?? 0 }
}

function timePsqlCopy(file: string, rows: number): number {
  const url = urlFor(BENCH_DB)
  execFileSync('psql', [url, '-q', '-c', 'drop table if exists bench_copy; create table bench_copy (t smallint not null, i integer not null, j integer not null, k text not null, v numeric, q numeric, primary key (t, i, j, k))'])
  const started = performance.now()
  execFileSync('psql', [url, '-q', '-c', `\\copy bench_copy from '${file}' with (format csv, header true, null 'NA')`])
  const seconds = (performance.now() - started) / 1000
  const count = execFileSync('psql', [url, '-tA', '-c', 'select count(*) from bench_copy']).toString().trim()
  if (Number(count) !== rows) throw new Error(`psql copied ${count} rows, expected ${rows}`)
  return seconds
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US')

const results: string[] = []
for (const rows of SIZES) {
  const file = `${dir}/BACI_HS17_Y2022_V202301-${rows}.csv`
  const valueUsd = await writeBaciFile(file, rows)
  const mb = statSync(file).size / 1e6

  await admin(`drop database if exists ${BENCH_DB} with (force)`)
  await admin(`create database ${BENCH_DB}`)
  // Migrate and load reference data first, so the measured run is the file alone.
  execFileSync(process.execPath, ['bin/trade-etl.js', 'migrate'], { env: { ...process.env, DATABASE_URL: urlFor(BENCH_DB), LOG_LEVEL: 'warn' } })
  const ingest = await timeIngest(file, { DATABASE_URL: urlFor(BENCH_DB) })
  if (ingest.rows !== rows) throw new Error(`ingest loaded ${ingest.rows} rows, expected ${rows}`)
  // The warehouse holds every row, with amounts exact to the dollar.
  const totals = await loadedTotals(BENCH_DB)
  if (totals.rows !== rows || totals.valueUsd !== valueUsd) {
    throw new Error(`core.trade_flow has ${totals.rows} rows worth ${totals.valueUsd} USD, expected ${rows} worth ${valueUsd}`)
  }
  const psqlSeconds = timePsqlCopy(file, rows)
  const ingestRate = rows / ingest.loadSeconds
  const psqlRate = rows / psqlSeconds
  results.push([
    `${fmt(rows)} rows (${mb.toFixed(0)} MB), server:`,
    `  trade-etl ingest  ${fmt(ingestRate)} rows/s (file ${ingest.loadSeconds.toFixed(2)} s; whole command ${ingest.seconds.toFixed(2)} s = ${fmt(rows / ingest.seconds)} rows/s)`,
    `  psql \\copy        ${fmt(psqlRate)} rows/s (${psqlSeconds.toFixed(2)} s)`,
    `  ratio             ${(ingestRate / psqlRate).toFixed(2)}x (whole command ${((rows / ingest.seconds) / psqlRate).toFixed(2)}x)`,
    `  peak RSS          ${ingest.peakRssMb.toFixed(0)} MB`,
  ].join('\n'))
  process.stdout.write(`${results[results.length - 1]}\n`)

  if (rows === SIZES[0]) {
    const home = mkdtempSync(`${tmpdir()}/trade-etl-bench-home-`)
    execFileSync(process.execPath, ['bin/trade-etl.js', 'migrate'], { env: { ...process.env, DATABASE_URL: '', TRADE_ETL_HOME: home, LOG_LEVEL: 'warn' } })
    const embedded = await timeIngest(file, { DATABASE_URL: '', TRADE_ETL_HOME: home })
    if (embedded.rows !== rows) throw new Error(`embedded ingest loaded ${embedded.rows} rows, expected ${rows}`)
    process.stdout.write(`  embedded engine   ${fmt(rows / embedded.loadSeconds)} rows/s (file ${embedded.loadSeconds.toFixed(2)} s), peak RSS ${embedded.peakRssMb.toFixed(0)} MB\n`)
    rmSync(home, { recursive: true, force: true })
  }
  rmSync(file, { force: true })
}
await admin(`drop database if exists ${BENCH_DB} with (force)`)
rmSync(dir, { recursive: true, force: true })
