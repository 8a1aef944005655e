import pg from 'pg'
import { migrateToLatest, withWarehouse } from '../src/load/index.ts'
import { ensureReferenceData } from '../src/jobs/load-reference.ts'
import { createLogger } from '../src/log.ts'

const TEMPLATE_DB = 'trade_etl_test_template'

/** Migrates a template database once per test run; each test file clones it (fast, isolated). */
export default async function setup(): Promise<void> {
  const base = process.env.TEST_DATABASE_URL
  if (!base) return
  const admin = new pg.Client({ connectionString: base })
  await admin.connect()
  try {
    await admin.query(`drop database if exists ${TEMPLATE_DB} with (force)`)
    await admin.query(`create database ${TEMPLATE_DB}`)
  } finally {
    await admin.end()
  }
  const url = new URL(base)
  url.pathname = `/${TEMPLATE_DB}`
  await withWarehouse({ engine: 'server', url: url.toString() }, async (wh) => {
    await migrateToLatest(wh.db)
    await ensureReferenceData(wh, createLogger('silent'))
  })
}
