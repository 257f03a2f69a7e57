import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'

/**
 * Top-level websocket message types. 0–3 are the standard y-websocket protocol; a stock client
 * understands them. `savedAck` is Guatu's own and is sent only to clients that asked for it with
 * the `acks=1` query parameter, so a stock client never receives a message it cannot read.
 */
export const MessageType = {
  sync: 0,
  awareness: 1,
  auth: 2,
  queryAwareness: 3,
  savedAck: 100,
} as const
export type MessageType = (typeof MessageType)[keyof typeof MessageType]

/** Query parameters of the sync endpoint `/sync/:boardId`. */
export const SyncParam = {
  token: 'token',
  acks: 'acks',
} as const

export const SYNC_PATH = '/sync'

/** Websocket close codes the server uses, with the reason text it sends (Chinese first). */
export const CloseCode = {
  /** 1012 "service restart": the server is shutting down; reconnecting shortly will work. */
  serverRestart: 1012,
  messageTooLarge: 1009,
  /** 1011 "internal error": handling this connection failed on the server; only this connection is closed. */
  internalError: 1011,
  boardNotFound: 4404,
  unauthorized: 4401,
  forbidden: 4403,
  rateLimited: 4429,
  protocolError: 4400,
} as const
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode]

/** One durable position per Yjs client id: every change of that client up to `clock` is stored. */
export interface SavedClock {
  clientId: number
  clock: number
}

export function encodeSavedAck(clocks: readonly SavedClock[]): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.savedAck)
  encoding.writeVarUint(encoder, clocks.length)
  for (const { clientId, clock } of clocks) {
    encoding.writeVarUint(encoder, clientId)
    encoding.writeVarUint(encoder, clock)
  }
  return encoding.toUint8Array(encoder)
}

/** Reads the body of a savedAck message (after its type has been read). */
export function readSavedAck(decoder: decoding.Decoder): SavedClock[] {
  const count = decoding.readVarUint(decoder)
  const clocks: SavedClock[] = []
  for (let i = 0; i < count; i++) {
    clocks.push({ clientId: decoding.readVarUint(decoder), clock: decoding.readVarUint(decoder) })
  }
  return clocks
}
