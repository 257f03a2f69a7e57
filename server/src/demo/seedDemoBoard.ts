import * as Y from 'yjs'
import { writeBoardSettings } from '@guatu/shared/board/boardSettingsAccess'
import { demoBoundaries, demoCoordinates } from '@guatu/shared/demo/demoMap'
import { generateDemoLedger, type DemoLedger } from '@guatu/shared/demo/generateLedger'
import { createPrng } from '@guatu/shared/demo/prng'
import { seedBoardDoc } from '@guatu/shared/demo/seedBoard'
import type { WanAmount } from '@guatu/shared/domain/money'
import { DEFAULT_BOARD_SETTINGS, MilestoneKind, type BoardSettings } from '@guatu/shared/progress/boardSettings'
import type { BoardSummary } from '@guatu/shared/api/boards'
import type { BoardService } from '../boards/boardService.ts'
import type { BoundaryService } from '../boundaries/boundaryService.ts'

export const DEMO_BOARD_ID = 'demo'

/**
 * The year's targets as a district publishes them ("sign 3 projects of ≥1亿 a month, start every
 * new project by the end of Q2, 60 into production"), read as of the ledger's 数据截至 so the demo
 * shows 2022 as it stood, not as overdue years later.
 */
function demoSettings(ledger: DemoLedger): BoardSettings {
  return {
    ...DEFAULT_BOARD_SETTINGS(ledger.year),
    asOf: ledger.asOf,
    targets: { signed: { count: 40, countAtLeastYi: 30 }, started: { count: 94 }, producing: { count: 60 } },
    investmentToCompleteWan: '2000000' as WanAmount,
    milestones: [
      { kind: MilestoneKind.allNewStartedBy, id: 'new-started-q2', label: '新建项目二季度末全部开工', deadline: `${ledger.year}-06-30` as never },
      { kind: MilestoneKind.monthlyQuota, id: 'monthly-signing', label: '每月签约3个亿元以上项目', stage: 'signed', minCount: 3, atLeastYi: true },
    ],
  }
}

/** Every demo project a point inside its 乡镇 (shared/src/demo/demoMap.ts), the same on every machine. */
function placeOnDemoMap(ledger: DemoLedger): DemoLedger {
  const random = createPrng(23)
  return {
    ...ledger,
    projects: ledger.projects.map((fields) => {
      const coordinates = demoCoordinates(fields.location ?? '', random)
      return coordinates ? { ...fields, coordinates } : fields
    }),
  }
}

/**
 * On an empty data directory, creates the demo board so the quick start shows a real-looking
 * ledger, and, given the boundary service, its made-up county map, so the map is full out of the box.
 */
export async function seedDemoBoard(boards: BoardService, boundaries?: BoundaryService): Promise<BoardSummary> {
  const ledger = placeOnDemoMap(generateDemoLedger())
  const doc = new Y.Doc()
  seedBoardDoc(doc, ledger)
  writeBoardSettings(doc, demoSettings(ledger))
  const board = await boards.create({ id: DEMO_BOARD_ID, name: ledger.boardName, year: ledger.year }, doc)
  await boundaries?.seed(board.id, demoBoundaries())
  return board
}
