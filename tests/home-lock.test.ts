import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { describe, expect, it } from 'vitest'
import { acquireHomeLock, startTimeOf } from '../src/load/home-lock.ts'

describe('the embedded home lock', () => {
  it('records pid and start time, and takes over a lock whose pid now belongs to another process (pid reuse)', () => {
    const dir = mkdtempSync(`${tmpdir()}/trade-etl-lock-`)
    const live = process.ppid
    const started = startTimeOf(live)
    expect(started).toMatch(/^\d+$/)
    // A live, unrelated process under the recorded pid, started at another time than the writer.
    writeFileSync(`${dir}/lock`, `${live} ${Number(started) + 12345}`)
    const release = acquireHomeLock(dir)
    expect(readFileSync(`${dir}/lock`, 'utf8')).toBe(`${process.pid} ${startTimeOf(process.pid)}`)
    release()
  })

  it('refuses a lock held by the live process that wrote it', () => {
    const dir = mkdtempSync(`${tmpdir()}/trade-etl-lock-`)
    const live = process.ppid
    writeFileSync(`${dir}/lock`, `${live} ${startTimeOf(live)}`)
    expect(() => acquireHomeLock(dir)).toThrow(new RegExp(`in use by process ${live}`))
  })

  it('takes over a lock of a process that is gone', () => {
    const dir = mkdtempSync(`${tmpdir()}/trade-etl-lock-`)
    writeFileSync(`${dir}/lock`, '2147483646 1')
    acquireHomeLock(dir)()
  })
})
