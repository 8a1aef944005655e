import { subscribe, unsubscribe } from 'node:diagnostics_channel'
import cliProgress from 'cli-progress'
import { INGEST_PROGRESS_CHANNEL, type IngestProgressEvent, type SourceProgress } from '../jobs/index.ts'
import { formatAmount } from './format.ts'

/** How often the bars are redrawn from the sources' counters (the load itself is never asked). */
const POLL_MS = 250

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(bytes < 1e7 ? 1 : 0)} MB`

interface Active {
  readonly source: SourceProgress
  readonly bar: cliProgress.SingleBar
  readonly started: number
}

/**
 * Progress bars on stderr at a terminal, one per file being loaded, labelled with its job, and
 * a line per file when it is done. Log lines are printed above the bars (`write`), so neither
 * tears the other. Built only when stderr is a TTY and neither --json nor --quiet was given.
 */
export class ProgressDisplay {
  readonly #bars = new cliProgress.MultiBar({
    stream: process.stderr,
    format: '{label} {bar} {percentage}% | {read} of {size} | {rows} rows | {rate} rows/s | ETA {eta_formatted}',
    barsize: 20,
    hideCursor: true,
    clearOnComplete: false,
    autopadding: true,
    etaBuffer: 40,
    fps: 1000 / POLL_MS,
  }, cliProgress.Presets.shades_classic)
  readonly #active = new Map<SourceProgress, Active>()
  readonly #timer: NodeJS.Timeout
  readonly #listener = (event: unknown) => this.onProgress(event as IngestProgressEvent)
  #stopped = false

  constructor() {
    this.#timer = setInterval(() => this.#redraw(), POLL_MS)
    this.#timer.unref()
    subscribe(INGEST_PROGRESS_CHANNEL.name, this.#listener)
  }

  /** The ingest option `onProgress`; also what run/schedule's loads publish to. */
  readonly onProgress = (event: IngestProgressEvent): void => {
    if (this.#stopped) return
    if (event.type === 'start') {
      const label = `${event.source.job === undefined ? '' : `[${event.source.job}] `}${shorten(event.source.path, 40)}`
      const bar = this.#bars.create(Math.max(event.source.bytesTotal, 1), 0, { label, read: mb(0), size: mb(event.source.bytesTotal), rows: '0', rate: '-' })
      this.#active.set(event.source, { source: event.source, bar, started: performance.now() })
      return
    }
    const active = this.#active.get(event.source)
    if (active === undefined) return
    this.#active.delete(event.source)
    this.#bars.remove(active.bar)
    const seconds = (performance.now() - active.started) / 1000
    const s = event.summary
    const what = s.error !== undefined ? `FAILED after ${formatAmount(active.source.rowsRead())} rows` : `${formatAmount(s.rowsLoaded)} rows loaded, ${formatAmount(s.rowsRejected)} rejected`
    this.write(`${event.source.job === undefined ? '' : `[${event.source.job}] `}${event.source.path}: ${what} in ${seconds.toFixed(1)} s (${formatAmount(active.source.rowsRead() / Math.max(seconds, 0.001))} rows/s)\n`)
  }

  /** Prints a line (a log line, a note) above the bars, or straight to stderr when none is shown. */
  write(text: string): void {
    if (this.#active.size > 0 && !this.#stopped) this.#bars.log(text.endsWith('\n') ? text : `${text}\n`)
    else process.stderr.write(text)
  }

  #redraw(): void {
    for (const { source, bar, started } of this.#active.values()) {
      const rows = source.rowsRead()
      const seconds = (performance.now() - started) / 1000
      bar.update(Math.min(source.bytesRead(), source.bytesTotal), {
        read: mb(source.bytesRead()), rows: formatAmount(rows), rate: seconds < 0.5 ? '-' : formatAmount(rows / seconds),
      })
    }
  }

  stop(): void {
    if (this.#stopped) return
    this.#stopped = true
    clearInterval(this.#timer)
    unsubscribe(INGEST_PROGRESS_CHANNEL.name, this.#listener)
    this.#bars.stop()
  }
}

function shorten(path: string, width: number): string {
  return path.length <= width ? path.padEnd(width) : `…${path.slice(path.length - width + 1)}`
}
