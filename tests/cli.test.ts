import { existsSync, mkdtempSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { cli } from './helpers/run-cli.ts'
import { ENGINES, createTestHome, createTestWarehouse, type TestWarehouse } from './helpers/warehouse.ts'

describe.each(ENGINES)('trade-etl command line on the %s engine', (engine) => {
  // Each test has a warehouse of its own (migrated, with reference data), so any one runs alone.
  let env: NodeJS.ProcessEnv
  let t: TestWarehouse | undefined
  beforeEach(async () => {
    if (engine === 'server') {
      t = await createTestWarehouse('server')
      await t.wh.close()
      env = { DATABASE_URL: t.url, TRADE_ETL_HOME: '' }
    } else {
      env = { DATABASE_URL: '', TRADE_ETL_HOME: createTestHome() }
    }
  })
  afterEach(async () => {
    await t?.close()
    t = undefined
  })
  const ingestSamples = () => cli(['ingest', 'fixtures/comtrade/cement-legacy-35.csv', 'fixtures/baci/BACI_HS17_V202301.zip', '--json'], env)

  it('migrate twice: the second is a no-op', async () => {
    if (engine === 'embedded') env = { ...env, TRADE_ETL_HOME: mkdtempSync(`${tmpdir()}/trade-etl-cli-`) }
    const first = await cli(['migrate'], env)
    // The server's database is cloned from a migrated template. The embedded home here is
    // empty: it starts from the warehouse the build made (scripts/build.js, run by the global
    // setup), already migrated, or from an initdb where the build could not make one.
    const built = existsSync('dist/embedded-template/pgdata/PG_VERSION')
    expect(first.code).toBe(0)
    expect(first.stdout).toMatch(engine === 'embedded' && !built ? /^applied 0001_create_warehouse, / : /^warehouse is up to date\n$/)
    const second = await cli(['migrate'], env)
    expect(second.code).toBe(0)
    expect(second.stdout).toBe('warehouse is up to date\n')
    if (engine === 'embedded') expect(readdirSync(env.TRADE_ETL_HOME as string).filter((n) => n.startsWith('pgdata'))).toEqual(['pgdata'])
  })

  it('ingest --json prints the contract document and nothing else on stdout', async () => {
    const first = await ingestSamples()
    expect(first.code).toBe(0)
    const doc = JSON.parse(first.stdout) as { files: Record<string, unknown>[] }
    // The zip's two data members and, as sources of their own, CEPII's two side tables.
    expect(doc.files).toHaveLength(5)
    for (const f of doc.files) {
      expect(Object.keys(f)).toEqual(expect.arrayContaining(['path', 'format', 'sha256', 'rowsRead', 'rowsLoaded', 'rowsRejected', 'skipped']))
      expect(f.rowsRead).toBe((f.rowsLoaded as number) + (f.rowsRejected as number))
      expect(f.skipped).toBe(false)
    }
    expect(doc.files.map((f) => f.format)).toEqual(['comtrade', 'baci', 'baci', 'baci', 'baci'])
    expect(doc.files[1]?.path).toBe('fixtures/baci/BACI_HS17_V202301.zip!BACI_HS17_Y2021_V202301.csv')
    expect(first.stderr).toContain('file loaded')

    const again = await cli(['ingest', 'fixtures/comtrade/cement-legacy-35.csv', '--json'], env)
    expect((JSON.parse(again.stdout) as { files: { skipped: boolean }[] }).files[0]?.skipped).toBe(true)
  })

  it('report yoy --json gives the change computed by SQL from the data', async () => {
    expect((await ingestSamples()).code).toBe(0)
    const r = await cli(['report', 'yoy', '--reporter', 'AZE', '--partner', 'ISR', '--product', '270900', '--flow', 'X', '--json'], env)
    expect(r.code).toBe(0)
    const { rows } = JSON.parse(r.stdout) as { rows: Record<string, string | number | null>[] }
    expect(rows.map((x) => x.year)).toEqual([2021, 2022])
    // The BACI fixture carries 1,710,762.111 t in 2021 and 2,289,000 t in 2022: +33.80 %.
    expect(rows[1]).toMatchObject({ source_format: 'baci', net_mass_t: '2289000.000', net_mass_t_prev: '1710762.111', net_mass_yoy_pct: '33.80' })
    const csv = await cli(['report', 'yoy', '--reporter', 'AZE', '--product', '270900', '--csv'], env)
    expect(csv.stdout.split('\n')[0]).toMatch(/^source_format,reporter_code,/)
  })

  it('status --json lists files and freshness', async () => {
    expect((await ingestSamples()).code).toBe(0)
    const r = await cli(['status', '--json'], env)
    const s = JSON.parse(r.stdout) as { files: { path: string }[]; freshness: { source_format: string }[] }
    expect(s.files.map((f) => f.path)).toContain('fixtures/comtrade/cement-legacy-35.csv')
    expect(s.freshness.map((f) => f.source_format).sort()).toEqual(['baci', 'comtrade'])
  })
})

// What the command line says about bad input and bad usage is the same on either engine: once,
// on the embedded default.
describe('trade-etl command line errors', () => {
  let env: NodeJS.ProcessEnv
  beforeEach(() => {
    env = { DATABASE_URL: '', TRADE_ETL_HOME: createTestHome() }
  })

  it('exits 1 naming the file and problem for a file that is not trade data', async () => {
    const r = await cli(['ingest', 'fixtures/broken/api-error-not-data.csv'], env)
    expect(r.code).toBe(1)
    // The table wraps its last column to fit 100 columns: read it with the wrapping undone.
    expect(r.stdout).toMatch(/^…[^ ]*\/api-error-not-data\.csv /m)
    expect(r.stdout.replace(/\s+/g, ' ')).toContain('FAILED: line 1: not a trade-data file in any known layout')
  })

  it('exits 2 on usage errors', async () => {
    expect((await cli(['ingest'], env)).code).toBe(2)
    expect((await cli(['report', 'yoy', '--flow', 'Q'], env)).code).toBe(2)
    expect((await cli(['frobnicate'], env)).code).toBe(2)
  })
})
