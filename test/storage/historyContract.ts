import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { DAY_MS, encodeSnapshot, type BoardStorage, type HistoryPolicy, type StoredPastState } from '@guatu/server/storage/boardStorage'
import type { StorageHarness } from './storageContract.ts'

/**
 * 回头看 in storage: the board as it stood at any moment, rebuilt from a kept snapshot and the
 * updates the server committed up to then, across compactions and within retention. The clock is
 * the storage's own (passed in), so days pass in a test without waiting.
 */
export function describeHistoryContract(name: string, makeHarness: () => Promise<StorageHarness>): void {
  describe(`${name} storage keeps the past`, () => {
    let harness: StorageHarness
    let storage: BoardStorage
    let clock = 0

    beforeEach(async () => {
      clock = Date.UTC(2022, 7, 16, 7, 0)
      harness = await makeHarness()
      storage = await harness.open(() => clock)
    })
    afterEach(async () => {
      await storage.close()
      await harness.dispose()
    })

    async function set(boardId: string, doc: Y.Doc, key: string, value: string): Promise<void> {
      let captured: Uint8Array | undefined
      const capture = (update: Uint8Array) => (captured = update)
      doc.on('update', capture)
      doc.getMap('projects').set(key, value)
      doc.off('update', capture)
      await storage.appendUpdates([{ boardId, update: captured!, audit: [] }])
    }

    async function compact(boardId: string, doc: Y.Doc, policy?: HistoryPolicy, keepForHistory = false): Promise<void> {
      const { lastSeq } = await storage.loadBoardState(boardId)
      await storage.compactBoard(boardId, encodeSnapshot(doc), lastSeq, 0, { policy, keepForHistory })
    }

    function rebuilt(state: StoredPastState | undefined): unknown {
      if (!state) return undefined
      const doc = new Y.Doc()
      Y.applyUpdate(doc, state.snapshot)
      for (const update of state.updates) Y.applyUpdate(doc, update)
      return doc.getMap('projects').toJSON()
    }

    it('shows the board at any moment from the updates committed up to it, across compactions and a restart', async () => {
      const doc = new Y.Doc()
      const created = clock
      await storage.createBoard({ id: 'b1', name: 'A', year: 2022, projectCount: 0 })
      clock += 1000
      await set('b1', doc, 'x', '1')
      clock += 1000
      await set('b1', doc, 'x', '2')
      clock += 500
      await compact('b1', doc)
      clock += 500
      await set('b1', doc, 'x', '3')
      clock += 500
      await compact('b1', doc)
      await storage.close()
      storage = await harness.open(() => clock)
      clock += 500
      await set('b1', doc, 'x', '4')

      expect(await storage.loadBoardStateAt('b1', created - 1)).toBeUndefined()
      expect(rebuilt(await storage.loadBoardStateAt('b1', created + 500))).toEqual({})
      expect(rebuilt(await storage.loadBoardStateAt('b1', created + 1000))).toEqual({ x: '1' })
      expect(rebuilt(await storage.loadBoardStateAt('b1', created + 2400))).toEqual({ x: '2' })
      expect(rebuilt(await storage.loadBoardStateAt('b1', created + 2600))).toEqual({ x: '2' })
      expect(rebuilt(await storage.loadBoardStateAt('b1', created + 3200))).toEqual({ x: '3' })
      expect(rebuilt(await storage.loadBoardStateAt('b1', clock))).toEqual({ x: '4' })
      // The live board still loads from the latest snapshot and only what follows it.
      const live = await storage.loadBoardState('b1')
      expect(live.updates).toHaveLength(1)
      expect(rebuilt({ snapshot: live.snapshot!, updates: live.updates, lastSeq: live.lastSeq })).toEqual({ x: '4' })
    })

    it('keeps a snapshot a day (and at a meeting boundary) so a moment replays only what followed it', async () => {
      const doc = new Y.Doc()
      await storage.createBoard({ id: 'b1', name: 'A', year: 2022, projectCount: 0 })
      for (let day = 0; day < 3; day++) {
        clock += DAY_MS
        await set('b1', doc, 'x', `day ${day}`)
        await compact('b1', doc)
      }
      const afterThirdDay = await storage.loadBoardStateAt('b1', clock)
      expect(afterThirdDay?.updates).toHaveLength(0)
      expect(rebuilt(afterThirdDay)).toEqual({ x: 'day 2' })
      // Within the day: not kept, unless it is a meeting's start or end.
      clock += 1000
      await set('b1', doc, 'x', 'later')
      await compact('b1', doc)
      expect((await storage.loadBoardStateAt('b1', clock))?.updates).toHaveLength(1)
      clock += 1000
      await set('b1', doc, 'x', 'meeting')
      await compact('b1', doc, undefined, true)
      const atMeeting = await storage.loadBoardStateAt('b1', clock)
      expect(atMeeting?.updates).toHaveLength(0)
      expect(rebuilt(atMeeting)).toEqual({ x: 'meeting' })
    })

    it('drops only what lies beyond the retention, and a moment before it is no longer shown', async () => {
      const doc = new Y.Doc()
      const created = clock
      const policy: HistoryPolicy = { keepSnapshotEveryMs: DAY_MS, retainMs: 3 * DAY_MS }
      await storage.createBoard({ id: 'b1', name: 'A', year: 2022, projectCount: 0 })
      const days: number[] = []
      for (let day = 0; day < 6; day++) {
        clock += DAY_MS
        await set('b1', doc, 'x', `day ${day}`)
        days.push(clock)
        clock += 1000
        await compact('b1', doc, policy)
      }
      expect(await storage.loadBoardStateAt('b1', created)).toBeUndefined()
      expect(await storage.loadBoardStateAt('b1', days[1]!)).toBeUndefined()
      for (const day of [3, 4, 5]) expect(rebuilt(await storage.loadBoardStateAt('b1', days[day]!))).toEqual({ x: `day ${day}` })
      // The retention's first moment is still shown.
      const lastCompaction = clock
      expect(rebuilt(await storage.loadBoardStateAt('b1', lastCompaction - 3 * DAY_MS))).toEqual({ x: 'day 2' })
    })

    it('dates updates by the server clock, never backwards even when the clock goes back', async () => {
      const doc = new Y.Doc()
      await storage.createBoard({ id: 'b1', name: 'A', year: 2022, projectCount: 0 })
      clock += 5000
      const first = clock
      await set('b1', doc, 'x', '1')
      clock -= 2000
      await set('b1', doc, 'x', '2')
      expect(rebuilt(await storage.loadBoardStateAt('b1', first - 1000))).toEqual({})
      expect(rebuilt(await storage.loadBoardStateAt('b1', first))).toEqual({ x: '2' })
    })

    it('dates an update to when the server accepted it (the time its stamps carry), never before the previous one', async () => {
      await storage.createBoard({ id: 'b1', name: 'A', year: 2022, projectCount: 0 })
      const doc = new Y.Doc()
      const updateOf = (value: string) => {
        let captured: Uint8Array | undefined
        doc.once('update', (update: Uint8Array) => (captured = update))
        doc.getMap('projects').set('x', value)
        return captured!
      }
      clock += 10_000
      const accepted = clock - 3000
      await storage.appendUpdates([{ boardId: 'b1', update: updateOf('1'), audit: [], receivedAt: accepted }])
      await storage.appendUpdates([{ boardId: 'b1', update: updateOf('2'), audit: [], receivedAt: accepted - 5000 }])
      expect(rebuilt(await storage.loadBoardStateAt('b1', accepted - 1))).toEqual({})
      expect(rebuilt(await storage.loadBoardStateAt('b1', accepted))).toEqual({ x: '2' })
    })

    it('keeps each board to its own past', async () => {
      const one = new Y.Doc()
      const two = new Y.Doc()
      await storage.createBoard({ id: 'b1', name: 'A', year: 2022, projectCount: 0 })
      await storage.createBoard({ id: 'b2', name: 'B', year: 2022, projectCount: 0 })
      clock += 1000
      await set('b1', one, 'x', '1')
      await set('b2', two, 'y', '2')
      expect(rebuilt(await storage.loadBoardStateAt('b1', clock))).toEqual({ x: '1' })
      expect(rebuilt(await storage.loadBoardStateAt('b2', clock))).toEqual({ y: '2' })
      expect(await storage.loadBoardStateAt('missing', clock)).toBeUndefined()
    })
  })
}
