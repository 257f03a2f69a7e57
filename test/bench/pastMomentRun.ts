/** Runs only the 回头看 benchmark: `node --import tsx bench/pastMomentRun.ts [--quick]` in test/. */
import { buildHistory } from './coldLoad.ts'
import { pastMomentFigures } from './pastMoment.ts'

const quick = process.argv.includes('--quick')
const projects = quick ? 500 : 2000
const updates = quick ? 5000 : 100_000
console.log(JSON.stringify({ projects, updates, ...(await pastMomentFigures(buildHistory(projects, updates))) }))
