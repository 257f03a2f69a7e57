// Loaded into a server process with NODE_OPTIONS=--import=…/gcPreload.mjs (Node 20 allows neither
// --trace-gc nor --heap-prof there). Once the server has printed that it listens:
// - BENCH_GC_TRACE=<file>: V8's --trace-gc-nvp lines (one per GC: pause, promoted bytes …) go to
//   <file>. V8 prints them on file descriptor 1, so that descriptor is reopened on the file; the
//   server's own stdout lines land there too, which the parser ignores.
// - BENCH_HEAP_PROFILE=<file>: a sampling heap profile of the objects that survived a scavenge
//   (objects a scavenge collects are dropped from it, those a full GC collects are kept): the
//   garbage that is promoted and dies later, but also young garbage a full GC happened to collect,
//   so read it against BENCH_HEAP_PROFILE_ALL=1. Written when the process exits. With
//   BENCH_HEAP_PROFILE_LIVE=1 only what is still alive then (the difference is what died old).
//   BENCH_HEAP_PROFILE_ALL=1 keeps every sampled allocation (what makes scavenges frequent).
// BENCH_HEAP_PROFILE_AFTER_MS delays the profile's start; BENCH_HEAP_PROFILE_INTERVAL sets its sampling.
// - BENCH_SURVIVAL_PROFILE=<prefix>: what survives scavenges and whether it dies later (survival.ts).
//   Samples from BENCH_SURVIVAL_FROM_MS to BENCH_SURVIVAL_UNTIL_MS, dropping what either GC collects;
//   then writes <prefix>-survived.heapprofile after a forced minor GC (what survived a scavenge and
//   no full GC has collected yet) and <prefix>-alive.heapprofile after a forced full GC.
import { closeSync, openSync, writeFileSync, writeSync } from 'node:fs'
import { Session } from 'node:inspector'
import { setImmediate, setTimeout } from 'node:timers'
import v8 from 'node:v8'
import { runInNewContext } from 'node:vm'

const traceFile = process.env.BENCH_GC_TRACE
const profileFile = process.env.BENCH_HEAP_PROFILE
const interval = Number(process.env.BENCH_HEAP_PROFILE_INTERVAL ?? 4096)

// V8 flags that must hold from the start, e.g. --no-allocation-site-pretenuring.
for (const flag of (process.env.BENCH_V8_FLAGS_EARLY ?? '').split(' ').filter(Boolean)) v8.setFlagsFromString(flag)

function start() {
  if (traceFile) {
    closeSync(1)
    // The lowest free descriptor: 1.
    const fd = openSync(traceFile, 'a')
    if (fd !== 1) throw new Error(`gcPreload: expected descriptor 1, got ${fd}`)
    v8.setFlagsFromString('--trace-gc-nvp')
    // More V8 flags for the trace, e.g. --trace-pretenuring.
    for (const flag of (process.env.BENCH_V8_FLAGS ?? '').split(' ').filter(Boolean)) v8.setFlagsFromString(flag)
  }
  if (process.env.BENCH_ALLOCATION_SNAPSHOT) allocationSnapshot(process.env.BENCH_ALLOCATION_SNAPSHOT)
  if (profileFile) setTimeout(() => sampleHeap(profileFile), Number(process.env.BENCH_HEAP_PROFILE_AFTER_MS ?? 0))
  if (process.env.BENCH_SURVIVAL_PROFILE) survivalProfile(process.env.BENCH_SURVIVAL_PROFILE)
}

/** See BENCH_SURVIVAL_PROFILE at the top. */
function survivalProfile(prefix) {
  v8.setFlagsFromString('--expose-gc')
  const gc = runInNewContext('gc')
  const session = new Session()
  session.connect()
  const post = (method, params) => new Promise((resolve, reject) => session.post(method, params, (error, result) => (error ? reject(error) : resolve(result))))
  const from = Number(process.env.BENCH_SURVIVAL_FROM_MS ?? 8000)
  const until = Number(process.env.BENCH_SURVIVAL_UNTIL_MS ?? 18000)
  setTimeout(async () => {
    await post('HeapProfiler.startSampling', { samplingInterval: interval, includeObjectsCollectedByMajorGC: false, includeObjectsCollectedByMinorGC: false })
    setTimeout(async () => {
      gc({ type: 'minor' })
      writeFileSync(`${prefix}-survived.heapprofile`, JSON.stringify((await post('HeapProfiler.getSamplingProfile')).profile))
      gc()
      writeFileSync(`${prefix}-alive.heapprofile`, JSON.stringify((await post('HeapProfiler.getSamplingProfile')).profile))
      await post('HeapProfiler.stopSampling')
    }, until - from)
  }, from)
}

/** Starts the sampling heap profile (see the top); written at exit. */
function sampleHeap(profileFile) {
  const session = new Session()
  session.connect()
  session.post('HeapProfiler.startSampling', {
    samplingInterval: interval,
    includeObjectsCollectedByMajorGC: process.env.BENCH_HEAP_PROFILE_LIVE !== '1',
    includeObjectsCollectedByMinorGC: process.env.BENCH_HEAP_PROFILE_ALL === '1',
  })
  process.on('exit', () => {
    session.post('HeapProfiler.stopSampling', (error, result) => {
      if (!error) writeFileSync(profileFile, JSON.stringify(result.profile))
    })
  })
}

/**
 * BENCH_ALLOCATION_SNAPSHOT=<file>: allocation tracking from BENCH_TRACK_FROM_MS to
 * BENCH_TRACK_UNTIL_MS after the start, then a heap snapshot (it collects garbage first), whose
 * objects carry the stack that allocated them: what the window's work left reachable.
 */
function allocationSnapshot(file) {
  const session = new Session()
  session.connect()
  setTimeout(
    () => {
      session.post('HeapProfiler.startTrackingHeapObjects', { trackAllocations: true })
      setTimeout(
        () => {
          const fd = openSync(file, 'w')
          session.on('HeapProfiler.addHeapSnapshotChunk', (message) => writeSync(fd, message.params.chunk))
          session.post('HeapProfiler.takeHeapSnapshot', null, () => {
            closeSync(fd)
            session.post('HeapProfiler.stopTrackingHeapObjects')
          })
        },
        Number(process.env.BENCH_TRACK_UNTIL_MS ?? 14000) - Number(process.env.BENCH_TRACK_FROM_MS ?? 8000),
      )
    },
    Number(process.env.BENCH_TRACK_FROM_MS ?? 8000),
  )
}

if (traceFile || profileFile || process.env.BENCH_SURVIVAL_PROFILE) {
  // Started after the line that says where the server listens has gone out on the pipe (the
  // benchmark waits for it). Servers print it with console.log or process.stdout.write.
  let started = false
  const after = (print) =>
    function (...args) {
      const result = print.apply(this, args)
      if (!started && /listening/i.test(String(args[0]))) {
        started = true
        setImmediate(start)
      }
      return result
    }
  process.stdout.write = after(process.stdout.write)
  console.log = after(console.log)
}
