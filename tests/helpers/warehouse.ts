import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { inject } from 'vitest'
import { migrateToLatest, openWarehouse, type Engine, type Warehouse } from '../../src/load/index.ts'
import { ensureReferenceData } from '../../src/jobs/index.ts'
import { createLogger } from '../../src/log.ts'

/** Engines the database tests run on: always the embedded one, the server when CI gives its URL. */
export const ENGINES: readonly Engine[] = process.env.TEST_DATABASE_URL ? ['embedded', 'server'] : ['embedded']

export const silentLog = createLogger('silent')

function serverUrl(database: string): string {
  const url = new URL(process.env.TEST_DATABASE_URL as string)
  url.pathname = `/${database}`
  return url.toString()
}

export interface TestWarehouse {
  readonly wh: Warehouse
  readonly url: string | undefined
  close(): Promise<void>
}

/**
 * A fresh, migrated warehouse with reference data for one test file: on the server a database
 * cloned from the template that globalSetup migrated once; embedded, an in-memory PGlite.
 */
export async function createTestWarehouse(engine: Engine): Promise<TestWarehouse> {
  if (engine === 'embedded') {
    const wh = await openWarehouse({ engine: 'embedded', dataDir: 'memory://' })
    await migrateToLatest(wh.db)
    await ensureReferenceData(wh, silentLog)
    return { wh, url: undefined, close: () => wh.close() }
  }
  const name = `trade_etl_test_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL })
  await admin.connect()
  try {
    await admin.query(`create database ${name} template ${inject('templateDb')}`)
  } finally {
    await admin.end()
  }
  const url = serverUrl(name)
  const wh = await openWarehouse({ engine: 'server', url })
  return {
    wh,
    url,
    async close() {
      await wh.close()
      const drop = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL })
      await drop.connect()
      await drop.query(`drop database if exists ${name} with (force)`)
      await drop.end()
    },
  }
}

export { serverUrl }
