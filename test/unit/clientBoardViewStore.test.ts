import { describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { projectsRoot } from '@guatu/shared/board/boardDoc'
import { createProject, deleteProject, moveProject, updateProject } from '@guatu/shared/board/projectCommands'
import type { IsoDate } from '@guatu/shared/domain/dates'
import type { WanAmount } from '@guatu/shared/domain/money'
import type { ProjectId } from '@guatu/shared/domain/project'
import { Stage } from '@guatu/shared/domain/stage'
import { createBoardViewStore } from '../../client/src/sync/boardViewStore.ts'

const wan = (text: string) => text as WanAmount
const today = '2026-03-02' as IsoDate

function boardOf(columns: Partial<Record<Stage, readonly string[]>>) {
  const doc = new Y.Doc()
  const ids: Record<string, ProjectId> = {}
  for (const [stage, names] of Object.entries(columns) as [Stage, readonly string[]][]) {
    for (const name of names) ids[name] = createProject(doc, { name, stage })
  }
  const store = createBoardViewStore(doc)
  const id = (name: string) => {
    const found = ids[name]
    if (!found) throw new Error(`no card ${name}`)
    return found
  }
  return { doc, store, id }
}

const namesIn = (store: ReturnType<typeof createBoardViewStore>, stage: Stage) => store.getColumns()[stage].cards.map((card) => card.name)

describe('the board view model', () => {
  test('each column shows its cards in board order with their count', () => {
    const { store } = boardOf({ planning: ['甲', '乙', '丙'], signed: ['丁'] })
    expect(namesIn(store, Stage.planning)).toEqual(['甲', '乙', '丙'])
    expect(namesIn(store, Stage.signed)).toEqual(['丁'])
    expect(store.getColumns().planning.count).toBe(3)
    expect(store.getColumns().started.count).toBe(0)
  })

  test('the column total adds 总投资 exactly, leaving out a figure still waiting for confirmation', () => {
    const doc = new Y.Doc()
    createProject(doc, { name: '甲', totalInvestment: wan('0.1') })
    createProject(doc, { name: '乙', totalInvestment: wan('0.2') })
    createProject(doc, { name: '丙', totalInvestment: wan('50000'), unconfirmedFigures: ['totalInvestment'] })
    expect(createBoardViewStore(doc).getColumns().planning.totalCents).toBe(30)
  })

  test('editing one card gives that card a new object and keeps every other card and column as it was', () => {
    const { doc, store, id } = boardOf({ planning: ['甲', '乙', '丙'], signed: ['丁'] })
    const before = store.getColumns()
    updateProject(doc, id('乙'), { progressNote: '已完成环评' })
    const after = store.getColumns()
    expect(after.planning.cards[1]?.progressNote).toBe('已完成环评')
    expect(after.planning.cards[1]).not.toBe(before.planning.cards[1])
    expect(after.planning.cards[0]).toBe(before.planning.cards[0])
    expect(after.planning.cards[2]).toBe(before.planning.cards[2])
    expect(after.signed).toBe(before.signed)
    expect(after.started).toBe(before.started)
  })

  test("a card moved to another column leaves its old column's neighbours and the untouched columns as they were", () => {
    const { doc, store, id } = boardOf({ planning: ['甲', '乙', '丙'], signed: ['丁', '戊'], producing: ['己'] })
    const before = store.getColumns()
    moveProject(doc, id('乙'), { stage: Stage.signed, afterId: id('丁') }, { today })
    const after = store.getColumns()
    expect(namesIn(store, Stage.planning)).toEqual(['甲', '丙'])
    expect(namesIn(store, Stage.signed)).toEqual(['丁', '乙', '戊'])
    expect(after.planning.cards[0]).toBe(before.planning.cards[0])
    expect(after.planning.cards[1]).toBe(before.planning.cards[2])
    expect(after.signed.cards[0]).toBe(before.signed.cards[0])
    expect(after.producing).toBe(before.producing)
    expect(store.getProject(id('乙'))?.actualSignDate).toBe(today)
  })

  test('a deleted card leaves its column and can no longer be opened', () => {
    const { doc, store, id } = boardOf({ planning: ['甲', '乙'] })
    const gone = id('甲')
    deleteProject(doc, gone)
    expect(namesIn(store, Stage.planning)).toEqual(['乙'])
    expect(store.getColumns().planning.count).toBe(1)
    expect(store.getProject(gone)).toBeUndefined()
  })

  test("a colleague's changes arriving over the network show up like local ones", () => {
    const { doc, store } = boardOf({ planning: ['甲'] })
    const colleague = new Y.Doc()
    Y.applyUpdate(colleague, Y.encodeStateAsUpdate(doc))
    createProject(colleague, { name: '同事的项目', stage: Stage.started })
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(colleague, Y.encodeStateVector(doc)))
    expect(namesIn(store, Stage.started)).toEqual(['同事的项目'])
  })

  test('subscribers hear each change, and the list of all projects is the same array until something changes', () => {
    const { doc, store, id } = boardOf({ planning: ['甲'], signed: ['乙'] })
    let heard = 0
    store.subscribe(() => heard++)
    const all = store.getAllProjects()
    expect(all.map((card) => card.name)).toEqual(['甲', '乙'])
    expect(store.getAllProjects()).toBe(all)
    updateProject(doc, id('乙'), { owner: '王五' })
    expect(heard).toBe(1)
    expect(store.getAllProjects()).not.toBe(all)
    expect(store.getAllProjects()[1]?.owner).toBe('王五')
  })

  test('a stopped store no longer follows the document', () => {
    const { doc, store, id } = boardOf({ planning: ['甲'] })
    store.stop()
    updateProject(doc, id('甲'), { name: '改名' })
    expect(namesIn(store, Stage.planning)).toEqual(['甲'])
  })
})

describe('the board view model reading a hostile or older document', () => {
  test('unreadable field values fall back to defaults and the card stays on the board', () => {
    const { doc, store, id } = boardOf({ planning: ['甲'], signed: ['乙'] })
    const map = projectsRoot(doc).get(id('乙'))
    if (!map) throw new Error('card missing')
    doc.transact(() => {
      map.set('name', { toString: '<script>' })
      map.set('totalInvestment', 1e300)
      map.set('leaders', 'not a list')
      map.set('rank', 42)
    })
    const card = store.getProject(id('乙'))
    expect(card?.name).toBe('未命名项目')
    expect(card?.totalInvestment).toBe('0')
    expect(card?.leaders).toEqual([])
    expect(namesIn(store, Stage.signed)).toEqual(['未命名项目'])
    expect(store.getColumns().signed.totalCents).toBe(0)
  })

  test('a card whose stage is unknown (a newer or forged value) is shown in the first column, not lost', () => {
    const { doc, store, id } = boardOf({ signed: ['甲'] })
    projectsRoot(doc).get(id('甲'))?.set('stage', 'archived')
    expect(namesIn(store, Stage.signed)).toEqual([])
    expect(namesIn(store, Stage.planning)).toEqual(['甲'])
  })

  test('a card whose rank is unreadable goes to the end of its column', () => {
    const { doc, store, id } = boardOf({ planning: ['甲', '乙', '丙'] })
    projectsRoot(doc).get(id('甲'))?.set('rank', '')
    expect(namesIn(store, Stage.planning)).toEqual(['乙', '丙', '甲'])
  })

  test('a project entry that is not a record, or a key that is not a project id, is ignored', () => {
    const { doc, store } = boardOf({ planning: ['甲'] })
    const root = projectsRoot(doc) as unknown as Y.Map<unknown>
    root.set('p_plainstring01', '伪造')
    root.set('p_number000001', 7)
    root.set('p_nothing00001', null)
    const forged = new Y.Map<unknown>()
    root.set('../../etc', forged)
    forged.set('name', '伪造的项目')
    expect(namesIn(store, Stage.planning)).toEqual(['甲'])
    expect(store.getAllProjects()).toHaveLength(1)
  })

  test('a shared list or XML fragment stored as a project shows no phantom 未命名项目 card', () => {
    const { doc, store } = boardOf({ planning: ['甲'] })
    const root = projectsRoot(doc) as unknown as Y.Map<unknown>
    root.set('p_sharedlist001', Y.Array.from(['伪造']))
    root.set('p_xmlfragment01', new Y.XmlFragment())
    expect(namesIn(store, Stage.planning)).toEqual(['甲'])
    expect(store.getAllProjects()).toHaveLength(1)
  })

  test('a document that already holds such values opens without error', () => {
    const doc = new Y.Doc()
    const id = createProject(doc, { name: '甲', stage: Stage.started })
    const root = projectsRoot(doc) as unknown as Y.Map<unknown>
    root.set('p_plainstring01', '伪造')
    projectsRoot(doc).get(id)?.set('stage', 17)
    const store = createBoardViewStore(doc)
    expect(namesIn(store, Stage.planning)).toEqual(['甲'])
    expect(store.getAllProjects()).toHaveLength(1)
  })
})
