#!/usr/bin/env node
// The command is TypeScript run through tsx: no build step, so a fresh `npm ci` is ready to run.
import { register } from 'tsx/esm/api'

// `trade-etl status | head` closes stdout early: that is the reader's choice, not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0)
  throw error
})

register()
const { main } = await import('../src/cli/main.ts')
process.exitCode = await main(process.argv.slice(2))
