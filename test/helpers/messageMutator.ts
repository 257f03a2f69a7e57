import * as encoding from 'lib0/encoding'
import * as syncProtocol from 'y-protocols/sync'
import { MessageType } from '@guatu/shared/sync/protocol'
import { awarenessMessage, presenceJson, type RawPresenceEntry } from './presenceFrames.ts'
import type { Rng } from './prng.ts'

/** How a fuzzed message was made; counted so a run can show that every kind was exercised. */
export const MutationKind = {
  bitFlips: 'bitFlips',
  truncation: 'truncation',
  varintGarbage: 'varintGarbage',
  hugeLength: 'hugeLength',
  randomType: 'randomType',
  randomUpdatePayload: 'randomUpdatePayload',
  mutatedUpdatePayload: 'mutatedUpdatePayload',
  randomBytes: 'randomBytes',
  splice: 'splice',
  replay: 'replay',
  hostilePresence: 'hostilePresence',
} as const
export type MutationKind = (typeof MutationKind)[keyof typeof MutationKind]
const MUTATION_KINDS = Object.values(MutationKind)

function randomBytes(rng: Rng, length: number): Uint8Array {
  const bytes = new Uint8Array(length)
  for (let i = 0; i < length; i++) bytes[i] = rng.int(256)
  return bytes
}

function flipBits(rng: Rng, source: Uint8Array, flips: number): Uint8Array {
  const bytes = Uint8Array.from(source)
  if (bytes.length === 0) return bytes
  for (let i = 0; i < flips; i++) {
    const at = rng.int(bytes.length)
    bytes[at] = (bytes[at] as number) ^ (1 << rng.int(8))
  }
  return bytes
}

function syncUpdateMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.sync)
  syncProtocol.writeUpdate(encoder, update)
  return encoding.toUint8Array(encoder)
}

/**
 * An awareness message as an attacker writes it: nested deep, oversized, more entries than allowed,
 * a forged identity, removals of ids that are not its own, text that is not JSON or not a presence.
 */
function hostilePresence(rng: Rng): Uint8Array {
  const clientId = () => 1 + rng.int(2 ** 31)
  const entry = (json: string): RawPresenceEntry => ({ clientId: clientId(), clock: rng.int(1000), json })
  switch (rng.int(7)) {
    case 0: {
      const depth = 5 + rng.int(3000)
      return awarenessMessage([entry(`${'['.repeat(depth)}${']'.repeat(depth)}`)])
    }
    case 1:
      return awarenessMessage([entry(presenceJson({ name: 'x'.repeat(1000 + rng.int(3000)) }))])
    case 2:
      return awarenessMessage(Array.from({ length: 1001 + rng.int(500) }, () => entry('null')))
    case 3:
      return awarenessMessage([entry(presenceJson({ name: '项目办 王主任', unit: '项目办', role: 'admin' }, { kind: 'editing', projectId: 'p_forged' }))])
    case 4:
      return awarenessMessage(Array.from({ length: 1 + rng.int(20) }, () => entry('null')))
    case 5:
      return awarenessMessage([entry(rng.pick(['{"user":', '{"user":{"name":"\\ud800"', '\u0000', '{']))])
    default:
      return awarenessMessage([entry(rng.pick(['42', '"在线"', '[]', '{}', '{"user":null}', '{"user":{"name":1,"color":"#000000"}}']))])
  }
}

/** The update inside a sync Update or SyncStep2 message (type 0, sub-type 1 or 2), or undefined. */
export function updatePayload(message: Uint8Array): Uint8Array | undefined {
  // Both varuints are single bytes for these types; the payload is a varuint length plus bytes.
  if (message[0] !== MessageType.sync || (message[1] !== 1 && message[1] !== 2)) return undefined
  let length = 0
  let shift = 0
  let at = 2
  for (;;) {
    const byte = message[at++]
    if (byte === undefined) return undefined
    length += (byte & 0x7f) * 2 ** shift
    shift += 7
    if (byte < 0x80) break
  }
  return message.subarray(at, at + length)
}

/**
 * Makes hostile websocket messages from a corpus of real y-websocket traffic: flipped bits, cut
 * messages, endless or huge varints, unknown types, valid framing around garbage updates,
 * replays, and hostile presence. Deterministic for a given Rng.
 */
export function mutateMessage(rng: Rng, corpus: readonly Uint8Array[]): { kind: MutationKind; bytes: Uint8Array } {
  const kind = rng.pick(MUTATION_KINDS)
  const base = rng.pick(corpus)
  switch (kind) {
    case MutationKind.bitFlips:
      return { kind, bytes: flipBits(rng, base, 1 + rng.int(8)) }
    case MutationKind.truncation:
      return { kind, bytes: base.slice(0, rng.int(Math.max(1, base.length))) }
    case MutationKind.varintGarbage: {
      // Continuation bits that never end, at the front or after the type byte.
      const garbage = new Uint8Array(1 + rng.int(12)).fill(0xff)
      const at = rng.chance(0.5) ? 0 : Math.min(1, base.length)
      return { kind, bytes: Uint8Array.from([...base.subarray(0, at), ...garbage, ...base.subarray(at)]) }
    }
    case MutationKind.hugeLength: {
      const encoder = encoding.createEncoder()
      encoding.writeVarUint(encoder, rng.chance(0.5) ? MessageType.sync : MessageType.awareness)
      if (rng.chance(0.7)) encoding.writeVarUint(encoder, rng.int(3))
      encoding.writeVarUint(encoder, rng.pick([0x7fffffff, 0xffffffff, 2 ** 40, 2 ** 52, 1_000_000]))
      encoding.writeUint8Array(encoder, randomBytes(rng, rng.int(32)))
      return { kind, bytes: encoding.toUint8Array(encoder) }
    }
    case MutationKind.randomType: {
      const bytes = Uint8Array.from(base)
      if (bytes.length > 0) bytes[0] = rng.int(256)
      return { kind, bytes }
    }
    case MutationKind.randomUpdatePayload:
      return { kind, bytes: syncUpdateMessage(randomBytes(rng, rng.int(200))) }
    case MutationKind.mutatedUpdatePayload: {
      const payloads = corpus.map(updatePayload).filter((payload): payload is Uint8Array => payload !== undefined && payload.length > 2)
      const payload = payloads.length > 0 ? rng.pick(payloads) : randomBytes(rng, 40)
      const mutated = rng.chance(0.5) ? flipBits(rng, payload, 1 + rng.int(4)) : payload.slice(0, rng.int(payload.length))
      return { kind, bytes: syncUpdateMessage(mutated) }
    }
    case MutationKind.randomBytes:
      return { kind, bytes: randomBytes(rng, rng.int(64)) }
    case MutationKind.splice: {
      const other = rng.pick(corpus)
      return { kind, bytes: Uint8Array.from([...base.subarray(0, rng.int(base.length + 1)), ...other.subarray(rng.int(other.length + 1))]) }
    }
    case MutationKind.replay:
      return { kind, bytes: base }
    case MutationKind.hostilePresence:
      return { kind, bytes: hostilePresence(rng) }
  }
}
