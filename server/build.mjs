// Bundles the server into one ESM file. better-sqlite3 and sharp stay external (native addons); ws's optional
// native helpers are not installed. CJS dependencies need `require`, which ESM lacks: the banner
// provides it.
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
}

await Promise.all([
  build({ ...common, entryPoints: ['src/main.ts'], outfile: 'dist/main.js' }),
  // `node server/dist/cli.js import|export …`: the ledger CLI, talking to a running server over REST.
  build({ ...common, entryPoints: ['src/cli/ledgerCli.ts'], outfile: 'dist/cli.js' }),
  // `node server/dist/audit.js verify|export`: the security audit log, read from the database itself.
  build({ ...common, entryPoints: ['src/cli/securityAuditCli.ts'], outfile: 'dist/audit.js' }),
  // Started by the server as a worker thread (storage/walCheckpointer.ts), so it sits beside main.js.
  build({ ...common, entryPoints: ['src/storage/walCheckpointWorker.ts'], outfile: 'dist/walCheckpointWorker.js' }),
  // Forked by the server for each ledger upload (ledger/ledgerParser.ts): parses with a capped heap.
  build({ ...common, entryPoints: ['src/ledger/parseProcess.ts'], outfile: 'dist/ledgerParseProcess.js' }),
])
