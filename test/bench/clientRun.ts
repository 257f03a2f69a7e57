/**
 * The browser's side of issue 22 alone: `node --import tsx bench/clientRun.ts [--quick] [burst|load|day|idle …]`
 * in test/ (after `pnpm build`), printing each figure as JSON. `pnpm bench` runs the same sections.
 */
import { burstFigures, firstLoadFigures, View } from './clientBurst.ts'
import { wallDayFigures } from './wallDay.ts'
import { idleFootprint } from './idleFootprint.ts'
import { ALL_KINDS } from './benchServers.ts'

const quick = process.argv.includes('--quick')
const wanted = process.argv.slice(2).filter((arg) => !arg.startsWith('--'))
const runs = (name: string) => wanted.length === 0 || wanted.includes(name)

if (runs('burst')) {
  for (const view of [View.board, View.wall]) {
    for (const cards of quick ? [160] : [160, 2000]) {
      const figures = await burstFigures({ view, cards, movers: quick ? 10 : 50, movesPerSecond: quick ? 50 : 100, seconds: quick ? 3 : 30, cpuThrottle: 4 })
      console.log(JSON.stringify(figures))
    }
  }
}
if (runs('load')) console.log(JSON.stringify(await firstLoadFigures(quick ? 160 : 2000, 4)))
if (runs('day')) console.log(JSON.stringify(await wallDayFigures({ cards: 160, hours: 8, secondsPerHour: quick ? 2 : 20 })))
if (runs('idle')) {
  for (const kind of ALL_KINDS) console.log(JSON.stringify(await idleFootprint(kind, quick ? 2_000 : 10_000, quick ? 1_000 : 30_000)))
}
