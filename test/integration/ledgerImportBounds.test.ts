import { readFile } from 'node:fs/promises'
import { beforeAll, describe, expect, test } from 'vitest'
import { createProject, moveProject } from '@guatu/shared/board/projectCommands'
import { listProjects, readProject } from '@guatu/shared/board/projectQueries'
import { importPreviewSchema } from '@guatu/shared/ledger/importPreview'
import { heavyWithinLimitsXlsx, hugeCellXlsx, hugeCsv, lyingSizesXlsx, manyColumnsXlsx, manyRowsXls, rowBombXlsx } from '../fixtures/ledgers/hostileLedgers.ts'
import { demoProjectsFor } from '../fixtures/ledgers/messyLedgerSpecs.ts'
import { buildWanFormatsLedger } from '../fixtures/ledgers/wanFormatsLedger.ts'
import { connectClient, waitAllSynced, waitForDoc } from '../helpers/client.ts'
import { authHeaders, createBoard, fetchBoard } from '../helpers/rest.ts'
import { startServer, type TestServer } from '../helpers/server.ts'

const SHARED_LEDGER = '/work/shared/fixtures/ledger-2022.xlsx'
const CHINESE = /[\u4e00-\u9fff]/
/**
 * /healthz answers in a few milliseconds when the event loop is free; a parse on it took 16 s.
 * Taking in a 16 MB upload and handing it to the parse process has stalled it up to about 1.8 s on
 * a busy 2-core machine, so the bound sits well between the two.
 */
const HEALTHZ_PROMPT_MS = 3_000
const MOVE_EVERY_MS = 50

interface ImportAnswer {
  status: number
  body: Record<string, unknown>
  bytes: number
}

async function importFile(server: TestServer, boardId: string, file: Uint8Array, name: string, query = 'dryRun=1'): Promise<ImportAnswer> {
  const form = new FormData()
  form.append('file', new Blob([new Uint8Array(file)]), name)
  const response = await fetch(`${server.url}/api/boards/${boardId}/import?${query}`, { method: 'POST', headers: authHeaders(server), body: form })
  const text = await response.text()
  return { status: response.status, body: JSON.parse(text) as Record<string, unknown>, bytes: Buffer.byteLength(text) }
}

async function healthzMs(server: TestServer): Promise<number> {
  const started = performance.now()
  const response = await fetch(`${server.url}/healthz`)
  expect(response.status).toBe(200)
  return performance.now() - started
}

/**
 * A board with a card and two connected clients (real websockets). `whileImporting` sends the
 * file and, while the server reads it, times /healthz and moves the card from one client until
 * the other sees it, round after round until the import answers.
 */
async function boardWithBystanders(server: TestServer) {
  const board = await createBoard(server, '导入上限测试', 2022)
  const mover = connectClient(server, board.id)
  const watcher = connectClient(server, board.id)
  await waitAllSynced([mover, watcher])
  const id = createProject(mover.doc, { name: '旁观项目', stage: 'planning', unit: '发改局' })
  await waitForDoc(watcher.doc, (doc) => readProject(doc, id) !== undefined, { message: 'the watcher to see the card' })

  const moveRoundTrip = async () => {
    const stage = readProject(mover.doc, id)?.stage === 'started' ? 'producing' : 'started'
    moveProject(mover.doc, id, { stage })
    await waitForDoc(watcher.doc, (doc) => readProject(doc, id)?.stage === stage, {
      message: `the other client to see the card move to ${stage} during the import`,
    })
  }

  const whileImporting = async (file: Uint8Array, name: string) => {
    let answered = false
    const answer = importFile(server, board.id, file, name).finally(() => {
      answered = true
    })
    const health: number[] = []
    let movesBeforeAnswer = 0
    let lastMoveAt = Number.NEGATIVE_INFINITY
    do {
      health.push(await healthzMs(server))
      // At most one move per MOVE_EVERY_MS: a tight loop would spend the connection's message
      // budget (GUATU_MESSAGES_PER_SECOND) and be closed as a flood, which is not what is tested.
      if (performance.now() - lastMoveAt >= MOVE_EVERY_MS) {
        lastMoveAt = performance.now()
        await moveRoundTrip()
        if (!answered) movesBeforeAnswer += 1
      }
    } while (!answered)
    // And once more after the answer: the bystanders still work together.
    await moveRoundTrip()
    expect(mover.closes).toEqual([])
    expect(watcher.closes).toEqual([])
    return { answer: await answer, slowestHealthzMs: Math.max(...health), movesBeforeAnswer }
  }
  return { boardId: board.id, whileImporting, projectCount: () => listProjects(mover.doc).length }
}

const HOSTILE = [
  { name: 'a row bomb (1.5 million rows of one tiny cell)', file: () => rowBombXlsx(), fileName: 'rows.xlsx', refusal: /台账超过 20,000 行的上限/ },
  { name: 'one cell of 200 million characters', file: () => hugeCellXlsx(), fileName: 'cell.xlsx', refusal: /解压后超过 100 MB 的上限/ },
  { name: 'one cell of 40,000 characters', file: () => hugeCellXlsx(40_000), fileName: 'long.xlsx', refusal: /单元格文字超过 32,767 个字符的上限/ },
  { name: 'a sheet 16,000 columns wide', file: () => manyColumnsXlsx(), fileName: 'wide.xlsx', refusal: /台账超过 200 列的上限/ },
  { name: 'a zip declaring 4 KB for a 150 MB sheet', file: () => lyingSizesXlsx(), fileName: 'lies.xlsx', refusal: /解压后超过 100 MB 的上限/ },
  { name: 'a CSV of 4 million lines', file: () => hugeCsv(), fileName: 'huge.csv', refusal: /台账超过 20,000 行的上限/ },
  { name: 'an .xls of 30,000 rows', file: () => manyRowsXls(), fileName: 'rows.xls', refusal: /台账超过 20,000 行的上限（工作表“台账”/ },
]

describe('a hostile ledger is refused by name of its limit while the server serves everyone else', () => {
  let server: TestServer
  let board: Awaited<ReturnType<typeof boardWithBystanders>>
  const files = new Map<string, Buffer>()

  beforeAll(async () => {
    // Made before the server is used: seconds spent making a file between two requests would let
    // the server close the test's idle keep-alive connection just as fetch reuses it (EPIPE).
    for (const hostile of HOSTILE) files.set(hostile.name, hostile.file())
    server = await startServer()
    board = await boardWithBystanders(server)
  })

  for (const hostile of HOSTILE) {
    test(`${hostile.name} gets a Chinese 413 naming the limit, and /healthz and card moves keep working meanwhile`, async () => {
      const { answer, slowestHealthzMs } = await board.whileImporting(files.get(hostile.name)!, hostile.fileName)
      expect(answer.status).toBe(413)
      expect(answer.body.error).toMatch(CHINESE)
      expect(answer.body.error).toMatch(hostile.refusal)
      expect(answer.body.error).toMatch(/未导入任何数据/)
      expect(slowestHealthzMs).toBeLessThan(HEALTHZ_PROMPT_MS)
      expect(board.projectCount()).toBe(1)
      expect((await fetchBoard(server, board.boardId)).projects).toHaveLength(1)
    })
  }

  test('the same hostile file as a real import (not a dry run) writes nothing', async () => {
    const answer = await importFile(server, board.boardId, files.get(HOSTILE[0]!.name)!, 'rows.xlsx', '')
    expect(answer.status).toBe(413)
    expect(answer.body.error).toMatch(/台账超过 20,000 行的上限/)
    expect((await fetchBoard(server, board.boardId)).projects).toHaveLength(1)
  })
})

describe("what no scan refuses, the parse process's heap cap and deadline stop", () => {
  // At the smallest cap allowed, where a worker thread's out-of-memory once ended the whole server.
  test("a file needing more than the parse process's heap is refused naming the memory limit; the server lives and moves cards meanwhile", async () => {
    const heavy = heavyWithinLimitsXlsx()
    const server = await startServer({ env: { GUATU_IMPORT_WORKER_MEMORY_MB: '128' } })
    const board = await boardWithBystanders(server)
    const { answer, slowestHealthzMs, movesBeforeAnswer } = await board.whileImporting(heavy, 'heavy.xlsx')
    expect([answer.status, answer.body.error]).toEqual([413, expect.stringMatching(/读取台账所需内存超过 128 MB 的上限/)])
    expect(movesBeforeAnswer).toBeGreaterThan(0)
    expect(slowestHealthzMs).toBeLessThan(HEALTHZ_PROMPT_MS)
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200)
  })

  test('a file taking longer than the deadline is refused naming it; the server moves cards meanwhile', async () => {
    const heavy = heavyWithinLimitsXlsx()
    const server = await startServer({ env: { GUATU_IMPORT_TIMEOUT_MS: '1000', GUATU_IMPORT_WORKER_MEMORY_MB: '2048' } })
    const board = await boardWithBystanders(server)
    const { answer, slowestHealthzMs, movesBeforeAnswer } = await board.whileImporting(heavy, 'heavy.xlsx')
    expect([answer.status, answer.body.error]).toEqual([413, expect.stringMatching(/读取台账超过 1 秒的时限/)])
    expect(movesBeforeAnswer).toBeGreaterThan(0)
    expect(slowestHealthzMs).toBeLessThan(HEALTHZ_PROMPT_MS)
  })

  test('uploads past the parse slots and their queue are turned away at once in Chinese (429), not stacked up', async () => {
    // One parse slot and four places to wait: of six heavy uploads at once, at least one is turned away.
    const heavy = heavyWithinLimitsXlsx()
    const server = await startServer({ env: { GUATU_IMPORT_CONCURRENCY: '1', GUATU_IMPORT_TIMEOUT_MS: '2000' } })
    const board = await createBoard(server, '排队', 2022)
    const answers = await Promise.all(Array.from({ length: 6 }, () => importFile(server, board.id, heavy, 'heavy.xlsx')))
    const busy = answers.filter((answer) => answer.status === 429)
    expect(busy.length).toBeGreaterThan(0)
    expect(busy[0]!.body.error).toMatch(/正在读取其他台账，请稍后重试/)
    expect(answers.filter((answer) => answer.status === 413).length + busy.length).toBe(6)
  })

  test('limits are settings: a server allowing 100 rows refuses a 2,000-row ledger by that limit', async () => {
    const ledger = await buildWanFormatsLedger(demoProjectsFor({ file: '', seed: 7, count: 2000, brokenIndexes: [] }))
    const strict = await startServer({ env: { GUATU_IMPORT_MAX_ROWS: '100' } })
    const strictBoard = await createBoard(strict, '严格', 2022)
    const refused = await importFile(strict, strictBoard.id, ledger, 'ledger.xlsx')
    expect([refused.status, refused.body.error]).toEqual([413, expect.stringMatching(/台账超过 100 行的上限/)])
  })
})

describe('the import preview is bounded and paged', () => {
  test('a 2,000-row ledger previews 200 rows with whole-file counts, pages on with ?offset=, and imports whole', async () => {
    const ledger = await buildWanFormatsLedger(demoProjectsFor({ file: '', seed: 7, count: 2000, brokenIndexes: [] }))
    const server = await startServer()
    const board = await createBoard(server, '分页预览', 2022)
    const first = await importFile(server, board.id, ledger, 'ledger.xlsx')
    expect(first.status).toBe(200)
    const preview = importPreviewSchema.parse(first.body)
    expect([preview.rows.length, preview.page, preview.creates]).toEqual([200, { offset: 0, limit: 200, rowCount: 2000 }, 2000])
    expect(first.bytes).toBeLessThan(1024 * 1024)

    const last = importPreviewSchema.parse((await importFile(server, board.id, ledger, 'ledger.xlsx', 'dryRun=1&offset=1900&limit=500')).body)
    const earlier = importPreviewSchema.parse((await importFile(server, board.id, ledger, 'ledger.xlsx', 'dryRun=1&offset=1800&limit=500')).body)
    expect([last.rows.length, last.page.offset, earlier.rows.length]).toEqual([100, 1900, 200])
    expect(last.rows.map((row) => row.rowNumber)).toEqual(earlier.rows.slice(100).map((row) => row.rowNumber))

    const tooLarge = await importFile(server, board.id, ledger, 'ledger.xlsx', 'dryRun=1&limit=100000')
    expect([tooLarge.status, tooLarge.body.error]).toEqual([400, expect.stringMatching(/分页参数 limit/)])

    const committed = await importFile(server, board.id, ledger, 'ledger.xlsx', '')
    expect(committed.body).toMatchObject({ created: 2000 })
    expect((await fetchBoard(server, board.id)).projects).toHaveLength(2000)
  })

  test('the shared 2022 county ledger previews and imports through the parse process as before', async () => {
    const server = await startServer()
    const board = await createBoard(server, '县台账', 2022)
    const file = await readFile(SHARED_LEDGER)
    const preview = importPreviewSchema.parse((await importFile(server, board.id, file, 'ledger-2022.xlsx')).body)
    expect(preview.creates).toBeGreaterThan(0)
    expect(preview.counts.errors).toBe(preview.errors.length)
    if (preview.counts.errors === 0) {
      const committed = await importFile(server, board.id, file, 'ledger-2022.xlsx', '')
      expect(committed.body).toMatchObject({ created: preview.creates })
    }
  })
})
