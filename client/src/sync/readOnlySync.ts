import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as syncProtocol from 'y-protocols/sync'
import type { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { MessageType } from '@guatu/shared/sync/protocol'

const EMPTY_UPDATE = Y.encodeStateAsUpdate(new Y.Doc())

function hasStructs(update: Uint8Array): boolean {
  return Y.decodeUpdate(update).structs.length > 0
}

/**
 * For principals who may not write (a wall screen, a viewer): the cached document is for display
 * only and is never offered back to the server. y-websocket answers the server's sync step 1 with
 * everything the server lacks; we answer with an empty update instead. If the cache does hold
 * something the server lacks (the server was restored from a backup, a change was refused), the
 * screen would show it forever: `onStaleCache` asks for a fresh document and a cleared cache.
 */
export function answerSyncReadOnly(provider: WebsocketProvider, onStaleCache: () => void): void {
  provider.messageHandlers[MessageType.sync] = (encoder, decoder, _provider, emitSynced) => {
    const type = decoding.readVarUint(decoder)
    if (type === syncProtocol.messageYjsSyncStep1) {
      const serverState = decoding.readVarUint8Array(decoder)
      if (hasStructs(Y.encodeStateAsUpdate(provider.doc, serverState))) onStaleCache()
      encoding.writeVarUint(encoder, MessageType.sync)
      encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep2)
      encoding.writeVarUint8Array(encoder, EMPTY_UPDATE)
      return
    }
    if (type === syncProtocol.messageYjsSyncStep2 || type === syncProtocol.messageYjsUpdate) {
      Y.applyUpdate(provider.doc, decoding.readVarUint8Array(decoder), provider)
      if (emitSynced && type === syncProtocol.messageYjsSyncStep2 && !provider.synced) provider.synced = true
    }
  }
}
