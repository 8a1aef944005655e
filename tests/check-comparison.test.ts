import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CompiledQuery, sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { commandCheck } from '../src/cli/figures-commands.ts'
import { ingestFiles, loadArticleFiles, runChecks } from '../src/jobs/index.ts'
import { listChecks, type CheckRow } from '../src/load/index.ts'
import { createTestWarehouse, silentLog, type TestWarehouse } from './helpers/warehouse.ts'

// Real BACI rows (CEPII, HS17, 2022; see fixtures/PROVENANCE.md): exporter i, importer j, HS6 k, value v (kUSD), quantity q (t).
const BACI = 'fixtures/baci/BACI_HS17_Y2022_V202301.csv'
/** UN M49 numeric codes the file uses, written here from the M49 list (not from the warehouse's reference). */
const M49: Readonly<Record<string, string>> = { AZE: '31', ISR: '376', KAZ: '398', USA: '842', ITA: '381', RUS: '643' }

/** A column of crude oil (HS 270900) rows from exporter to importer in the file, read straight from the CSV: 4 value (kUSD), 5 quantity (t). */
function column(text: string, exporter: string, importer: string, at: 4 | 5): number {
  return text.trim().split(/\r?\n/).slice(1).map((l) => l.split(',')).filter((c) => c[1] === M49[exporter] && c[2] === M49[importer] && c[3] === '270900')
    .reduce((sum, c) => sum + Number(c[at]), 0)
}
const tonnes = (text: string, exporter: string, importer: string): number => column(text, exporter, importer, 5)

async function reproduce(t: TestWarehouse, query: string | null | undefined): Promise<number> {
  const rows = await t.wh.db.executeQuery<{ value: string }>(CompiledQuery.raw(query ?? ''))
  return Number(rows.rows[0]?.value)
}

function writeArticle(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'trade-etl-comparison-')), 'article.txt')
  writeFileSync(path, text)
  return path
}

describe('comparison claims checked against both sides in the trade data (real BACI file)', () => {
  const csv = readFileSync(BACI, 'utf8')
  let t: TestWarehouse
  let checks: CheckRow[]
  beforeAll(async () => {
    t = await createTestWarehouse('embedded')
    await ingestFiles(t.wh, [BACI], { log: silentLog })
    // The writer's own paraphrase of claims of the kind trade reports make, about 2022 crude oil flows to Israel.
    const path = writeArticle([
      'Crude oil supplies to Israel in 2022',
      '',
      'Azerbaijan supplied more than twice as much crude oil to Israel as the United States in 2022.',
      'Kazakhstan shipped more crude oil to Israel than Azerbaijan and the United States combined.',
      'Azerbaijan also overtook Kazakhstan as a supplier of crude oil to Israel in 2022.',
      'Azerbaijan sold more crude oil to Israel than to Italy in 2022.',
      'Azerbaijan sold far more crude oil to Israel than Russia in 2022.',
      'Kazakhstan sold more crude oil to Israel than Azerbaijan or the United States in 2022.',
      'Kazakhstan sold more crude oil to Italy than Azerbaijan or the United States in 2022.',
    ].join('\n'))
    await loadArticleFiles(t.wh, [{ path }], silentLog)
    await runChecks(t.wh, silentLog)
    checks = (await listChecks(t.wh.db)).filter((c) => c.measure === 'comparison')
  })
  afterAll(async () => t?.close())

  const by = (text: string): CheckRow | undefined => checks.find((c) => c.text.startsWith(text))

  it('recomputes both sides from the file and judges the ratio against the wording', async () => {
    expect(checks).toHaveLength(7)
    const aze = tonnes(csv, 'AZE', 'ISR')
    const usa = tonnes(csv, 'USA', 'ISR')
    const kaz = tonnes(csv, 'KAZ', 'ISR')
    const ita = tonnes(csv, 'AZE', 'ITA')
    const cases = [
      // "more than twice as much": a ratio of 2 or above.
      { text: 'more than twice as much', ratio: aze / usa, holds: aze / usa >= 2, subject: 'AZE', others: ['USA'] },
      // "more than A and B combined": above their sum.
      { text: 'more crude oil to Israel than Azerbaijan', ratio: kaz / (aze + usa), holds: kaz > aze + usa, subject: 'KAZ', others: ['AZE', 'USA'] },
      // "overtook": ahead in the year (the file has no 2021 to say whether it was behind before).
      { text: 'overtook Kazakhstan', ratio: aze / kaz, holds: aze > kaz, subject: 'AZE', others: ['KAZ'] },
      // "more ... to Israel than to Italy": the same exporter, the other destination.
      { text: 'more crude oil to Israel than to Italy', ratio: aze / ita, holds: aze > ita, subject: 'ISR', others: ['ITA'] },
    ]
    // The fixture makes this a test of both verdicts: two hold, two do not.
    expect(cases.map((c) => c.holds)).toEqual([true, true, false, false])
    for (const c of cases) {
      const check = by(c.text)
      expect(check, c.text).toBeDefined()
      expect(check?.status, c.text).toBe(c.holds ? 'confirmed' : 'differs')
      expect(Number(check?.recomputed), c.text).toBeCloseTo(c.ratio, 3)
      expect(check?.subject_iso3, c.text).toBe(c.subject)
      expect(check?.compared_iso3, c.text).toEqual(c.others)
      expect(check?.inputs, c.text).toMatchObject({ source: 'baci', product: '2709', flow: 'X', years: [2022], measure: 'net_mass_t' })
      // The query reproduces the ratio; each side's query reproduces its amount.
      expect(await reproduce(t, check?.query), c.text).toBeCloseTo(c.ratio, 6)
      const sides = check?.sides as { subject: { value: string; query: string }; other: { value: string; query: string; parts: { country: string; value: string }[] } }
      expect(await reproduce(t, sides.subject.query)).toBeCloseTo(Number(sides.subject.value), 6)
      expect(await reproduce(t, sides.other.query)).toBeCloseTo(Number(sides.other.value), 6)
    }
    const combined = by('more crude oil to Israel than Azerbaijan')?.sides as { other: { parts: { country: string; value: string }[]; combined: boolean } }
    expect(combined.other.combined).toBe(true)
    expect(combined.other.parts.map((p) => [p.country, Number(p.value)])).toEqual([['AZE', aze], ['USA', usa]])
    expect(by('more than twice as much')?.tolerance_low).toBe('2')
    expect(by('overtook Kazakhstan')?.evidence).toContain('2021 not in the warehouse')
  })

  it('by value where a side has no mass (Russia\'s row gives no quantity), and against the largest of several', async () => {
    // The file's Russia -> Israel crude row has a value and "NA" for the quantity.
    const russia = csv.split(/\r?\n/).find((l) => l.startsWith('2022,643,376,270900,'))
    expect(russia?.split(',')[5]?.trim()).toBe('NA')
    const byValue = by('more crude oil to Israel than Russia')
    const ratio = column(csv, 'AZE', 'ISR', 4) / column(csv, 'RUS', 'ISR', 4)
    expect(byValue).toMatchObject({ status: ratio > 1 ? 'confirmed' : 'differs', subject_iso3: 'AZE', compared_iso3: ['RUS'] })
    expect(byValue?.inputs).toMatchObject({ measure: 'value_usd' })
    expect(Number(byValue?.recomputed)).toBeCloseTo(ratio, 0)
    expect(await reproduce(t, byValue?.query)).toBeCloseTo(ratio, 3)
    // "than A or B": more than each, so the largest of them decides.
    const each = by('more crude oil to Israel than Azerbaijan or the United States')
    const largest = Math.max(tonnes(csv, 'AZE', 'ISR'), tonnes(csv, 'USA', 'ISR'))
    expect(each).toMatchObject({ status: tonnes(csv, 'KAZ', 'ISR') > largest ? 'confirmed' : 'differs', compared_combined: false })
    expect(Number(each?.recomputed)).toBeCloseTo(tonnes(csv, 'KAZ', 'ISR') / largest, 3)
    expect(await reproduce(t, each?.query)).toBeCloseTo(tonnes(csv, 'KAZ', 'ISR') / largest, 6)
    // The file has no United States -> Italy crude row: no verdict, and the check says which flow is missing.
    expect(csv.split(/\r?\n/).some((l) => l.startsWith('2022,842,381,270900,'))).toBe(false)
    expect(by('more crude oil to Italy than Azerbaijan or the United States')).toMatchObject({
      status: 'insufficient data', missing: 'no USA->ITA HS 2709 data for 2022 in the warehouse',
    })
  })

  it('check --json shape: sides, inputs with the compared countries, no as-of verdict without revisions', async () => {
    const c = by('more than twice as much')
    expect(c?.inputs).toMatchObject({ reporter: 'AZE', partner: 'ISR', compared: { side: 'reporter', countries: ['USA'], combined: false } })
    expect(c?.as_of_published).toBeNull()
  })
})

describe('a verdict as of the article\'s date, beside today\'s, when a release revised the data since', () => {
  const v1 = readFileSync(BACI, 'utf8')
  // The revised release: Azerbaijan's 2022 crude oil to Israel restated from 2,289,000 t to 1,700,000 t.
  const line = /^2022,31,376,270900,([^,]+),([^\r\n]+)$/m.exec(v1)
  const v2 = v1.replace(line?.[0] ?? '', `2022,31,376,270900,${line?.[1] ?? ''},1700000.000`)
  let t: TestWarehouse
  let checks: CheckRow[]
  beforeAll(async () => {
    expect(line).not.toBeNull()
    expect(tonnes(v2, 'AZE', 'ISR')).toBe(1_700_000)
    t = await createTestWarehouse('embedded')
    const dir = mkdtempSync(join(tmpdir(), 'trade-etl-asof-'))
    const first = join(dir, 'BACI_HS17_Y2022_V202301.csv')
    const second = join(dir, 'BACI_HS17_Y2022_V202401.csv')
    writeFileSync(first, v1)
    writeFileSync(second, v2)
    await ingestFiles(t.wh, [first], { log: silentLog })
    // The first release was in the warehouse long before the article; the revision came after it.
    await sql`update etl.source_file set loaded_at = '2023-01-15T00:00:00Z' where path = ${first}`.execute(t.wh.db)
    await ingestFiles(t.wh, [second], { log: silentLog })
    const article = writeArticle('Azerbaijan supplied 2.289 million tons of crude oil to Israel in 2022, more than twice as much as the United States.\n')
    await loadArticleFiles(t.wh, [{ path: article, published: '2023-06-01' }], silentLog)
    await runChecks(t.wh, silentLog)
    checks = await listChecks(t.wh.db)
  })
  afterAll(async () => t?.close())

  it('the level and the comparison held on the article\'s date and no longer do', async () => {
    const usa = tonnes(v1, 'USA', 'ISR')
    const thenRatio = tonnes(v1, 'AZE', 'ISR') / usa
    const nowRatio = tonnes(v2, 'AZE', 'ISR') / usa
    expect([thenRatio >= 2, nowRatio >= 2]).toEqual([true, false])
    const level = checks.find((c) => c.measure === 'level')
    const comparison = checks.find((c) => c.measure === 'comparison')
    type AsOf = { published: string; status: string; recomputed: string; query: string }
    expect(level).toMatchObject({ status: 'differs', recomputed: '1700000' })
    expect(level?.as_of_published).toMatchObject({ published: '2023-06-01', status: 'confirmed', recomputed: String(tonnes(v1, 'AZE', 'ISR')) })
    expect(comparison?.status).toBe('differs')
    expect(Number(comparison?.recomputed)).toBeCloseTo(nowRatio, 3)
    const then = comparison?.as_of_published as AsOf
    expect(then.status).toBe('confirmed')
    expect(Number(then.recomputed)).toBeCloseTo(thenRatio, 3)
    // The as-of queries read the warehouse as of that date and reproduce the old numbers.
    expect(then.query).toContain('trade_flow_as_of')
    expect(await reproduce(t, then.query)).toBeCloseTo(thenRatio, 6)
    expect(await reproduce(t, (level?.as_of_published as AsOf).query)).toBe(tonnes(v1, 'AZE', 'ISR'))
  })

  it('check --json carries asOfPublished beside today\'s verdict, and the table prints it where it differs', async () => {
    const printed: string[] = []
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      printed.push(String(chunk))
      return true
    })
    try {
      await commandCheck({ json: true }, silentLog, (fn) => fn(t.wh))
      await commandCheck({}, silentLog, (fn) => fn(t.wh))
    } finally {
      spy.mockRestore()
    }
    const json = JSON.parse(printed[0] ?? '{}') as { checks: { figure: { measure: string; comparison?: string; comparedWith?: string[] }; status: string; asOfPublished: { status: string; published: string } | null; sides: unknown; published: string }[] }
    const comparison = json.checks.find((c) => c.figure.measure === 'comparison')
    expect(comparison).toMatchObject({ status: 'differs', published: '2023-06-01', asOfPublished: { status: 'confirmed', published: '2023-06-01' }, figure: { comparison: 'ratio', comparedWith: ['USA'] } })
    const sides = comparison?.sides as { subject: { country: string; value: string }; other: { countries: string[] } }
    expect([sides.subject.country, Number(sides.subject.value), sides.other.countries]).toEqual(['AZE', tonnes(v2, 'AZE', 'ISR'), ['USA']])
    const table = printed.slice(1).join('')
    expect(table).toMatch(/as of 2023-06-01 \(the article's date\): \[confirmed\] recomputed 2,289,000 t/)
    expect(table).toMatch(/as of 2023-06-01 \(the article's date\): \[confirmed\] recomputed ratio 2\.54/)
  })
})
