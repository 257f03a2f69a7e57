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
import type { Proposal } from '@guatu/shared/domain/proposal'
import type { Decision } from '@guatu/shared/domain/decision'
import type { Meeting, MeetingId } from '@guatu/shared/domain/meeting'
import type { BoardSettings } from '@guatu/shared/progress/boardSettings'
import { createMeetingIndex } from './meetingIndex.ts'
import { createNoticeIndex, type NoticesByProject } from './noticeIndex.ts'
import { createProblemIndex, type ProblemsByProject } from './problemIndex.ts'
import { createProposalIndex } from './proposalIndex.ts'
import { createFrameBatch } from './nextFrame.ts'
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
  /** 待审核/退回/已确认 proposals of one project, kept like problems (proposalIndex.ts). */
  getProposalsOf: (projectId: ProjectId) => readonly Proposal[]
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
 * How often colleagues' changes are rendered during a burst: ten times a second still reads as
 * live, and each render of a column costs the same whether it shows one move or ten.
 */
const REMOTE_RENDER_INTERVAL_MS = 100

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
  /** Columns touched since they were last built: rebuilt when read, so every getter is current. */
  const staleStages = new Set<Stage>()
  const currentColumns = (): BoardColumns => {
    if (staleStages.size === 0) return columns
    const next = { ...columns }
    for (const stage of staleStages) next[stage] = buildColumn(stage)
    staleStages.clear()
    columns = next
    return columns
  }

  const notify = () => {
    for (const listener of listeners) listener()
  }
  // A meeting's burst of colleagues' moves arrives as one message per move, and rendering the
  // columns they touch costs a slow PC more than a frame. Remote changes are heard at most every
  // REMOTE_RENDER_INTERVAL_MS, all together (issue 22); one's own edits at once, so a dropped card
  // never flickers back.
  const remoteBatch = createFrameBatch(notify, REMOTE_RENDER_INTERVAL_MS)
  const onDeepChange = (events: Y.YEvent<Y.AbstractType<unknown>>[], transaction: Y.Transaction) => {
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
    for (const stage of touchedStages) staleStages.add(stage)
    if (transaction.local) {
      remoteBatch.cancel()
      notify()
    } else {
      remoteBatch.schedule()
    }
  }
  root.observeDeep(onDeepChange)
  const problems = createProblemIndex(doc, notify)
  const notices = createNoticeIndex(doc, notify)
  const proposals = createProposalIndex(doc, notify)
  const settings = createSettingsIndex(doc, notify)
  const meetings = createMeetingIndex(doc, notify)
  let allProjects: { columns: BoardColumns; list: readonly Project[] } | undefined

  return {
    getColumns: currentColumns,
    getProject: (id) => projects.get(id),
    getProblemsByProject: problems.getByProject,
    getProblemsOf: problems.getOfProject,
    getAllProblems: problems.getAll,
    getAllProjects: () => {
      const current = currentColumns()
      if (allProjects?.columns !== current) allProjects = { columns: current, list: STAGES.flatMap((stage) => current[stage].cards) }
      return allProjects.list
    },
    getNoticesByProject: notices.getByProject,
    getNoticesOf: notices.getOfProject,
    getProposalsOf: proposals.getOfProject,
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
      remoteBatch.cancel()
      problems.stop()
      notices.stop()
      proposals.stop()
      settings.stop()
      meetings.stop()
    },
  }
}
