import { memo } from 'react'
import type { ProjectId } from '@guatu/shared/domain/project'
import { STAGES } from '@guatu/shared/domain/stage'
import { useActivityMarks } from '../presence/useActivityMarks.ts'
import { useBoardColumns } from '../sync/useBoardColumns.ts'
import { BoardDndContext } from './BoardDndContext.tsx'
import { Column } from './Column.tsx'
import { useBoardDrag } from './useBoardDrag.ts'

/** The four stage columns side by side, wired for drag and drop. */
export const Board = memo(function Board({
  onOpen,
  onError,
}: {
  onOpen: (id: ProjectId) => void
  onError: (message: string) => void
}) {
  const columns = useBoardColumns()
  const marks = useActivityMarks()
  const drag = useBoardDrag(columns, onError)
  return (
    <BoardDndContext drag={drag}>
      <div className="board" data-testid="board">
        {STAGES.map((stage) => (
          <Column
            key={stage}
            column={columns[stage]}
            cards={drag.display[stage]}
            marks={marks}
            onOpen={onOpen}
            onRefused={onError}
          />
        ))}
      </div>
    </BoardDndContext>
  )
})
