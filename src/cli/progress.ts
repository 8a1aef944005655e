import { subscribe, unsubscribe } from 'node:diagnostics_channel'
import cliProgress from 'cli-progress'
import { INGEST_PROGRESS_CHANNEL, type IngestProgressEvent, type SourceProgress } from '../jobs/index.ts'
import { formatAmount } from './format.ts'

/** How often the bars are redrawn from the sources' counters (the load itself is never asked). */
const POLL_MS = 250

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(bytes < 1e7 ? 1 : 0)} MB`
/** Bytes read, in the total's precision and without its unit ('35/84 MB'). */
const mbOf = (bytes: number, total: number) => (bytes / 1e6).toFixed(total < 1e7 ? 1 : 0)

/** The label's width: what a line of the terminal leaves beside the bar and its figures (~70). */
const labelWidth = () => Math.min(60, Math.max(16, (process.stderr.columns || 100) - 78))

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
    // Fits 100 columns with a 22-character label: '[job] …file.csv [====] 42% 35/84 MB | ...'.
    format: '{label} {bar} {percentage}% {read}/{size} | {rows} rows | {rate} rows/s | ETA {eta_formatted}',
    barsize: 12,
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
  /** Once a bar has been shown, the bars own the bottom of the screen until stop(). */
  #shown = false

  constructor() {
    this.#timer = setInterval(() => this.#redraw(), POLL_MS)
    this.#timer.unref()
    subscribe(INGEST_PROGRESS_CHANNEL.name, this.#listener)
  }

  /** Told of each file's start and end (INGEST_PROGRESS_CHANNEL: ingest, run and schedule publish there). */
  readonly onProgress = (event: IngestProgressEvent): void => {
    if (this.#stopped) return
    if (event.type === 'start') {
      const job = event.source.job === undefined ? '' : `[${shorten(event.source.job, 12)}] `
      const label = `${job}${shorten(event.source.path, Math.max(16, labelWidth() - job.length))}`
      const bar = this.#bars.create(Math.max(event.source.bytesTotal, 1), 0, { label, read: mbOf(0, event.source.bytesTotal), size: mb(event.source.bytesTotal), rows: '0', rate: '-' })
      this.#active.set(event.source, { source: event.source, bar, started: performance.now() })
      this.#shown = true
      return
    }
    const active = this.#active.get(event.source)
    if (active === undefined) return
    this.#active.delete(event.source)
    const seconds = (performance.now() - active.started) / 1000
    const s = event.summary
    const what = s.error !== undefined ? `FAILED after ${formatAmount(active.source.rowsRead())} rows` : `${formatAmount(s.rowsLoaded)} rows loaded, ${formatAmount(s.rowsRejected)} rejected`
    this.write(`${event.source.job === undefined ? '' : `[${event.source.job}] `}${event.source.path}: ${what} in ${seconds.toFixed(1)} s (${formatAmount(active.source.rowsRead() / Math.max(seconds, 0.001))} rows/s)\n`)
    // Removing redraws, which prints the line above: written straight to stderr, the bars'
    // next redraw would move the cursor up over it.
    this.#bars.remove(active.bar)
  }

  /** Prints a line (a log line, a note) above the bars, or straight to stderr when none is shown. */
  write(text: string): void {
    if (this.#shown && !this.#stopped) this.#bars.log(fitTerminal(text.endsWith('\n') ? text : `${text}\n`, process.stderr.columns || 100))
    else process.stderr.write(text)
  }

  #redraw(): void {
    for (const { source, bar, started } of this.#active.values()) {
      const rows = source.rowsRead()
      const seconds = (performance.now() - started) / 1000
      bar.update(Math.min(source.bytesRead(), source.bytesTotal), {
        read: mbOf(source.bytesRead(), source.bytesTotal), rows: formatAmount(rows), rate: seconds < 0.5 ? '-' : formatAmount(rows / seconds),
      })
    }
  }

  stop(): void {
    if (this.#stopped) return
    this.#stopped = true
    clearInterval(this.#timer)
    unsubscribe(INGEST_PROGRESS_CHANNEL.name, this.#listener)
    // A last redraw prints the lines still waiting in the bars' log buffer.
    if (this.#shown) this.#bars.update()
    this.#bars.stop()
  }
}

function shorten(path: string, width: number): string {
  return path.length <= width ? path.padEnd(width) : `…${path.slice(path.length - width + 1)}`
}

/**
 * Breaks lines at the terminal's width by hand: the bars turn the terminal's own line wrapping
 * off while they are shown, which would cut a long log line at the right edge. Colour codes
 * take no width.
 */
// The escape character is the point: pino-pretty colours with SGR sequences.
// eslint-disable-next-line no-control-regex
const COLOUR = /^\u001b\[[\d;]*m/

function fitTerminal(text: string, width: number): string {
  return text.split('\n').map((line) => {
    let out = ''
    let visible = 0
    for (let i = 0; i < line.length; i++) {
      const escape = line[i] === '\u001b' ? COLOUR.exec(line.slice(i))?.[0] : undefined
      if (escape !== undefined) {
        out += escape
        i += escape.length - 1
        continue
      }
      if (visible === width) {
        out += '\n'
        visible = 0
      }
      out += line[i]
      visible++
    }
    return out
  }).join('\n')
}
