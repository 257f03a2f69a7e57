// Bundles the server into one ESM file. better-sqlite3 and sharp stay external (native addons); ws's optional
// native helpers are not installed. CJS dependencies need `require`, which ESM lacks: the banner
// provides it.
import { readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { build } from 'esbuild'

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  sourcemap: true,
  external: ['better-sqlite3', 'sharp', 'bufferutil', 'utf-8-validate'],
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  logLevel: 'warning',
  // V8 keeps a script's source in memory for lazy compilation, and one character outside Latin-1
  // makes it two bytes per character: our Chinese comments and messages doubled the 5.6 MB bundle
  // to 11 MB of heap in every process. `ascii` escapes strings and templates; asciiOnly() the rest.
  charset: 'ascii',
}

// Chunks are named by content hash: last build's must not linger beside this one's.
await rm('dist/chunks', { recursive: true, force: true })
const outputs = [
  // What only some servers or some requests need (ECharts for the map image, ExcelJS, PostgreSQL
  // and Redis clients, nodemailer) is imported dynamically and split into chunks/: V8 holds every
  // loaded script's source for the process's life, and an idle embedded server loads none of them.
  build({ ...common, entryPoints: { main: 'src/main.ts' }, outdir: 'dist', splitting: true, chunkNames: 'chunks/[name]-[hash]' }),
  // `node server/dist/cli.js import|export …`: the ledger CLI, talking to a running server over REST.
  build({ ...common, entryPoints: ['src/cli/ledgerCli.ts'], outfile: 'dist/cli.js' }),
  // `node server/dist/audit.js verify|export`: the security audit log, read from the database itself.
  build({ ...common, entryPoints: ['src/cli/securityAuditCli.ts'], outfile: 'dist/audit.js' }),
  // Started by the server as a worker thread (storage/walCheckpointer.ts), so it sits beside main.js.
  build({ ...common, entryPoints: ['src/storage/walCheckpointWorker.ts'], outfile: 'dist/walCheckpointWorker.js' }),
  // Forked by the server for each ledger upload (ledger/ledgerParser.ts): parses with a capped heap.
  build({ ...common, entryPoints: ['src/ledger/parseProcess.ts'], outfile: 'dist/ledgerParseProcess.js' }),
]
await Promise.all(outputs)
const chunks = (await readdir('dist/chunks').catch(() => [])).filter((name) => name.endsWith('.js')).map((name) => `chunks/${name}`)
await Promise.all(
  ['main', 'cli', 'audit', 'walCheckpointWorker', 'ledgerParseProcess', ...chunks].map((name) => asciiOnly(`dist/${name.replace(/\.js$/, '')}.js`)),
)

/**
 * esbuild leaves non-ASCII inside regular expression literals and comments. A \uXXXX escape means
 * the same code unit in both (and nothing in a comment), so the file becomes pure ASCII; only the
 * source-map columns after such a character on its line shift, which a stack trace survives.
 */
async function asciiOnly(file) {
  const text = await readFile(file, 'utf8')
  // After a backslash the escape would read as a literal "\u…": refuse rather than change meaning.
  if (/\\[^\0-\x7f]/.test(text)) throw new Error(`${file}: a backslash before a non-ASCII character; write it as \\u in the source`)
  const escaped = text.replace(/[^\0-\x7f]/g, (unit) => `\\u${unit.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`)
  if (escaped !== text) await writeFile(file, escaped)
}
