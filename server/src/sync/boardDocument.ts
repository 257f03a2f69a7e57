import * as Y from 'yjs'
import type { Logger } from '../log.ts'
import { encodeSnapshot, type EncodedSnapshot, type StoredBoardState } from '../storage/boardStorage.ts'
import { STORAGE_ORIGIN } from './origin.ts'
import { StoredImage } from './storedImage.ts'

/**
 * A board read from storage answers new clients from its stored bytes at once and builds its
 * document this long afterwards (or as soon as something needs it), so the first client's answer is
 * on its way before the build holds the event loop.
 */
const BUILD_DELAY_MS = 100

export interface BoardDocumentEvents {
  /** The document was built from the stored state; changes are reported from now on. */
  built(doc: Y.Doc): void
  /** A change of the built document (any origin but the build itself). */
  changed(update: Uint8Array, origin: unknown): void
}

/**
 * A board's Yjs document together with its stored image (see StoredImage). Building a large board's
 * document takes hundreds of milliseconds; the image lets the board answer new clients before it,
 * and without encoding the document afterwards while nothing has changed.
 */
export class BoardDocument {
  /** Only for what needs no content (awareness); everything else goes through `doc`. */
  readonly unbuilt = new Y.Doc({ gc: true })
  private readonly image = new StoredImage()
  private loaded = false
  private built = false
  private destroyed = false
  private buildTimer: NodeJS.Timeout | undefined
  /** Whole states handed to connections whose bytes are not yet with the network. */
  private sendsInFlight = 0

  constructor(
    private readonly boardId: string,
    private readonly log: Logger,
    private readonly events: BoardDocumentEvents,
  ) {}

  /** Takes the stored state; the document is built shortly after, or on first use. */
  load(stored: StoredBoardState): void {
    this.image.reset(stored.snapshot, stored.snapshotStateVector, stored.updates)
    this.loaded = true
    this.scheduleBuild()
  }

  get isBuilt(): boolean {
    return this.built
  }

  /** The document, built from the stored state on first use. */
  get doc(): Y.Doc {
    this.build()
    return this.unbuilt
  }

  /** Builds the document (once). */
  build(): void {
    if (this.built || !this.loaded || this.destroyed) return
    this.built = true
    clearTimeout(this.buildTimer)
    const started = performance.now()
    const doc = this.unbuilt
    doc.transact(() => {
      for (const update of this.image.takeUpdates()) Y.applyUpdate(doc, update)
    }, STORAGE_ORIGIN)
    // Listening only now spares Yjs encoding the whole stored state once more as an update event.
    doc.on('update', this.onUpdate)
    doc.on('afterTransaction', (transaction: Y.Transaction) => (this.lastTransactionChanged = transactionChanged(transaction)))
    this.log.info('board document built', { boardId: this.boardId, ms: Math.round(performance.now() - started) })
    this.events.built(doc)
  }

  /**
   * Applies an update received whole and reports these bytes as the change, when it changed
   * anything, instead of letting Yjs encode what it integrated once more: that encoding was about a
   * tenth of the server's work per card move. The bytes may also carry parts the document already
   * had (which every reader ignores); the validator has made sure nothing in them is left pending.
   */
  applyReceived(update: Uint8Array, origin: unknown): void {
    const doc = this.doc
    this.lastTransactionChanged = false
    doc.off('update', this.onUpdate)
    try {
      Y.applyUpdate(doc, update, origin)
    } finally {
      doc.on('update', this.onUpdate)
    }
    if (this.lastTransactionChanged) this.onUpdate(update, origin)
  }

  /** Whether the document's last transaction integrated or deleted anything (see applyReceived). */
  private lastTransactionChanged = false

  /** Every change, whatever its source: the image no longer equals the document. */
  private readonly onUpdate = (update: Uint8Array, origin: unknown): void => {
    this.image.markChanged()
    this.events.changed(update, origin)
  }

  /** The board's state vector, from the document or, before it is built, from the image when that is cheap. */
  stateVector(): Uint8Array | undefined {
    return this.built ? Y.encodeStateVector(this.unbuilt) : this.image.stateVector()
  }

  /**
   * The whole state for a client that has nothing: the image's bytes as they are, or, when the board
   * changed since they were made, a fresh encoding of the document that becomes the new image, so
   * the next new client finds it ready. Call `sent` once the bytes are with the network: the build
   * waits for that, so it never holds up a transfer.
   */
  wholeState(): { state: Uint8Array; sent: () => void } {
    let state = this.image.wholeState()
    if (!state) state = this.snapshot().state
    this.sendsInFlight++
    return {
      state,
      sent: () => {
        this.sendsInFlight--
        if (this.sendsInFlight === 0 && !this.built) this.scheduleBuild()
      },
    }
  }

  /** The document encoded for storage; it becomes the image too. */
  snapshot(): EncodedSnapshot {
    const snapshot = encodeSnapshot(this.doc)
    this.image.reset(snapshot.state, snapshot.stateVector)
    return snapshot
  }

  destroy(): void {
    // A send still in flight may call back afterwards: nothing is built or scheduled any more.
    this.destroyed = true
    clearTimeout(this.buildTimer)
    this.unbuilt.destroy()
  }

  private scheduleBuild(): void {
    if (this.destroyed) return
    clearTimeout(this.buildTimer)
    this.buildTimer = setTimeout(() => {
      if (this.sendsInFlight > 0) this.scheduleBuild()
      else this.build()
    }, BUILD_DELAY_MS)
    this.buildTimer.unref()
  }
}

/** Whether a transaction integrated or deleted anything: Yjs's own test for emitting an update. */
function transactionChanged(transaction: Y.Transaction): boolean {
  if (transaction.deleteSet.clients.size > 0) return true
  for (const [client, clock] of transaction.afterState) if (transaction.beforeState.get(client) !== clock) return true
  return false
}
