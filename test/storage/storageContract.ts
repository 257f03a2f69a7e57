import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { encodeSnapshot, type BoardStorage } from '@guatu/server/storage/boardStorage'

export interface StorageHarness {
  /** Opens the same storage again (same file or database), as a restarted server would; `now` is its clock. */
  open(now?: () => number): Promise<BoardStorage>
  /** Removes everything the harness created. */
  dispose(): Promise<void>
}

function updateSetting(doc: Y.Doc, key: string, value: string): Uint8Array {
  let captured: Uint8Array | undefined
  const capture = (update: Uint8Array) => (captured = update)
  doc.on('update', capture)
  doc.getMap('projects').set(key, value)
  doc.off('update', capture)
  if (!captured) throw new Error('no update produced')
  return captured
}

function replay(state: { snapshot: Uint8Array | null; updates: Uint8Array[] }): Y.Doc {
  const doc = new Y.Doc()
  if (state.snapshot) Y.applyUpdate(doc, state.snapshot)
  for (const update of state.updates) Y.applyUpdate(doc, update)
  return doc
}

/**
 * The behaviour every storage adapter must have. Each adapter's test file calls this with a harness
 * that opens a real database of that kind.
 */
export function describeStorageContract(name: string, makeHarness: () => Promise<StorageHarness>): void {
  describe(`${name} storage contract`, () => {
    let harness: StorageHarness
    let storage: BoardStorage

    beforeEach(async () => {
      harness = await makeHarness()
      storage = await harness.open()
    })
    afterEach(async () => {
      await storage.close()
      await harness.dispose()
    })

    it('lists a created board with its name, year and project count', async () => {
      await storage.createBoard({ id: 'b1', name: '示例区2022年重点项目', year: 2022, projectCount: 3 })
      const boards = await storage.listBoards()
      expect(boards.map(({ id, name, year, projectCount }) => ({ id, name, year, projectCount }))).toEqual([
        { id: 'b1', name: '示例区2022年重点项目', year: 2022, projectCount: 3 },
      ])
      expect(await storage.getBoard('missing')).toBeUndefined()
    })

    it('refuses a second board with the same id', async () => {
      await storage.createBoard({ id: 'b1', name: 'A', year: 2022, projectCount: 0 })
      await expect(storage.createBoard({ id: 'b1', name: 'B', year: 2022, projectCount: 0 })).rejects.toThrow()
    })

    it('returns appended updates in order after a reopen', async () => {
      await storage.createBoard({ id: 'b1', name: 'A', year: 2022, projectCount: 0 })
      const writer = new Y.Doc()
      const updates = ['一', '二', '三'].map((value, index) => updateSetting(writer, `k${index}`, value))
      await storage.appendUpdates(updates.slice(0, 2).map((update) => ({ boardId: 'b1', update, audit: [] })))
      await storage.appendUpdates([{ boardId: 'b1', update: updates[2]!, audit: [] }])
      await storage.close()
      storage = await harness.open()
      const state = await storage.loadBoardState('b1')
      expect(state.updates).toHaveLength(3)
      expect(replay(state).getMap('projects').toJSON()).toEqual({ k0: '一', k1: '二', k2: '三' })
    })

    it('keeps the updates of different boards apart within one batch', async () => {
      await storage.createBoard({ id: 'b1', name: 'A', year: 2022, projectCount: 0 })
      await storage.createBoard({ id: 'b2', name: 'B', year: 2022, projectCount: 0 })
      const one = updateSetting(new Y.Doc(), 'x', '1')
      const two = updateSetting(new Y.Doc(), 'y', '2')
      const lastSeqs = await storage.appendUpdates([
        { boardId: 'b1', update: one, audit: [] },
        { boardId: 'b2', update: two, audit: [] },
      ])
      // Sequence numbers order one board's updates; each board continues from its own head.
      for (const boardId of ['b1', 'b2']) expect(lastSeqs.get(boardId)).toMatchObject({ previousSeq: 0, lastSeq: expect.any(Number) })
      expect(lastSeqs.get('b1')!.lastSeq).toBeGreaterThan(0)
      expect(lastSeqs.get('b2')!.lastSeq).toBeGreaterThan(0)
      expect(
        replay(await storage.loadBoardState('b1'))
          .getMap('projects')
          .toJSON(),
      ).toEqual({ x: '1' })
      expect(
        replay(await storage.loadBoardState('b2'))
          .getMap('projects')
          .toJSON(),
      ).toEqual({ y: '2' })
    })

    it('writes nothing of a batch that names an unknown board', async () => {
      await storage.createBoard({ id: 'b1', name: 'A', year: 2022, projectCount: 0 })
      const update = updateSetting(new Y.Doc(), 'x', '1')
      await expect(
        storage.appendUpdates([
          { boardId: 'b1', update, audit: [] },
          { boardId: 'nope', update, audit: [] },
        ]),
      ).rejects.toThrow()
      expect((await storage.loadBoardState('b1')).updates).toHaveLength(0)
    })

    it('keeps who introduced each client id with the update, first claim wins, and per board', async () => {
      await storage.createBoard({ id: 'b1', name: 'A', year: 2022, projectCount: 0 })
      await storage.createBoard({ id: 'b2', name: 'B', year: 2022, projectCount: 0 })
      const writer = new Y.Doc()
      await storage.appendUpdates([
        { boardId: 'b1', update: updateSetting(writer, 'k0', 'v'), audit: [], claims: [{ clientId: 4_000_000_001, principalId: 'u_gongxin' }] },
        { boardId: 'b2', update: updateSetting(new Y.Doc(), 'k0', 'v'), audit: [], claims: [{ clientId: 7, principalId: 'u_shangwu' }] },
      ])
      await storage.appendUpdates([
        {
          boardId: 'b1',
          update: updateSetting(writer, 'k1', 'v'),
          audit: [],
          claims: [
            { clientId: 4_000_000_001, principalId: 'u_intruder' },
            { clientId: 8, principalId: 'u_admin' },
          ],
        },
      ])
      const owners = (await storage.loadClientOwners('b1')).sort((a, b) => a.clientId - b.clientId)
      expect(owners).toEqual([
        { clientId: 8, principalId: 'u_admin' },
        { clientId: 4_000_000_001, principalId: 'u_gongxin' },
      ])
      expect(await storage.loadClientOwners('b2')).toEqual([{ clientId: 7, principalId: 'u_shangwu' }])
    })

    it('stores no claim of a batch that failed', async () => {
      await storage.createBoard({ id: 'b1', name: 'A', year: 2022, projectCount: 0 })
      await expect(
        storage.appendUpdates([
          { boardId: 'b1', update: updateSetting(new Y.Doc(), 'k', 'v'), audit: [], claims: [{ clientId: 9, principalId: 'u_gongxin' }] },
          { boardId: 'missing-board', update: updateSetting(new Y.Doc(), 'k', 'v'), audit: [] },
        ]),
      ).rejects.toThrow()
      expect(await storage.loadClientOwners('b1')).toEqual([])
    })

    it('replaces compacted updates with the snapshot and keeps later ones', async () => {
      await storage.createBoard({ id: 'b1', name: 'A', year: 2022, projectCount: 0 })
      const writer = new Y.Doc()
      const early = await storage.appendUpdates([0, 1, 2].map((i) => ({ boardId: 'b1', update: updateSetting(writer, `k${i}`, `v${i}`), audit: [] })))
      const snapshot = encodeSnapshot(writer)
      await storage.appendUpdates([{ boardId: 'b1', update: updateSetting(writer, 'late', 'after'), audit: [] }])
      await storage.compactBoard('b1', snapshot, early.get('b1')!.lastSeq, 3)
      const state = await storage.loadBoardState('b1')
      expect(state.snapshot).not.toBeNull()
      expect(state.snapshotStateVector).toEqual(snapshot.stateVector)
      expect(state.updates).toHaveLength(1)
      expect(replay(state).getMap('projects').toJSON()).toEqual({ k0: 'v0', k1: 'v1', k2: 'v2', late: 'after' })
      expect((await storage.getBoard('b1'))?.projectCount).toBe(3)
    })

    it("says where each batch landed: a board's next batch starts where its previous one ended", async () => {
      await storage.createBoard({ id: 'b1', name: 'A', year: 2022, projectCount: 0 })
      await storage.createBoard({ id: 'b2', name: 'B', year: 2022, projectCount: 0 })
      const writer = new Y.Doc()
      const first = (await storage.appendUpdates([0, 1].map((i) => ({ boardId: 'b1', update: updateSetting(writer, `k${i}`, 'v'), audit: [] })))).get('b1')!
      await storage.appendUpdates([{ boardId: 'b2', update: updateSetting(new Y.Doc(), 'other', 'v'), audit: [] }])
      const second = (await storage.appendUpdates([{ boardId: 'b1', update: updateSetting(writer, 'k2', 'v'), audit: [] }])).get('b1')!
      expect(first.previousSeq).toBe(0)
      expect(first.lastSeq).toBeGreaterThan(0)
      expect(second.previousSeq).toBe(first.lastSeq)
      expect(second.lastSeq).toBeGreaterThan(second.previousSeq)
      expect((await storage.loadBoardState('b1')).lastSeq).toBe(second.lastSeq)
    })

    it('loads only what follows a known sequence number, and the snapshot once compaction removed part of it', async () => {
      await storage.createBoard({ id: 'b1', name: 'A', year: 2022, projectCount: 0 })
      const writer = new Y.Doc()
      const early = (await storage.appendUpdates([0, 1].map((i) => ({ boardId: 'b1', update: updateSetting(writer, `k${i}`, `v${i}`), audit: [] })))).get('b1')!
      const snapshot = encodeSnapshot(writer)
      const late = (await storage.appendUpdates([{ boardId: 'b1', update: updateSetting(writer, 'late', 'after'), audit: [] }])).get('b1')!

      const tail = await storage.loadBoardState('b1', early.lastSeq)
      expect(tail).toMatchObject({ snapshot: null, lastSeq: late.lastSeq })
      expect(tail.updates).toHaveLength(1)
      const reader = replay({ snapshot: snapshot.state, updates: tail.updates })
      expect(reader.getMap('projects').toJSON()).toEqual({ k0: 'v0', k1: 'v1', late: 'after' })

      await storage.compactBoard('b1', snapshot, early.lastSeq, 0)
      const behind = await storage.loadBoardState('b1', early.previousSeq)
      expect(behind.snapshot).not.toBeNull()
      expect(behind.lastSeq).toBe(late.lastSeq)
      expect(replay(behind).getMap('projects').toJSON()).toEqual({ k0: 'v0', k1: 'v1', late: 'after' })
      expect((await storage.loadBoardState('b1', early.lastSeq)).updates).toHaveLength(1)
      expect(await storage.loadBoardState('b1', late.lastSeq)).toEqual({ snapshot: null, snapshotStateVector: null, updates: [], lastSeq: late.lastSeq })
    })

    it('keeps the newer snapshot when an older compaction arrives late', async () => {
      await storage.createBoard({ id: 'b1', name: 'A', year: 2022, projectCount: 0 })
      const writer = new Y.Doc()
      const first = (await storage.appendUpdates([{ boardId: 'b1', update: updateSetting(writer, 'a', '1'), audit: [] }])).get('b1')!
      const older = encodeSnapshot(writer)
      const second = (await storage.appendUpdates([{ boardId: 'b1', update: updateSetting(writer, 'b', '2'), audit: [] }])).get('b1')!
      await storage.compactBoard('b1', encodeSnapshot(writer), second.lastSeq, 2)
      await storage.compactBoard('b1', older, first.lastSeq, 1)
      const state = await storage.loadBoardState('b1')
      expect(state.updates).toHaveLength(0)
      expect(replay(state).getMap('projects').toJSON()).toEqual({ a: '1', b: '2' })
    })

    it('starts a board from its initial state', async () => {
      const doc = new Y.Doc()
      doc.getMap('projects').set('seeded', 'yes')
      await storage.createBoard({ id: 'b1', name: 'A', year: 2022, projectCount: 1 }, encodeSnapshot(doc))
      const state = await storage.loadBoardState('b1')
      expect(state.lastSeq).toBe(0)
      expect(state.snapshotStateVector).toEqual(Y.encodeStateVector(doc))
      expect(replay(state).getMap('projects').toJSON()).toEqual({ seeded: 'yes' })
    })

    it('stores history entries with their update and lists them newest first, per project', async () => {
      await storage.createBoard({ id: 'b1', name: 'A', year: 2022, projectCount: 0 })
      const writer = new Y.Doc()
      const entry = (projectId: string, to: string) => ({
        projectId,
        recordId: null,
        action: 'move' as const,
        field: 'stage',
        from: 'planning',
        to,
        at: '2022-03-15T06:30:00.000Z',
        actorId: 'u_1',
        actorLabel: '工信局联络员（工信局）',
      })
      await storage.appendUpdates([{ boardId: 'b1', update: updateSetting(writer, 'a', '1'), audit: [entry('p_one_1', 'signed')] }])
      await storage.appendUpdates([
        { boardId: 'b1', update: updateSetting(writer, 'b', '2'), audit: [entry('p_two_2', 'started'), entry('p_one_1', 'started')] },
      ])
      const all = await storage.listHistory('b1', { limit: 10 })
      expect(all.map((item) => [item.projectId, item.to])).toEqual([
        ['p_one_1', 'started'],
        ['p_two_2', 'started'],
        ['p_one_1', 'signed'],
      ])
      const one = await storage.listHistory('b1', { projectId: 'p_one_1', limit: 10 })
      expect(one.map((item) => item.to)).toEqual(['started', 'signed'])
      expect(one[0]).toMatchObject({ actorLabel: '工信局联络员（工信局）', from: 'planning', field: 'stage' })
      const older = await storage.listHistory('b1', { limit: 10, beforeId: all[1]!.id })
      expect(older.map((item) => item.to)).toEqual(['signed'])
    })

    it('reports ready while open and not after close', async () => {
      expect(storage.isReady()).toBe(true)
      await storage.close()
      expect(storage.isReady()).toBe(false)
      storage = await harness.open()
    })
  })
}
