// Regenerates src/load/schema.ts from the migrations: `npm run schema` after adding to sql/.
import { writeFile } from 'node:fs/promises'
import { describeWarehouse, migrateToLatest, renderDatabaseType, withWarehouse } from '../src/load/index.ts'

const target = new URL('../src/load/schema.ts', import.meta.url)
await withWarehouse({ engine: 'embedded', dataDir: 'memory://' }, async (wh) => {
  await migrateToLatest(wh.db)
  await writeFile(target, renderDatabaseType(await describeWarehouse(wh.db)))
})
process.stdout.write(`wrote ${target.pathname}\n`)
