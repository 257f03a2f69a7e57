import type { CoordinateSystem } from '@guatu/shared/geo/coordinateSystem'
import * as Y from 'yjs'
import { readBoardSettings, readColumnMapping, writeColumnMapping } from '@guatu/shared/board/boardSettingsAccess'
import type { IsoDate } from '@guatu/shared/domain/dates'
import type { ColumnMapping } from '@guatu/shared/ledger/columnMapping'
import { stageEntryDateOf } from '@guatu/shared/board/projectCommands'
import { filterFromSearchParams, isFilterEmpty, matchesFilter } from '@guatu/shared/board/projectFilter'
import { listProblems } from '@guatu/shared/board/problemQueries'
import { listProjects } from '@guatu/shared/board/projectQueries'
import type { Principal } from '@guatu/shared/domain/principal'
import { ProblemStatus } from '@guatu/shared/domain/problem'
import { boardToday } from '@guatu/shared/progress/boardToday'
import { LIGHT_PARAM, isLightFilter, matchesLightFilter } from '@guatu/shared/progress/lightFilter'
import { lightsByProject, worstLight } from '@guatu/shared/progress/lights'
import { LedgerImportError, applyLedgerImport } from '../ledger/applyImport.ts'
import { exportLedgerWorkbook } from '../ledger/exportLedger.ts'
import { planLedgerImport } from '../ledger/importPlan.ts'
import type { LedgerParser } from '../ledger/ledgerParser.ts'
import type { ParseLedgerOptions } from '../ledger/parseLedger.ts'
import { FIRST_PREVIEW_PAGE, importPlanToJson, type ImportPlanJson, type PreviewPage } from '../ledger/planJson.ts'
import { RequestError } from '../requestError.ts'
import type { BoardStorage } from '../storage/boardStorage.ts'
import type { CommitQueue } from '../sync/commitQueue.ts'
import type { RoomRegistry } from '../sync/roomRegistry.ts'
import type { BoardService } from './boardService.ts'

/** What the office chose in the preview; every part optional (the CLI sends none). */
export interface ImportChoices {
  fileName?: string
  reportDate?: IsoDate
  sheets?: readonly string[]
  /** Choices for unknown headers, on top of those remembered for the board. */
  mapping?: ColumnMapping
  /** The system the coordinate columns are in, as the office chose in the preview. */
  coordinateSystem?: CoordinateSystem
  /** Which rows of the preview to answer with. */
  page?: PreviewPage
}

export type ImportOutcome =
  | { kind: 'preview'; preview: ImportPlanJson }
  | { kind: 'committed'; created: number; updated: number; unchanged: number }
  | { kind: 'refused'; error: string; preview: ImportPlanJson }

/** Excel in and out: import a ledger into the live board, export the board as a ledger. */
export class LedgerService {
  constructor(
    private readonly storage: BoardStorage,
    private readonly rooms: RoomRegistry,
    private readonly commits: CommitQueue,
    private readonly boards: BoardService,
    /** Reads the uploaded file in a worker thread, within the import limits. */
    private readonly parser: LedgerParser,
  ) {}

  /**
   * Plans an import against the board as it is now; unless `dryRun`, applies it as one change made
   * by `principal` — through the same validation, permissions and history as an edit on the board —
   * and answers once it is durable. All or nothing: a plan with any error row writes nothing.
   */
  async import(boardId: string, file: Uint8Array, principal: Principal, dryRun: boolean, choices: ImportChoices = {}): Promise<ImportOutcome> {
    const record = await this.storage.getBoard(boardId)
    if (!record) throw new RequestError(404, '看板不存在')
    const room = await this.rooms.open(boardId)
    if (!room) throw new RequestError(404, '看板不存在')
    try {
      // The board remembers last month's column choices; this import's choices win over them.
      const remembered = readColumnMapping(room.doc)
      const mapping: ColumnMapping = { ...remembered, ...choices.mapping }
      const parsed = await this.parser.parse(file, parseOptions(record.year, mapping, choices))
      const plan = planLedgerImport(room.doc, parsed)
      const preview = importPlanToJson(plan, parsed, choices.page ?? FIRST_PREVIEW_PAGE)
      if (dryRun) return { kind: 'preview', preview }
      if (plan.errors.length > 0) return { kind: 'refused', error: `台账有 ${plan.errors.length} 处错误，未导入任何数据`, preview }
      // The import is built on a copy and handed to the room as one update, so it is checked,
      // attributed and broadcast exactly like a change from a connected client.
      const scratch = new Y.Doc()
      Y.applyUpdate(scratch, Y.encodeStateAsUpdate(room.doc))
      const before = Y.encodeStateVector(scratch)
      const result = applyLedgerImport(scratch, plan, principal, { today: stageEntryDateOf(scratch) })
      // Remembered only with a committed import, in the same update: a preview writes nothing.
      if (!sameMapping(remembered, mapping)) writeColumnMapping(scratch, mapping)
      const refusal = room.applyAs(principal, Y.encodeStateAsUpdate(scratch, before))
      if (refusal) return { kind: 'refused', error: refusal, preview }
      await this.commits.drained()
      return { kind: 'committed', created: result.created.length, updated: result.updated.length, unchanged: preview.unchanged }
    } catch (error) {
      if (error instanceof LedgerImportError)
        return { kind: 'refused', error: error.message, preview: await this.previewAgain(room.doc, file, record.year, choices) }
      throw error
    } finally {
      this.rooms.releaseIfIdle(boardId)
    }
  }

  private async previewAgain(doc: Y.Doc, file: Uint8Array, year: number, choices: ImportChoices): Promise<ImportPlanJson> {
    const parsed = await this.parser.parse(file, parseOptions(year, { ...readColumnMapping(doc), ...choices.mapping }, choices))
    return importPlanToJson(planLedgerImport(doc, parsed), parsed, choices.page ?? FIRST_PREVIEW_PAGE)
  }

  /** The board (or what `query` filters, in the board URL's terms) as an office ledger workbook. */
  async export(boardId: string, query: URLSearchParams, at?: number): Promise<{ name: string; file: Uint8Array } | undefined> {
    const snapshot = await this.boards.withDoc(
      boardId,
      (doc, record) => {
        const problems = listProblems(doc)
        const openCounts = new Map<string, number>()
        for (const problem of problems) {
          if (problem.status === ProblemStatus.open) openCounts.set(problem.projectId, (openCounts.get(problem.projectId) ?? 0) + 1)
        }
        const filter = filterFromSearchParams(query)
        const settings = readBoardSettings(doc, record.year)
        const asOf = boardToday(settings)
        let projects = listProjects(doc).filter((project) => matchesFilter(project, filter, { openProblemCount: (id) => openCounts.get(id) ?? 0 }))
        const light = query.get(LIGHT_PARAM)
        if (isLightFilter(light)) {
          const lights = lightsByProject(projects, settings, asOf)
          projects = projects.filter((project) => matchesLightFilter(worstLight(lights.get(project.id) ?? []), light))
        }
        const shown = new Set(projects.map((project) => project.id))
        const filtered = !isFilterEmpty(filter) || isLightFilter(light)
        return { record, projects, problems: problems.filter((problem) => shown.has(problem.projectId)), asOf, filtered }
      },
      at,
    )
    if (!snapshot) return undefined
    const { record, projects, problems, asOf, filtered } = snapshot
    const lineage = query.get('lineage') === '1'
    const file = await exportLedgerWorkbook({ boardName: record.name, year: record.year, asOf, projects, problems, lineage })
    return { name: `${record.name}${filtered ? '（筛选）' : ''}-${asOf}.xlsx`, file }
  }
}

function parseOptions(year: number, mapping: ColumnMapping, choices: ImportChoices): ParseLedgerOptions {
  return {
    year,
    mapping,
    ...(choices.fileName ? { fileName: choices.fileName } : {}),
    ...(choices.reportDate ? { reportDate: choices.reportDate } : {}),
    ...(choices.sheets ? { sheets: choices.sheets } : {}),
    ...(choices.coordinateSystem ? { coordinateSystem: choices.coordinateSystem } : {}),
  }
}

function sameMapping(a: ColumnMapping, b: ColumnMapping): boolean {
  const keys = Object.keys(b)
  return keys.length === Object.keys(a).length && keys.every((key) => a[key] === b[key])
}
