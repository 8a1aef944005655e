import type { Kysely } from 'kysely'
import type { CountryRow, ProductRow } from '../transform/reference-rows.ts'
import type { Database } from './schema.ts'

const BATCH = 1000

/** Writes country codes; 'keep' leaves codes already mapped alone (a side table never overrides). */
export async function upsertCountries(db: Kysely<Database>, rows: readonly CountryRow[], mode: 'replace' | 'keep'): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) {
    const values = rows.slice(i, i + BATCH).map((r) => ({ code: r.code, iso3: r.iso3, name: r.name, source: r.source }))
    await db.insertInto('core.country').values(values)
      .onConflict((oc) => mode === 'keep'
        ? oc.column('code').doNothing()
        : oc.column('code').doUpdateSet((eb) => ({ iso3: eb.ref('excluded.iso3'), name: eb.ref('excluded.name'), source: eb.ref('excluded.source') })))
      .execute()
  }
}

export async function upsertProducts(db: Kysely<Database>, rows: readonly ProductRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) {
    const values = rows.slice(i, i + BATCH).map((r) => ({
      classification: r.classification, code: r.code, level: r.level, parent_code: r.parentCode, description: r.description,
    }))
    await db.insertInto('core.product').values(values)
      .onConflict((oc) => oc.columns(['classification', 'code']).doUpdateSet((eb) => ({
        level: eb.ref('excluded.level'), parent_code: eb.ref('excluded.parent_code'), description: eb.ref('excluded.description'),
      })))
      .execute()
  }
}
