/**
 * What one server's garbage collector does under the fan-out load of `pnpm bench` (the same warm-up,
 * moves one at a time, then a burst at 100/s):
 *   cd test && node --import tsx bench/gcTrace.ts [guatu|y-websocket|hocuspocus] [clients] [--heap-profile]
 * Prints the scavenges' pauses and promoted bytes, and the fan-out latencies of the round. With
 * --heap-profile it also writes a sampling heap profile of what survived a scavenge into
 * test/artifacts/profiles/ (open it in Chrome DevTools → Memory); see gcPreload.mjs.
 */
import { mkdir, readFile, rm } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { ARTIFACTS_DIR } from '../helpers/paths.ts'
import { ALL_KINDS, type ServerKind } from './benchServers.ts'
import { fanoutRound } from './fanout.ts'
import { median, percentile } from './stats.ts'

const kind = (process.argv[2] ?? 'guatu') as ServerKind
if (!ALL_KINDS.includes(kind)) throw new Error(`server kind must be one of ${ALL_KINDS.join(', ')}`)
const clients = Number(process.argv[3] ?? 20)
const heapProfile = process.argv.includes('--heap-profile')
const dir = path.join(ARTIFACTS_DIR, 'profiles')
await mkdir(dir, { recursive: true })
const stamp = `${kind}-${clients}-${Date.now()}`
const traceFile = path.join(dir, `${stamp}.gctrace`)
const profileFile = path.join(dir, `${stamp}.heapprofile`)
const preload = fileURLToPath(new URL('./gcPreload.mjs', import.meta.url))
const env: Record<string, string> = { NODE_OPTIONS: `--import=${preload}`, BENCH_GC_TRACE: traceFile }
if (heapProfile) env.BENCH_HEAP_PROFILE = profileFile
if (process.argv.includes('--all')) env.BENCH_HEAP_PROFILE_ALL = '1'
if (process.argv.includes('--live')) env.BENCH_HEAP_PROFILE_LIVE = '1'
// The preload's other settings (BENCH_HEAP_PROFILE_INTERVAL, BENCH_V8_FLAGS …) pass through.
for (const [name, value] of Object.entries(process.env)) if (name.startsWith('BENCH_') && value !== undefined) env[name] ??= value

const sizes = { warmupMoves: 2000, warmupPerSecond: 500, sequentialMoves: 200, burstMoves: 600, burstPerSecond: 100, repeats: 1 }
const round = await fanoutRound(kind, clients, sizes, env)
interface Gc {
  isolate: string
  kind: string
  pause: number
  promoted: number
  allocated: number
  heapAfter: number
}
const gcs: Gc[] = []
for (const line of (await readFile(traceFile, 'utf8')).split('\n')) {
  const fields = new Map(line.split(/\s+/).map((pair) => pair.split('=') as [string, string]))
  if (!fields.has('gc') || !fields.has('pause')) continue
  gcs.push({
    isolate: /^\[[^\]]*\]/.exec(line)?.[0] ?? '',
    kind: fields.get('gc')!,
    pause: Number(fields.get('pause')),
    promoted: Number(fields.get('promoted') ?? 0),
    allocated: Number(fields.get('allocated') ?? 0),
    heapAfter: Number(fields.get('total_size_after') ?? 0),
  })
}
// The checkpoint worker (Guatu) runs its own isolate: only the main one, the one with the largest heap, counts.
const largest = gcs.reduce<Gc | undefined>((best, gc) => (!best || gc.heapAfter > best.heapAfter ? gc : best), undefined)
const main = gcs.filter((gc) => gc.isolate === largest?.isolate)
if (!process.argv.includes('--keep-trace')) await rm(traceFile)
const scavenges = main.filter((gc) => gc.kind === 's')
const moves = sizes.warmupMoves + sizes.sequentialMoves + sizes.burstMoves
const summary = (values: number[]) => ({ n: values.length, median: median(values), p90: percentile(values, 90), max: Math.max(...values) })
const round2 = (value: number) => Math.round(value * 100) / 100
console.log(
  JSON.stringify({
    kind,
    clients,
    scavenges: summary(scavenges.map((gc) => gc.pause)),
    promotedKiB: summary(scavenges.map((gc) => gc.promoted / 1024)),
    fullGcs: main.filter((gc) => gc.kind !== 's').map((gc) => gc.pause),
    allocatedKiBPerMove: round2(main.reduce((sum, gc) => sum + gc.allocated, 0) / 1024 / moves),
    // Steadier than the median: every scavenge's promoted bytes over the round's moves.
    promotedKiBPerMove: round2(scavenges.reduce((sum, gc) => sum + gc.promoted, 0) / 1024 / moves),
    sequential: { p50: round2(median(round.sequential)), p99: round2(percentile(round.sequential, 99)) },
    burst: { p50: round2(median(round.burst)), p99: round2(percentile(round.burst, 99)) },
    cpuPerThousand: round2((round.serverCpu / round.deliveries) * 1000 * 1000) / 1000,
  }),
)
if (heapProfile) console.log(profileFile)
process.exit(0)
