/**
 * npm run soak: the generative fault test at length (SOAK_MUTATIONS, default 10,000; SOAK_SEED).
 * Prints the count checked and every invariant violation; exits 1 if there is one.
 */
import { runMutations } from '../tests/helpers/fuzz.ts'

const count = Number(process.env.SOAK_MUTATIONS ?? 10_000)
const seed = Number(process.env.SOAK_SEED ?? 9)
const started = performance.now()
const { checked, violations } = await runMutations(count, seed)
for (const v of violations.slice(0, 50)) console.log(v)
console.log(`soak: ${checked} mutations (seed ${seed}), ${violations.length} invariant violations, ${((performance.now() - started) / 1000).toFixed(1)} s`)
process.exit(violations.length === 0 ? 0 : 1)
