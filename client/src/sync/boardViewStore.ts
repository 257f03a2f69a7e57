import type * as Y from 'yjs'
import { projectsRoot } from '@guatu/shared/board/boardDoc'
import { readProject } from '@guatu/shared/board/projectQueries'
import { countedProject } from '@guatu/shared/domain/figureCheck'
import { sumCents, type WanCents } from '@guatu/shared/domain/money'
import { isProjectId, type Project, type ProjectId } from '@guatu/shared/domain/project'
import { compareRank } from '@guatu/shared/domain/rank'
import { STAGES, type Stage } from '@guatu/shared/domain/stage'
import type { Problem } from '@guatu/shared/domain/problem'
import type { Notice } from '@guatu/shared/domain/notice'
import type { Decision } from '@guatu/shared/domain/decision'
import type { Meeting, MeetingId } from '@guatu/shared/domain/meeting'
import type { BoardSettings } from '@guatu/shared/progress/boardSettings'
import { createMeetingIndex } from './meetingIndex.ts'
import { createNoticeIndex, type NoticesByProject } from './noticeIndex.ts'
import { createProblemIndex, type ProblemsByProject } from './problemIndex.ts'
import { createSettingsIndex } from './settingsIndex.ts'

/** One stage column as React sees it: plain validated records, never Y types. */
export interface ColumnView {
  readonly stage: Stage
  readonly cards: readonly Project[]
  readonly ids: readonly ProjectId[]
  readonly count: number
  /** Exact sum of 总投资 in hundredths of 万元 (formatYi turns it into 亿元). */
  readonly totalCents: WanCents
}

export type BoardColumns = Readonly<Record<Stage, ColumnView>>

export interface BoardViewStore {
  getColumns: () => BoardColumns
  getProject: (id: ProjectId) => Project | undefined
  /** Problems per project; a new map whenever any problem changes, with untouched lists kept. */
  getProblemsByProject: () => ProblemsByProject
  getProblemsOf: (projectId: ProjectId) => readonly Problem[]
  getAllProblems: () => readonly Problem[]
  /** Every project, in column order; one array until a project changes. */
  getAllProjects: () => readonly Project[]
  /** 督办单 per project, kept like problems. */
  getNoticesByProject: () => NoticesByProject
  getNoticesOf: (projectId: ProjectId) => readonly Notice[]
  getAllNotices: () => readonly Notice[]
  /** 调度会, newest first, and the one running now (meetingIndex.ts). */
  getMeetings: () => readonly Meeting[]
  getRunningMeeting: () => Meeting | undefined
  /** One project's 确定事项 from every meeting, in the order taken. */
  getDecisionsOf: (projectId: ProjectId) => readonly Decision[]
  /** One meeting's 确定事项 in the order taken; the same array until one of them changes. */
  getDecisionsOfMeeting: (meetingId: MeetingId) => readonly Decision[]
  /** The board's settings; the same object until the `meta` root changes. */
  getSettings: (year: number) => BoardSettings
  subscribe: (listener: () => void) => () => void
  stop: () => void
}

/**
 * Keeps a validated view model per project and re-reads only the projects a transaction touched:
 * a remote move on a 2,000-card board validates one record, not 2,000. Unchanged projects and
 * untouched columns keep their object identity, so memoized cards and columns skip re-rendering.
 * Problems (存在问题) and 督办单 live in their own roots and are kept the same way (problemIndex.ts,
 * noticeIndex.ts); the settings in `meta` are parsed once per change (settingsIndex.ts).
 */
export function createBoardViewStore(doc: Y.Doc): BoardViewStore {
  const root = projectsRoot(doc)
  const projects = new Map<ProjectId, Project>()
  const listeners = new Set<() => void>()

  const refresh = (id: string, touchedStages: Set<Stage>) => {
    if (!isProjectId(id)) return
    const previous = projects.get(id)
    if (previous) touchedStages.add(previous.stage)
    const next = readProject(doc, id)
    if (next) {
      projects.set(id, next)
      touchedStages.add(next.stage)
    } else {
      projects.delete(id)
    }
  }

  const buildColumn = (stage: Stage): ColumnView => {
    const cards: Project[] = []
    for (const project of projects.values()) if (project.stage === stage) cards.push(project)
    cards.sort(compareRank)
    return {
      stage,
      cards,
      ids: cards.map((card) => card.id),
      count: cards.length,
      // A 总投资 waiting for the 项目办's confirmation is not counted (figureCheck.countedProject).
      totalCents: sumCents(cards.map((card) => countedProject(card).totalInvestment)),
    }
  }

  root.forEach((_map, id) => refresh(id, new Set()))
  let columns = Object.fromEntries(STAGES.map((stage) => [stage, buildColumn(stage)])) as BoardColumns

  const onDeepChange = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
    const touchedStages = new Set<Stage>()
    for (const event of events) {
      if (event.target === root) {
        for (const id of event.keys.keys()) refresh(id, touchedStages)
      } else {
        // `path` is relative to the observed root, so its first step is the project id.
        const id = event.path[0]
        if (typeof id === 'string') refresh(id, touchedStages)
      }
    }
    if (touchedStages.size === 0) return
    const next = { ...columns }
    for (const stage of touchedStages) next[stage] = buildColumn(stage)
    columns = next
    for (const listener of listeners) listener()
  }
  root.observeDeep(onDeepChange)
  const notify = () => {
    for (const listener of listeners) listener()
  }
  const problems = createProblemIndex(doc, notify)
  const notices = createNoticeIndex(doc, notify)
  const settings = createSettingsIndex(doc, notify)
  const meetings = createMeetingIndex(doc, notify)
  let allProjects: { columns: BoardColumns; list: readonly Project[] } | undefined

  return {
    getColumns: () => columns,
    getProject: (id) => projects.get(id),
    getProblemsByProject: problems.getByProject,
    getProblemsOf: problems.getOfProject,
    getAllProblems: problems.getAll,
    getAllProjects: () => {
      if (allProjects?.columns !== columns) allProjects = { columns, list: STAGES.flatMap((stage) => columns[stage].cards) }
      return allProjects.list
    },
    getNoticesByProject: notices.getByProject,
    getNoticesOf: notices.getOfProject,
    getAllNotices: notices.getAll,
    getSettings: settings.get,
    getMeetings: meetings.getMeetings,
    getRunningMeeting: meetings.getRunning,
    getDecisionsOf: meetings.getDecisionsOf,
    getDecisionsOfMeeting: meetings.getDecisionsOfMeeting,
    subscribe: (listener) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    stop: () => {
      root.unobserveDeep(onDeepChange)
      problems.stop()
      notices.stop()
      settings.stop()
      meetings.stop()
    },
  }
}
