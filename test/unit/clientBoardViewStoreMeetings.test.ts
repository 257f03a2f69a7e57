import { describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { collectionRoot, metaRoot, RecordCollection } from '@guatu/shared/board/boardDoc'
import { writeBoardSettings } from '@guatu/shared/board/boardSettingsAccess'
import { boardTotals, endMeeting, recordDecision, setReportingUnit, startMeeting } from '@guatu/shared/board/meetingCommands'
import { createProject } from '@guatu/shared/board/projectCommands'
import type { IsoDate } from '@guatu/shared/domain/dates'
import type { Principal } from '@guatu/shared/domain/principal'
import { Role } from '@guatu/shared/domain/role'
import { DEFAULT_BOARD_SETTINGS } from '@guatu/shared/progress/boardSettings'
import { createBoardViewStore } from '../../client/src/sync/boardViewStore.ts'

// What the wall screen reads (settings, the running 调度会, its 确定事项) goes through the same
// view store as the board, with the same promise: validated on read, identity kept until it changes.

const OFFICE: Principal = { kind: 'user', userId: 'u_office', username: 'xmb', displayName: '项目办王主任', role: Role.admin, units: [] }
const day = '2026-03-02' as IsoDate

function boardWithMeeting() {
  const doc = new Y.Doc()
  const first = createProject(doc, { name: '甲' })
  const second = createProject(doc, { name: '乙' })
  const store = createBoardViewStore(doc)
  const meetingId = startMeeting(doc, { title: '三月调度会', date: day, attendees: [], agenda: [] }, boardTotals([]), OFFICE)
  // Each decision a minute after the last: two in the same millisecond would leave their order to their random ids.
  let minutes = 0
  const decide = (projectId: typeof first, content: string, meeting = meetingId) =>
    recordDecision(doc, { meetingId: meeting, projectId, content, assignee: '工信局', deadline: day }, OFFICE, {
      now: new Date(Date.UTC(2026, 2, 2, 1, minutes++)),
    })
  return { doc, store, meetingId, first, second, decide }
}

describe('what the wall screen reads from the view store', () => {
  test('the running meeting shows its title and the unit reporting now, and is gone once it ends', () => {
    const { doc, store, meetingId } = boardWithMeeting()
    expect(store.getRunningMeeting()?.title).toBe('三月调度会')
    setReportingUnit(doc, meetingId, '工信局')
    expect(store.getRunningMeeting()?.reportingUnit).toBe('工信局')
    endMeeting(doc, meetingId, boardTotals([]))
    expect(store.getRunningMeeting()).toBeUndefined()
  })

  test("a meeting's 确定事项 are listed in the order taken, and another meeting's are not among them", () => {
    const { doc, store, meetingId, first, second, decide } = boardWithMeeting()
    decide(second, '先办乙')
    decide(first, '再办甲')
    const older = startMeeting(doc, { title: '二月调度会', date: day, attendees: [], agenda: [] }, boardTotals([]), OFFICE)
    decide(first, '二月的事', older)
    expect(store.getDecisionsOfMeeting(meetingId).map((decision) => decision.content)).toEqual(['先办乙', '再办甲'])
    expect(store.getDecisionsOfMeeting(older).map((decision) => decision.content)).toEqual(['二月的事'])
  })

  test("a decision in one meeting leaves another meeting's list the same object", () => {
    const { doc, store, meetingId, first, decide } = boardWithMeeting()
    decide(first, '甲的事')
    const other = startMeeting(doc, { title: '专题会', date: day, attendees: [], agenda: [] }, boardTotals([]), OFFICE)
    const before = store.getDecisionsOfMeeting(meetingId)
    decide(first, '专题会的事', other)
    expect(store.getDecisionsOfMeeting(meetingId)).toBe(before)
    expect(store.getDecisionsOfMeeting(other)).toHaveLength(1)
  })

  test('a meeting without decisions reads one shared empty list, not a new array each time', () => {
    const { store, meetingId } = boardWithMeeting()
    expect(store.getDecisionsOfMeeting(meetingId)).toEqual([])
    expect(store.getDecisionsOfMeeting(meetingId)).toBe(store.getDecisionsOfMeeting(meetingId))
  })

  test('a forged decision without a meeting or project is not listed', () => {
    const { doc, store, meetingId, first, decide } = boardWithMeeting()
    decide(first, '真的事')
    const root = collectionRoot(doc, RecordCollection.decisions) as unknown as Y.Map<unknown>
    const forged = new Y.Map<unknown>()
    root.set('d_forged0000001', forged)
    forged.set('meetingId', meetingId)
    forged.set('content', '伪造的事项')
    expect(store.getDecisionsOfMeeting(meetingId).map((decision) => decision.content)).toEqual(['真的事'])
  })

  test('settings keep their object until someone saves new ones, and unreadable ones fall back to the defaults', () => {
    const { doc, store, first, decide } = boardWithMeeting()
    const before = store.getSettings(2026)
    decide(first, '与设置无关')
    expect(store.getSettings(2026)).toBe(before)
    writeBoardSettings(doc, { ...DEFAULT_BOARD_SETTINGS(2026), targets: { signed: { count: 12 }, started: {}, producing: {} } })
    expect(store.getSettings(2026).targets.signed.count).toBe(12)
    metaRoot(doc).set('settings', { year: '伪造' })
    expect(store.getSettings(2026)).toEqual(DEFAULT_BOARD_SETTINGS(2026))
  })
})
