import type * as Y from 'yjs'
import { readBoardSettings, readReportingSettings } from '@guatu/shared/board/boardSettingsAccess'
import { unitReportingRecords } from '@guatu/shared/board/reportingRecord'
import { DEFAULT_REPORTING_RANKING_WEIGHTS } from '@guatu/shared/domain/reportingPeriod'
import { listProblems } from '@guatu/shared/board/problemQueries'
import { listProjects } from '@guatu/shared/board/projectQueries'
import type { ProgressReport } from '@guatu/shared/api/reports'
import type { IsoDate } from '@guatu/shared/domain/dates'
import { computeBoardProgress } from '@guatu/shared/progress/boardProgress'
import { boardToday } from '@guatu/shared/progress/boardToday'
import { LIGHT_SEVERITY, lightsByProject, warningList, worstLight } from '@guatu/shared/progress/lights'
import { computeWeeklyRanking, type RankingGroup, type WeeklyRanking } from '@guatu/shared/progress/ranking'

/** 序时进度, targets, rates and every project's lights, as of a day (default: the board's as-of, else today). */
export function progressReport(doc: Y.Doc, year: number, asOfParam?: IsoDate): ProgressReport {
  const settings = readBoardSettings(doc, year)
  const asOf = asOfParam ?? boardToday(settings)
  const projects = listProjects(doc)
  const problems = listProblems(doc)
  const lights = lightsByProject(projects, settings, asOf)
  const projectLights = projects
    .map((project) => {
      const fired = lights.get(project.id) ?? []
      return { projectId: project.id, name: project.name, unit: project.unit, worst: worstLight(fired), lights: fired }
    })
    .filter((entry) => entry.lights.length > 0)
    .sort((a, b) => LIGHT_SEVERITY[b.worst] - LIGHT_SEVERITY[a.worst])
  return {
    progress: computeBoardProgress({ projects, problems, settings, asOf }),
    projects: projectLights,
    warnings: warningList(projects, settings, asOf),
  }
}

/** 一周一晾晒: the ranking of the week containing `weekOf`, per 责任单位 or per 包抓领导. */
export function weeklyRanking(doc: Y.Doc, year: number, weekOf: IsoDate | undefined, groupBy: RankingGroup): WeeklyRanking {
  const settings = readBoardSettings(doc, year)
  const asOf = boardToday(settings)
  const cycle = readReportingSettings(doc)
  const reporting = cycle && {
    recordsAt: (cutoff: IsoDate) => unitReportingRecords(doc, cycle, year, cutoff),
    weights: cycle.rankingWeights ?? DEFAULT_REPORTING_RANKING_WEIGHTS,
  }
  return computeWeeklyRanking({
    projects: listProjects(doc),
    problems: listProblems(doc),
    settings,
    weekOf: weekOf ?? asOf,
    groupBy,
    asOf,
    ...(reporting ? { reporting } : {}),
  })
}
