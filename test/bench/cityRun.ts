/**
 * Runs only the city benchmarks: `node --import tsx bench/cityRun.ts [--quick] [--one-server]` in
 * test/ (after `pnpm build`); prints the figures as JSON and then the section as in docs/benchmarks.md.
 * `--boards N --clients N --seconds N` override the one-server sizes, to try a size in between.
 */
import { parseArgs } from 'node:util'
import { CITY_SIZES, cityOnOneServer } from './city.ts'
import { cityMarkdown } from './cityReport.ts'
import { SCALE_OUT_CITY_SIZES, scaleOutSustained } from './scaleOut.ts'

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    'one-server': { type: 'boolean', default: false },
    boards: { type: 'string' },
    clients: { type: 'string' },
    seconds: { type: 'string' },
  },
})
const base = values.quick ? CITY_SIZES.quick : CITY_SIZES.full
const sizes = {
  ...base,
  ...(values.boards ? { boards: Number(values.boards) } : {}),
  ...(values.clients ? { clientsPerBoard: Number(values.clients) } : {}),
  ...(values.seconds ? { seconds: Number(values.seconds) } : {}),
}
const startedAt = Date.now()
const log = (line: string) => console.log(`[${((Date.now() - startedAt) / 1000).toFixed(1)} s] ${line}`)
const city = await cityOnOneServer(sizes, log)
console.log(JSON.stringify(city))
if (!values['one-server']) {
  const scaleOutSizes = values.quick ? SCALE_OUT_CITY_SIZES.quick : SCALE_OUT_CITY_SIZES.full
  const scaleOut = await scaleOutSustained([1, 3], scaleOutSizes, log)
  console.log(JSON.stringify(scaleOut))
  console.log(cityMarkdown(city, scaleOut, scaleOutSizes).join('\n'))
}
process.exit(0)
