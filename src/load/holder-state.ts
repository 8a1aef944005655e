import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { isAlive } from './home-lock.ts'

/**
 * What the process holding the embedded warehouse is doing, as it tells the readers it serves:
 * PGlite is one session, so a reader's query waits while the holder's transaction runs (a
 * file's load is one transaction), and the reader can say what it waits for without asking
 * the database. A small JSON file beside the home lock and the serving record.
 */
export interface HolderState {
  readonly pid: number
  /** The holder's command: schedule, run, ingest, ... */
  readonly command: string
  /** When the file was last written (ISO 8601). */
  readonly updatedAt: string
  /** The file being loaded, or null when none is (the holder is idle or busy otherwise). */
  readonly loading: LoadingState | null
}

/** A source being loaded: the same counters as the progress display's bar. */
export interface LoadingState {
  readonly job: string | null
  readonly file: string
  readonly bytesRead: number
  /** Bytes on disk (compressed for .gz files and zip members). */
  readonly bytesTotal: number
  readonly rowsRead: number
  /** When this file's load started (ISO 8601). */
  readonly startedAt: string
  /** Seconds left at the rate bytes were read so far, as of `updatedAt`; null before there is a rate. */
  readonly etaSeconds: number | null
}

const FILE = 'holder-state.json'

/** Writes the state atomically (a temporary file renamed over it): a reader never sees half of it. */
export function writeHolderState(home: string, state: HolderState): void {
  const path = join(home, FILE)
  const temporary = `${path}.${process.pid}.tmp`
  writeFileSync(temporary, `${JSON.stringify(state)}\n`)
  renameSync(temporary, path)
}

export function removeHolderState(home: string): void {
  rmSync(join(home, FILE), { force: true })
}

/**
 * The state the holder of the embedded warehouse in `home` last published, or undefined when
 * there is none, it cannot be read, or the process that wrote it is gone (killed: no one removed it).
 */
export function readHolderState(home: string): HolderState | undefined {
  let state: HolderState
  try {
    state = JSON.parse(readFileSync(join(home, FILE), 'utf8')) as HolderState
  } catch {
    return undefined
  }
  if (typeof state !== 'object' || state === null || !Number.isInteger(state.pid) || state.pid <= 0 || !isAlive(state.pid)) return undefined
  return state
}
