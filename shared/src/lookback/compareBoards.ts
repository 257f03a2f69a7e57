import type { BoardState } from '../board/boardState.ts'
import { type IsoDate, todayInChina } from '../domain/dates.ts'
import { DecisionStatus, type Decision } from '../domain/decision.ts'
import { MONEY_FIELDS } from '../domain/figureCheck.ts'
import type { Meeting } from '../domain/meeting.ts'
import { centsToWan, formatMoneyLabel, wanToCents, ZERO_WAN } from '../domain/money.ts'
import { NOTICE_LEVELS, NOTICE_LEVEL_LABEL, NoticeStatus } from '../domain/notice.ts'
import { PROBLEM_CATEGORY_LABEL, ProblemStatus } from '../domain/problem.ts'
import type { Project, ProjectId } from '../domain/project.ts'
import { PROJECT_FIELD_LABEL } from '../domain/projectFieldLabels.ts'
import { STAGES, STAGE_LABEL } from '../domain/stage.ts'
import { boardToday } from '../progress/boardToday.ts'
import { Light, LIGHT_LABEL, projectLights, worstLight } from '../progress/lights.ts'
import {
  BOARD_CHANGE_KINDS,
  BoardChangeKind,
  DecisionOutcome,
  type BoardChange,
  type BoardComparison,
  type DecisionReview,
  type UnitChanges,
} from '../api/lookback.ts'

/** One side of a comparison: the board and the moment it stood so. */
export interface BoardMoment {
  state: BoardState
  /** ISO time of the moment. */
  at: string
}

export interface CompareOptions {
  /** Only these projects' changes (the board's filter); every project when absent. */
  includeProject?: (project: Project) => boolean
}

/**
 * 变化对比: what changed between two moments of a board, in the office's terms — stages moved
 * (forward and 退回), projects entered or left, money changed, problems raised and solved, 督办单
 * issued, escalated and closed, lights turned red or cleared — grouped by unit in the reporting
 * order of the next meeting; and the 确定事项 of the last meeting ended by `after` with whether
 * each was done by its deadline. Pure: client, server and minutes share it.
 */
export function compareBoards(before: BoardMoment, after: BoardMoment, options: CompareOptions = {}): BoardComparison {
  const include = options.includeProject ?? (() => true)
  const changes: BoardChange[] = []
  const beforeProjects = byId(before.state.projects)
  const afterProjects = byId(after.state.projects)
  const beforeToday = momentToday(before)
  const afterToday = momentToday(after)

  for (const project of after.state.projects) {
    if (!include(project)) continue
    const was = beforeProjects.get(project.id)
    if (!was) {
      changes.push(change(BoardChangeKind.entered, project, `新入库：${STAGE_LABEL[project.stage]}，总投资${formatMoneyLabel(project.totalInvestment)}`))
      continue
    }
    const from = STAGES.indexOf(was.stage)
    const to = STAGES.indexOf(project.stage)
    if (to !== from) {
      const kind = to > from ? BoardChangeKind.stageForward : BoardChangeKind.stageBack
      changes.push(change(kind, project, `${to > from ? '阶段' : '退回'}：${STAGE_LABEL[was.stage]} → ${STAGE_LABEL[project.stage]}`))
    }
    for (const field of MONEY_FIELDS) {
      const old = was[field] ?? ZERO_WAN
      const now = project[field] ?? ZERO_WAN
      const difference = wanToCents(now) - wanToCents(old)
      if (difference === 0) continue
      const sign = difference > 0 ? '+' : '−'
      const summary = `${PROJECT_FIELD_LABEL[field]}：${formatMoneyLabel(old)} → ${formatMoneyLabel(now)}（${sign}${formatMoneyLabel(centsToWan(Math.abs(difference)))}）`
      changes.push({ ...change(BoardChangeKind.moneyChanged, project, summary), field, differenceCents: difference })
    }
    const lightBefore = worstLight(projectLights(was, before.state.settings, beforeToday))
    const lightAfter = worstLight(projectLights(project, after.state.settings, afterToday))
    if (lightAfter === Light.red && lightBefore !== Light.red) {
      changes.push(change(BoardChangeKind.lightRed, project, `亮灯：${LIGHT_LABEL[lightBefore]} → ${LIGHT_LABEL[lightAfter]}`))
    } else if (lightAfter === Light.green && lightBefore !== Light.green) {
      changes.push(change(BoardChangeKind.lightCleared, project, `亮灯消除：${LIGHT_LABEL[lightBefore]} → ${LIGHT_LABEL[lightAfter]}`))
    }
  }
  for (const project of before.state.projects) {
    if (!afterProjects.has(project.id) && include(project)) changes.push(change(BoardChangeKind.left, project, '移出看板'))
  }

  const projectOf = (id: ProjectId) => afterProjects.get(id) ?? beforeProjects.get(id)
  const beforeProblems = byId(before.state.problems)
  for (const problem of after.state.problems) {
    const project = projectOf(problem.projectId)
    if (!project || !include(project)) continue
    const was = beforeProblems.get(problem.id)
    const label = `${PROBLEM_CATEGORY_LABEL[problem.category]}：${problem.description}`
    if (!was) changes.push(recordChange(BoardChangeKind.problemRaised, project, problem.id, `新提问题（${label}）`))
    if (problem.status === ProblemStatus.solved && was?.status !== ProblemStatus.solved) {
      changes.push(recordChange(BoardChangeKind.problemSolved, project, problem.id, `问题已解决（${label}）`))
    }
  }
  const beforeNotices = byId(before.state.notices)
  for (const notice of after.state.notices) {
    const project = projectOf(notice.projectId)
    if (!project || !include(project)) continue
    const was = beforeNotices.get(notice.id)
    if (!was) changes.push(recordChange(BoardChangeKind.noticeIssued, project, notice.id, `下发${NOTICE_LEVEL_LABEL[notice.level]}：${notice.requirement}`))
    else if (NOTICE_LEVELS.indexOf(notice.level) > NOTICE_LEVELS.indexOf(was.level)) {
      changes.push(
        recordChange(BoardChangeKind.noticeEscalated, project, notice.id, `督办升级：${NOTICE_LEVEL_LABEL[was.level]} → ${NOTICE_LEVEL_LABEL[notice.level]}`),
      )
    }
    if (notice.status === NoticeStatus.closed && was?.status !== NoticeStatus.closed) {
      changes.push(recordChange(BoardChangeKind.noticeClosed, project, notice.id, `督办办结（${NOTICE_LEVEL_LABEL[notice.level]}）`))
    }
  }

  const meeting = lastEndedMeeting(after.state.meetings, after.at)
  const decisions = meeting
    ? reviewDecisions(
        after.state.decisions.filter((decision) => decision.meetingId === meeting.id),
        afterProjects,
        afterToday,
        include,
        projectOf,
      )
    : []
  const counts = Object.fromEntries(BOARD_CHANGE_KINDS.map((kind) => [kind, changes.filter((entry) => entry.kind === kind).length])) as Record<
    BoardChangeKind,
    number
  >
  return {
    from: before.at,
    to: after.at,
    meeting: meeting ? { id: meeting.id, title: meeting.title, endedAt: meeting.endedAt ?? null } : null,
    units: groupByUnit(changes, reportingOrder(after.state.meetings, after.at)),
    decisions,
    counts,
  }
}

/** The last meeting ended at or before `at`: 回头看 starts from its end and reviews its 确定事项. */
export function lastEndedMeeting(meetings: readonly Meeting[], at: string): Meeting | undefined {
  const time = Date.parse(at)
  return meetings
    .filter((meeting) => meeting.endedAt !== undefined && Date.parse(meeting.endedAt) <= time)
    .sort((a, b) => Date.parse(b.endedAt!) - Date.parse(a.endedAt!))[0]
}

/**
 * The reporting order of the next meeting: the running one's agenda, else the last meeting's (the
 * next one usually keeps it). Units not on it follow in Chinese collation order.
 */
function reportingOrder(meetings: readonly Meeting[], at: string): string[] {
  const running = meetings.find((meeting) => meeting.endedAt === undefined && Date.parse(meeting.startedAt) <= Date.parse(at))
  return (running ?? lastEndedMeeting(meetings, at))?.agenda ?? []
}

function groupByUnit(changes: readonly BoardChange[], order: readonly string[]): UnitChanges[] {
  const units = new Map<string, BoardChange[]>()
  for (const entry of changes) units.set(entry.unit, [...(units.get(entry.unit) ?? []), entry])
  const rank = (unit: string) => (order.includes(unit) ? order.indexOf(unit) : order.length)
  return [...units.entries()].sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b, 'zh-CN')).map(([unit, list]) => ({ unit, changes: list }))
}

function reviewDecisions(
  decisions: readonly Decision[],
  projects: ReadonlyMap<ProjectId, Project>,
  today: IsoDate,
  include: (project: Project) => boolean,
  projectOf: (id: ProjectId) => Project | undefined,
): DecisionReview[] {
  const reviews: DecisionReview[] = []
  for (const decision of decisions) {
    const project = projectOf(decision.projectId)
    if (project && !include(project)) continue
    const doneOn = decision.status === DecisionStatus.done && decision.doneAt ? todayInChina(new Date(decision.doneAt)) : undefined
    const outcome =
      doneOn !== undefined
        ? doneOn <= decision.deadline
          ? DecisionOutcome.done
          : DecisionOutcome.doneLate
        : decision.deadline < today
          ? DecisionOutcome.overdue
          : DecisionOutcome.pending
    reviews.push({
      decisionId: decision.id,
      projectId: decision.projectId,
      projectName: projects.get(decision.projectId)?.name ?? project?.name ?? '（已移出的项目）',
      assignee: decision.assignee,
      content: decision.content,
      deadline: decision.deadline,
      outcome,
      doneAt: decision.status === DecisionStatus.done ? (decision.doneAt ?? null) : null,
    })
  }
  return reviews
}

/** The board's 今天 at a moment: its 统计截止 if set, else that moment's day in China. */
function momentToday(moment: BoardMoment): IsoDate {
  return boardToday(moment.state.settings, new Date(moment.at))
}

function byId<T extends { id: string }>(records: readonly T[]): Map<T['id'], T> {
  return new Map(records.map((record) => [record.id, record]))
}

function change(kind: BoardChangeKind, project: Project, summary: string): BoardChange {
  return { kind, projectId: project.id, projectName: project.name, unit: project.unit, recordId: null, field: null, summary, differenceCents: null }
}

function recordChange(kind: BoardChangeKind, project: Project, recordId: string, summary: string): BoardChange {
  return { ...change(kind, project, summary), recordId }
}
