import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { isHolder, startTimeOf } from './home-lock.ts'

/** Prefix of a spool folder: `rejects-PID-STARTTIME-XXXXXX`, so a sweep can tell whose it is. */
const PREFIX = 'rejects-'

/**
 * The folder reject spools live in: `spool/` in the embedded home, else (a server, an in-memory
 * warehouse) `spool/` in TRADE_ETL_HOME when set, else trade-etl-spool in the temp folder.
 */
export function spoolRootOf(location: { readonly engine: string; readonly dataDir?: string; readonly spoolDir?: string }): string {
  if (location.spoolDir !== undefined) return location.spoolDir
  if (location.engine === 'embedded' && location.dataDir !== undefined && location.dataDir !== 'memory://') return join(location.dataDir, 'spool')
  return join(tmpdir(), 'trade-etl-spool')
}

/** A new spool folder of this process under `root`. */
export function makeSpoolDir(root: string): string {
  mkdirSync(root, { recursive: true })
  return mkdtempSync(join(root, `${PREFIX}${process.pid}-${startTimeOf(process.pid) ?? '0'}-`))
}

/**
 * Removes the spool folders under `root` left by processes that are gone (killed mid-load: the
 * transaction rolled back, but its spooled rejects stayed on disk). A live process's folder is
 * kept: a server's spool root may be shared by concurrent runs. Returns the folders removed.
 */
export function sweepSpools(root: string): string[] {
  let names: string[]
  try {
    names = readdirSync(root)
  } catch {
    return []
  }
  const removed: string[] = []
  for (const name of names) {
    const match = /^rejects-(\d+)-(\d+)-/.exec(name)
    if (match === null) continue
    const pid = Number(match[1])
    if (pid === process.pid || isHolder(pid, match[2] === '0' ? undefined : match[2])) continue
    rmSync(join(root, name), { recursive: true, force: true })
    removed.push(name)
  }
  return removed
}
