/** Runs only the city benchmarks: `node --import tsx bench/cityRun.ts [--quick]` in test/ (after `pnpm build`). */
import { CITY_SIZES, cityOnOneServer } from './city.ts'
import { SCALE_OUT_CITY_SIZES, scaleOutSustained } from './scaleOut.ts'

const quick = process.argv.includes('--quick')
const onlyOneServer = process.argv.includes('--one-server')
const startedAt = Date.now()
const log = (line: string) => console.log(`[${((Date.now() - startedAt) / 1000).toFixed(1)} s] ${line}`)
console.log(JSON.stringify(await cityOnOneServer(quick ? CITY_SIZES.quick : CITY_SIZES.full, log)))
if (!onlyOneServer) for (const processes of [1, 3]) console.log(JSON.stringify(await scaleOutSustained(processes, quick ? SCALE_OUT_CITY_SIZES.quick : SCALE_OUT_CITY_SIZES.full, log)))
process.exit(0)
