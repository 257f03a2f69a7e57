import { RESERVE_DOC_ID } from '@guatu/shared/board/reserveDoc'
import type { BoardStorage } from '../storage/boardStorage.ts'

/**
 * The board storage as boards see it: the 项目库 document lives in the same tables but is no board,
 * so it is never listed, opened as a room (no sync socket reaches it), read, exported or given a
 * screen link through the board routes. Only ReserveStore works on it, through the storage itself.
 */
export function boardsOnly(storage: BoardStorage): BoardStorage {
  return {
    listBoards: async () => (await storage.listBoards()).filter((board) => board.id !== RESERVE_DOC_ID),
    getBoard: async (id) => (id === RESERVE_DOC_ID ? undefined : storage.getBoard(id)),
    createBoard: (board, initialState) => {
      if (board.id === RESERVE_DOC_ID) throw new Error('the reserve is not a board')
      return storage.createBoard(board, initialState)
    },
    loadBoardState: (id, afterSeq) => storage.loadBoardState(id, afterSeq),
    appendUpdates: (batch) => storage.appendUpdates(batch),
    loadClientOwners: (boardId) => storage.loadClientOwners(boardId),
    listHistory: (boardId, query) => (boardId === RESERVE_DOC_ID ? Promise.resolve([]) : storage.listHistory(boardId, query)),
    compactBoard: (id, snapshot, uptoSeq, projectCount, options) => storage.compactBoard(id, snapshot, uptoSeq, projectCount, options),
    loadBoardStateAt: (id, at) => (id === RESERVE_DOC_ID ? Promise.resolve(undefined) : storage.loadBoardStateAt(id, at)),
    isReady: () => storage.isReady(),
    close: () => storage.close(),
  }
}
