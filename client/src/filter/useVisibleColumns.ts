import { useMemo, useRef } from 'react'
import type { ProjectFilter } from '@guatu/shared/board/projectFilter'
import type { BoardColumns } from '../sync/boardViewStore.ts'
import type { ProblemsByProject } from '../sync/problemIndex.ts'
import { visibleColumns, type StageCards, type VisibleCache } from './visibleColumns.ts'

/** The filtered columns; stages the last change did not touch keep their arrays (see visibleColumns). */
export function useVisibleColumns(columns: BoardColumns, filter: ProjectFilter, problems: ProblemsByProject): StageCards {
  const cache = useRef<VisibleCache>({})
  return useMemo(() => visibleColumns(columns, filter, problems, cache.current), [columns, filter, problems])
}
