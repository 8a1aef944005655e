// The production build: src/cli/main.ts and everything it imports as one ES module for plain
// node, so a command pays no TypeScript loader at start-up (tsx's hooks cost ~0.6 s wall and
// ~50 MB per command; see CHANGELOG). The bundle sits two folders deep, dist/bin/, like the sources in src/<folder>/, so
// their `new URL('../../sql/', import.meta.url)` paths resolve to the same files.
// Run by `npm run build`, by `prepare` on `npm ci`, and by the tests' global setup.
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { build } from 'esbuild'
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
  plugins: [pgOnNode()],
})

buildEmbeddedTemplate()

/**
 * pg picks its socket at load: on Cloudflare Workers or Node. Without `navigator` (Node 20) it
 * asks by constructing a `Response`, which loads Node's internal fetch (undici) in every command
 * that connects: 13 ms of a 10-row ingest's profile. This bundle runs on Node only, so the check
 * answers no at once. Should pg rewrite the file, the build says so and bundles it unchanged.
 */
function pgOnNode() {
  return {
    name: 'pg-on-node',
    setup(b) {
      b.onLoad({ filter: /[\\/]pg[\\/]lib[\\/]stream\.js$/ }, (args) => {
        const text = readFileSync(args.path, 'utf8')
        const check = 'function isCloudflareRuntime() {'
        if (!text.includes(check)) return { contents: text, loader: 'js', warnings: [{ text: `${args.path}: no isCloudflareRuntime() to answer; bundled unchanged` }] }
        return { contents: text.replace(check, `${check}\n  return false`), loader: 'js' }
      })
    },
  }
}

/**
 * A migrated embedded warehouse with the reference data (dist/embedded-template/pgdata), which a
 * new embedded home starts from instead of an initdb in PGlite, every migration and the
 * reference load (src/load/warehouse.ts, copyBuiltTemplate). Made by the built command itself,
 * and made again only when what it is made of changed: the migrations, the reference files,
 * the code that applies them and PGlite's version (the stamp). A build that cannot make it
 * says so and goes on: homes are then made from scratch, as before.
 */
function buildEmbeddedTemplate() {
  const dir = `${root}/dist/embedded-template`
  const stamp = templateStamp()
  if (existsSync(`${dir}/pgdata/PG_VERSION`) && existsSync(`${dir}/stamp`) && readFileSync(`${dir}/stamp`, 'utf8') === stamp) return
  rmSync(dir, { recursive: true, force: true })
  const work = `${root}/dist/.embedded-template-work`
  rmSync(work, { recursive: true, force: true })
  try {
    execFileSync(process.execPath, [`${root}/bin/trade-etl.js`, 'migrate'], {
      env: { ...process.env, DATABASE_URL: '', TRADE_ETL_HOME: work, LOG_LEVEL: 'warn' }, stdio: ['ignore', 'ignore', 'inherit'],
    })
    mkdirSync(dir, { recursive: true })
    renameSync(`${work}/pgdata`, `${dir}/pgdata`)
    writeFileSync(`${dir}/stamp`, stamp)
  } catch (error) {
    console.warn(`trade-etl build: no embedded template made (${error instanceof Error ? error.message : String(error)}); new embedded homes start from an initdb`)
    rmSync(dir, { recursive: true, force: true })
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}

/** The hash of what the template is made of. */
function templateStamp() {
  const hash = createHash('sha256')
  const files = [
    ...filesIn('sql'),
    ...filesIn('fixtures/reference'),
    'src/load/migrate.ts', 'src/jobs/load-reference.ts', 'src/load/reference.ts', 'src/transform/reference-rows.ts',
    'node_modules/@electric-sql/pglite/package.json',
  ]
  for (const f of files) hash.update(f).update('\0').update(readFileSync(`${root}/${f}`)).update('\0')
  return hash.digest('hex')
}

/** The files directly in a folder of the project, by name. */
function filesIn(folder) {
  return readdirSync(`${root}/${folder}`, { withFileTypes: true }).filter((e) => e.isFile()).map((e) => `${folder}/${e.name}`).sort()
}
