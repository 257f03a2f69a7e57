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

/** How the room looks at a held update again. */
export interface HeldRetry<M> {
  /** Whether the board now has everything `needs` lists. */
  met(needs: HistoryNeeds): boolean
  /** Judges `update` again: applied (true), or held again or refused by the room (false). */
  retry(member: M, update: Uint8Array, ownersFresh: boolean): boolean
}

/**
 * The connections of one board with updates held for lack of history, within a budget for the
 * whole board. Held updates are looked at again only once the board has what they wait for: the
 * missing part can come from the same client, from another one (browser tabs share edits
 * directly), or from another process.
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

  /** Retries every holder whose needs are met; passes repeat while one retry completes another. */
  retryReady(retry: HeldRetry<M>): void {
    let applied = true
    while (applied && this.holding.size > 0) {
      applied = false
      for (const member of [...this.holding]) {
        if (retry.met(member.heldNeeds) && this.retryOne(member, retry, false)) applied = true
      }
    }
  }

  /** After the owners of client ids were read again: those waiting for an owner are judged now, an unknown one refused. */
  retryOwnerWaiters(retry: HeldRetry<M>): void {
    for (const member of [...this.holding]) if (member.heldNeeds.owners.size > 0) this.retryOne(member, retry, true)
    this.retryReady(retry)
  }

  private retryOne(member: M, retry: HeldRetry<M>, ownersFresh: boolean): boolean {
    const merged = this.take(member)
    return merged !== undefined && retry.retry(member, merged, ownersFresh)
  }

  forget(member: M): void {
    this.holding.delete(member)
  }
}
