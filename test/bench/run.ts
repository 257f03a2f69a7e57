/**
 * `pnpm bench`: Guatu side by side with the reference Yjs servers (y-websocket 1.x with LevelDB,
 * Hocuspocus 3 with SQLite), each started here in its own process on loopback, port 0. Load
 * clients run in worker threads (see loadPool.ts). Writes docs/benchmarks.md; `--quick` runs small
 * sizes in under a minute and writes test/artifacts/benchmarks-quick.md instead (for CI).
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { REPO_ROOT } from '../helpers/paths.ts'
import { ALL_KINDS, REFERENCE_KINDS, ServerKind, serverVersions } from './benchServers.ts'
import { DOCUMENT_SETTLE_MS, buildHistory, coldLoad, type ColdLoadResult } from './coldLoad.ts'
import { BOARD_PROJECTS, fanoutRound, summarizeRounds, sustained, type FanoutResult, type FanoutRound, type SustainedResult } from './fanout.ts'
import { ledgerRoundTrip } from './ledger.ts'
import { hostileImportFigures, hostileImportTable } from './hostileImport.ts'
import { browserFigures } from './browserBoard.ts'
import type { BrowserBoardFigures } from './browser.ts'
import { scaleOutThroughput } from './scaleOut.ts'
import { pastMomentFigures } from './pastMoment.ts'
import { formatMs } from './stats.ts'
import { validationCost } from './validationCost.ts'
import { wallMapFigures } from './wallMap.ts'

const quick = process.argv.includes('--quick')
const SIZES = quick
  ? {
      fanoutClients: [20],
      fanout: { warmupMoves: 100, warmupPerSecond: 500, sequentialMoves: 10, burstMoves: 50, burstPerSecond: 100, repeats: 1 },
      sustained: { clients: 20, rates: [100, 400], secondsPerStep: 0.5 },
      loadProjects: 500,
      history: 2000,
      repeats: 1,
      ledgerRows: 200,
      scaleOut: { movers: 6, movesPerMover: 10 },
    }
  : {
      fanoutClients: [20, 100, 300],
      fanout: { warmupMoves: 2000, warmupPerSecond: 500, sequentialMoves: 200, burstMoves: 600, burstPerSecond: 100, repeats: 3 },
      sustained: { clients: 100, rates: [100, 200, 400, 800, 1600, 3200], secondsPerStep: 2 },
      loadProjects: 2000,
      history: 100_000,
      repeats: 3,
      ledgerRows: 2000,
      scaleOut: { movers: 12, movesPerMover: 50 },
    }
const P99_LIMIT_MS = 100
// Every server process adds an 'exit' listener to clean up after a crash of the benchmark.
process.setMaxListeners(Math.max(process.getMaxListeners(), 64))

const startedAt = Date.now()
type PerServer<T> = Record<ServerKind, T>
const section: string[] = []
const log = (line: string) => console.log(`[${Math.round((Date.now() - startedAt) / 1000)} s] ${line}`)

/** Guatu's figure over the best (lowest) reference figure: below 1 is better than both references. */
function ratio(values: PerServer<number>): string {
  const best = Math.min(...REFERENCE_KINDS.map((kind) => values[kind]))
  return Number.isFinite(best) && best > 0 ? `×${(values.guatu / best).toFixed(2)}` : '–'
}

function table(title: string, header: string[], rows: string[][], notes: string[] = []): void {
  section.push(
    `## ${title}`,
    '',
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
    '',
    ...notes.flatMap((note) => [note, '']),
  )
}

const KIND_LABEL: PerServer<string> = { guatu: 'Guatu', 'y-websocket': 'y-websocket ref.', hocuspocus: 'Hocuspocus' }
const serverColumns = ALL_KINDS.map((kind) => KIND_LABEL[kind])

// 1 and 2: fan-out latency, CPU per delivered message, memory per connection. Rounds alternate
// between the servers (each round on a fresh server), so a noisy minute of this shared machine
// falls on all of them, and each figure comes from the samples of every round pooled. The full run
// also measures Guatu with synchronous=FULL (every commit fsynced, so it survives a power cut too):
// the price of that guarantee, shown beside the ratios, never in them.
const fanouts = new Map<number, PerServer<FanoutResult>>()
const powerSafe = new Map<number, FanoutResult>()
const POWER_SAFE = 'guatu, synchronous=FULL'
const fanoutVariants: Array<{ label: string; kind: ServerKind; env: Record<string, string> }> = [
  ...ALL_KINDS.map((kind) => ({ label: kind as string, kind, env: {} })),
  ...(quick ? [] : [{ label: POWER_SAFE, kind: ServerKind.guatu, env: { GUATU_SQLITE_SYNC: 'full' } }]),
]
for (const clients of SIZES.fanoutClients) {
  const rounds = new Map<string, FanoutRound[]>(fanoutVariants.map((variant) => [variant.label, []]))
  for (let round = 0; round < SIZES.fanout.repeats; round++) {
    for (const variant of fanoutVariants) {
      rounds.get(variant.label)!.push(await fanoutRound(variant.kind, clients, SIZES.fanout, variant.env))
      log(`fan-out ${variant.label} ${clients} clients, round ${round + 1}`)
    }
  }
  const summary = (label: string) => summarizeRounds(rounds.get(label)!)
  fanouts.set(clients, Object.fromEntries(ALL_KINDS.map((kind) => [kind, summary(kind)])) as PerServer<FanoutResult>)
  if (!quick) powerSafe.set(clients, summary(POWER_SAFE))
  log(`fan-out ${clients} clients: ${JSON.stringify(Object.fromEntries(fanoutVariants.map((variant) => [variant.label, summary(variant.label)])))}`)
}
/** The informational column: Guatu with synchronous=FULL, when measured. */
const powerSafeHeader = powerSafe.size > 0 ? ['Guatu, sync=FULL (not in ratio)'] : []
const powerSafeCell = (clients: number, pick: (result: FanoutResult) => string): string[] => {
  const result = powerSafe.get(clients)
  return powerSafe.size > 0 ? [result ? pick(result) : '–'] : []
}
for (const mode of ['sequential', 'burst'] as const) {
  const rows: string[][] = []
  for (const [clients, results] of fanouts) {
    for (const figure of ['p50', 'p99', 'max'] as const) {
      const values = Object.fromEntries(ALL_KINDS.map((kind) => [kind, results[kind][mode][figure]])) as PerServer<number>
      rows.push([
        String(clients),
        figure,
        ...ALL_KINDS.map((kind) => formatMs(values[kind])),
        ratio(values),
        ...powerSafeCell(clients, (result) => formatMs(result[mode][figure])),
      ])
    }
  }
  const { burstMoves, burstPerSecond, sequentialMoves, repeats, warmupMoves, warmupPerSecond } = SIZES.fanout
  table(
    mode === 'sequential'
      ? `1a. Fan-out latency, one move at a time (${sequentialMoves} moves), ms until the last client has it`
      : `1b. Fan-out latency, burst of ${burstMoves} moves at ${burstPerSecond}/s, ms until the last client has it`,
    ['clients', 'figure', ...serverColumns, 'Guatu ÷ best ref.', ...powerSafeHeader],
    rows,
    [
      `Percentiles of the moves of ${repeats} round${repeats === 1 ? '' : 's'} pooled (${repeats * (mode === 'sequential' ? sequentialMoves : burstMoves)} moves per server and client count), each round on a fresh server with a ${BOARD_PROJECTS}-card board that first gets ${warmupMoves} untimed moves at ${warmupPerSecond}/s (a server runs for days; its first moves after a start run partly unoptimised); rounds alternate between the servers. One client moves, all others observe.`,
    ],
  )
}
{
  const rows: string[][] = []
  for (const [clients, results] of fanouts) {
    const cpu = Object.fromEntries(ALL_KINDS.map((kind) => [kind, results[kind].cpuPerThousand])) as PerServer<number>
    rows.push([
      `server CPU s per 1,000 moves delivered (burst, ${clients} clients)`,
      ...ALL_KINDS.map((kind) => cpu[kind].toFixed(3)),
      ratio(cpu),
      ...powerSafeCell(clients, (result) => result.cpuPerThousand.toFixed(3)),
    ])
  }
  for (const [clients, results] of fanouts) {
    rows.push([
      `update messages per move delivered (burst, ${clients} clients)`,
      ...ALL_KINDS.map((kind) => results[kind].messagesPerDelivery.toFixed(2)),
      '',
      ...powerSafeCell(clients, (result) => result.messagesPerDelivery.toFixed(2)),
    ])
  }
  for (const [clients, results] of fanouts) {
    const rss = Object.fromEntries(ALL_KINDS.map((kind) => [kind, results[kind].rssPerConnection / 1024])) as PerServer<number>
    rows.push([
      `server RSS per connection, KiB (${clients} clients)`,
      ...ALL_KINDS.map((kind) => rss[kind].toFixed(0)),
      ratio(rss),
      ...powerSafeCell(clients, () => ''),
    ])
  }
  for (const [clients, results] of fanouts) {
    rows.push([
      `load generator CPU during bursts, cores (${clients} clients)`,
      ...ALL_KINDS.map((kind) => results[kind].loadGeneratorCores.toFixed(2)),
      '',
      ...powerSafeCell(clients, (result) => result.loadGeneratorCores.toFixed(2)),
    ])
  }
  table('2a. CPU and memory', ['figure', ...serverColumns, 'Guatu ÷ best ref.', ...powerSafeHeader], rows, [
    'CPU: utime + stime of the server process from /proc/PID/stat before and after the bursts, all rounds together, over the moves delivered (one move reaching one observer: moves × observers). Not per message: Guatu writes the moves committed in one event-loop turn to each socket in one write, as separate messages. RSS per connection: VmRSS growth while the observers connected, divided by their number, median over the rounds (includes GC noise; small counts are imprecise).',
  ])
}

// 2b: sustained moves per second.
{
  const { clients, rates, secondsPerStep } = SIZES.sustained
  const results = {} as PerServer<SustainedResult>
  for (const kind of ALL_KINDS) {
    results[kind] = await sustained(kind, clients, rates, secondsPerStep, P99_LIMIT_MS)
    log(`sustained ${kind}: ${JSON.stringify(results[kind])}`)
  }
  const rate = Object.fromEntries(ALL_KINDS.map((kind) => [kind, results[kind].movesPerSecond])) as PerServer<number>
  const best = Math.max(...REFERENCE_KINDS.map((kind) => rate[kind]))
  table(
    `2b. Sustained moves per second with ${clients} clients while p99 ≤ ${P99_LIMIT_MS} ms`,
    ['figure', ...serverColumns, 'Guatu ÷ best ref.'],
    [
      [
        'highest offered rate with p99 within limit, moves/s',
        ...ALL_KINDS.map((kind) => String(rate[kind])),
        best > 0 ? `×${(rate.guatu / best).toFixed(2)} (higher is better)` : '–',
      ],
      ['p99 at that rate, ms', ...ALL_KINDS.map((kind) => formatMs(results[kind].p99AtThatRate)), ''],
      [
        'first rate over the limit (p99 ms)',
        ...ALL_KINDS.map((kind) =>
          results[kind].brokeAt ? `${results[kind].brokeAt!.movesPerSecond} (${formatMs(results[kind].brokeAt!.p99)})` : `none up to ${rates.at(-1)}`,
        ),
        '',
      ],
    ],
    [
      `Rates tried: ${rates.join(', ')} moves/s, ${secondsPerStep} s each, one mover, ${clients - 1} observers; a rate over the limit is tried once more (for every server) and counts as over only when both tries are. The p99 shown for a rate over the limit is the better of its two tries.`,
    ],
  )
}

// 3: cold load.
{
  const history = buildHistory(SIZES.loadProjects, SIZES.history)
  const results = {} as PerServer<ColdLoadResult>
  for (const kind of ALL_KINDS) {
    results[kind] = await coldLoad(kind, history, SIZES.repeats)
    log(`cold load ${kind}: ${JSON.stringify(results[kind])}`)
  }
  const pick = (figure: (result: ColdLoadResult) => number) => Object.fromEntries(ALL_KINDS.map((kind) => [kind, figure(results[kind])])) as PerServer<number>
  const compactedReceived = pick((result) => result.compacted.receivedMs)
  const compactedApplied = pick((result) => result.compacted.appliedMs)
  const warmReceived = pick((result) => result.warm.receivedMs)
  const warmApplied = pick((result) => result.warm.appliedMs)
  const rss = pick((result) => result.rssPerBoard / 2 ** 20)
  const uncompacted = results.guatu.uncompacted
  table(
    `3. Loading a ${SIZES.loadProjects}-project board after ${SIZES.history.toLocaleString('en')} historical updates, ms`,
    ['figure', ...serverColumns, 'Guatu ÷ best ref.'],
    [
      [
        'after server start, uncompacted log: whole board received / applied by the client',
        `${formatMs(uncompacted?.receivedMs ?? Number.NaN)} / ${formatMs(uncompacted?.appliedMs ?? Number.NaN)}`,
        'n/a',
        'n/a',
        '',
      ],
      [
        'after server start, compacted: whole board received by the client',
        ...ALL_KINDS.map((kind) => formatMs(compactedReceived[kind])),
        ratio(compactedReceived),
      ],
      ['after server start, compacted: … and applied by the client', ...ALL_KINDS.map((kind) => formatMs(compactedApplied[kind])), ratio(compactedApplied)],
      ['board already loaded, new client: whole board received', ...ALL_KINDS.map((kind) => formatMs(warmReceived[kind])), ratio(warmReceived)],
      ['board already loaded, new client: … and applied by the client', ...ALL_KINDS.map((kind) => formatMs(warmApplied[kind])), ratio(warmApplied)],
      ['server RSS per loaded board, MiB', ...ALL_KINDS.map((kind) => rss[kind].toFixed(1)), ratio(rss)],
    ],
    [
      `Medians over ${SIZES.repeats} server restarts. Guatu's history is written into its SQLite update log directly (1 move per ${50} updates, the rest progress-note edits), then compacted by a graceful stop. The references store their own compacted form (y-leveldb merges its log every 500 updates; Hocuspocus stores the whole state), so "uncompacted" does not apply to them. Each figure runs from the client's connect: "received" until the message that completed the board had arrived (the server's part: read, encode or not, send), "applied" until the client's own Yjs document held every project (adds the client's apply of the whole board, the same work for every server). Measured by a client in the benchmark process; RSS read ${DOCUMENT_SETTLE_MS / 1000} s after a client synced.`,
    ],
  )
}

// 3b: 回头看, the board as it stood 6 months back (Guatu only).
{
  const past = await pastMomentFigures(buildHistory(SIZES.loadProjects, SIZES.history))
  log(`past moment: ${JSON.stringify(past)}`)
  table(
    `3b. 回头看: a ${SIZES.loadProjects}-project board as it stood 6 months back, after ${SIZES.history.toLocaleString('en')} updates over a year (Guatu only)`,
    ['figure', 'Guatu'],
    [
      ["GET /api/boards/:id?at=…, first time (rebuilt from the kept snapshot and that day's updates), ms", formatMs(past.firstMs)],
      ['… again (cached), ms', formatMs(past.cachedMs)],
      ['storage used with the whole year kept, MiB', (past.storageBytes / 2 ** 20).toFixed(1)],
      ['the board itself (current state), MiB', (past.boardBytes / 2 ** 20).toFixed(1)],
    ],
    [
      'History written into the update log with the storage clock spread over the past year, compacted every 500 updates under the default policy (a snapshot kept a day, nothing dropped). Goal: under 1 s.',
    ],
  )
}

// 4: Excel import and export (Guatu only).
{
  const { importMs, exportMs } = await ledgerRoundTrip(SIZES.ledgerRows, SIZES.repeats)
  log(`ledger: import ${importMs} ms, export ${exportMs} ms`)
  table(
    `4. Excel ledger, ${SIZES.ledgerRows} rows (Guatu only), ms`,
    ['figure', 'Guatu'],
    [
      ['POST /api/boards/:id/import (parse, validate, apply, persist)', formatMs(importMs)],
      ['GET /api/boards/:id/export.xlsx', formatMs(exportMs)],
    ],
  )
}

// 5: browser, with test/bench/browser.ts (Debian's chromium). A failure is reported, not invented.
{
  const figures: Array<BrowserBoardFigures | string> = []
  for (const cards of [160, 2000]) {
    if (quick && cards > 160) {
      figures.push('skipped in quick mode')
      continue
    }
    try {
      figures.push(await browserFigures(cards))
      log(`browser ${cards} cards: ${JSON.stringify(figures.at(-1))}`)
    } catch (error) {
      figures.push(`not measured in this run (${(error as Error).message.split('\n')[0]!.slice(0, 120)})`)
      log(`browser ${cards} cards failed: ${(error as Error).message}`)
    }
  }
  const cell = (figure: BrowserBoardFigures | string, pick: (figure: BrowserBoardFigures) => string) => (typeof figure === 'string' ? figure : pick(figure))
  table(
    '5. Browser (Chromium, headless), Guatu board page',
    ['figure', '160 cards', '2,000 cards'],
    [
      ['first card rendered, ms', ...figures.map((figure) => cell(figure, (f) => formatMs(f.firstCardMs)))],
      ['whole board rendered, ms', ...figures.map((figure) => cell(figure, (f) => formatMs(f.fullBoardMs)))],
      [
        'drag frame time mean / p95 / max, ms',
        ...figures.map((figure) => cell(figure, (f) => `${formatMs(f.drag.meanFrameMs)} / ${formatMs(f.drag.p95FrameMs)} / ${formatMs(f.drag.maxFrameMs)}`)),
      ],
    ],
    ['From navigation start (signed in, offline cache cleared); frames recorded during a real mouse drag (test/bench/browser.ts).'],
  )
}

// 6: scale-out (PostgreSQL + Redis), the other engineer's scenario.
{
  const rows: string[][] = []
  for (const processes of [1, 3]) {
    const result = await scaleOutThroughput(processes, SIZES.scaleOut)
    log(`${result.name}: ${JSON.stringify(result.values)}`)
    rows.push([String(processes), ...Object.values(result.values)])
  }
  table(
    `6. Scale-out: Guatu on PostgreSQL + Redis, ${SIZES.scaleOut.movers} clients moving at once`,
    ['processes', 'moves/s', 'p50 ms', 'p99 ms', 'moves'],
    rows,
  )
}

// 7: the judge of updates, in process (Guatu only).
{
  const projects = quick ? 500 : 2000
  const cost = validationCost(projects, quick ? 1000 : 10_000, quick ? 1 : 5)
  log(`validation: ${JSON.stringify(cost)}`)
  table(
    `7. Judging an update, in process, ${projects}-project board (Guatu only), µs`,
    ['update', 'Guatu'],
    [
      ['card move (preflight, effects read directly, history entries, live apply)', cost.moveUs.toFixed(1)],
      ['problem raised (preflight, candidate copy catches up and integrates, policy, stamps, live apply)', cost.problemUs.toFixed(1)],
    ],
    [
      'The work between a decoded websocket message and the commit queue; median of the rounds. Before the judge of issue 15 a move cost the same path with a static analysis of its structs instead (see the reading above).',
    ],
  )
}

// 8: hostile ledgers as dry runs (Guatu only): peak RSS of the server and /healthz meanwhile.
{
  const figures = await hostileImportFigures(log, quick)
  section.push(
    '## 8. Hostile ledgers, dry runs (Guatu only)',
    '',
    ...hostileImportTable(figures),
    '',
    'One server, files in turn; RSS of the server process and its parse process together sampled from /proc every 10 ms while the file was read, /healthz asked in a loop meanwhile. Run alone with `node --import tsx bench/hostileImportRun.ts` in test/.',
    '',
  )
}

// 9: the wall screen's map tile with 2,000 placed projects (Guatu only). A failure is reported, not invented.
{
  const loads = quick ? 1 : 5
  let row: string[]
  try {
    const figures = await wallMapFigures(2000, loads)
    log(`wall map: ${JSON.stringify(figures)}`)
    row = [String(figures.projects), formatMs(figures.drawnMs), formatMs(figures.mapMs), formatMs(figures.moveMs)]
  } catch (error) {
    log(`wall map failed: ${(error as Error).message}`)
    row = ['2000', `not measured in this run (${(error as Error).message.split('\n')[0]!.slice(0, 120)})`, '—', '—']
  }
  table(
    '9. Wall screen map tile (Chromium, headless, 3840×2160), Guatu only',
    ['projects', 'map drawn from navigation start, ms', 'map drawn once the wall has the data, ms', 'move shown on the map, ms'],
    [row],
    [
      `Every project placed; the tile clusters for its scale and lists every point (test/bench/wallMap.ts). Median of ${loads} load${loads > 1 ? 's' : ''}; run alone with \`node --import tsx bench/wallMapRun.ts [--quick]\` in test/.`,
    ],
  )
}

const versions = serverVersions()
const cpu = os.cpus()
const header = [
  quick ? '# Benchmarks (quick mode: small sizes, not for comparison)' : '# Benchmarks',
  '',
  `Run: ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC · ${quick ? 'quick' : 'full'} mode · ${Math.round((Date.now() - startedAt) / 1000)} s · ${cpu.length} cores (${cpu[0]?.model ?? 'unknown CPU'}) · ${Math.round(os.totalmem() / 2 ** 30)} GiB · Node ${process.version} · ${os.platform()} ${os.release()}`,
  '',
  `Servers, each started by the benchmark in its own process on 127.0.0.1, port 0:`,
  '',
  `- **Guatu** ${versions.guatu}: SQLite (WAL, synchronous=NORMAL, the default); every update validated (schema, role) and written to the database's log before it is broadcast, so a crash or \`kill -9\` of the server loses nothing a client has seen.`,
  `- **y-websocket reference**: ${versions['y-websocket']} (YPERSISTENCE): stores each update in LevelDB without waiting for the write before broadcasting.`,
  `- **Hocuspocus**: ${versions.hocuspocus} (v4 needs Node 22): stores the document debounced (2 s, max 10 s) after changes; broadcasts at once. A crash loses what clients already saw.`,
  '',
  ...(quick
    ? []
    : [
        'In sections 1 and 2a an extra column shows Guatu with `GUATU_SQLITE_SYNC=full`: every commit is also fsynced before it is broadcast, so it survives a power cut of the machine too. It prices that guarantee, for information only; every ratio compares the default.',
        '',
      ]),
  'So only Guatu pays for durability before broadcast and validation in these figures. Load: thin y-protocols clients (no awareness) in 2 worker threads of the benchmark process; the mover is a full Yjs peer in the main thread. Client and servers share the same 2 cores, and the machine was shared with other work during the run: expect noise of tens of percent.',
  '',
  'Ratios are Guatu ÷ the best (lowest) reference: below 1 means Guatu is better.',
  '',
]
const output = quick ? path.join(REPO_ROOT, 'test', 'artifacts', 'benchmarks-quick.md') : path.join(REPO_ROOT, 'docs', 'benchmarks.md')
await mkdir(path.dirname(output), { recursive: true })
// The written reading of the results (by a person, below this marker) survives a re-run.
const READING_MARKER = '<!-- reading: kept by pnpm bench -->'
const previous = await readFile(output, 'utf8').catch(() => '')
const reading = previous.includes(READING_MARKER) ? previous.slice(previous.indexOf(READING_MARKER)) : `${READING_MARKER}\n`
await writeFile(
  output,
  [...header, ...section, 'Reproduce with `pnpm bench` (full, about 10 minutes here) or `pnpm bench --quick` (under a minute).', '', reading].join('\n'),
)
console.log(`wrote ${path.relative(REPO_ROOT, output)}`)
process.exit(0)
