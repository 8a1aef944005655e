import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Database tests each get their own database; two workers match the two cores here.
    maxWorkers: 2,
    // Liftoff only, as for the commands the tests spawn (tests/helpers/run-cli.ts NODE_FLAGS).
    execArgv: ['--liftoff-only'],
    globalSetup: ['tests/global-setup.ts'],
  },
})
