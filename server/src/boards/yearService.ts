import * as Y from 'yjs'
import { readBoardSettings } from '@guatu/shared/board/boardSettingsAccess'
import { listProjects, readProject } from '@guatu/shared/board/projectQueries'
import { LEFT_REASON_LABEL, planRollover, writeRollover } from '@guatu/shared/board/rolloverCommands'
import type { ProjectYears, RolloverPreview, RolloverRequest, RolloverResult, RollupFigures, RollupResponse } from '@guatu/shared/api/years'
import { addCents, centsToWan, wanToCents, type WanCents } from '@guatu/shared/domain/money'
import type { Project, ProjectId } from '@guatu/shared/domain/project'
import { STAGES } from '@guatu/shared/domain/stage'
import { boardToday } from '@guatu/shared/progress/boardToday'
import { LIGHTS, lightCounts } from '@guatu/shared/progress/lights'
import { RequestError } from '../requestError.ts'
import type { BoardService } from './boardService.ts'

/** How far back a project's years are followed: a project on the board for decades is not real. */
const MAX_YEARS_FOLLOWED = 30

/**
 * The new year's board (新建年度看板) from last year's, a project's boards across years, and the
 * rollup of several boards. Everything is read from storage (or the live room when a board is
 * open, through BoardService), so any process behind the same PostgreSQL answers the same.
 */
export class YearService {
  constructor(private readonly boards: BoardService) {}

  /**
   * The new board's id follows from last year's id and the year: running the rollover again finds
   * it instead of making a second one. Project ids are reused (one identity across years), so the
   * link back is checked by the id itself plus 上年看板, which only the server writes.
   */
  static targetId(sourceId: string, year: number): string {
    return `${sourceId.slice(0, 40)}-${year}`
  }

  async preview(sourceId: string, request: RolloverRequest & { year: number }): Promise<RolloverPreview> {
    const target = await this.target(sourceId, request)
    const plan = await this.boards.withDoc(sourceId, (doc, record) =>
      planRollover(doc, { boardId: record.id, year: record.year }, request.year, chosenOf(request)),
    )
    if (!plan) throw new RequestError(404, '看板不存在')
    return {
      target,
      carried: plan.carried.map(({ id, name, unit, changes }) => ({ id, name, unit, changes })),
      left: plan.left.map(({ id, name, unit, reason }) => ({ id, name, unit, reason: LEFT_REASON_LABEL[reason] })),
      problems: plan.problemIds.length,
      notices: plan.noticeIds.length,
    }
  }

  /** Creates the new year's board; when it exists already, writes nothing and says so. */
  async commit(sourceId: string, request: RolloverRequest & { year: number }): Promise<RolloverResult> {
    const target = await this.target(sourceId, request)
    if (target.exists) return this.existing(target.id)
    const built = await this.boards.withDoc(sourceId, (doc, record) => {
      const plan = planRollover(doc, { boardId: record.id, year: record.year }, request.year, chosenOf(request))
      const next = new Y.Doc()
      writeRollover(next, doc, plan)
      return { next, carried: plan.carried.length }
    })
    if (!built) throw new RequestError(404, '看板不存在')
    try {
      const board = await this.boards.create({ id: target.id, name: target.name, year: target.year }, built.next)
      return { board, created: true, carried: built.carried }
    } catch (error) {
      // Two offices pressing at once: the board's id is the lock, the second finds the first's board.
      if (await this.boards.record(target.id)) return this.existing(target.id)
      throw error
    }
  }

  /** The boards a project has been on, newest first, following 上年看板 back; only boards `mayRead`. */
  async projectYears(boardId: string, projectId: ProjectId, mayRead: (boardId: string) => boolean): Promise<ProjectYears | undefined> {
    const years: ProjectYears['years'] = []
    let next: string | undefined = boardId
    const seen = new Set<string>()
    while (next !== undefined && !seen.has(next) && seen.size < MAX_YEARS_FOLLOWED) {
      seen.add(next)
      const found: { record: { id: string; name: string; year: number }; project: Project | undefined } | undefined = await this.boards.withDoc(
        next,
        (doc, record) => ({ record, project: readProject(doc, projectId) }),
      )
      if (!found?.project) break
      if (mayRead(found.record.id)) years.push({ boardId: found.record.id, name: found.record.name, year: found.record.year })
      next = found.project.carriedFrom
    }
    return years.length === 0 && !mayRead(boardId) ? undefined : { years }
  }

  /** Counts, investment and lights per board the caller may read, and their totals. */
  async rollup(mayRead: (boardId: string) => boolean): Promise<RollupResponse> {
    const boards: RollupResponse['boards'] = []
    for (const summary of await this.boards.list()) {
      if (!mayRead(summary.id)) continue
      const figures = await this.boards.withDoc(summary.id, (doc, record) => {
        const settings = readBoardSettings(doc, record.year)
        const asOf = boardToday(settings)
        return {
          ...figuresOf(listProjects(doc), (projects) => lightCounts(projects, settings, asOf)),
          boardId: record.id,
          name: record.name,
          year: record.year,
          asOf,
        }
      })
      if (figures) boards.push(figures)
    }
    return { boards, totals: addFigures(boards) }
  }

  private async target(sourceId: string, request: RolloverRequest & { year: number }): Promise<RolloverPreview['target']> {
    const source = await this.boards.record(sourceId)
    if (!source) throw new RequestError(404, '看板不存在')
    if (request.year <= source.year) throw new RequestError(400, `新年度须晚于${source.year}年`)
    const id = YearService.targetId(sourceId, request.year)
    const existing = await this.boards.record(id)
    const name =
      existing?.name ??
      request.name ??
      (source.name.includes(String(source.year)) ? source.name.replace(String(source.year), String(request.year)) : `${source.name}（${request.year}年）`)
    return { id, name, year: request.year, exists: existing !== undefined }
  }

  private async existing(id: string): Promise<RolloverResult> {
    const board = (await this.boards.list()).find((summary) => summary.id === id)
    if (!board) throw new RequestError(409, '新年度看板正在建立，请稍后再试')
    return { board, created: false, carried: 0 }
  }
}

function chosenOf(request: RolloverRequest): ReadonlySet<string> | undefined {
  return request.projectIds ? new Set(request.projectIds) : undefined
}

/** A 待确认 figure counts nowhere until the office confirms it (domain/figureCheck.ts): not here either. */
function counted(project: Project, field: 'totalInvestment' | 'annualPlanInvestment' | 'completedInvestment'): number {
  return project.unconfirmedFigures?.includes(field) ? 0 : wanToCents(project[field])
}

function figuresOf(projects: readonly Project[], lights: (projects: readonly Project[]) => RollupFigures['lights']): RollupFigures {
  const sum = (field: 'totalInvestment' | 'annualPlanInvestment' | 'completedInvestment') =>
    centsToWan(projects.reduce<WanCents>((total, project) => addCents(total, counted(project, field)), 0 as WanCents))
  const byStage = Object.fromEntries(STAGES.map((stage) => [stage, projects.filter((project) => project.stage === stage).length])) as RollupFigures['byStage']
  return {
    projects: projects.length,
    byStage,
    totalInvestmentWan: sum('totalInvestment'),
    annualPlanInvestmentWan: sum('annualPlanInvestment'),
    completedInvestmentWan: sum('completedInvestment'),
    lights: lights(projects),
  }
}

function addFigures(all: readonly RollupFigures[]): RollupFigures {
  const money = (pick: (figures: RollupFigures) => string) =>
    centsToWan(all.reduce<WanCents>((total, figures) => addCents(total, wanToCents(pick(figures) as never)), 0 as WanCents))
  const count = (pick: (figures: RollupFigures) => number) => all.reduce((total, figures) => total + pick(figures), 0)
  return {
    projects: count((figures) => figures.projects),
    byStage: Object.fromEntries(STAGES.map((stage) => [stage, count((figures) => figures.byStage[stage])])) as RollupFigures['byStage'],
    totalInvestmentWan: money((figures) => figures.totalInvestmentWan),
    annualPlanInvestmentWan: money((figures) => figures.annualPlanInvestmentWan),
    completedInvestmentWan: money((figures) => figures.completedInvestmentWan),
    lights: Object.fromEntries(LIGHTS.map((light) => [light, count((figures) => figures.lights[light])])) as RollupFigures['lights'],
  }
}
