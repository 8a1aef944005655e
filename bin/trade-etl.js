#!/usr/bin/env node
// The command is TypeScript run through tsx: no build step, so a fresh `npm ci` is ready to run.
import { register } from 'tsx/esm/api'

register()
const { main } = await import('../src/cli/main.ts')
process.exitCode = await main(process.argv.slice(2))
