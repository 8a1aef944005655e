// The production build: src/cli/main.ts and everything it imports as one ES module for plain
// node, so a command pays no TypeScript loader at start-up (tsx's hooks cost ~0.6 s wall and
// ~50 MB per command; see CHANGELOG). The bundle sits two folders deep, dist/bin/, like the sources in src/<folder>/, so
// their `new URL('../../sql/', import.meta.url)` paths resolve to the same files.
// Run by `npm run build`, by `prepare` on `npm ci`, and by the tests' global setup.
import { build } from 'esbuild'
import { rmSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))

// Chunks of an earlier build would be left beside the new ones.
rmSync(`${root}/dist/bin`, { recursive: true, force: true })

await build({
  absWorkingDir: root,
  entryPoints: { 'trade-etl': 'src/cli/main.ts' },
  outdir: 'dist/bin',
  // What only some commands use (zod and the schemas of configuration and figure files, behind
  // dynamic imports) goes to chunks beside the entry, read when first imported: every command
  // parsed zod's 570 KB before (`--help` 0.29 -> 0.22 s, a 10-row ingest 0.50 -> 0.40 s without it).
  // Chunks stay in dist/bin/, so `new URL('../../sql/', import.meta.url)` resolves the same in each.
  splitting: true,
  chunkNames: '[name]-[hash]',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // Dependencies are bundled too: resolving and reading some 300 module files was most of what
  // remained of start-up. PGlite stays outside (it loads its wasm and data files next to its own
  // module), pg-native is pg's optional native binding, not installed.
  // The chart libraries load only for `report --chart` (dynamic imports): bundled, vega's
  // megabytes would be parsed by every command; resvg is a native module.
  // undici (a megabyte) and 7z-wasm load only for downloads and .7z inputs, also from node_modules.
  external: ['@electric-sql/pglite', 'pg-native', 'vega', 'vega-lite', '@resvg/resvg-js', 'undici', '7z-wasm'],
  // The bundled CommonJS dependencies (pg, pino, yauzl) require node's built-in modules.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  // Whitespace and syntax minified (not names, so stack traces stay readable): less for V8 to parse per command.
  minifyWhitespace: true,
  minifySyntax: true,
  sourcemap: 'linked',
  logLevel: 'warning',
})
