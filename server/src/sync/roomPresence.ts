import * as awarenessProtocol from 'y-protocols/awareness'
import type * as Y from 'yjs'
import { encodeAwarenessMessage } from './messages.ts'
import { PresenceGate, type PresenceSender } from './presenceGate.ts'
import { SharedMessage } from './socket.ts'

/** What a room's presence needs of a connection on the board. */
export interface PresenceMember extends PresenceSender {
  send(message: Uint8Array): void
  sendShared(message: SharedMessage): void
  refusePresence(reason: string): void
  ignorePresence(reason: string): void
}

/** The awareness origin of presence that arrived from another process. */
const REMOTE_AWARENESS = { source: 'remote' } as const
/** The awareness origin of a connection's presence as the gate admitted it (forwarded by `receive`). */
const ADMITTED_AWARENESS = { source: 'admitted' } as const
/** An awareness update with no entries: the echo a sender gets when nothing it said is shown. */
const EMPTY_AWARENESS_MESSAGE = encodeAwarenessMessage(Uint8Array.of(0))

/**
 * Who is on a board and what they are doing (awareness): never persisted, kept for late joiners,
 * passed through the presence gate and shared with the other processes serving the board.
 */
export class RoomPresence<M extends PresenceMember> {
  readonly awareness: awarenessProtocol.Awareness
  /** Decides what of a client's presence is applied and forwarded (presenceGate.ts). */
  private readonly gate: PresenceGate<M>

  constructor(
    doc: Y.Doc,
    /** The room's connections, read live. */
    private readonly members: ReadonlySet<M>,
    /** Sends presence to the other processes serving the board; absent for a single process. */
    private readonly publish: ((awarenessUpdate: Uint8Array) => void) | undefined,
  ) {
    this.awareness = new awarenessProtocol.Awareness(doc)
    this.awareness.setLocalState(null)
    this.awareness.on('update', this.onAwarenessChange)
    this.gate = new PresenceGate<M>(this.awareness, (sender) => this.members.has(sender))
  }

  /** A new connection is shown everyone present. */
  greet(member: M): void {
    const states = this.awareness.getStates()
    if (states.size > 0) {
      member.send(encodeAwarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...states.keys()])))
    }
  }

  /** The connection left (already out of `members`): its presence vanishes here and on every other process. */
  leave(member: M): void {
    if (member.awarenessClientIds.size === 0) return
    const ids = [...member.awarenessClientIds]
    awarenessProtocol.removeAwarenessStates(this.awareness, ids, null)
    // The removal (state null, next clock) makes the presence vanish on every other process too.
    this.publish?.(awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids))
  }

  /**
   * Awareness is not persisted. It passes the presence gate first (the server vouches for names and
   * units, a connection speaks only for its own client ids, states are bounded; see PresenceGate),
   * then what it admitted is applied for late joiners and forwarded to everyone, the sender
   * included — y-websocket clients count its 15-second echo as a sign of life and would otherwise
   * reconnect every 30 seconds when alone on a board. A message with nothing admitted (a screen
   * link's, a relay of others' states) is answered to its sender alone with an empty update.
   */
  receive(member: M, awarenessUpdate: Uint8Array): void {
    const admission = this.gate.admit(member, awarenessUpdate)
    if (admission.outcome === 'refused') {
      member.refusePresence(admission.reason)
      return
    }
    if (admission.ignored !== undefined) member.ignorePresence(admission.ignored)
    if (!admission.update) {
      member.send(EMPTY_AWARENESS_MESSAGE)
      return
    }
    awarenessProtocol.applyAwarenessUpdate(this.awareness, admission.update, ADMITTED_AWARENESS)
    const shared = new SharedMessage([encodeAwarenessMessage(admission.update)])
    for (const peer of this.members) peer.sendShared(shared)
    this.publish?.(admission.update)
  }

  /**
   * Presence from a client of another process: vetted there, bounded and checked again here (see
   * PresenceGate.admitRemote), then applied for late joiners and sent to local clients.
   */
  receiveRemote(awarenessUpdate: Uint8Array): void {
    const admitted = this.gate.admitRemote(awarenessUpdate)
    if (admitted) awarenessProtocol.applyAwarenessUpdate(this.awareness, admitted, REMOTE_AWARENESS)
  }

  answerQuery(member: M): void {
    const ids = [...this.awareness.getStates().keys()]
    member.send(encodeAwarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids)))
  }

  destroy(): void {
    this.awareness.destroy()
  }

  private readonly onAwarenessChange = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown): void => {
    // A connection's presence was forwarded as the gate admitted it (receive); its ids are the gate's to track.
    if (origin === ADMITTED_AWARENESS) return
    // Removals the server makes itself (a connection left) and presence from other processes:
    // everyone still here must hear of them.
    const changed = [...added, ...updated, ...removed]
    if (changed.length === 0) return
    const message = new SharedMessage([encodeAwarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed))])
    for (const member of this.members) member.sendShared(message)
  }
}
