import { stat } from 'node:fs/promises'
import { resolve } from 'node:path'
import { TradeEtlError } from '../errors.ts'
import { hashFile } from '../extract/index.ts'
import { findSources, unloadSources, type UnloadedSource, type Warehouse } from '../load/index.ts'
import type { Logger } from '../log.ts'

const SHA256 = /^[0-9a-f]{64}$/i

/**
 * `trade-etl unload FILE|SHA256`: the sources loaded from a file (its bytes: the file on disk is
 * hashed, so a renamed or moved copy is found too), from a path as it was recorded (the file
 * may be gone), or with a sha256; all of them (every member of a zip) in one transaction.
 * UNKNOWN_SOURCE when nothing loaded matches.
 */
export async function unloadSource(wh: Warehouse, ref: string, log: Logger): Promise<UnloadedSource[]> {
  let sources = SHA256.test(ref) ? await findSources(wh, { sha256: ref }) : []
  if (sources.length === 0 && !SHA256.test(ref)) {
    const onDisk = await stat(ref).then((s) => s.isFile(), () => false)
    if (onDisk) sources = await findSources(wh, { sha256: await hashFile(ref) })
    if (sources.length === 0) sources = await findSources(wh, { path: ref })
    if (sources.length === 0 && resolve(ref) !== ref) sources = await findSources(wh, { path: resolve(ref) })
  }
  if (sources.length === 0) {
    throw new TradeEtlError('UNKNOWN_SOURCE',
      `nothing loaded matches ${JSON.stringify(ref)} (by its bytes, its path or as a sha256); \`trade-etl status\` lists the loaded files`)
  }
  const unloaded = await unloadSources(wh, sources)
  for (const u of unloaded) {
    log.info({ file: u.path, rows: u.rowsRemoved, rejects: u.rejectsRemoved, restored: u.rowsRestored }, 'source unloaded')
  }
  return unloaded
}
