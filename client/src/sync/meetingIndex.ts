import type * as Y from 'yjs'
import { RecordCollection, collectionRoot } from '@guatu/shared/board/boardDoc'
import { decisionFromMap, meetingFromMap } from '@guatu/shared/board/meetingQueries'
import { isDecisionId, type Decision, type DecisionId } from '@guatu/shared/domain/decision'
import { isMeetingId, MeetingStatus, type Meeting, type MeetingId } from '@guatu/shared/domain/meeting'
import type { ProjectId } from '@guatu/shared/domain/project'

/** The same frozen empty list for every project without a 确定事项. */
export const NO_DECISIONS: readonly Decision[] = Object.freeze([])

// Newest first, the order listMeetings uses.
const byStartedDesc = (a: Meeting, b: Meeting) => (a.startedAt < b.startedAt ? 1 : a.startedAt > b.startedAt ? -1 : 0)
// In the order taken, the order listDecisions uses.
const byRecorded = (a: Decision, b: Decision) =>
  a.recordedAt < b.recordedAt ? -1 : a.recordedAt > b.recordedAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0

type Root = ReturnType<typeof collectionRoot>

function touchedKeys(root: Root, events: Y.YEvent<Y.AbstractType<unknown>>[]): Set<string> {
  const ids = new Set<string>()
  for (const event of events) {
    if (event.target === root) for (const id of event.keys.keys()) ids.add(id)
    else if (typeof event.path[0] === 'string') ids.add(event.path[0])
  }
  return ids
}

/**
 * The `meetings` and `decisions` roots (调度会, 确定事项) as view models, kept like notices
 * (noticeIndex.ts). Meetings are few (one a week or a month), so their list is rebuilt on any
 * meeting change; decisions are grouped per project and only touched projects get a new list, so a
 * decision on one card re-renders one panel. The running meeting keeps its identity until it changes.
 */
export function createMeetingIndex(doc: Y.Doc, onChange: () => void) {
  const meetingRoot = collectionRoot(doc, RecordCollection.meetings)
  const decisionRoot = collectionRoot(doc, RecordCollection.decisions)
  const meetings = new Map<MeetingId, Meeting>()
  const decisions = new Map<DecisionId, Decision>()
  let meetingList: readonly Meeting[] = []
  let running: Meeting | undefined
  let decisionsByProject = new Map<ProjectId, readonly Decision[]>()

  const readMeeting = (id: string) => {
    if (!isMeetingId(id)) return
    const map = meetingRoot.get(id)
    const next = map && typeof map.get === 'function' ? meetingFromMap(id, map) : undefined
    if (next) meetings.set(id, next)
    else meetings.delete(id)
  }
  const rebuildMeetings = () => {
    meetingList = [...meetings.values()].sort(byStartedDesc)
    running = meetingList.find((meeting) => meeting.status === MeetingStatus.running)
  }

  const readDecision = (id: string, touched: Set<ProjectId>) => {
    if (!isDecisionId(id)) return
    const previous = decisions.get(id)
    if (previous) touched.add(previous.projectId)
    const map = decisionRoot.get(id)
    const next = map && typeof map.get === 'function' ? decisionFromMap(id, map) : undefined
    if (next) {
      decisions.set(id, next)
      touched.add(next.projectId)
    } else {
      decisions.delete(id)
    }
  }
  const rebuildDecisions = (touched: Set<ProjectId>) => {
    const lists = new Map<ProjectId, Decision[]>()
    for (const projectId of touched) lists.set(projectId, [])
    for (const decision of decisions.values()) lists.get(decision.projectId)?.push(decision)
    const next = new Map(decisionsByProject)
    for (const [projectId, list] of lists) {
      if (list.length === 0) next.delete(projectId)
      else next.set(projectId, list.sort(byRecorded))
    }
    decisionsByProject = next
  }

  meetingRoot.forEach((_map, id) => readMeeting(id))
  rebuildMeetings()
  const initial = new Set<ProjectId>()
  decisionRoot.forEach((_map, id) => readDecision(id, initial))
  rebuildDecisions(initial)

  const onMeetings = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
    const ids = touchedKeys(meetingRoot, events)
    if (ids.size === 0) return
    for (const id of ids) readMeeting(id)
    rebuildMeetings()
    onChange()
  }
  const onDecisions = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
    const touched = new Set<ProjectId>()
    for (const id of touchedKeys(decisionRoot, events)) readDecision(id, touched)
    if (touched.size === 0) return
    rebuildDecisions(touched)
    onChange()
  }
  meetingRoot.observeDeep(onMeetings)
  decisionRoot.observeDeep(onDecisions)

  return {
    /** Every meeting, newest first; one array until a meeting changes. */
    getMeetings: (): readonly Meeting[] => meetingList,
    /** The meeting in progress (the newest running one), or undefined. */
    getRunning: (): Meeting | undefined => running,
    getDecisionsOf: (projectId: ProjectId): readonly Decision[] => decisionsByProject.get(projectId) ?? NO_DECISIONS,
    stop: () => {
      meetingRoot.unobserveDeep(onMeetings)
      decisionRoot.unobserveDeep(onDecisions)
    },
  }
}
