import * as encoding from 'lib0/encoding'
import * as awarenessProtocol from 'y-protocols/awareness'
import { describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { MAX_PRESENCE_ENTRIES_PER_MESSAGE, PresenceGate, type PresenceSender } from '@guatu/server/sync/presenceGate'
import type { Principal } from '@guatu/shared/domain/principal'
import { Role } from '@guatu/shared/domain/role'
import { readPresence } from '@guatu/shared/sync/presence'
import { deferCleanup } from '../helpers/cleanup.ts'

const EDITOR: Principal = { kind: 'user', userId: 'u_editor', username: 'gxj', displayName: '工信局张科长', role: Role.editor, units: ['工信局'] }
const OTHER_EDITOR: Principal = { kind: 'user', userId: 'u_other', username: 'swj', displayName: '商务局李科长', role: Role.editor, units: ['商务局'] }

function update(entries: ReadonlyArray<{ clientId: number; clock: number; json: string }>): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, entries.length)
  for (const { clientId, clock, json } of entries) {
    encoding.writeVarUint(encoder, clientId)
    encoding.writeVarUint(encoder, clock)
    encoding.writeVarString(encoder, json)
  }
  return encoding.toUint8Array(encoder)
}

const STATE = JSON.stringify({ user: { name: '冒名', color: '#c62828' }, activity: null })

/** A room's awareness and gate, with connections that are present until they leave. */
function room() {
  const awareness = new awarenessProtocol.Awareness(new Y.Doc())
  awareness.setLocalState(null)
  deferCleanup(() => awareness.destroy())
  const present = new Set<PresenceSender>()
  const gate = new PresenceGate(awareness, (sender) => present.has(sender))
  const join = (principal: Principal): PresenceSender => {
    const sender = { principal, awarenessClientIds: new Set<number>() }
    present.add(sender)
    return sender
  }
  /** What the room does with a message: admit, then apply what was admitted. */
  const send = (sender: PresenceSender, entries: Parameters<typeof update>[0]) => {
    const admission = gate.admit(sender, update(entries))
    if (admission.outcome === 'admitted' && admission.update) awarenessProtocol.applyAwarenessUpdate(awareness, admission.update, sender)
    return admission
  }
  const leave = (sender: PresenceSender) => {
    present.delete(sender)
    awarenessProtocol.removeAwarenessStates(awareness, [...sender.awarenessClientIds], null)
  }
  return { awareness, gate, join, send, leave }
}

describe('presence gate', () => {
  test('a client reconnecting takes its own id back, while a relay of its stale state by someone else claims nothing', () => {
    const { awareness, join, send, leave } = room()
    const first = join(EDITOR)
    send(first, [{ clientId: 7, clock: 3, json: STATE }])
    leave(first)
    // Another account's client relays the departed state it still holds: same clock, nothing new.
    const relay = join(OTHER_EDITOR)
    send(relay, [{ clientId: 7, clock: 3, json: STATE }])
    expect(relay.awarenessClientIds.has(7)).toBe(false)
    // Even with a newer clock: the id was first used by another account.
    send(relay, [{ clientId: 7, clock: 9, json: STATE }])
    expect(awareness.getStates().has(7)).toBe(false)

    const again = join(EDITOR)
    send(again, [{ clientId: 7, clock: 4, json: STATE }])
    expect(readPresence(awareness.getStates().get(7))?.user.name).toBe('工信局张科长')
  })

  test('presence from another process is bounded and checked, and never overrides a local connection', () => {
    const { awareness, gate, join, send } = room()
    const local = join(EDITOR)
    send(local, [{ clientId: 1, clock: 1, json: STATE }])
    expect(gate.admitRemote(update([{ clientId: 1, clock: 2, json: 'null' }]))).toBeUndefined()
    expect(
      gate.admitRemote(update(Array.from({ length: MAX_PRESENCE_ENTRIES_PER_MESSAGE + 1 }, (_, i) => ({ clientId: 100 + i, clock: 1, json: STATE })))),
    ).toBeUndefined()
    expect(gate.admitRemote(update([{ clientId: 2, clock: 1, json: `${'['.repeat(50)}${']'.repeat(50)}` }]))).toBeUndefined()
    expect(gate.admitRemote(update([{ clientId: 3, clock: 1, json: '{"cursor":1}' }]))).toBeUndefined()

    const admitted = gate.admitRemote(update([{ clientId: 4, clock: 1, json: STATE }]))
    expect(admitted).toBeDefined()
    awarenessProtocol.applyAwarenessUpdate(awareness, admitted as Uint8Array, 'remote')
    expect(readPresence(awareness.getStates().get(1))?.user.name).toBe('工信局张科长')
    expect(awareness.getStates().has(4)).toBe(true)
  })
})
