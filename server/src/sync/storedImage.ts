import * as Y from 'yjs'

/** Past this many changes, working out the state vector from them costs more than it saves. */
const MAX_CHANGES_FOR_STATE_VECTOR = 1000

/**
 * A board's whole state as encoded updates: a base (the stored snapshot, or a fresh encoding of the
 * document) and the stored changes after it. While nothing changed since the base, a client that
 * has nothing is sent the base as it is: no encoding of the document, and a board just read from
 * storage can answer before its document is even built.
 *
 * Once the document is built from it, the image keeps only the base and whether the document has
 * moved past it: the changes themselves live in the document. Keeping every change's bytes until
 * the next compaction would hold thousands of small buffers per busy board, which the garbage
 * collector copies and promotes for nothing.
 */
export class StoredImage {
  private base: Uint8Array | null = null
  private baseStateVector: Uint8Array | null = null
  /** Changes after the base, in order, not yet read into a document. */
  private listed: Uint8Array[] = []
  /** The state has moved past base + listed changes; the document holds the rest. */
  private unlisted = false

  /** Starts over from a base (or none, with its state vector when known) and the updates after it. */
  reset(base: Uint8Array | null, baseStateVector: Uint8Array | null, changes: readonly Uint8Array[] = []): void {
    this.base = base
    this.baseStateVector = baseStateVector
    this.listed = [...changes]
    this.unlisted = false
  }

  /** Base and changes in order, for building the document; from then on the document holds the changes. */
  takeUpdates(): Uint8Array[] {
    const updates = this.base ? [this.base, ...this.listed] : this.listed
    if (this.listed.length > 0) this.unlisted = true
    this.listed = []
    return updates
  }

  /** The document built from the image changed: the base is no longer the whole state. */
  markChanged(): void {
    this.unlisted = true
  }

  /** The whole state as one update, when the base still is that; undefined once something changed since. */
  wholeState(): Uint8Array | undefined {
    if (this.unlisted || this.listed.length > 0) return undefined
    return this.base ?? EMPTY_STATE
  }

  /**
   * The state vector of the whole image without decoding the base: the stored one, advanced by
   * where each change ends. Undefined when the base's was not stored, the changes are many, or
   * only the document knows them.
   */
  stateVector(): Uint8Array | undefined {
    if (this.unlisted || (this.base && !this.baseStateVector) || this.listed.length > MAX_CHANGES_FOR_STATE_VECTOR) return undefined
    const clocks = this.baseStateVector ? Y.decodeStateVector(this.baseStateVector) : new Map<number, number>()
    for (const change of this.listed) {
      for (const [client, clock] of Y.parseUpdateMeta(change).to) clocks.set(client, Math.max(clock, clocks.get(client) ?? 0))
    }
    return Y.encodeStateVector(clocks)
  }
}

const EMPTY_STATE = Y.encodeStateAsUpdate(new Y.Doc())
