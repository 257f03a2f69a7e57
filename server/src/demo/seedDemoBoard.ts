import * as Y from 'yjs'
import { generateDemoLedger } from '@guatu/shared/demo/generateLedger'
import { seedBoardDoc } from '@guatu/shared/demo/seedBoard'
import type { BoardService, BoardSummary } from '../boards/boardService.ts'

export const DEMO_BOARD_ID = 'demo'

/** On an empty data directory, creates the demo board so the quick start shows a real-looking ledger. */
export async function seedDemoBoard(boards: BoardService): Promise<BoardSummary> {
  const ledger = generateDemoLedger()
  const doc = new Y.Doc()
  seedBoardDoc(doc, ledger)
  return boards.create({ id: DEMO_BOARD_ID, name: ledger.boardName, year: ledger.year }, doc)
}
