import type { HistoryNeeds } from '../validation/updatePreflight.ts'
import { mergeUpdates } from './roomBroadcast.ts'

/** Updates held for missing history on one board, across its connections (see Connection for the others). */
export const MAX_HELD_BYTES_PER_BOARD = 16 * 1024 * 1024

/** What holding needs of a connection: its own allowance of held updates (connection.ts). */
export interface HoldingMember {
  /** Keeps an update that arrived ahead of its history; false (nothing kept) past the allowance. */
  holdUpdate(update: Uint8Array, needs: HistoryNeeds): boolean
  readonly heldUpdateBytes: number
  readonly heldNeeds: HistoryNeeds
  takeHeldUpdates(): Uint8Array[]
}

/**
 * The connections of one board with updates held for lack of history, within a budget for the
 * whole board. The room decides when to look at them again (see BoardRoom.retryHeldUpdates).
 */
export class HeldUpdates<M extends HoldingMember> {
  private readonly holding = new Set<M>()

  constructor(private readonly maxBytesPerBoard = MAX_HELD_BYTES_PER_BOARD) {}

  get size(): number {
    return this.holding.size
  }

  /** Keeps `update` with the connection's others; false (and all of them dropped) past either allowance. */
  hold(member: M, update: Uint8Array, needs: HistoryNeeds): boolean {
    let heldOnBoard = update.byteLength
    for (const holder of this.holding) heldOnBoard += holder.heldUpdateBytes
    if (heldOnBoard > this.maxBytesPerBoard || !member.holdUpdate(update, needs)) {
      member.takeHeldUpdates()
      this.holding.delete(member)
      return false
    }
    this.holding.add(member)
    return true
  }

  /** The connection's held updates merged into one, and it is no longer holding; undefined when it held nothing. */
  take(member: M): Uint8Array | undefined {
    this.holding.delete(member)
    const held = member.takeHeldUpdates()
    return held.length === 0 ? undefined : mergeUpdates(held)
  }

  forget(member: M): void {
    this.holding.delete(member)
  }

  /** A copy: retrying one may change the set. */
  holders(): M[] {
    return [...this.holding]
  }
}
