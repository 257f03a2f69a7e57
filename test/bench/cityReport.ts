/** The "City on one server" section of docs/benchmarks.md, from the figures of city.ts and scaleOut.ts. */
import type { CityFigures } from './city.ts'
import { SCALE_OUT_P99_LIMIT_MS, type ScaleOutCityResult, type ScaleOutCitySizes } from './scaleOut.ts'
import { formatMs } from './stats.ts'

/** Issue 22: three processes should carry at least twice the moves of one. */
const SCALE_OUT_GOAL_RATIO = 2

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`
const row = (cells: readonly string[]) => `| ${cells.join(' | ')} |`
const cores = (value: number | undefined) => (value === undefined ? '–' : value.toFixed(2))

export function cityMarkdown(city: CityFigures, scaleOut: readonly ScaleOutCityResult[], scaleOutSizes: ScaleOutCitySizes): string[] {
  const { sizes } = city
  const quietBoards = sizes.boards - sizes.meetingBoards
  return [
    '## 14. City on one server (issue 22 item 4)',
    '',
    `### 14a. One process on SQLite: ${sizes.boards} boards of ${sizes.projectsPerBoard} projects, ${sizes.clientsPerBoard} clients each`,
    '',
    row(['figure', 'Guatu']),
    row(['---', '---']),
    row(['connections (a full-Yjs mover and thin observers per board)', String(city.connections)]),
    row([
      'moves offered, per second over all boards',
      `${city.movesPerSecond.toFixed(1)} (${plural(sizes.meetingBoards, 'board')} in a 调度会 at ${sizes.meetingMovesPerSecond}/s, ${quietBoards} at one per ${sizes.quietSecondsPerMove} s; ${city.moves} moves in ${sizes.seconds} s)`,
    ]),
    row([
      'fan-out, move sent → last client of its board has it: p50 / p99 / max, ms',
      `${formatMs(city.fanout.p50)} / ${formatMs(city.fanout.p99)} / ${formatMs(city.fanout.max)}`,
    ]),
    row(['… p99 of the meeting boards alone, ms', formatMs(city.fanout.meetingP99)]),
    row(['moves some client never got', String(city.fanout.lost)]),
    row(['server CPU during the moves, cores (load generator beside it)', `${cores(city.serverCores)} (${cores(city.loadGeneratorCores)})`]),
    row([
      'server RSS: started / every board loaded / every client connected, MiB',
      [city.rss.idleMiB, city.rss.boardsLoadedMiB, city.rss.connectedMiB].map((v) => v.toFixed(0)).join(' / '),
    ]),
    row(['RSS per loaded board, MiB', city.rss.perBoardMiB.toFixed(2)]),
    row(['RSS per connection, KiB', city.rss.perConnectionKiB.toFixed(0)]),
    row([
      `idle unload (GUATU_IDLE_UNLOAD_MS=${sizes.idleUnloadMs}): last client gone → no board loaded, s; RSS / V8 heap used, before → after, MiB`,
      `${city.unload.seconds.toFixed(1)}; ${city.unload.rssBeforeMiB.toFixed(0)} → ${city.unload.rssAfterMiB.toFixed(0)} / ${city.unload.heapBeforeMiB.toFixed(0)} → ${city.unload.heapAfterMiB.toFixed(0)}`,
    ]),
    row([
      `reload: a new client of an unloaded board until it holds all ${sizes.projectsPerBoard} projects, median / max of ${sizes.reloads}, ms`,
      `${formatMs(city.reload.medianMs)} / ${formatMs(city.reload.maxMs)}`,
    ]),
    '',
    'Per board: RSS growth from the started server to every board seeded and loaded (its mover connected), over the boards. Per connection: growth from there to every observer connected and the moves done, over the observers. RSS is read 1 s after each phase; V8 keeps the heap it grew, so the unload frees memory for the next boards rather than returning it to the system. Observers are thin y-protocols clients in 2 worker threads (test/bench/cityLoad.ts); run alone with `node --import tsx bench/cityRun.ts [--quick]` in test/.',
    '',
    `### 14b. ${scaleOutSizes.boards} boards on PostgreSQL + Redis: moves/s at p99 ≤ ${SCALE_OUT_P99_LIMIT_MS} ms, 1 and 3 processes`,
    '',
    ...scaleOutSummary(scaleOut),
    '',
    row([
      'processes',
      'offered moves/s',
      'p50 ms',
      'p99 ms',
      'CPU cores: each Guatu process',
      'PostgreSQL',
      'Redis',
      'load gen.',
      'commit mean ms (per s)',
      'Redis lag mean ms',
      'catch-ups',
    ]),
    row(Array.from({ length: 11 }, () => '---')),
    ...scaleOut.flatMap((result) =>
      result.steps.map((step) =>
        row([
          String(result.processes),
          String(step.rate),
          formatMs(step.p50),
          formatMs(step.p99),
          Object.entries(step.cores)
            .filter(([name]) => name.startsWith('process'))
            .map(([, value]) => cores(value))
            .join(' + '),
          cores(step.cores.postgres),
          cores(step.cores.redis),
          cores(step.cores['load generator']),
          `${formatMs(step.commitMs)} (${step.commitsPerSecond.toFixed(0)})`,
          Number.isFinite(step.redisLagMs) ? formatMs(step.redisLagMs) : '–',
          String(step.catchUps),
        ]),
      ),
    ),
    '',
    `${scaleOutSizes.boards} boards of ${scaleOutSizes.projectsPerBoard} projects, each with one mover (on process \`board % processes\`) and ${scaleOutSizes.observersPerBoard} observers spread over every process, as a load balancer would; moves offered round robin over the boards, ${scaleOutSizes.secondsPerStep} s per rate, a rate over the limit tried once more (both tries shown). PostgreSQL is the machine's shared server (other work uses it too); its CPU counts only the backends of this run's database, not its WAL writer or checkpointer. Commit and Redis lag come from each process's /metrics (guatu_persist_seconds, guatu_redis_lag_seconds).`,
    '',
  ]
}

function scaleOutSummary(results: readonly ScaleOutCityResult[]): string[] {
  const one = results.find((result) => result.processes === 1)
  const three = results.find((result) => result.processes === 3)
  if (!one || !three) return []
  const ratio = one.movesPerSecond > 0 ? three.movesPerSecond / one.movesPerSecond : Number.NaN
  const verdict = Number.isFinite(ratio)
    ? `×${ratio.toFixed(2)}: goal ≥ ×${SCALE_OUT_GOAL_RATIO} ${ratio >= SCALE_OUT_GOAL_RATIO ? 'met' : 'not met'} here`
    : `no ratio (1 process stayed within ${SCALE_OUT_P99_LIMIT_MS} ms at none of the rates tried)`
  return [
    `Highest offered rate with p99 within ${SCALE_OUT_P99_LIMIT_MS} ms: 1 process **${one.movesPerSecond}** moves/s (${one.connections} connections), 3 processes **${three.movesPerSecond}** moves/s; 3 ÷ 1 = ${verdict}. A bare INSERT + COMMIT on the same PostgreSQL just before the steps took ${formatMs(one.bareCommitMs)} ms (1 process run) and ${formatMs(three.bareCommitMs)} ms (3 processes run), median of 40.`,
  ]
}
