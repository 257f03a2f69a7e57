import { describe, expect, it } from 'vitest'
import { HeldUpdates, type HeldRetry, type HoldingMember } from '@guatu/server/sync/heldUpdates'
import { addNeeds, noNeeds, type HistoryNeeds } from '@guatu/server/validation/updatePreflight'

/** A connection's own allowance of held updates, as connection.ts keeps it. */
function member(allowanceBytes = 1_000): HoldingMember {
  let held: Uint8Array[] = []
  let needs = noNeeds()
  return {
    holdUpdate(update: Uint8Array, more: HistoryNeeds) {
      if (held.reduce((sum, part) => sum + part.byteLength, update.byteLength) > allowanceBytes) return false
      held.push(update)
      addNeeds(needs, more)
      return true
    },
    get heldUpdateBytes() {
      return held.reduce((sum, part) => sum + part.byteLength, 0)
    },
    get heldNeeds() {
      return needs
    },
    takeHeldUpdates() {
      const taken = held
      held = []
      needs = noNeeds()
      return taken
    },
  }
}

const needsClock = (client: number, clock: number): HistoryNeeds => ({ clocks: new Map([[client, clock]]), owners: new Set() })

describe('updates a board holds for missing history', () => {
  it('drops everything a connection held once the board-wide budget would be passed', () => {
    const held = new HeldUpdates<ReturnType<typeof member>>(100)
    const first = member()
    const second = member()
    expect(held.hold(first, new Uint8Array(60), needsClock(1, 5))).toBe(true)
    expect(held.hold(second, new Uint8Array(50), needsClock(2, 5))).toBe(false)
    expect(second.heldUpdateBytes).toBe(0)
    expect(held.size).toBe(1)
  })

  it('retries a holder once the board has what it waits for, and again when one retry completes another', () => {
    const held = new HeldUpdates<ReturnType<typeof member>>()
    const early = member()
    const later = member()
    // `later` waits for client 1 up to clock 3, which only `early`'s retry brings.
    let board = new Map<number, number>([[1, 0]])
    held.hold(later, Uint8Array.of(2), needsClock(1, 3))
    held.hold(early, Uint8Array.of(1), needsClock(9, 1))
    const retried: string[] = []
    const retry: HeldRetry<ReturnType<typeof member>> = {
      met: (needs) => [...needs.clocks].every(([client, clock]) => (board.get(client) ?? 0) >= clock),
      retry: (who, update) => {
        retried.push(who === early ? 'early' : 'later')
        if (who === early) board = new Map([...board, [1, 3]])
        return update.byteLength > 0
      },
    }
    held.retryReady(retry)
    expect(retried).toEqual([])
    board.set(9, 1)
    held.retryReady(retry)
    expect(retried).toEqual(['early', 'later'])
    expect(held.size).toBe(0)
  })
})
