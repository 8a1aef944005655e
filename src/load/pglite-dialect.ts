import type { PGlite, Transaction } from '@electric-sql/pglite'
import {
  CompiledQuery,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
} from 'kysely'
import type { Mutex } from './mutex.ts'

type Queryable = Pick<PGlite, 'query' | 'exec'> | Pick<Transaction, 'query' | 'exec'>

/**
 * Kysely dialect over an embedded PGlite. PGlite is one connection, so the driver hands out
 * that connection under a mutex: two kysely transactions in one process must never interleave
 * their statements on it.
 */
export class PGliteDialect implements Dialect {
  readonly #pg: PGlite
  readonly #mutex: Mutex

  constructor(pg: PGlite, mutex: Mutex) {
    this.#pg = pg
    this.#mutex = mutex
  }

  createAdapter() {
    return new PostgresAdapter()
  }
  createDriver(): Driver {
    return new PGliteDriver(this.#pg, this.#mutex)
  }
  createQueryCompiler() {
    return new PostgresQueryCompiler()
  }
  createIntrospector(db: Kysely<unknown>) {
    return new PostgresIntrospector(db)
  }
}

class PGliteDriver implements Driver {
  readonly #connection: PGliteConnection
  readonly #mutex: Mutex
  #release: (() => void) | undefined

  constructor(pg: PGlite, mutex: Mutex) {
    this.#connection = new PGliteConnection(pg)
    this.#mutex = mutex
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    this.#release = await this.#mutex.lock()
    return this.#connection
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin'))
  }
  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'))
  }
  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'))
  }

  async releaseConnection(): Promise<void> {
    const release = this.#release
    this.#release = undefined
    release?.()
  }

  async destroy(): Promise<void> {}
}

/** A connection used while the caller already holds the embedded engine (inside `transaction`). */
export class PGliteConnection implements DatabaseConnection {
  readonly #pg: Queryable

  constructor(pg: Queryable) {
    this.#pg = pg
  }

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    // Plain-SQL migrations hold several statements: only the simple protocol (exec) takes those.
    if (compiled.parameters.length === 0 && isMultiStatement(compiled.sql)) {
      const results = await this.#pg.exec(compiled.sql)
      const last = results[results.length - 1]
      return { rows: (last?.rows ?? []) as R[], numAffectedRows: BigInt(last?.affectedRows ?? 0) }
    }
    const result = await this.#pg.query<R>(compiled.sql, compiled.parameters as unknown[])
    return {
      rows: result.rows,
      numAffectedRows: result.affectedRows === undefined ? undefined : BigInt(result.affectedRows),
    }
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('streaming queries are not supported on the embedded engine')
  }
}

function isMultiStatement(text: string): boolean {
  const semi = text.indexOf(';')
  return semi >= 0 && semi < text.trimEnd().length - 1
}
