/**
 * Speed of figure extraction (moved out of the tests: no wall-clock assertion belongs there).
 *
 *   npm run bench:figures
 *
 * Reads 100 KB and 2 MB (MAX_ARTICLE_CHARS) of labelled corpus text, first and warm runs.
 */
import { MAX_ARTICLE_CHARS } from '../src/jobs/figures.ts'
import { extractFigures } from '../src/transform/figures/index.ts'
import { CORPUS_FILES, loadCorpus, timeIt } from './figures-quality.ts'

const text = loadCorpus(CORPUS_FILES).map((e) => e.text).join('\n\n')
for (const size of [100_000, MAX_ARTICLE_CHARS]) {
  const article = text.repeat(Math.ceil(size / text.length)).slice(0, size)
  let n = 0
  const first = timeIt(() => {
    n = extractFigures(article).length
  })
  const warm = Math.min(...[0, 1, 2].map(() => timeIt(() => extractFigures(article))))
  console.log(`${size.toLocaleString('en-US')} characters (${n.toLocaleString('en-US')} figures): first run ${first.toFixed(0)} ms, warm ${warm.toFixed(0)} ms (${((size / 1e6) / (warm / 1000)).toFixed(2)} MB/s)`)
}
