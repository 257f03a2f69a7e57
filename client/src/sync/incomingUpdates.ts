import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as syncProtocol from 'y-protocols/sync'
import type { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { MessageType } from '@guatu/shared/sync/protocol'
import { createFrameBatch } from './nextFrame.ts'

const EMPTY_UPDATE = Y.encodeStateAsUpdate(new Y.Doc())

function hasStructs(update: Uint8Array): boolean {
  return Y.decodeUpdate(update).structs.length > 0
}

export interface IncomingSyncOptions {
  /**
   * For principals who may not write (a wall screen, a viewer): the cached document is for display
   * only and is never offered back to the server. y-websocket answers the server's sync step 1 with
   * everything the server lacks; we answer with an empty update instead. If the cache does hold
   * something the server lacks (the server was restored from a backup, a change was refused), the
   * screen would show it forever: `onStaleCache` asks for a fresh document and a cleared cache.
   */
  readOnly?: { onStaleCache: () => void }
}

/**
 * The sync messages of the y-websocket protocol, with the other clients' updates applied together:
 * the server sends each move as its own message, and during a meeting's burst a page would run one
 * Yjs transaction, one round of observers and one offline-cache write per move. Updates that arrive
 * before the next frame are merged and applied as one transaction (on a page busy for a while,
 * everything that arrived meanwhile). Anything else in the protocol first applies what is waiting,
 * so the order of the conversation is kept. Returns a function that drops what is still waiting
 * (the document is going away).
 */
export function handleIncomingSync(provider: WebsocketProvider, options: IncomingSyncOptions = {}): () => void {
  const doc = provider.doc
  let waiting: Uint8Array[] = []
  const applyWaiting = () => {
    if (waiting.length === 0) return
    const updates = waiting
    waiting = []
    Y.applyUpdate(doc, updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates), provider)
  }
  const batch = createFrameBatch(applyWaiting, 0)

  provider.messageHandlers[MessageType.sync] = (encoder, decoder, _provider, emitSynced) => {
    const type = decoding.readVarUint(decoder)
    if (type === syncProtocol.messageYjsUpdate) {
      waiting.push(decoding.readVarUint8Array(decoder))
      batch.schedule()
      return
    }
    batch.cancel()
    applyWaiting()
    if (type === syncProtocol.messageYjsSyncStep1) {
      const serverState = decoding.readVarUint8Array(decoder)
      if (options.readOnly) {
        if (hasStructs(Y.encodeStateAsUpdate(doc, serverState))) options.readOnly.onStaleCache()
        encoding.writeVarUint(encoder, MessageType.sync)
        encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep2)
        encoding.writeVarUint8Array(encoder, EMPTY_UPDATE)
        return
      }
      encoding.writeVarUint(encoder, MessageType.sync)
      syncProtocol.writeSyncStep2(encoder, doc, serverState)
      return
    }
    if (type === syncProtocol.messageYjsSyncStep2) {
      Y.applyUpdate(doc, decoding.readVarUint8Array(decoder), provider)
      if (emitSynced && !provider.synced) provider.synced = true
    }
  }
  return () => {
    batch.cancel()
    waiting = []
  }
}
