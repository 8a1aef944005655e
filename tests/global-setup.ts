import { randomBytes } from 'node:crypto'
import pg from 'pg'
import type { TestProject } from 'vitest/node'
import { migrateToLatest, withWarehouse } from '../src/load/index.ts'
import { ensureReferenceData } from '../src/jobs/index.ts'
import { createLogger } from '../src/log.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    /** The server template database of this test run ('' when no server is configured). */
    templateDb: string
  }
}

/**
 * Migrates a template database once per test run; each test file clones it (fast, isolated).
 * The name is per run, so two `npm test` runs against one server never drop each other's template.
 */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const base = process.env.TEST_DATABASE_URL
  project.provide('templateDb', '')
  if (!base) return undefined
  const templateDb = `trade_etl_tpl_${process.pid}_${randomBytes(4).toString('hex')}`
  await adminQuery(base, `create database ${templateDb}`)
  const url = new URL(base)
  url.pathname = `/${templateDb}`
  await withWarehouse({ engine: 'server', url: url.toString() }, async (wh) => {
    await migrateToLatest(wh.db)
    await ensureReferenceData(wh, createLogger('silent'))
  })
  project.provide('templateDb', templateDb)
  return async () => {
    await adminQuery(base, `drop database if exists ${templateDb} with (force)`)
  }
}

async function adminQuery(base: string, text: string): Promise<void> {
  const admin = new pg.Client({ connectionString: base })
  await admin.connect()
  try {
    await admin.query(text)
  } finally {
    await admin.end()
  }
}
