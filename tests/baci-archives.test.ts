import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ingestFiles } from '../src/jobs/index.ts'
import { ENGINES, createTestWarehouse, silentLog, type TestWarehouse } from './helpers/warehouse.ts'
import { makeZip } from './helpers/zip.ts'

const DATA = readFileSync('fixtures/baci/BACI_HS17_Y2021_V202301.csv', 'utf8')
const COUNTRIES = readFileSync('fixtures/reference/baci-country-codes-V202301.csv', 'utf8')
// A country table as a spreadsheet may leave it: a row with a code that is no code, and a note
// under the table. Both are lines that are not reference data: rejects, with their lines.
const COUNTRIES_BROKEN = `${COUNTRIES.trimEnd()}\nxx9,Nowhere,Nowhere,NW,NWH\nSource: CEPII BACI V202301\n`
const PRODUCTS = '"code","description"\n"10121","Horses: live, pure-bred breeding animals"\n"ABC","not a code"\n"270900","Petroleum oils, crude"\n'

/** Data lines of a CSV text, counted on their own (header and blank lines not counted). */
const dataLines = (text: string) => text.split(/\r?\n/).slice(1).filter((l) => l.trim() !== '').length

describe.each(ENGINES)('BACI archives on the %s engine', (engine) => {
  let t: TestWarehouse
  let dir: string
  beforeEach(async () => {
    t = await createTestWarehouse(engine)
    dir = mkdtempSync(join(tmpdir(), 'trade-etl-baci-zip-'))
  })
  afterEach(async () => t?.close())

  it('loads side tables as sources of their own: bad and non-data lines are rejects with their line, none skipped', async () => {
    const zip = join(dir, 'BACI_HS17_V202301.zip')
    writeFileSync(zip, makeZip([
      { name: 'BACI_HS17_Y2021_V202301.csv', text: DATA },
      { name: 'country_codes_V202301.csv', text: COUNTRIES_BROKEN },
      { name: 'product_codes_HS17_V202301.csv', text: PRODUCTS },
    ]))
    const summaries = await ingestFiles(t.wh, [zip], { log: silentLog })
    expect(summaries.map((s) => [s.path.replace(`${zip}!`, ''), s.layout, s.rowsRead, s.rowsRejected, s.error])).toEqual([
      ['BACI_HS17_Y2021_V202301.csv', 'baci', dataLines(DATA), 0, undefined],
      ['country_codes_V202301.csv', 'baci-country-codes', dataLines(COUNTRIES_BROKEN), 2, undefined],
      ['product_codes_HS17_V202301.csv', 'baci-product-codes', dataLines(PRODUCTS), 1, undefined],
    ])
    for (const s of summaries) expect(s.rowsRead).toBe(s.rowsLoaded + s.rowsRejected)
    const lastLine = COUNTRIES_BROKEN.trimEnd().split('\n').length
    const rejects = await sql<{ member: string; line: number; reason: string; raw: string }>`
      select s.member, r.line, r.reason, r.raw from etl.rejected_row r join etl.source_file s using (file_id) order by s.member, r.line`.execute(t.wh.db)
    expect(rejects.rows).toEqual([
      { member: 'country_codes_V202301.csv', line: lastLine - 1, reason: 'bad country_code: "xx9"', raw: 'xx9,Nowhere,Nowhere,NW,NWH' },
      { member: 'country_codes_V202301.csv', line: lastLine, reason: 'bad country_code: "Source: CEPII BACI V"', raw: 'Source: CEPII BACI V202301' },
      { member: 'product_codes_HS17_V202301.csv', line: 3, reason: 'bad code: "ABC"', raw: 'ABC,not a code' },
    ])
    const product = await sql<{ description: string }>`select description from core.product where classification = 'HS17' and code = '270900'`.execute(t.wh.db)
    expect(product.rows).toEqual([{ description: 'Petroleum oils, crude' }])
    // Loaded again: every member, side tables included, is skipped.
    const again = await ingestFiles(t.wh, [zip], { log: silentLog })
    expect(again.map((s) => s.skipped)).toEqual([true, true, true])
  })

  it('takes the HS revision from the archive when a member\'s name lacks it, and refuses a lone file that does not say', async () => {
    const named = join(dir, 'BACI_HS17_V202301.zip')
    writeFileSync(named, makeZip([{ name: 'baci-2021.csv', text: DATA }]))
    const beside = join(dir, 'download.zip')
    writeFileSync(beside, makeZip([{ name: 'trade.csv', text: DATA.replaceAll('2021,', '2020,') }, { name: 'product_codes_HS22_V202401.csv', text: PRODUCTS }]))
    const lone = join(dir, 'baci-2019.csv')
    writeFileSync(lone, DATA.replaceAll('2021,', '2019,'))
    const summaries = await ingestFiles(t.wh, [named, beside, lone], { log: silentLog })
    expect(summaries.map((s) => s.error)).toEqual([undefined, undefined, undefined, expect.stringMatching(/baci-2019\.csv:1: a BACI file whose name does not say its HS revision.*\[BACI_REVISION_UNKNOWN\]/)])
    const classes = await sql<{ period: string; classification: string; rows: number }>`
      select period, classification, count(*)::int as rows from core.trade_flow group by 1, 2 order by 1`.execute(t.wh.db)
    expect(classes.rows).toEqual([
      { period: '2020', classification: 'HS22', rows: dataLines(DATA) },
      { period: '2021', classification: 'HS17', rows: dataLines(DATA) },
    ])
  })
})
