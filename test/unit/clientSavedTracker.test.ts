import { describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { createProject, deleteProject, updateProject } from '@guatu/shared/board/projectCommands'
import { trackSavedState } from '../../client/src/sync/savedTracker.ts'

/** What the server's savedAck says once everything this document wrote so far is stored. */
const storedUpToNow = (doc: Y.Doc) => [{ clientId: doc.clientID, clock: Y.getState(doc.store, doc.clientID) }]

function board() {
  const doc = new Y.Doc()
  const saved = trackSavedState(doc)
  return { doc, saved }
}

describe('the 已保存 indicator', () => {
  test('a fresh board has nothing unsaved', () => {
    expect(board().saved.get()).toEqual({ unsavedCount: 0 })
  })

  test('each edit counts once as unsaved, however many fields it changed', () => {
    const { doc, saved } = board()
    const id = createProject(doc, { name: '新能源电池项目', unit: '发改委', owner: '张三' })
    updateProject(doc, id, { name: '新能源电池项目（一期）', progressNote: '已完成选址' })
    updateProject(doc, id, { phone: '13800000000' })
    expect(saved.get().unsavedCount).toBe(3)
  })

  test('an acknowledgement of everything written shows 已保存 again', () => {
    const { doc, saved } = board()
    const id = createProject(doc, { name: '甲' })
    updateProject(doc, id, { name: '乙' })
    saved.acknowledge(storedUpToNow(doc))
    expect(saved.get().unsavedCount).toBe(0)
  })

  test('an acknowledgement that covers the earlier edits leaves only the later ones unsaved', () => {
    const { doc, saved } = board()
    const id = createProject(doc, { name: '甲' })
    updateProject(doc, id, { name: '乙' })
    const afterTwo = storedUpToNow(doc)
    updateProject(doc, id, { name: '丙' })
    saved.acknowledge(afterTwo)
    expect(saved.get().unsavedCount).toBe(1)
  })

  test("another client's acknowledgement does not mark this client's edits saved", () => {
    const { doc, saved } = board()
    createProject(doc, { name: '甲' })
    saved.acknowledge([{ clientId: doc.clientID + 1, clock: 1_000_000 }])
    expect(saved.get().unsavedCount).toBe(1)
  })

  test('an acknowledgement older than one already received does not bring unsaved edits back', () => {
    const { doc, saved } = board()
    const id = createProject(doc, { name: '甲' })
    const early = storedUpToNow(doc)
    updateProject(doc, id, { name: '乙' })
    saved.acknowledge(storedUpToNow(doc))
    saved.acknowledge(early)
    expect(saved.get().unsavedCount).toBe(0)
    updateProject(doc, id, { name: '丙' })
    expect(saved.get().unsavedCount).toBe(1)
  })

  test("changes arriving from other people are not this client's to save", () => {
    const { doc, saved } = board()
    const colleague = new Y.Doc()
    createProject(colleague, { name: '同事新建的项目' })
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(colleague))
    expect(saved.get().unsavedCount).toBe(0)
  })

  test('deleting a project does not leave the indicator stuck on unsaved, since no ack can name it', () => {
    const { doc, saved } = board()
    const id = createProject(doc, { name: '甲' })
    saved.acknowledge(storedUpToNow(doc))
    deleteProject(doc, id)
    expect(saved.get().unsavedCount).toBe(0)
  })

  test('listeners hear a change of the count, not every edit or every ack', () => {
    const { doc, saved } = board()
    let heard = 0
    saved.subscribe(() => heard++)
    const id = createProject(doc, { name: '甲' })
    updateProject(doc, id, { name: '乙' })
    saved.acknowledge([{ clientId: doc.clientID, clock: 0 }])
    saved.acknowledge(storedUpToNow(doc))
    saved.acknowledge(storedUpToNow(doc))
    expect(heard).toBe(3)
  })

  test('a stopped tracker no longer counts edits', () => {
    const { doc, saved } = board()
    saved.stop()
    createProject(doc, { name: '甲' })
    expect(saved.get().unsavedCount).toBe(0)
  })
})
