import * as Y from 'yjs'
import type { QueuedUpdate } from './commitQueue.ts'
import { encodeUpdateMessage } from './messages.ts'
import type { TransactionOrigin } from './origin.ts'
import { SharedMessage } from './socket.ts'

/** What broadcast and acknowledgement need of a connection on the board. */
export interface BroadcastMember {
  readonly id: number
  /** Whether the board state (SyncStep2) has been sent, so live updates may follow. */
  readonly caughtUp: boolean
  /** The client asked to be told when its updates are durable. */
  readonly wantsAcks: boolean
  sendShared(message: SharedMessage): void
  acknowledge(updates: readonly Uint8Array[]): void
}

/**
 * Each update as its own message, framed once for every connection and written to each in one
 * go; nobody is sent back what they sent. `senders[i]` is the connection `updates[i]` came from.
 * Returns how many update messages were sent in all.
 */
export function broadcastUpdates(members: Iterable<BroadcastMember>, updates: readonly Uint8Array[], senders: ReadonlyArray<number | undefined>): number {
  const messages = updates.map((update) => encodeUpdateMessage(update))
  const everyone = new SharedMessage(messages)
  let sent = 0
  for (const member of members) {
    // A connection still waiting for its SyncStep2 gets these changes inside it; sent alone
    // first, they would reach a client that lacks their history.
    if (!member.caughtUp) continue
    const others = senders.includes(member.id) ? messages.filter((_, index) => senders[index] !== member.id) : messages
    if (others.length === 0) continue
    member.sendShared(others === messages ? everyone : new SharedMessage(others))
    sent += others.length
  }
  return sent
}

/** Tells each connection that asked which of its own updates are now durable. */
export function acknowledgeDurable(members: Iterable<BroadcastMember>, entries: readonly QueuedUpdate[]): void {
  for (const member of members) {
    if (!member.wantsAcks) continue
    const own = entries.filter((entry) => connectionIdOf(entry.origin) === member.id)
    if (own.length > 0) member.acknowledge(own.map((entry) => entry.update))
  }
}

export function connectionIdOf(origin: TransactionOrigin): number | undefined {
  return origin.source === 'connection' ? origin.connectionId : undefined
}

export function mergeUpdates(updates: readonly Uint8Array[]): Uint8Array {
  return updates.length === 1 ? updates[0]! : Y.mergeUpdates([...updates])
}
