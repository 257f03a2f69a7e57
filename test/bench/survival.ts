/**
 * Whether what a server promotes under steady moves dies later, and what it is:
 *   cd test && node --import tsx bench/survival.ts [guatu|y-websocket|hocuspocus] [moves per second] [seconds]
 * One mover and 19 observers on the fan-out board, moves at a steady rate (default 500/s for 24 s).
 * From 8 s to 18 s after the server listens, V8's sampling heap profiler keeps only what no GC has
 * collected (gcPreload.mjs, BENCH_SURVIVAL_PROFILE). At the end of that window a minor GC, a first
 * reading (survived: what outlived a scavenge), a full GC, a second reading (alive). Survived minus
 * alive is what was promoted and then died in the old generation; it is exact only when no full GC
 * ran inside the window, so the main isolate's full GCs are printed too (times since its start,
 * which is a second or so before it listens). Sizes are the profiler's estimates (sampled, scaled).
 */
import { mkdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { ARTIFACTS_DIR } from '../helpers/paths.ts'
import { ALL_KINDS, type ServerKind } from './benchServers.ts'
import { fanoutRound } from './fanout.ts'

const kind = (process.argv[2] ?? 'guatu') as ServerKind
if (!ALL_KINDS.includes(kind)) throw new Error(`server kind must be one of ${ALL_KINDS.join(', ')}`)
const rate = Number(process.argv[3] ?? 500)
const seconds = Number(process.argv[4] ?? 24)
const dir = path.join(ARTIFACTS_DIR, 'profiles')
await mkdir(dir, { recursive: true })
const prefix = path.join(dir, `survival-${kind}-${Date.now()}`)
const preload = fileURLToPath(new URL('./gcPreload.mjs', import.meta.url))
const env = { NODE_OPTIONS: `--import=${preload}`, BENCH_SURVIVAL_PROFILE: prefix, BENCH_GC_TRACE: `${prefix}.gctrace`, BENCH_HEAP_PROFILE_INTERVAL: '1024' }
const sizes = { warmupMoves: rate * seconds, warmupPerSecond: rate, sequentialMoves: 0, burstMoves: 0, burstPerSecond: rate, repeats: 1 }
await fanoutRound(kind, 20, sizes, env)

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  children?: ProfileNode[]
}
interface Profile {
  head: ProfileNode
  samples: Array<{ size: number; nodeId: number; ordinal: number }>
}
type Samples = Map<number, { bytes: number; stack: string[] }>

/** Each sample by its ordinal, with the bytes it stands for (V8's scaling) and its stack, innermost first. */
async function samplesOf(file: string): Promise<Samples> {
  const profile = JSON.parse(await readFile(file, 'utf8')) as Profile
  const stacks = new Map<number, string[]>()
  const walk = (node: ProfileNode, outer: string[]) => {
    const frame = `${node.callFrame.functionName || '(anonymous)'} ${path.basename(node.callFrame.url)}:${node.callFrame.lineNumber}`
    const stack = [frame, ...outer]
    stacks.set(node.id, stack)
    for (const child of node.children ?? []) walk(child, stack)
  }
  walk(profile.head, [])
  const interval = Number(env.BENCH_HEAP_PROFILE_INTERVAL)
  return new Map(
    profile.samples.map((sample) => [sample.ordinal, { bytes: sample.size / (1 - Math.exp(-sample.size / interval)), stack: stacks.get(sample.nodeId)! }]),
  )
}

const survived = await samplesOf(`${prefix}-survived.heapprofile`)
const alive = await samplesOf(`${prefix}-alive.heapprofile`)
const died: Samples = new Map([...survived].filter(([ordinal]) => !alive.has(ordinal)))
const kib = (samples: Samples) => Math.round([...samples.values()].reduce((sum, sample) => sum + sample.bytes, 0) / 1024)
console.log(`survived a scavenge: ${kib(survived)} KiB; still alive after a full GC: ${kib(alive)} KiB; died old: ${kib(died)} KiB`)
console.log('(the second reading also holds the first one, written during the window: the inspector frames)')
for (const [label, samples] of [
  ['still alive', alive],
  ['died old', died],
] as const) {
  const byStack = new Map<string, number>()
  for (const { bytes, stack } of samples.values()) {
    const key = stack.slice(0, 5).join(' < ')
    byStack.set(key, (byStack.get(key) ?? 0) + bytes)
  }
  console.log(`\n${label}, by allocating stack (innermost five frames):`)
  for (const [stack, bytes] of [...byStack].sort((a, b) => b[1] - a[1]).slice(0, 15))
    console.log(`${String(Math.round(bytes / 1024)).padStart(7)} KiB  ${stack}`)
}
const fullGcs: string[] = []
const isolates = new Map<string, string[]>()
for (const line of (await readFile(`${prefix}.gctrace`, 'utf8')).split('\n')) {
  const match = /^\[([^\]]+)\]\s+(\d+) ms: .*\bgc=(\w+)/.exec(line)
  if (match) isolates.set(match[1]!, [...(isolates.get(match[1]!) ?? []), `${match[3]}@${match[2]}`])
}
// The main isolate is the one with the most collections (the checkpoint worker runs its own).
const main = [...isolates.values()].sort((a, b) => b.length - a.length)[0] ?? []
for (const gc of main) if (!gc.startsWith('s@')) fullGcs.push(gc.slice(gc.indexOf('@') + 1))
console.log(
  `\nfull GCs of the main isolate, ms since its start: ${fullGcs.join(', ')} (the window: 8–18 s after it listens; the forced readings are the pair just after it)`,
)
process.exit(0)
