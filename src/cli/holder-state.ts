import { subscribe, unsubscribe } from 'node:diagnostics_channel'
import { INGEST_PROGRESS_CHANNEL, type IngestProgressEvent, type SourceProgress } from '../jobs/index.ts'
import { readHolderState, removeHolderState, writeHolderState, type HolderState, type LoadingState } from '../load/index.ts'
import type { Logger } from '../log.ts'
import { formatAmount } from './format.ts'
import { tell } from './tell.ts'

/** A holder's load as `status` shows it: the file, its counters, and the process loading it. */
export type NowLoading = LoadingState & { readonly pid: number; readonly command: string; readonly updatedAt: string }

/** The state file is rewritten at most this often while a file loads. */
const WRITE_EVERY_MS = 1000
/** How often the publisher looks whether a write is due (the load itself is never asked). */
const POLL_MS = 250

/**
 * The seconds a load has left at the rate its bytes were read so far (the progress bars' ETA
 * is the same ratio over their last samples), or null before there is a rate.
 */
export function etaSeconds(bytesRead: number, bytesTotal: number, elapsedMs: number): number | null {
  if (bytesRead <= 0 || elapsedMs < 500 || bytesTotal <= 0) return null
  return Math.max(0, Math.round(((bytesTotal - Math.min(bytesRead, bytesTotal)) * elapsedMs) / bytesRead / 1000))
}

/**
 * Publishes what the process holding the embedded warehouse is doing (holder-state.json beside
 * its lock), from the same progress events the bars at a terminal use: the file being loaded,
 * its bytes and rows read so far, its ETA. Readers it serves wait while a file's transaction
 * runs and tell their user what for. Written from a timer on the event loop, never from the
 * load's own loop: when a file starts or ends, and while one loads at most once a second;
 * marked idle (loading: null) when no file loads, removed when the process stops.
 */
export class HolderStatePublisher {
  readonly #home: string
  readonly #command: string
  /** The file loading now: on the embedded engine one file's transaction runs at a time, and its start event comes from inside it. */
  #current: { readonly source: SourceProgress; readonly started: number } | undefined
  readonly #timer: NodeJS.Timeout
  readonly #listener = (event: unknown) => this.#onProgress(event as IngestProgressEvent)
  readonly #onExit = () => removeHolderState(this.#home)
  #lastWrite = 0
  #stopped = false

  constructor(home: string, command: string) {
    this.#home = home
    this.#command = command
    subscribe(INGEST_PROGRESS_CHANNEL.name, this.#listener)
    this.#timer = setInterval(() => this.#tick(), POLL_MS)
    this.#timer.unref()
    // A process.exit (a second signal) skips the finally that calls stop().
    process.on('exit', this.#onExit)
    this.#write()
  }

  /** A file starting or ending is written at once (readers decide on it); counters at most once a second. */
  #onProgress(event: IngestProgressEvent): void {
    if (this.#stopped) return
    if (event.type === 'start') this.#current = { source: event.source, started: Date.now() }
    else if (this.#current?.source === event.source) this.#current = undefined
    this.#write()
  }

  #tick(): void {
    if (this.#stopped || this.#current === undefined || Date.now() - this.#lastWrite < WRITE_EVERY_MS) return
    this.#write()
  }

  #write(): void {
    this.#lastWrite = Date.now()
    const current = this.#current
    const state: HolderState = { pid: process.pid, command: this.#command, updatedAt: new Date().toISOString(), loading: current === undefined ? null : loadingOf(current.source, current.started) }
    try {
      writeHolderState(this.#home, state)
    } catch {
      // A full disk or a home removed under us: readers then say less about what they wait for.
    }
  }

  stop(): void {
    if (this.#stopped) return
    this.#stopped = true
    clearInterval(this.#timer)
    unsubscribe(INGEST_PROGRESS_CHANNEL.name, this.#listener)
    process.off('exit', this.#onExit)
    removeHolderState(this.#home)
  }
}

function loadingOf(source: SourceProgress, started: number): LoadingState {
  const bytesRead = source.bytesRead()
  return {
    job: source.job ?? null,
    file: source.path,
    bytesRead,
    bytesTotal: source.bytesTotal,
    rowsRead: source.rowsRead(),
    startedAt: new Date(started).toISOString(),
    etaSeconds: etaSeconds(bytesRead, source.bytesTotal, Date.now() - started),
  }
}

/** Wait before the first note: a reader answered at once says nothing. */
const FIRST_NOTE_MS = 300
/** Between notes while it still waits. */
const NOTE_EVERY_MS = 5000
/** A state older than this (seconds) is said to be: the holder's event loop is busy in one long statement. */
const STALE_S = 3
/** How often it looks again while the holder loads nothing (it may start a file under a later query). */
const LOOK_EVERY_MS = 1000

/**
 * While a reading command waits for the process holding the embedded warehouse in `home`,
 * says (after 300 ms without an answer, then at most every 5 s) what it waits for: the file
 * that process is loading, from its published state. Only while a file loads: its transaction
 * holds the one session from its start event to its end, so a query sent meanwhile surely
 * waits; otherwise a slow answer (a report streaming its rows) is not a wait. On stderr only:
 * a human line at a terminal, a log line at info otherwise. Returns the function that ends it.
 */
export function noteWhileWaiting(home: string, log: Logger, quiet: boolean): () => void {
  let timer: NodeJS.Timeout | undefined
  const look = () => {
    const state = readHolderState(home)
    const wait = state === undefined ? undefined : describeWait(state, Date.now())
    if (wait !== undefined && (process.stderr.isTTY !== true || !quiet)) tell(log, 'info', wait.message, wait.fields)
    timer = setTimeout(look, wait === undefined ? LOOK_EVERY_MS : NOTE_EVERY_MS)
    timer.unref()
  }
  timer = setTimeout(look, FIRST_NOTE_MS)
  timer.unref()
  return () => clearTimeout(timer)
}

/**
 * What a waiting reader says about a holder's state as read at `now` (ms since the epoch), or
 * undefined when the holder loads nothing.
 */
export function describeWait(state: HolderState, now: number): { message: string; fields: Record<string, unknown> } | undefined {
  const loading = state.loading
  if (loading === null) return undefined
  const ago = Math.max(0, (now - Date.parse(state.updatedAt)) / 1000) || 0
  const left = loading.etaSeconds === null ? null : Math.max(0, Math.round(loading.etaSeconds - ago))
  const percent = loading.bytesTotal > 0 ? Math.min(100, Math.floor((loading.bytesRead / loading.bytesTotal) * 100)) : null
  const rows = `${formatAmount(loading.rowsRead)} rows`
  // Read to the end (or due to be): what is left is the transaction's own work (a merge, trade_yoy).
  const finishing = (loading.bytesTotal > 0 && loading.bytesRead >= loading.bytesTotal) || left === 0
  const parts = finishing
    ? [`${rows} read`, 'finishing its transaction']
    : [rows, percent === null ? undefined : `${percent} %`, left === null ? undefined : `about ${left} s left`]
  // The holder writes from its event loop; a long statement (PGlite runs on that thread) keeps it silent.
  if (ago >= STALE_S) parts.push(`last news ${Math.round(ago)} s ago`)
  const progress = parts.filter((x) => x !== undefined).join(', ')
  return {
    message: `waiting for ${state.command} (pid ${state.pid}): loading ${loading.file}${loading.job === null ? '' : ` (job ${loading.job})`}, ${progress}; the answer follows when that file's transaction ends`,
    fields: { holder: { pid: state.pid, command: state.command }, job: loading.job, file: loading.file, rowsRead: loading.rowsRead, bytesRead: loading.bytesRead, bytesTotal: loading.bytesTotal, percent, etaSeconds: left, updatedAt: state.updatedAt },
  }
}
