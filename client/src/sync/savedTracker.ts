import * as Y from 'yjs'
import type { SavedClock } from '@guatu/shared/sync/protocol'
import { createStore, type ExternalStore } from './externalStore.ts'

export interface SavedState {
  /** Local changes the server has not yet confirmed as durably stored. */
  unsavedCount: number
}

/**
 * Counts this client's changes that the server has not acknowledged as stored (已保存 / N 项未同步).
 *
 * Every local transaction that adds content advances this client's Yjs clock; we remember the
 * clock each one ended at. A savedAck `{clientId, clock}` means everything of that client below
 * `clock` is stored — the same meaning as a state-vector entry, i.e. `Y.getState` — so a change is
 * saved once the acked clock reaches the clock it ended at. Counting transactions rather than clock
 * ticks makes "3 项未同步" mean three edits, not three Yjs items.
 *
 * A transaction that only deletes (deleting a project) adds no item and does not move the clock,
 * so an ack cannot name it; such changes are not counted rather than shown as unsaved forever.
 */
export function trackSavedState(doc: Y.Doc): ExternalStore<SavedState> & {
  acknowledge: (clocks: readonly SavedClock[]) => void
  stop: () => void
} {
  const pendingEndClocks: number[] = []
  let ackedClock = 0
  const store = createStore<SavedState>({ unsavedCount: 0 })
  const publish = () => {
    while (pendingEndClocks.length > 0 && (pendingEndClocks[0] ?? 0) <= ackedClock) pendingEndClocks.shift()
    if (store.get().unsavedCount !== pendingEndClocks.length) store.set({ unsavedCount: pendingEndClocks.length })
  }

  const onAfterTransaction = (transaction: Y.Transaction) => {
    // Updates applied from the socket are `local === false`; only our own edits need saving.
    if (!transaction.local) return
    const before = transaction.beforeState.get(doc.clientID) ?? 0
    const after = Y.getState(doc.store, doc.clientID)
    if (after > before) {
      pendingEndClocks.push(after)
      publish()
    }
  }
  doc.on('afterTransaction', onAfterTransaction)

  return {
    get: store.get,
    subscribe: store.subscribe,
    acknowledge: (clocks) => {
      for (const { clientId, clock } of clocks) {
        if (clientId === doc.clientID && clock > ackedClock) ackedClock = clock
      }
      publish()
    },
    stop: () => doc.off('afterTransaction', onAfterTransaction),
  }
}
