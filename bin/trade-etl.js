#!/usr/bin/env node
// Runs the compiled command (dist/, built by `npm run build` and by `prepare` on `npm ci`) on
// plain node. Without a build, as in a checkout before `npm ci`, it falls back to the
// TypeScript sources through tsx, which costs ~0.6 s of start-up per command.

// `trade-etl status | head` closes stdout early: that is the reader's choice, not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0)
  throw error
})

const BUILD = new URL('../dist/bin/trade-etl.js', import.meta.url)
let main
try {
  ;({ main } = await import(BUILD.href))
} catch (error) {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !String(error.message).includes(BUILD.pathname)) throw error
  const { register } = await import('tsx/esm/api')
  register()
  ;({ main } = await import('../src/cli/main.ts'))
}
process.exitCode = await main(process.argv.slice(2))
