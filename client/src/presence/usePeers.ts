import { useMemo, useSyncExternalStore } from 'react'
import { readPresence, type Presence } from '@guatu/shared/sync/presence'
import { useBoardConnection } from '../sync/useBoardConnection.ts'

export interface Peer {
  clientId: number
  presence: Presence
}

/**
 * Everyone else connected to the board. Peers' awareness states are untrusted input, so each is
 * validated with readPresence and dropped when malformed. Awareness fires 'change' only when a
 * state really changes (not on the 15 s heartbeat), so this does not re-render idle boards.
 */
export function usePeers(): readonly Peer[] {
  const { awareness } = useBoardConnection()
  const store = useMemo(() => {
    let peers: readonly Peer[] = []
    const recompute = () => {
      const next: Peer[] = []
      awareness.getStates().forEach((state, clientId) => {
        if (clientId === awareness.clientID) return
        const presence = readPresence(state)
        if (presence) next.push({ clientId, presence })
      })
      peers = next.sort((a, b) => a.clientId - b.clientId)
    }
    recompute()
    return {
      get: () => peers,
      subscribe: (listener: () => void) => {
        const onChange = () => {
          recompute()
          listener()
        }
        // A peer may have joined between the first read and this subscription.
        recompute()
        awareness.on('change', onChange)
        return () => awareness.off('change', onChange)
      },
    }
  }, [awareness])
  return useSyncExternalStore(store.subscribe, store.get)
}
