import type { BoardTotals, TargetFigure } from '../domain/meeting.ts'
import { sumCents } from '../domain/money.ts'
import { computeBoardProgress, TargetMeasure, type BoardProgressInput } from '../progress/boardProgress.ts'
import { boardTotals } from './meetingCommands.ts'

/**
 * The board's figures for a meeting's "before and after": count and 总投资 per stage, 已完成投资
 * against 年度计划, each year target's done and target, and the projects under each light — judged
 * exactly as the progress page and the screen judge them on `asOf`, so the minutes never state a
 * figure the room did not see. Targets keep done/target (not a percentage) so the minutes can show
 * both the figure and the rate from one exact ratio.
 */
export function meetingFigures(input: BoardProgressInput): BoardTotals {
  const progress = computeBoardProgress(input)
  const targets: TargetFigure[] = progress.targets
    .filter((row) => row.completion.target !== null)
    .map((row) => ({
      key: row.key,
      label: row.label,
      money: row.measure === TargetMeasure.stageInvestment || row.measure === TargetMeasure.completedInvestment,
      done: row.completion.done,
      target: row.completion.target ?? 0,
    }))
  const { lights } = progress.board
  return {
    ...boardTotals(input.projects),
    completedInvestmentCents: sumCents(input.projects.map((project) => project.completedInvestment)),
    annualPlanCents: sumCents(input.projects.map((project) => project.annualPlanInvestment)),
    targets,
    lightProjects: { blue: lights.blue, yellow: lights.yellow, red: lights.red },
    asOf: input.asOf,
  }
}
