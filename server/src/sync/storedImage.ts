import * as Y from 'yjs'

/** Past this many changes, working out the state vector from them costs more than it saves. */
const MAX_CHANGES_FOR_STATE_VECTOR = 1000

/**
 * A board's whole state as encoded updates: a base (the stored snapshot, or a fresh encoding of the
 * document) and every change since, in order. While there are no changes since the base, a client
 * that has nothing is sent the base as it is: no encoding of the document, and a board just read
 * from storage can answer before its document is even built. The room appends every change its
 * document makes, so base + changes always equal the document.
 */
export class StoredImage {
  private base: Uint8Array | null = null
  private baseStateVector: Uint8Array | null = null
  private changes: Uint8Array[] = []

  /** Starts over from a base (or none, with its state vector when known) and the updates after it. */
  reset(base: Uint8Array | null, baseStateVector: Uint8Array | null, changes: readonly Uint8Array[] = []): void {
    this.base = base
    this.baseStateVector = baseStateVector
    this.changes = [...changes]
  }

  append(update: Uint8Array): void {
    this.changes.push(update)
  }

  /** The whole state as one update, when the base still is that; undefined once something changed since. */
  wholeState(): Uint8Array | undefined {
    if (this.changes.length > 0) return undefined
    return this.base ?? EMPTY_STATE
  }

  /** Base and changes in order, for building the document. */
  updates(): Uint8Array[] {
    return this.base ? [this.base, ...this.changes] : [...this.changes]
  }

  /**
   * The state vector of the whole image without decoding the base: the stored one, advanced by
   * where each change ends. Undefined when the base's was not stored or the changes are many.
   */
  stateVector(): Uint8Array | undefined {
    if ((this.base && !this.baseStateVector) || this.changes.length > MAX_CHANGES_FOR_STATE_VECTOR) return undefined
    const clocks = this.baseStateVector ? Y.decodeStateVector(this.baseStateVector) : new Map<number, number>()
    for (const change of this.changes) {
      for (const [client, clock] of Y.parseUpdateMeta(change).to) clocks.set(client, Math.max(clock, clocks.get(client) ?? 0))
    }
    return Y.encodeStateVector(clocks)
  }
}

const EMPTY_STATE = Y.encodeStateAsUpdate(new Y.Doc())
