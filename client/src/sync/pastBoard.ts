import * as Y from 'yjs'
import { readBoardState, type BoardState } from '@guatu/shared/board/boardState'
import { restoreAllProjects, restoreProject } from '@guatu/shared/board/restoreCommands'
import type { ProjectId } from '@guatu/shared/domain/project'
import { fetchStateAt } from '../api/lookbackApi.ts'
import { LOCAL_ORIGIN } from '../undo/localOrigin.ts'

/**
 * The board as it stood at a past moment (历史视图), read only: its plain state for display, and
 * restore, which writes the past values into the live document as one local change — so the
 * server judges it like any edit and 撤销 takes it back.
 */
export interface PastBoard {
  at: string
  state: BoardState
  restoreProject(live: Y.Doc, id: ProjectId): void
  restoreAll(live: Y.Doc): void
}

export async function loadPastBoard(boardId: string, at: string, year: number): Promise<PastBoard> {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, await fetchStateAt(boardId, at))
  return {
    at,
    state: readBoardState(doc, year),
    restoreProject: (live, id) => restoreProject(live, doc, id, at, { origin: LOCAL_ORIGIN }),
    restoreAll: (live) => restoreAllProjects(live, doc, at, { origin: LOCAL_ORIGIN }),
  }
}
