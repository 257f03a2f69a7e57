import * as encoding from 'lib0/encoding'
import * as authProtocol from 'y-protocols/auth'
import * as syncProtocol from 'y-protocols/sync'
import type * as Y from 'yjs'
import { MessageType } from '@guatu/shared/sync/protocol'

/** A sync message (type 0): the type, then what `write` adds. */
function syncMessage(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.sync)
  write(encoder)
  return encoding.toUint8Array(encoder)
}

/** Encoders for the standard y-websocket messages the server sends. */
export function encodeUpdateMessage(update: Uint8Array): Uint8Array {
  return syncMessage((encoder) => syncProtocol.writeUpdate(encoder, update))
}

export function encodeSyncStep1(stateVector: Uint8Array): Uint8Array {
  return syncMessage((encoder) => {
    encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep1)
    encoding.writeVarUint8Array(encoder, stateVector)
  })
}

export function encodeSyncStep2(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
  return syncMessage((encoder) => syncProtocol.writeSyncStep2(encoder, doc, stateVector))
}

/**
 * The start of a SyncStep2 message whose update (`updateLength` bytes, already encoded) follows
 * it: header and update together are exactly what encoding the message whole would give.
 */
export function syncStep2Header(updateLength: number): Uint8Array {
  return syncMessage((encoder) => {
    encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep2)
    encoding.writeVarUint(encoder, updateLength)
  })
}

/** Whether a client's state vector says it has nothing yet. */
export function isEmptyStateVector(stateVector: Uint8Array): boolean {
  // A state vector starts with its number of entries (a varuint): zero is the single byte 0.
  return stateVector.length === 0 || (stateVector.length === 1 && stateVector[0] === 0)
}

export function encodeAwarenessMessage(awarenessUpdate: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.awareness)
  encoding.writeVarUint8Array(encoder, awarenessUpdate)
  return encoding.toUint8Array(encoder)
}

/** y-protocols' "permission denied": stock clients log the reason, Guatu's client shows it. */
export function encodePermissionDenied(reason: string): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.auth)
  authProtocol.writePermissionDenied(encoder, reason)
  return encoding.toUint8Array(encoder)
}
