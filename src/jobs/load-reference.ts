import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { readRecords, type RecordStream, type SourceHandle } from '../extract/index.ts'
import { findLoadedSource, recordReferenceLoad, upsertSideTable, type Warehouse } from '../load/index.ts'
import type { Logger } from '../log.ts'
import { buildBaciProductRows, buildComtradeProductRows, buildCountryRows, parseBaciCountryCodes, parseBaciProductCodes, type SideTableKind } from '../transform/index.ts'

/** The reference tables shipped in fixtures/reference (see fixtures/PROVENANCE.md). */
export const REFERENCE_DIR = fileURLToPath(new URL('../../fixtures/reference/', import.meta.url))

const FILES = {
  comtrade: 'comtrade-iso-codes.csv',
  baci: 'baci-country-codes-V202301.csv',
  iso: 'iso-countries-regions.csv',
  h3: 'comtrade-hs-H3.csv',
  hs17: 'baci-product-codes-HS17-V202301.csv',
} as const

async function readTable(path: string): Promise<{ header: string[]; records: string[][] }> {
  const stream = await readRecords(createReadStream(path), path)
  const records: string[][] = []
  for await (const r of stream.records) if ('fields' in r) records.push(r.fields)
  return { header: stream.header, records }
}

/**
 * Loads the bundled reference tables once per version: their combined sha256 is recorded in
 * etl.source_file, so later runs skip them and a changed table reloads by itself.
 */
export async function ensureReferenceData(wh: Warehouse, log: Logger): Promise<boolean> {
  const hash = createHash('sha256')
  for (const name of Object.values(FILES)) hash.update(await readFile(REFERENCE_DIR + name))
  const sha256 = hash.digest('hex')
  const known = await findLoadedSource(wh, sha256, '')
  if (known !== undefined) return false

  const started = performance.now()
  const [comtrade, baci, iso, h3, hs17] = await Promise.all([FILES.comtrade, FILES.baci, FILES.iso, FILES.h3, FILES.hs17].map((n) => readTable(REFERENCE_DIR + n)))
  const countries = buildCountryRows({ comtrade: comtrade!, baci: baci!, iso: iso! })
  const products = [...buildComtradeProductRows('H3', h3!.header, h3!.records), ...buildBaciProductRows('HS17', hs17!.header, hs17!.records)]
  await recordReferenceLoad(wh, { sha256, path: 'fixtures/reference', countries, products })
  log.info({ countries: countries.length, products: products.length, ms: Math.round(performance.now() - started) }, 'reference data loaded')
  return true
}

export { detectSideTable as sideTableKind, type SideTableKind } from '../transform/index.ts'

/**
 * Loads a CEPII side table found beside the data (in its zip); codes the warehouse already
 * maps keep their mapping. Returns the rows loaded and the records that were not rows.
 */
export async function loadSideTable(wh: Warehouse, kind: SideTableKind, stream: RecordStream, source: SourceHandle): Promise<{ rows: number; rejects: number }> {
  const records: string[][] = []
  for await (const r of stream.records) if ('fields' in r) records.push(r.fields)
  if (kind === 'baci-country-codes') {
    const { rows, rejects } = parseBaciCountryCodes(stream.header, records)
    await upsertSideTable(wh, { countries: rows.map((r) => ({ ...r, source: 'baci' })) })
    return { rows: rows.length, rejects: rejects.length }
  }
  const { rows, rejects } = parseBaciProductCodes(stream.header, records, { fileName: source.fileName })
  await upsertSideTable(wh, { products: rows })
  return { rows: rows.length, rejects: rejects.length }
}
