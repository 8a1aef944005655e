import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs'
import { TradeEtlError } from '../errors.ts'

/**
 * The embedded engine is one process's database: a second process opening the same folder
 * would corrupt it. A lock file names the holder as `pid starttime` (the process's start time in
 * clock ticks since boot, /proc/PID/stat field 22 on Linux). A lock is held only while a process
 * with that pid AND that start time lives: a lock left by a killed process is taken over, also
 * when its pid has since been reused by an unrelated process (which has another start time). A
 * lock from an older version (pid only) or where start times cannot be read falls back to
 * "the pid is alive".
 */
export function acquireHomeLock(dir: string): () => void {
  const path = `${dir}/lock`
  const mine = `${process.pid} ${startTimeOf(process.pid) ?? ''}`.trim()
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx')
      writeSync(fd, mine)
      closeSync(fd)
      return () => rmSync(path, { force: true })
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      const [pidText = '', started] = readFileSync(path, 'utf8').trim().split(/\s+/)
      const holder = Number(pidText)
      if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && isHolder(holder, started)) {
        throw new TradeEtlError('LOCK_HELD', `the embedded warehouse in ${dir} is in use by process ${holder}`)
      }
      rmSync(path, { force: true })
    }
  }
  throw new TradeEtlError('LOCK_HELD', `could not lock the embedded warehouse in ${dir}`)
}

/** True when the process that wrote the lock is still the one running under `pid`. */
export function isHolder(pid: number, started: string | undefined): boolean {
  if (!isAlive(pid)) return false
  const now = startTimeOf(pid)
  return started === undefined || now === undefined || now === started
}

/** The start time of a process (Linux /proc), or undefined where it cannot be read. */
export function startTimeOf(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // The command name (field 2) is in parentheses and may hold spaces: count from after it.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]
  } catch {
    return undefined
  }
}

/** True while a process with this pid exists (also one of another user's: EPERM). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
