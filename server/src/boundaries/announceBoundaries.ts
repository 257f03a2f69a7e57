import * as Y from 'yjs'
import { writeBoundariesVersion } from '@guatu/shared/board/boardSettingsAccess'
import type { Principal } from '@guatu/shared/domain/principal'
import type { CommitQueue } from '../sync/commitQueue.ts'
import type { RoomRegistry } from '../sync/roomRegistry.ts'

/** Tells every open page of a board that its base map changed (see SettingKey.boundariesVersion). */
export type BoundaryAnnouncer = (boardId: string, principal: Principal, version: string) => Promise<void>

/**
 * Writes the upload's time into the board document's meta as the server, judged and made durable
 * like any update: the pages hold the board open over the sync socket already, so this reaches
 * them (and, scaled out, the other processes' pages) with no second push channel.
 */
export function roomBoundaryAnnouncer(rooms: RoomRegistry, commits: CommitQueue): BoundaryAnnouncer {
  return async (boardId, principal, version) => {
    const room = await rooms.open(boardId)
    if (!room) return
    try {
      const scratch = new Y.Doc()
      Y.applyUpdate(scratch, Y.encodeStateAsUpdate(room.doc))
      const before = Y.encodeStateVector(scratch)
      writeBoundariesVersion(scratch, version)
      const refusal = room.applyAs(principal, Y.encodeStateAsUpdate(scratch, before), { serverWrite: true })
      if (refusal) throw new Error(`boundaries version refused: ${refusal}`)
      await commits.drained()
    } finally {
      rooms.releaseIfIdle(boardId)
    }
  }
}
