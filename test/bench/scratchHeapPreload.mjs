import { writeFileSync } from 'node:fs'
import { Session } from 'node:inspector'
const target = process.env.BENCH_HEAP_PROFILE
if (target) {
  const session = new Session()
  session.connect()
  session.post('HeapProfiler.enable')
  process.once('SIGUSR2', () => session.post('HeapProfiler.startSampling', { samplingInterval: 4096, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true }))
  process.on('exit', () => session.post('HeapProfiler.stopSampling', (error, result) => { if (!error) writeFileSync(target, JSON.stringify(result.profile)) }))
}
