/**
 * CPU profile of one server under the fan-out load of `pnpm bench` (100 clients, one burst):
 *   cd test && node --import tsx bench/profileServer.ts [guatu|y-websocket|hocuspocus] [clients]
 * Writes a .cpuprofile into test/artifacts/profiles/ (open it in Chrome DevTools → Performance).
 */
import { existsSync } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { ARTIFACTS_DIR } from '../helpers/paths.ts'
import { ALL_KINDS, type ServerKind } from './benchServers.ts'
import { fanout } from './fanout.ts'

const kind = (process.argv[2] ?? 'guatu') as ServerKind
if (!ALL_KINDS.includes(kind)) throw new Error(`server kind must be one of ${ALL_KINDS.join(', ')}`)
const clients = Number(process.argv[3] ?? 100)
const dir = path.join(ARTIFACTS_DIR, 'profiles')
await mkdir(dir, { recursive: true })
const target = path.join(dir, `${kind}-${clients}-${Date.now()}.cpuprofile`)
// Written when the server exits normally (all three do on SIGTERM); see cpuProfilePreload.mjs.
const preload = fileURLToPath(new URL('./cpuProfilePreload.mjs', import.meta.url))
const result = await fanout(
  kind,
  clients,
  { warmupMoves: 2000, warmupPerSecond: 500, sequentialMoves: 50, burstMoves: 600, burstPerSecond: 100, repeats: 1 },
  { NODE_OPTIONS: `--import=${preload}`, BENCH_CPU_PROFILE: target },
)
console.log(JSON.stringify(result))
console.log(existsSync(target) ? target : 'no profile written (did the server exit normally?)')
process.exit(0)
