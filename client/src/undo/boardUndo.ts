import * as Y from 'yjs'
import { collectionRoot, RecordCollection } from '@guatu/shared/board/boardDoc'
import { createStore, type ExternalStore } from '../sync/externalStore.ts'
import { LOCAL_ORIGIN } from './localOrigin.ts'

/** Changes within this long of each other are one step: one drag, or one field typed and saved. */
export const UNDO_CAPTURE_TIMEOUT_MS = 500

/** The collections a person edits on the board; `meta` (settings) is a form with its own save. */
const UNDOABLE_COLLECTIONS = [RecordCollection.projects, RecordCollection.problems, RecordCollection.notices, RecordCollection.decisions] as const

export interface UndoState {
  canUndo: boolean
  canRedo: boolean
}

export interface BoardUndo extends ExternalStore<UndoState> {
  undo: () => void
  redo: () => void
  stop: () => void
}

/**
 * Undo and redo of this tab's own changes only. Y.UndoManager records a transaction only when its
 * origin is tracked: ours are `LOCAL_ORIGIN`, or `null` for commands called without one — nothing
 * else in the client uses `null`, because the websocket provider and the IndexedDB cache apply
 * their updates with themselves as origin. So a colleague's move arriving from the server, or the
 * cached board loading, is never undone; and undoing our move of card X only reverts the items we
 * wrote, leaving card Y that someone else moved meanwhile where they put it.
 *
 * The stack belongs to one document: after a rejected update the connection, and with it the
 * history, is replaced by the server's state. An undo is an ordinary local update, so if the
 * server refuses it (permissions changed) the usual rejection message explains why.
 */
export function createBoardUndo(doc: Y.Doc): BoardUndo {
  const manager = new Y.UndoManager(
    UNDOABLE_COLLECTIONS.map((collection) => collectionRoot(doc, collection)),
    { captureTimeout: UNDO_CAPTURE_TIMEOUT_MS, trackedOrigins: new Set<unknown>([null, LOCAL_ORIGIN]) },
  )
  const store = createStore<UndoState>({ canUndo: false, canRedo: false })
  const publish = () => {
    const canUndo = manager.canUndo()
    const canRedo = manager.canRedo()
    const current = store.get()
    if (current.canUndo !== canUndo || current.canRedo !== canRedo) store.set({ canUndo, canRedo })
  }
  const events = ['stack-item-added', 'stack-item-popped', 'stack-cleared'] as const
  for (const event of events) manager.on(event, publish)
  return {
    get: store.get,
    subscribe: store.subscribe,
    undo: () => {
      manager.undo()
      publish()
    },
    redo: () => {
      manager.redo()
      publish()
    },
    stop: () => {
      for (const event of events) manager.off(event, publish)
      manager.destroy()
    },
  }
}
