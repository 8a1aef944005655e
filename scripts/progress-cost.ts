// npm run bench:progress, at a terminal (or under `script -qc`): CPU the progress display itself costs per second shown: one bar redrawn from moving counters
// for 10 s, measured with process.cpuUsage() against the same 10 s without the display.
import { ProgressDisplay } from '../src/cli/progress.ts'
const SECONDS = 10
const started = performance.now()
const source = { path: '/tmp/i13/BACI_HS17_Y2019_V202401.csv', job: 'nightly', bytesTotal: 84_300_963,
  bytesRead: () => Math.min(84_300_963, (performance.now() - started) * 4000), rowsRead: () => Math.round((performance.now() - started) * 140) }
async function idle(): Promise<number> {
  const before = process.cpuUsage()
  await new Promise((r) => setTimeout(r, SECONDS * 1000))
  const used = process.cpuUsage(before)
  return (used.user + used.system) / 1000
}
const without = await idle()
const display = new ProgressDisplay()
display.onProgress({ type: 'start', source })
const withBars = await idle()
display.stop()
process.stdout.write(`\nCPU over ${SECONDS} s: ${without.toFixed(1)} ms without the display, ${withBars.toFixed(1)} ms with one bar redrawn every 250 ms: ${((withBars - without) / (SECONDS * 10)).toFixed(3)} % of one core\n`)
