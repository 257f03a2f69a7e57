import * as encoding from 'lib0/encoding'
import { MessageType } from '@guatu/shared/sync/protocol'
import { readPresence, type Presence } from '@guatu/shared/sync/presence'
import type { TestClient } from './client.ts'
import { waitForEvent } from './wait.ts'

/** One awareness entry as it travels: the state is JSON text, written as is (it may be hostile). */
export interface RawPresenceEntry {
  clientId: number
  clock: number
  /** JSON text of the state; 'null' removes it. */
  json: string
}

/** The awareness message (type 1) carrying `entries`, encoded by hand as a hostile client would. */
export function awarenessMessage(entries: readonly RawPresenceEntry[]): Uint8Array {
  const update = encoding.createEncoder()
  encoding.writeVarUint(update, entries.length)
  for (const { clientId, clock, json } of entries) {
    encoding.writeVarUint(update, clientId)
    encoding.writeVarUint(update, clock)
    encoding.writeVarString(update, json)
  }
  const message = encoding.createEncoder()
  encoding.writeVarUint(message, MessageType.awareness)
  encoding.writeVarUint8Array(message, encoding.toUint8Array(update))
  return encoding.toUint8Array(message)
}

/** A well-formed Guatu presence, with whatever identity the sender claims. */
export function presenceJson(user: { name: string; unit?: string; role?: string }, activity: Presence['activity'] = null): string {
  return JSON.stringify({ user: { color: '#1565c0', ...user }, activity })
}

/** What a client currently shows of everyone else's presence, by awareness client id. */
export function shownPresence(client: TestClient): Map<number, unknown> {
  const shown = new Map<number, unknown>()
  const awareness = client.provider.awareness
  awareness.getStates().forEach((state, clientId) => {
    if (clientId !== awareness.clientID) shown.set(clientId, state)
  })
  return shown
}

let markerCount = 0

/**
 * `writer` announces a new activity and `watcher` waits until it shows. The server handles a
 * connection's messages in order and relays in order, so once the watcher has this marker, it has
 * everything the server forwarded before it: hostile presence it does not show by then was never
 * forwarded (send the hostile messages, round-trip that socket, then call this).
 */
export async function flushPresence(writer: TestClient, watcher: TestClient): Promise<void> {
  const projectId = `presence-marker-${++markerCount}`
  const awareness = writer.provider.awareness
  awareness.setLocalState({ user: { name: '标记', color: '#2e7d32' }, activity: { kind: 'editing', projectId } })
  const shows = () => readPresence(watcher.provider.awareness.getStates().get(awareness.clientID))?.activity?.projectId === projectId
  if (shows()) return
  await waitForEvent<void>(
    (listener) => {
      const onChange = () => listener()
      watcher.provider.awareness.on('change', onChange)
      return () => watcher.provider.awareness.off('change', onChange)
    },
    shows,
    { message: `the watcher to show presence marker ${projectId}` },
  )
}
