// The production build: src/cli/main.ts and everything it imports as one ES module for plain
// node, so a command pays no TypeScript loader at start-up (tsx's hooks cost ~0.6 s wall and
// ~50 MB per command; see CHANGELOG). The bundle sits two folders deep, dist/bin/, like the sources in src/<folder>/, so
// their `new URL('../../sql/', import.meta.url)` paths resolve to the same files.
// Run by `npm run build`, by `prepare` on `npm ci`, and by the tests' global setup.
import { build } from 'esbuild'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))

await build({
  absWorkingDir: root,
  entryPoints: ['src/cli/main.ts'],
  outfile: 'dist/bin/trade-etl.js',
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
