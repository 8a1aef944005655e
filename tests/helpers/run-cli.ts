import { execFile } from 'node:child_process'
import { promisify } from 'node:util'

const run = promisify(execFile)

/**
 * V8 flags for the commands the tests spawn. Without them each command on the embedded engine
 * spends ~1 s of CPU compiling PostgreSQL's WebAssembly a second time, optimized, in background
 * threads, for commands that end before the optimized code would pay off (`status --json` on a
 * test home: 1.9 s CPU by default, 0.95 s with Liftoff only). Behaviour is the same; only the
 * compiler tier differs.
 */
export const NODE_FLAGS: readonly string[] = ['--liftoff-only']

export interface CliResult {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

/** The real command line, as cron and users run it. */
export async function cli(args: string[], env: NodeJS.ProcessEnv): Promise<CliResult> {
  try {
    const { stdout, stderr } = await run(process.execPath, [...NODE_FLAGS, 'bin/trade-etl.js', ...args], { env: { ...process.env, LOG_LEVEL: 'info', ...env }, maxBuffer: 64 << 20 })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string }
    return { code: e.code, stdout: e.stdout, stderr: e.stderr }
  }
}
