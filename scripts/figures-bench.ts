/**
 * Speed of figure extraction (moved out of the tests: no wall-clock assertion belongs there).
 *
 *   npm run bench:figures
 *
 * Reads 100 KB and 2 MB (MAX_ARTICLE_CHARS) of labelled corpus text, first and warm runs.
 * Besides wall-clock time it prints the CPU time of this process (process.cpuUsage): on a
 * machine shared with other work the wall clock also counts the time spent waiting for a core,
 * which can triple the figure; the CPU time is what the extractor costs.
 */
import { MAX_ARTICLE_CHARS } from '../src/jobs/figures.ts'
import { extractFigures } from '../src/transform/figures/index.ts'
import { CORPUS_FILES, loadCorpus } from './figures-quality.ts'

interface Run {
  readonly wall: number
  readonly cpu: number
}

function measure(f: () => void): Run {
  const t0 = performance.now()
  const c0 = process.cpuUsage()
  f()
  const c = process.cpuUsage(c0)
  return { wall: performance.now() - t0, cpu: (c.user + c.system) / 1000 }
}

const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1] ?? 0

const text = loadCorpus(CORPUS_FILES).map((e) => e.text).join('\n\n')
for (const [size, runs] of [[100_000, 7], [MAX_ARTICLE_CHARS, 3]] as const) {
  const article = text.repeat(Math.ceil(size / text.length)).slice(0, size)
  let n = 0
  const first = measure(() => {
    n = extractFigures(article).length
  })
  const warm = Array.from({ length: runs }, () => measure(() => extractFigures(article)))
  const wall = median(warm.map((r) => r.wall))
  const cpu = median(warm.map((r) => r.cpu))
  console.log(
    `${size.toLocaleString('en-US')} characters (${n.toLocaleString('en-US')} figures): first run ${first.wall.toFixed(0)} ms (cpu ${first.cpu.toFixed(0)} ms), ` +
      `warm median of ${runs} ${wall.toFixed(0)} ms (cpu ${cpu.toFixed(0)} ms, ${(size / 1e6 / (cpu / 1000)).toFixed(2)} MB/s of cpu)`,
  )
}
