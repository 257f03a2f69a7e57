import { useMemo, useRef } from 'react'
import type { ProjectFilter } from '@guatu/shared/board/projectFilter'
import type { BoardColumns } from '../sync/boardViewStore.ts'
import type { LightsOf } from '../lights/lightCache.ts'
import type { ProblemsByProject } from '../sync/problemIndex.ts'
import type { LightFilter } from '@guatu/shared/progress/lightFilter'
import { visibleColumns, type StageCards, type VisibleCache } from './visibleColumns.ts'

/** The filtered columns; stages the last change did not touch keep their arrays (see visibleColumns). */
export function useVisibleColumns(
  columns: BoardColumns,
  filter: ProjectFilter,
  problems: ProblemsByProject,
  light: LightFilter | null,
  lightsOf: LightsOf,
): StageCards {
  const cache = useRef<VisibleCache>({})
  return useMemo(() => visibleColumns(columns, filter, problems, cache.current, light, lightsOf), [columns, filter, problems, light, lightsOf])
}
