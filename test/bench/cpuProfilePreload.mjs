// Loaded into a server process with NODE_OPTIONS=--import=…/cpuProfilePreload.mjs (Node 20 does
// not allow --cpu-prof in NODE_OPTIONS): profiles the process and writes the profile to
// BENCH_CPU_PROFILE when it exits. With BENCH_CPU_PROFILE_ON_SIGNAL=1 profiling starts only at
// SIGUSR2, so a measurement can leave out start-up and seeding. The main-thread inspector session
// answers synchronously, so this works inside the 'exit' event.
import { writeFileSync } from 'node:fs'
import { Session } from 'node:inspector'

const target = process.env.BENCH_CPU_PROFILE
if (target) {
  const session = new Session()
  session.connect()
  session.post('Profiler.enable')
  session.post('Profiler.setSamplingInterval', { interval: 200 })
  const start = () => session.post('Profiler.start')
  if (process.env.BENCH_CPU_PROFILE_ON_SIGNAL === '1') process.once('SIGUSR2', start)
  else start()
  process.on('exit', () => {
    session.post('Profiler.stop', (error, result) => {
      if (!error) writeFileSync(target, JSON.stringify(result.profile))
    })
  })
}
