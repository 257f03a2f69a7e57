import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import type { Awareness } from 'y-protocols/awareness'
import { canWrite } from '@guatu/shared/domain/permissions'
import { principalId, type Principal } from '@guatu/shared/domain/principal'
import { presenceSchema, vouchedIdentity, type Presence } from '@guatu/shared/sync/presence'

/**
 * Bounds of presence. A Guatu state is about 300 bytes two levels deep; a stock y-websocket client
 * also relays every peer's state back to the server, so a message may carry as many entries as the
 * board has people, each no bigger than what the server itself forwards.
 */
export const MAX_PRESENCE_STATE_BYTES = 1_024
export const MAX_PRESENCE_DEPTH = 4
export const MAX_PRESENCE_ENTRIES_PER_MESSAGE = 1_000
export const MAX_PRESENCE_MESSAGE_BYTES = MAX_PRESENCE_ENTRIES_PER_MESSAGE * (MAX_PRESENCE_STATE_BYTES + 16)
/** Awareness client ids one connection may speak for (a page has one; reloads and id changes add a few). */
export const MAX_PRESENCE_IDS_PER_CONNECTION = 4
/** Client ids remembered per room with the account that first used them; unowned ones are forgotten past this. */
const MAX_REMEMBERED_CLAIMS = 10_000

/** What the gate needs of a connection. */
export interface PresenceSender {
  readonly principal: Principal
  /** The awareness client ids this connection speaks for; the gate adds to it, the room removes them on leave. */
  readonly awarenessClientIds: Set<number>
}

export type PresenceAdmission =
  /** A bound no honest client crosses: the connection is closed with `reason`. */
  | { outcome: 'refused'; reason: string }
  /**
   * `update` holds only the entries to apply and forward, as the server vouches for them (absent
   * when there is none); `ignored` says why an entry of the sender's own was not shown.
   */
  | { outcome: 'admitted'; update: Uint8Array | undefined; ignored: string | undefined }

interface Entry {
  clientId: number
  clock: number
  state: Presence | null
}

/** The entries were read, but one crossed a hard bound. */
class PresenceRefusal extends Error {}

/**
 * The server's rules for presence (awareness), applied before anything is applied or forwarded:
 * - names, units and roles are the authenticated account's, whatever the client wrote;
 * - a connection speaks only for client ids it introduced (at most MAX_PRESENCE_IDS_PER_CONNECTION),
 *   never for another connection's or another account's, so nobody can rewrite or remove someone
 *   else's presence; entries for others' ids (a stock client relays them) are dropped silently;
 * - states are bounded in bytes, nesting and count (past a bound the connection is closed), and
 *   are shown only when they match the presence schema (a stock client publishes `{}`: not shown);
 * - a screen link publishes nothing; a read-only account is shown but never as editing a card.
 */
export class PresenceGate<S extends PresenceSender = PresenceSender> {
  /** Client id → the account that first spoke for it in this room, and the connection doing so now. */
  private readonly claims = new Map<number, { account: string; owner: S | undefined }>()

  constructor(
    private readonly awareness: Awareness,
    /** Whether a connection is still on the board (its ids are free again once it left). */
    private readonly isPresent: (sender: S) => boolean,
  ) {}

  admit(sender: S, awarenessUpdate: Uint8Array): PresenceAdmission {
    const identity = vouchedIdentity(sender.principal)
    // Not even decoded: nothing a screen says about itself is shown to anyone.
    if (!identity) return { outcome: 'admitted', update: undefined, ignored: undefined }
    const admitted: Entry[] = []
    let ignored: string | undefined
    try {
      for (const { clientId, clock, stateBytes } of readEntries(awarenessUpdate)) {
        if (!this.speaksFor(sender, clientId, clock, stateBytes)) continue
        const state = parseState(stateBytes)
        if (state === undefined) {
          ignored = '在线状态格式不符，未予显示'
          continue
        }
        // Taken at once, so one message cannot take more ids than the bound allows.
        this.claim(sender, clientId)
        admitted.push({ clientId, clock, state: state && vouch(state, identity, canWrite(sender.principal)) })
      }
    } catch (error) {
      if (error instanceof PresenceRefusal) return { outcome: 'refused', reason: error.message }
      throw error
    }
    if (admitted.length === 0) return { outcome: 'admitted', update: undefined, ignored }
    return { outcome: 'admitted', update: encodeEntries(admitted), ignored }
  }

  /**
   * Presence another process vetted and published. It is bounded and checked again (the channel is
   * not this process's to trust blindly), and never overrides a client id a connection here owns.
   */
  admitRemote(awarenessUpdate: Uint8Array): Uint8Array | undefined {
    const admitted: Entry[] = []
    try {
      for (const { clientId, clock, stateBytes } of readEntries(awarenessUpdate)) {
        const claim = this.claims.get(clientId)
        if (claim?.owner && this.isPresent(claim.owner)) continue
        const state = parseState(stateBytes)
        if (state !== undefined) admitted.push({ clientId, clock, state })
      }
    } catch (error) {
      if (error instanceof PresenceRefusal) return undefined
      throw error
    }
    return admitted.length > 0 ? encodeEntries(admitted) : undefined
  }

  /** Whether this entry is the sender's to write: its own id, or a new one it may take. */
  private speaksFor(sender: S, clientId: number, clock: number, stateBytes: Uint8Array): boolean {
    if (sender.awarenessClientIds.has(clientId)) return true
    const claim = this.claims.get(clientId)
    if (claim?.owner && claim.owner !== sender && this.isPresent(claim.owner)) return false
    if (claim && claim.account !== principalId(sender.principal)) return false
    // Shown right now from another process, or a relay of a state this room already has: not new.
    if (this.awareness.states.has(clientId)) return false
    if ((this.awareness.meta.get(clientId)?.clock ?? -1) >= clock) return false
    // Removing what one does not speak for is never a claim.
    if (isNullState(stateBytes)) return false
    return sender.awarenessClientIds.size < MAX_PRESENCE_IDS_PER_CONNECTION
  }

  private claim(sender: S, clientId: number): void {
    if (sender.awarenessClientIds.has(clientId)) return
    sender.awarenessClientIds.add(clientId)
    if (this.claims.size >= MAX_REMEMBERED_CLAIMS) {
      for (const [id, claim] of this.claims) if (!claim.owner || !this.isPresent(claim.owner)) this.claims.delete(id)
    }
    this.claims.set(clientId, { account: principalId(sender.principal), owner: sender })
  }
}

/** The entries of an awareness update, each state still as bytes; throws PresenceRefusal past a bound. */
function* readEntries(awarenessUpdate: Uint8Array): Generator<{ clientId: number; clock: number; stateBytes: Uint8Array }> {
  const decoder = decoding.createDecoder(awarenessUpdate)
  const count = decoding.readVarUint(decoder)
  if (count > MAX_PRESENCE_ENTRIES_PER_MESSAGE) throw new PresenceRefusal('在线状态条目过多，连接已断开')
  if (awarenessUpdate.byteLength > MAX_PRESENCE_MESSAGE_BYTES) throw new PresenceRefusal('在线状态消息过大，连接已断开')
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder)
    const clock = decoding.readVarUint(decoder)
    // A varString on the wire: bytes first, decoded only for entries that are looked at.
    const stateBytes = decoding.readVarUint8Array(decoder)
    if (stateBytes.byteLength > MAX_PRESENCE_STATE_BYTES) throw new PresenceRefusal('在线状态过大，连接已断开')
    yield { clientId, clock, stateBytes }
  }
}

const NULL_STATE = new TextEncoder().encode('null')
function isNullState(bytes: Uint8Array): boolean {
  return bytes.byteLength === NULL_STATE.byteLength && bytes.every((byte, i) => byte === NULL_STATE[i])
}

const utf8 = new TextDecoder('utf-8', { fatal: true })

/**
 * The state as a presence, null for a removal, undefined when it does not match the schema. Depth
 * is counted on the text before parsing: a deep state must never reach JSON.parse, nor later
 * JSON.stringify, whose recursion overflows the stack.
 */
function parseState(bytes: Uint8Array): Presence | null | undefined {
  let text: string
  try {
    text = utf8.decode(bytes)
  } catch {
    throw new PresenceRefusal('无法解析的在线状态，连接已断开')
  }
  if (nestingDepth(text) > MAX_PRESENCE_DEPTH) throw new PresenceRefusal('在线状态嵌套过深，连接已断开')
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    throw new PresenceRefusal('无法解析的在线状态，连接已断开')
  }
  if (value === null) return null
  const parsed = presenceSchema.safeParse(value)
  return parsed.success ? parsed.data : undefined
}

/** Brackets open at the deepest point of a JSON text (strings skipped); stops counting past the limit. */
function nestingDepth(text: string): number {
  let depth = 0
  let inString = false
  let escaped = false
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i)
    if (inString) {
      if (escaped) escaped = false
      else if (char === 0x5c) escaped = true
      else if (char === 0x22) inString = false
    } else if (char === 0x22) inString = true
    else if (char === 0x7b || char === 0x5b) {
      if (++depth > MAX_PRESENCE_DEPTH) return depth
    } else if (char === 0x7d || char === 0x5d) depth--
  }
  return depth
}

/** The state as others see it: the account's identity, the client's colour, an activity only for writers. */
function vouch(state: Presence, identity: Omit<Presence['user'], 'color'>, mayWrite: boolean): Presence {
  return { user: { ...identity, color: state.user.color }, activity: mayWrite ? (state.activity ?? null) : null }
}

function encodeEntries(entries: readonly Entry[]): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, entries.length)
  for (const { clientId, clock, state } of entries) {
    encoding.writeVarUint(encoder, clientId)
    encoding.writeVarUint(encoder, clock)
    encoding.writeVarString(encoder, JSON.stringify(state))
  }
  return encoding.toUint8Array(encoder)
}
