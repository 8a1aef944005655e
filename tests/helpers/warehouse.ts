import { randomBytes } from 'node:crypto'
import { cpSync, mkdtempSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import pg from 'pg'
import { inject } from 'vitest'
import { openWarehouse, type Engine, type Warehouse } from '../../src/load/index.ts'
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

/** The run's dumped template, read once per test file (a Blob is immutable: every open can share it). */
let template: Promise<Blob> | undefined
function embeddedTemplate(): Promise<Blob> {
  template ??= readFile(inject('embeddedTemplate')).then((bytes) => new Blob([bytes]))
  return template
}

/**
 * A fresh, migrated warehouse with reference data for one test file: on the server a database
 * cloned from the template that globalSetup migrated once; embedded, an in-memory PGlite.
 */
export async function createTestWarehouse(engine: Engine): Promise<TestWarehouse> {
  if (engine === 'embedded') {
    const wh = await openWarehouse({ engine: 'embedded', dataDir: 'memory://', template: await embeddedTemplate() })
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

/** A migrated TRADE_ETL_HOME with reference data, new for the caller (a copy of the run's template). */
export function createTestHome(): string {
  const home = mkdtempSync(`${tmpdir()}/trade-etl-home-`)
  cpSync(inject('embeddedHome'), home, { recursive: true })
  return home
}
