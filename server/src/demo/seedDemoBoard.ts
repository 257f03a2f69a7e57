import * as Y from 'yjs'
import { writeBoardSettings } from '@guatu/shared/board/boardSettingsAccess'
import { generateDemoLedger, type DemoLedger } from '@guatu/shared/demo/generateLedger'
import { seedBoardDoc } from '@guatu/shared/demo/seedBoard'
import type { WanAmount } from '@guatu/shared/domain/money'
import { DEFAULT_BOARD_SETTINGS, MilestoneKind, type BoardSettings } from '@guatu/shared/progress/boardSettings'
import type { BoardSummary } from '@guatu/shared/api/boards'
import type { BoardService } from '../boards/boardService.ts'

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

/** On an empty data directory, creates the demo board so the quick start shows a real-looking ledger. */
export async function seedDemoBoard(boards: BoardService): Promise<BoardSummary> {
  const ledger = generateDemoLedger()
  const doc = new Y.Doc()
  seedBoardDoc(doc, ledger)
  writeBoardSettings(doc, demoSettings(ledger))
  return boards.create({ id: DEMO_BOARD_ID, name: ledger.boardName, year: ledger.year }, doc)
}
