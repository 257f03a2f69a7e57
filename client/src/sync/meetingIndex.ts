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
const byRecorded = (a: Decision, b: Decision) => (a.recordedAt < b.recordedAt ? -1 : a.recordedAt > b.recordedAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

type Root = ReturnType<typeof collectionRoot>

function touchedKeys(root: Root, events: Y.YEvent<Y.AbstractType<unknown>>[]): Set<string> {
  const ids = new Set<string>()
  for (const event of events) {
    if (event.target === root) for (const id of event.keys.keys()) ids.add(id)
    else if (typeof event.path[0] === 'string') ids.add(event.path[0])
  }
  return ids
}

/** The projects and meetings whose decision lists a change touched (the old and the new owner). */
interface TouchedGroups {
  readonly projects: Set<ProjectId>
  readonly meetings: Set<MeetingId>
}
const noneTouched = (): TouchedGroups => ({ projects: new Set(), meetings: new Set() })
function touchGroups(touched: TouchedGroups, decision: Decision): void {
  touched.projects.add(decision.projectId)
  touched.meetings.add(decision.meetingId)
}

/** A new grouping where only the touched keys get a new list, so readers of the others keep theirs. */
function regroup<K>(
  previous: ReadonlyMap<K, readonly Decision[]>,
  touched: ReadonlySet<K>,
  all: Iterable<Decision>,
  keyOf: (decision: Decision) => K,
): Map<K, readonly Decision[]> {
  const lists = new Map<K, Decision[]>()
  for (const key of touched) lists.set(key, [])
  for (const decision of all) lists.get(keyOf(decision))?.push(decision)
  const next = new Map(previous)
  for (const [key, list] of lists) {
    if (list.length === 0) next.delete(key)
    else next.set(key, list.sort(byRecorded))
  }
  return next
}

/**
 * The `meetings` and `decisions` roots (调度会, 确定事项) as view models, kept like notices
 * (noticeIndex.ts). Meetings are few (one a week or a month), so their list is rebuilt on any
 * meeting change; decisions are grouped per project (and per meeting, for the wall screen) and only touched groups
 * get a new list, so a decision on one card re-renders one panel.
 * The running meeting keeps its identity until it changes.
 */
export function createMeetingIndex(doc: Y.Doc, onChange: () => void) {
  const meetingRoot = collectionRoot(doc, RecordCollection.meetings)
  const decisionRoot = collectionRoot(doc, RecordCollection.decisions)
  const meetings = new Map<MeetingId, Meeting>()
  const decisions = new Map<DecisionId, Decision>()
  let meetingList: readonly Meeting[] = []
  let running: Meeting | undefined
  let decisionsByProject = new Map<ProjectId, readonly Decision[]>()
  let decisionsByMeeting = new Map<MeetingId, readonly Decision[]>()

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

  const readDecision = (id: string, touched: TouchedGroups) => {
    if (!isDecisionId(id)) return
    const previous = decisions.get(id)
    if (previous) touchGroups(touched, previous)
    const map = decisionRoot.get(id)
    const next = map && typeof map.get === 'function' ? decisionFromMap(id, map) : undefined
    if (next) {
      decisions.set(id, next)
      touchGroups(touched, next)
    } else {
      decisions.delete(id)
    }
  }
  const rebuildDecisions = (touched: TouchedGroups) => {
    decisionsByProject = regroup(decisionsByProject, touched.projects, decisions.values(), (decision) => decision.projectId)
    decisionsByMeeting = regroup(decisionsByMeeting, touched.meetings, decisions.values(), (decision) => decision.meetingId)
  }

  meetingRoot.forEach((_map, id) => readMeeting(id))
  rebuildMeetings()
  const initial = noneTouched()
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
    const touched = noneTouched()
    for (const id of touchedKeys(decisionRoot, events)) readDecision(id, touched)
    if (touched.projects.size === 0 && touched.meetings.size === 0) return
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
    /** One meeting's 确定事项 in the order taken; one array until a decision of that meeting changes. */
    getDecisionsOfMeeting: (meetingId: MeetingId): readonly Decision[] => decisionsByMeeting.get(meetingId) ?? NO_DECISIONS,
    stop: () => {
      meetingRoot.unobserveDeep(onMeetings)
      decisionRoot.unobserveDeep(onDecisions)
    },
  }
}
