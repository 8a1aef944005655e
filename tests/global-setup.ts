import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import v8 from 'node:v8'
import pg from 'pg'
import type { TestProject } from 'vitest/node'
import { migrateToLatest, withWarehouse } from '../src/load/index.ts'
import { ensureReferenceData } from '../src/jobs/index.ts'
import { createLogger } from '../src/log.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    /** The server template database of this test run ('' when no server is configured). */
    templateDb: string
    /** A migrated embedded warehouse with reference data, as a data-directory tar file. */
    embeddedTemplate: string
    /** The same as a TRADE_ETL_HOME folder, for tests that run the command line. */
    embeddedHome: string
  }
}

/**
 * Migrates a template database once per test run; each test file clones it (fast, isolated).
 * The name is per run, so two `npm test` runs against one server never drop each other's template.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // As in the test workers (vitest.config.ts): initdb costs 4.0 s of CPU with V8's optimizing
  // tier compiling PostgreSQL's WebAssembly in the background, 2.1 s without it.
  v8.setFlagsFromString('--liftoff-only')
  // The CLI tests run bin/trade-etl.js, which runs the build: build it from the sources under
  // test, while the templates below are made.
  const build = promisify(execFile)(process.execPath, ['scripts/build.js'])
  const [, embedded, server] = await Promise.all([build, embeddedTemplates(), serverTemplate()])
  project.provide('embeddedTemplate', embedded.template)
  project.provide('embeddedHome', embedded.home)
  project.provide('templateDb', server?.name ?? '')
  return async () => {
    await embedded.remove()
    await server?.remove()
  }
}

async function embeddedTemplates(): Promise<{ template: string; home: string; remove: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'trade-etl-test-template-'))
  const embeddedTemplate = join(dir, 'embedded.tar')
  // One initdb for both templates: a home folder for child processes (copying it costs a
  // fraction of a fresh initdb) and its dump, which in-process tests open from memory.
  const embeddedHome = join(dir, 'home')
  await withWarehouse({ engine: 'embedded', dataDir: embeddedHome }, async (wh) => {
    await migrateToLatest(wh.db)
    await ensureReferenceData(wh, createLogger('silent'))
    await writeFile(embeddedTemplate, Buffer.from(await (await wh.dumpDataDir()).arrayBuffer()))
  })
  return { template: embeddedTemplate, home: embeddedHome, remove: async () => rmSync(dir, { recursive: true, force: true }) }
}

async function serverTemplate(): Promise<{ name: string; remove: () => Promise<void> } | undefined> {
  const base = process.env.TEST_DATABASE_URL
  if (!base) return undefined
  const templateDb = `trade_etl_tpl_${process.pid}_${randomBytes(4).toString('hex')}`
  await adminQuery(base, `create database ${templateDb}`)
  const url = new URL(base)
  url.pathname = `/${templateDb}`
  await withWarehouse({ engine: 'server', url: url.toString() }, async (wh) => {
    await migrateToLatest(wh.db)
    await ensureReferenceData(wh, createLogger('silent'))
  })
  return { name: templateDb, remove: () => adminQuery(base, `drop database if exists ${templateDb} with (force)`) }
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
