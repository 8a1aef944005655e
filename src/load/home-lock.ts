import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs'
import { TradeEtlError } from '../errors.ts'

/**
 * The embedded engine is one process's database: a second process opening the same folder
 * would corrupt it. A lock file with the holder's pid keeps that out; a lock left by a killed
 * process (its pid gone) is taken over.
 */
export function acquireHomeLock(dir: string): () => void {
  const path = `${dir}/lock`
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx')
      writeSync(fd, String(process.pid))
      closeSync(fd)
      return () => rmSync(path, { force: true })
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      const holder = Number(readFileSync(path, 'utf8'))
      if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && isAlive(holder)) {
        throw new TradeEtlError('LOCK_HELD', `the embedded warehouse in ${dir} is in use by process ${holder}`)
      }
      rmSync(path, { force: true })
    }
  }
  throw new TradeEtlError('LOCK_HELD', `could not lock the embedded warehouse in ${dir}`)
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
