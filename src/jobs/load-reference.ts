import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { readRecords, type RecordStream, type SourceHandle } from '../extract/index.ts'
import { TradeEtlError } from '../errors.ts'
import { findLoadedSource, recordReferenceLoad, recordSideTableLoad, type Warehouse } from '../load/index.ts'
import type { Logger } from '../log.ts'
import { buildBaciProductRows, buildComtradeProductRows, buildCountryRows, parseBaciCountryCodes, parseBaciProductCodes, type BaciCountryRow, type BaciProductRow, type SideTableKind } from '../transform/index.ts'

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
  if (!await recordReferenceLoad(wh, { sha256, path: 'fixtures/reference', countries, products })) return false
  log.info({ countries: countries.length, products: products.length, ms: Math.round(performance.now() - started) }, 'reference data loaded')
  return true
}

export { detectSideTable as sideTableKind, type SideTableKind } from '../transform/index.ts'

/** What loading a side table came to, counted as for a trade file (read == loaded + rejected). */
export interface SideTableOutcome {
  readonly rowsRead: number
  readonly rowsLoaded: number
  readonly rowsRejected: number
  readonly skipped: boolean
  readonly encoding: string
}

/**
 * Loads a CEPII side table found beside the data (in its zip) as a source of its own: its rows
 * into the reference tables (codes the warehouse already maps keep their mapping), each record
 * it could not use into etl.rejected_row with its line and reason, never a silent skip.
 */
export async function loadSideTable(
  wh: Warehouse, kind: SideTableKind, stream: RecordStream, source: SourceHandle, context: { readonly runId: number | null; readonly revision?: string },
): Promise<SideTableOutcome> {
  const records: string[][] = []
  const lines: number[] = []
  const rejects: { line: number; reason: string; raw: string }[] = []
  for await (const r of stream.records) {
    if ('fields' in r) {
      records.push(r.fields)
      lines.push(r.line)
    } else {
      rejects.push({ line: r.line, reason: r.undecodable === true ? r.error : `malformed CSV: ${r.error}`, raw: r.raw })
    }
  }
  const parsed = kind === 'baci-country-codes'
    ? parseBaciCountryCodes(stream.header, records)
    : parseBaciProductCodes(stream.header, records, { fileName: source.fileName, ...(context.revision === undefined ? {} : { revision: context.revision }) })
  for (const reject of parsed.rejects) {
    if (reject.record < 0) throw new TradeEtlError('FILE_NOT_TRADE_DATA', reject.reason, { file: source.displayPath, line: 1 })
    rejects.push({ line: lines[reject.record] as number, reason: reject.reason, raw: (records[reject.record] as string[]).join(stream.delimiter) })
  }
  rejects.sort((a, b) => a.line - b.line)
  const rowsRead = stream.recordsHandedOver()
  const loaded = await recordSideTableLoad(wh, {
    sha256: source.sha256, member: source.member, path: source.displayPath, layout: kind, encoding: stream.encoding, bytes: source.bytes,
    runId: context.runId, rowsRead, rejects,
    ...(kind === 'baci-country-codes'
      ? { countries: (parsed.rows as BaciCountryRow[]).map((r) => ({ ...r, source: 'baci' })) }
      : { products: parsed.rows as BaciProductRow[] }),
  })
  return { rowsRead, rowsLoaded: parsed.rows.length, rowsRejected: rejects.length, skipped: loaded.skipped, encoding: stream.encoding }
}
