/**
 * Guatu only: crafted ledgers sent as dry runs to one server, one at a time, while /healthz is
 * asked in a loop. Reports each answer, the peak RSS of the server and its parse process together
 * while it was read (sampled from /proc every 10 ms) and the slowest /healthz meanwhile: what a
 * hostile file costs the machine that serves everyone's boards.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { heavyWithinLimitsXlsx, hugeCellXlsx, hugeCsv, lyingSizesXlsx, manyColumnsXlsx, manyRowsXls, rowBombXlsx } from '../fixtures/ledgers/hostileLedgers.ts'
import { demoProjectsFor } from '../fixtures/ledgers/messyLedgerSpecs.ts'
import { buildWanFormatsLedger } from '../fixtures/ledgers/wanFormatsLedger.ts'
import { ServerKind, guatuHttp, startServer } from './benchServers.ts'
import { treeRssBytes } from './procStats.ts'

export interface HostileImportFigure {
  name: string
  fileBytes: number
  status: number
  answerMs: number
  /** RSS before the upload, MiB. */
  rssBeforeMiB: number
  /** Highest RSS of the server and its parse process sampled while the file was read, MiB. */
  peakRssMiB: number
  slowestHealthzMs: number
  healthzCount: number
  message: string
}

const MIB = 1024 * 1024
const RSS_SAMPLE_MS = 10

/** `full`: only in the full run; the quick run (inside `pnpm test`) skips files that take tens of seconds. */
const FILES: readonly { name: string; make: () => Buffer | Promise<Buffer>; fileName: string; full?: boolean }[] = [
  {
    name: 'honest ledger, 2,000 rows (for comparison)',
    make: async () => Buffer.from(await buildWanFormatsLedger(demoProjectsFor({ file: '', seed: 2000, count: 2000, brokenIndexes: [] }))),
    fileName: 'ledger.xlsx',
  },
  { name: 'row bomb: 1.5 M rows', make: () => rowBombXlsx(), fileName: 'rows.xlsx' },
  { name: 'one 200 MB cell', make: () => hugeCellXlsx(), fileName: 'cell.xlsx' },
  { name: '16,000 columns', make: () => manyColumnsXlsx(), fileName: 'wide.xlsx' },
  { name: 'zip declaring 4 KB for 150 MB', make: () => lyingSizesXlsx(), fileName: 'lies.xlsx' },
  { name: 'CSV, 4 M lines', make: () => hugeCsv(), fileName: 'huge.csv' },
  { name: '.xls, 30,000 rows', make: () => manyRowsXls(), fileName: 'rows.xls' },
  { name: 'within the limits, 2.85 M cells (heap cap / deadline)', make: () => heavyWithinLimitsXlsx(), fileName: 'heavy.xlsx', full: true },
]

export async function hostileImportFigures(log: (line: string) => void = () => {}, quick = false): Promise<HostileImportFigure[]> {
  const files = FILES.filter((file) => !(quick && file.full))
  // Made before the server is used: seconds spent making a file between two requests would let
  // the server close the idle keep-alive connection just as fetch reuses it.
  const made: Buffer[] = []
  for (const { make } of files) made.push(await make())
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'guatu-bench-hostile-'))
  const server = await startServer(ServerKind.guatu, dataDir)
  const figures: HostileImportFigure[] = []
  try {
    const http = guatuHttp(server)
    const boardId = await server.createBoard('hostile')
    for (const [index, { name, fileName }] of files.entries()) {
      const file = made[index]!
      const rssBefore = treeRssBytes(server.pid)
      let peak = rssBefore
      const sampler = setInterval(() => {
        peak = Math.max(peak, treeRssBytes(server.pid))
      }, RSS_SAMPLE_MS)
      const form = new FormData()
      form.set('file', new Blob([new Uint8Array(file)]), fileName)
      const started = performance.now()
      let answered = false
      const answer = fetch(`${http.url}/api/boards/${boardId}/import?dryRun=1`, {
        method: 'POST',
        headers: { authorization: `Bearer ${http.adminToken}` },
        body: form,
      })
        .then(async (response) => ({ status: response.status, text: await response.text(), ms: performance.now() - started }))
        .finally(() => {
          answered = true
        })
      const health: number[] = []
      while (!answered) {
        const asked = performance.now()
        const response = await fetch(`${http.url}/healthz`)
        await response.arrayBuffer()
        health.push(performance.now() - asked)
      }
      const { status, text, ms } = await answer
      clearInterval(sampler)
      peak = Math.max(peak, treeRssBytes(server.pid))
      const message =
        status === 200 ? `preview of ${text.length.toLocaleString('en-US')} bytes` : ((JSON.parse(text) as { error?: string }).error ?? text.slice(0, 80))
      const figure = {
        name,
        fileBytes: file.length,
        status,
        answerMs: ms,
        rssBeforeMiB: rssBefore / MIB,
        peakRssMiB: peak / MIB,
        slowestHealthzMs: Math.max(0, ...health),
        healthzCount: health.length,
        message,
      }
      log(`hostile import ${name}: ${JSON.stringify(figure)}`)
      figures.push(figure)
    }
  } finally {
    await server.stop()
    await rm(dataDir, { recursive: true, force: true })
  }
  return figures
}

/** The figures as a markdown table, for docs/benchmarks.md or the standalone run. */
export function hostileImportTable(figures: readonly HostileImportFigure[]): string[] {
  const mib = (value: number) => value.toFixed(0)
  return [
    '| file | size | answer | answered in, ms | RSS before → peak, MiB | slowest /healthz meanwhile, ms (asked) |',
    '| --- | --- | --- | --- | --- | --- |',
    ...figures.map(
      (figure) =>
        `| ${figure.name} | ${(figure.fileBytes / 1024).toFixed(0)} KB | ${figure.status}: ${figure.message.slice(0, 60)} | ${figure.answerMs.toFixed(0)} | ${mib(figure.rssBeforeMiB)} → ${mib(figure.peakRssMiB)} | ${figure.slowestHealthzMs.toFixed(1)} (${figure.healthzCount}) |`,
    ),
  ]
}
