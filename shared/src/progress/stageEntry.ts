import type { IsoDate } from '../domain/dates.ts'
import type { Project } from '../domain/project.ts'
import { STAGES, Stage } from '../domain/stage.ts'

/** The stages a project enters after 谋划; each has a planned and an actual date in the 台账. */
export const ProgressStage = {
  signed: Stage.signed,
  started: Stage.started,
  producing: Stage.producing,
} as const
export type ProgressStage = (typeof ProgressStage)[keyof typeof ProgressStage]

export const PROGRESS_STAGES: readonly ProgressStage[] = [ProgressStage.signed, ProgressStage.started, ProgressStage.producing]

export const ACTUAL_DATE_FIELD = {
  signed: 'actualSignDate',
  started: 'actualStartDate',
  producing: 'actualProduceDate',
} as const satisfies Record<ProgressStage, keyof Project>

export const PLANNED_DATE_FIELD = {
  signed: 'plannedSignDate',
  started: 'plannedStartDate',
  producing: 'plannedProduceDate',
} as const satisfies Record<ProgressStage, keyof Project>

type DatedProject = Pick<Project, 'stage' | 'actualSignDate' | 'actualStartDate' | 'actualProduceDate'>

const STAGE_INDEX = Object.fromEntries(STAGES.map((stage, index) => [stage, index])) as Partial<Record<Stage, number>>

export function stageIndex(stage: Stage): number {
  return STAGE_INDEX[stage] ?? -1
}

/**
 * The day the project entered `stage`, when it still holds that stage or a later one. A card moved
 * back keeps its old actual date (moveProject never erases it), but a wrong move must not count as
 * a start, so the current stage decides whether the stage was reached at all.
 */
export function stageEntryDate(project: DatedProject, stage: ProgressStage): IsoDate | undefined {
  if (stageIndex(project.stage) < stageIndex(stage)) return undefined
  return project[ACTUAL_DATE_FIELD[stage]]
}

/**
 * Whether the project had reached `stage` on `asOf`. A reached stage with no recorded date (a 续建
 * project started years ago, before the board existed) is dated by the next later recorded entry,
 * and with none at all is taken as reached long ago: the ledger says it is there.
 */
export function reachedStageBy(project: DatedProject, stage: ProgressStage, asOf: IsoDate): boolean {
  if (stageIndex(project.stage) < stageIndex(stage)) return false
  for (const later of PROGRESS_STAGES.slice(PROGRESS_STAGES.indexOf(stage))) {
    if (stageIndex(project.stage) < stageIndex(later)) break
    const date = project[ACTUAL_DATE_FIELD[later]]
    if (date !== undefined) return date <= asOf
  }
  return true
}

/** The furthest stage the project had reached on `asOf`, for reviewing a board as it stood. */
export function stageAsOf(project: DatedProject, asOf: IsoDate): Stage {
  for (const stage of [...PROGRESS_STAGES].reverse()) {
    if (reachedStageBy(project, stage, asOf)) return stage
  }
  return Stage.planning
}

/** 政府投资项目 have no investor and no 签约: after 谋划 their next node is 开工. */
export function nextStage(stage: Stage, governmentFunded: boolean): ProgressStage | undefined {
  switch (stage) {
    case Stage.planning:
      return governmentFunded ? ProgressStage.started : ProgressStage.signed
    case Stage.signed:
      return ProgressStage.started
    case Stage.started:
      return ProgressStage.producing
    case Stage.producing:
      return undefined
  }
}
