// Regenerates docs/data-dictionary.md from the comments in sql/: `npm run docs:dictionary`.
import { writeFile } from 'node:fs/promises'
import { describeReporting, migrateToLatest, renderDataDictionary, withWarehouse } from '../src/load/index.ts'

const target = new URL('../docs/data-dictionary.md', import.meta.url)
await withWarehouse({ engine: 'embedded', dataDir: 'memory://' }, async (wh) => {
  await migrateToLatest(wh.db)
  await writeFile(target, renderDataDictionary(await describeReporting(wh.db)))
})
process.stdout.write(`wrote ${target.pathname}\n`)
