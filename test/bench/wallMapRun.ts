/** Runs only the wall map benchmark: `node --import tsx bench/wallMapRun.ts [--quick]` in test/ (after `pnpm build`). */
import { wallMapFigures } from './wallMap.ts'

const quick = process.argv.includes('--quick')
// The size, 2,000 projects, in both modes; the quick run loads the wall once.
console.log(JSON.stringify(await wallMapFigures(2000, quick ? 1 : 5)))
process.exit(0)
