import { filterToSearchParams, matchesFilter, type FilterContext, type ProjectFilter } from '@guatu/shared/board/projectFilter'
import { ProblemStatus } from '@guatu/shared/domain/problem'
import type { Project } from '@guatu/shared/domain/project'
import { STAGES, type Stage } from '@guatu/shared/domain/stage'
import type { BoardColumns } from '../sync/boardViewStore.ts'
import type { LightsOf } from '../lights/lightCache.ts'
import type { ProblemsByProject } from '../sync/problemIndex.ts'
import { matchesLightFilter, type LightFilter } from '@guatu/shared/progress/lightFilter'

export type StageCards = Readonly<Record<Stage, readonly Project[]>>

interface StageResult {
  column: readonly Project[]
  /** The filter as its URL text: the same criteria from a new address object still hit the cache. */
  filterKey: string
  problems: ProblemsByProject | undefined
  lightsOf: LightsOf | undefined
  cards: readonly Project[]
}

export type VisibleCache = Partial<Record<Stage, StageResult>>

function openProblemContext(problems: ProblemsByProject): FilterContext {
  return {
    openProblemCount: (projectId) =>
      (problems.get(projectId as Project['id']) ?? []).reduce((count, problem) => count + (problem.status === ProblemStatus.open ? 1 : 0), 0),
  }
}

/**
 * The cards each column shows under `filter` (and the client-side 预警 filter `light`), matched on the view models the store already holds:
 * a filter change re-validates nothing, it only runs matchesFilter over plain objects. A stage
 * whose column, filter and (when the filter reads them) problems and lights are unchanged returns
 * the very same array, so its column does not re-render.
 */
export function visibleColumns(
  columns: BoardColumns,
  filter: ProjectFilter,
  problems: ProblemsByProject,
  cache: VisibleCache,
  light: LightFilter | null = null,
  lightsOf?: LightsOf,
): StageCards {
  const filterKey = `${filterToSearchParams(filter).toString()}|${light ?? ''}`
  const empty = filterKey === '|'
  // Problems matter only to 有未解决问题; otherwise a problem edit must not refilter the board.
  const problemsRead = filter.withOpenProblems ? problems : undefined
  const context = openProblemContext(problems)
  // Lights matter only to the 预警 filter; new settings must not refilter an unfiltered board.
  const lightsRead = light !== null ? lightsOf : undefined
  const matches = (project: Project) =>
    matchesFilter(project, filter, context) && (light === null || lightsRead === undefined || matchesLightFilter(lightsRead(project).worst, light))
  const result = {} as Record<Stage, readonly Project[]>
  for (const stage of STAGES) {
    const column = columns[stage].cards
    const previous = cache[stage]
    if (previous && previous.column === column && previous.filterKey === filterKey && previous.problems === problemsRead && previous.lightsOf === lightsRead) {
      result[stage] = previous.cards
      continue
    }
    const cards = empty ? column : column.filter(matches)
    cache[stage] = { column, filterKey, problems: problemsRead, lightsOf: lightsRead, cards }
    result[stage] = cards
  }
  return result
}
