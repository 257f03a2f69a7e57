import { useMemo, useRef } from 'react'
import type { LaneGrouping } from '@guatu/shared/board/projectFilter'
import type { StageCards } from '../filter/visibleColumns.ts'
import { buildLanes, type BoardLane } from './lanes.ts'

/** The board's swimlanes; unchanged lanes keep their identity between renders. */
export function useLanes(visible: StageCards, grouping: LaneGrouping): readonly BoardLane[] {
  const previous = useRef<readonly BoardLane[]>([])
  return useMemo(() => {
    const lanes = buildLanes(visible, grouping, previous.current)
    previous.current = lanes
    return lanes
  }, [visible, grouping])
}
