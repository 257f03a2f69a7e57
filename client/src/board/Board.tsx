import { memo } from 'react'
import { LaneGrouping } from '@guatu/shared/board/projectFilter'
import type { ProjectId } from '@guatu/shared/domain/project'
import { STAGES } from '@guatu/shared/domain/stage'
import { isQueryFiltered, type BoardQuery } from '../filter/boardQuery.ts'
import { useLightsOf } from '../lights/useLightsOf.ts'
import { useVisibleColumns } from '../filter/useVisibleColumns.ts'
import { useActivityMarks } from '../presence/useActivityMarks.ts'
import { useToday } from '../problems/useToday.ts'
import { useBoardColumns } from '../sync/useBoardColumns.ts'
import { useProblemsByProject } from '../sync/useProblemsByProject.ts'
import { BoardDndContext } from './BoardDndContext.tsx'
import { Column } from './Column.tsx'
import { ColumnHeader } from './ColumnHeader.tsx'
import { Swimlane } from './Swimlane.tsx'
import { useBoardDrag } from './useBoardDrag.ts'
import { useLanes } from './useLanes.ts'

/**
 * The four stage columns, filtered as the address says, either side by side or split into
 * swimlanes (one row of four cells per 责任单位 or 包抓领导), wired for drag and drop.
 */
export const Board = memo(function Board({
  query,
  onOpen,
  onError,
}: {
  query: BoardQuery
  onOpen: (id: ProjectId) => void
  onError: (message: string) => void
}) {
  const columns = useBoardColumns()
  const problems = useProblemsByProject()
  const marks = useActivityMarks()
  const today = useToday()
  const lightsOf = useLightsOf()
  const visible = useVisibleColumns(columns, query.filter, problems, query.light, lightsOf)
  const lanes = useLanes(visible, query.lanes)
  const drag = useBoardDrag(lanes, query.lanes, onError)
  const filtered = isQueryFiltered(query)

  if (query.lanes === LaneGrouping.none) {
    const cells = drag.displayLanes[0]?.cells ?? visible
    return (
      <BoardDndContext drag={drag}>
        <div className="board" data-testid="board" data-lanes="none">
          {STAGES.map((stage) => (
            <Column
              key={stage}
              stage={stage}
              visible={visible[stage]}
              cards={cells[stage]}
              marks={marks}
              problems={problems}
              today={today}
              filtered={filtered}
              onOpen={onOpen}
              onRefused={onError}
            />
          ))}
        </div>
      </BoardDndContext>
    )
  }
  return (
    <BoardDndContext drag={drag}>
      <div className="board board-lanes" data-testid="board" data-lanes={query.lanes}>
        <div className="lane-headers">
          {STAGES.map((stage) => (
            <section key={stage} className="column" data-testid={`column-header-${stage}`} aria-labelledby={`column-title-${stage}`}>
              <ColumnHeader stage={stage} cards={visible[stage]} />
            </section>
          ))}
        </div>
        {drag.displayLanes.map((lane) => (
          <Swimlane key={lane.key} lane={lane} marks={marks} problems={problems} today={today} onOpen={onOpen} onRefused={onError} />
        ))}
        {drag.displayLanes.length === 0 && (
          <p className="column-empty">{filtered ? '没有符合筛选条件的项目' : '暂无项目'}</p>
        )}
      </div>
    </BoardDndContext>
  )
})
