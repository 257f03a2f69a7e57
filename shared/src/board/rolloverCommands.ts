import * as Y from 'yjs'
import { addCents, centsToWan, wanToCents, ZERO_WAN } from '../domain/money.ts'
import { Nature } from '../domain/nature.ts'
import { NoticeStatus } from '../domain/notice.ts'
import { ProblemStatus } from '../domain/problem.ts'
import type { Project, ProjectId } from '../domain/project.ts'
import { Stage } from '../domain/stage.ts'
import type { BoardSettings } from '../progress/boardSettings.ts'
import { RecordCollection, collectionRoot } from './boardDoc.ts'
import { readBoardSettings, writeBoardSettings } from './boardSettingsAccess.ts'
import { listNotices } from './noticeQueries.ts'
import { listProblems } from './problemQueries.ts'
import { listProjects } from './projectQueries.ts'
import { readRecordFields } from './recordReader.ts'

/** Why a project stays behind on last year's board. */
export const LeftReason = {
  /** 投产: done; it is last year's result, not this year's work. */
  producing: 'producing',
  /** The office left it out of its choice. */
  notChosen: 'notChosen',
} as const
export type LeftReason = (typeof LeftReason)[keyof typeof LeftReason]

export const LEFT_REASON_LABEL: Record<LeftReason, string> = { producing: '已投产，留在上年看板', notChosen: '未选择结转' }

export interface CarriedProject {
  id: ProjectId
  name: string
  unit: string
  /** What the new board holds for it (every field, the rollover's changes applied). */
  fields: Omit<Project, 'id'>
  /** Readable changes, in the office's words ("建设性质：新建 → 续建"). */
  changes: string[]
}

export interface RolloverPlan {
  carried: CarriedProject[]
  left: { id: ProjectId; name: string; unit: string; reason: LeftReason }[]
  /** Open 存在问题 and 督办单 of the carried projects, carried with their ids and history. */
  problemIds: string[]
  noticeIds: string[]
  settings: BoardSettings
}

/** The default choice: everything not 投产 (DOMAIN.md: 续建 goes on, 前期 and 谋划 stay in the pipeline). */
export function defaultCarried(project: Project): boolean {
  return project.stage !== Stage.producing
}

/**
 * Works out the new year's board from last year's, without writing: which projects carry over,
 * with 建设性质 续建 where construction started, 年度计划投资 and 已完成投资 reset, 累计完成投资
 * (截至上年末) = last year's cumulative + last year's 已完成投资 in exact cents, stage and stage
 * dates kept; their open problems and 督办单; the settings with the year advanced.
 * `chosen`: the project ids to carry; undefined = the default (defaultCarried).
 */
export function planRollover(source: Y.Doc, from: { boardId: string; year: number }, toYear: number, chosen?: ReadonlySet<string>): RolloverPlan {
  const plan: RolloverPlan = { carried: [], left: [], problemIds: [], noticeIds: [], settings: advanceSettings(readBoardSettings(source, from.year), toYear) }
  for (const project of listProjects(source)) {
    const carry = chosen ? chosen.has(project.id) : defaultCarried(project)
    if (!carry) {
      plan.left.push({ id: project.id, name: project.name, unit: project.unit, reason: chosen ? LeftReason.notChosen : LeftReason.producing })
      continue
    }
    plan.carried.push(carryProject(project, from))
  }
  const carriedIds = new Set<string>(plan.carried.map((project) => project.id))
  plan.problemIds = listProblems(source)
    .filter((problem) => problem.status === ProblemStatus.open && carriedIds.has(problem.projectId))
    .map((problem) => problem.id)
  plan.noticeIds = listNotices(source)
    .filter((notice) => notice.status === NoticeStatus.open && carriedIds.has(notice.projectId))
    .map((notice) => notice.id)
  return plan
}

function carryProject(project: Project, from: { boardId: string; year: number }): CarriedProject {
  const { id, ...old } = project
  const changes: string[] = []
  const started = project.stage === Stage.started || project.stage === Stage.producing || project.actualStartDate !== undefined
  const nature = started ? Nature.continued : project.nature
  if (nature !== project.nature) changes.push(`建设性质 → 续建`)
  const cumulative = centsToWan(addCents(wanToCents(project.cumulativeInvestment ?? ZERO_WAN), wanToCents(project.completedInvestment)))
  if (project.completedInvestment !== ZERO_WAN) changes.push(`累计完成投资 → ${cumulative}万元`)
  if (project.annualPlanInvestment !== ZERO_WAN) changes.push('年度计划投资清零')
  if (project.completedInvestment !== ZERO_WAN) changes.push('已完成投资清零')
  // The reset figures start the year confirmed; a 待确认 总投资 stays to be confirmed.
  const unconfirmed = project.unconfirmedFigures?.filter((field) => field === 'totalInvestment')
  if (project.unconfirmedFigures?.includes('completedInvestment')) changes.push('注意：上年已完成投资尚待确认，已计入累计，请核对')
  // No silent guess (rule 6): a project started before last year with no 累计 of its own has
  // earlier years' investment missing from the carried figure; the preview says so.
  const startedEarlier = started && (project.actualStartDate === undefined || project.actualStartDate < `${from.year}-01-01`)
  if (project.cumulativeInvestment === undefined && startedEarlier) {
    const when = project.actualStartDate === undefined ? '开工时间未填' : `${project.actualStartDate.slice(0, 4)}年开工`
    changes.push(`注意：${when}且无累计完成投资，累计仅计${from.year}年已完成投资，${from.year}年以前的投资请核实补录`)
  }
  const { restoredFrom: _restoredFrom, unconfirmedFigures: _unconfirmed, ...kept } = old
  const fields: Omit<Project, 'id'> = {
    ...kept,
    ...(nature !== undefined ? { nature } : {}),
    annualPlanInvestment: ZERO_WAN,
    completedInvestment: ZERO_WAN,
    cumulativeInvestment: cumulative,
    carriedFrom: from.boardId,
    firstYear: project.firstYear ?? from.year,
    ...(unconfirmed && unconfirmed.length > 0 ? { unconfirmedFigures: unconfirmed } : {}),
  }
  return { id, name: project.name, unit: project.unit, fields, changes }
}

/** Targets, thresholds and milestones copied for editing, their dates moved into the new year; 统计截止 cleared. */
function advanceSettings(settings: BoardSettings, toYear: number): BoardSettings {
  const shift = toYear - settings.year
  return {
    ...settings,
    year: toYear,
    asOf: null,
    milestones: settings.milestones.map((milestone) =>
      'deadline' in milestone && typeof milestone.deadline === 'string'
        ? { ...milestone, deadline: `${Number(milestone.deadline.slice(0, 4)) + shift}${milestone.deadline.slice(4)}` as typeof milestone.deadline }
        : milestone,
    ),
  }
}

/**
 * Writes a rollover plan into a new, empty board document: the carried projects under their own
 * ids (one identity across years), the open problems and 督办单 copied as they stand (ids, who and
 * when included: their history is last year's), the settings. Never called on a board in use.
 */
export function writeRollover(target: Y.Doc, source: Y.Doc, plan: RolloverPlan): void {
  target.transact(() => {
    const projects = collectionRoot(target, RecordCollection.projects)
    for (const carried of plan.carried) projects.set(carried.id, mapOf(carried.fields))
    copyRecords(source, target, RecordCollection.problems, plan.problemIds)
    copyRecords(source, target, RecordCollection.notices, plan.noticeIds)
    writeBoardSettings(target, plan.settings)
  })
}

function copyRecords(source: Y.Doc, target: Y.Doc, collection: RecordCollection, ids: readonly string[]): void {
  const from = collectionRoot(source, collection)
  const to = collectionRoot(target, collection)
  for (const id of ids) {
    const map = from.get(id)
    const fields = map && readRecordFields(collection, map)
    if (fields) to.set(id, mapOf(fields))
  }
}

function mapOf(fields: object): Y.Map<unknown> {
  const map = new Y.Map<unknown>()
  for (const [field, value] of Object.entries(fields)) if (value !== undefined) map.set(field, value)
  return map
}
