import { memo, useMemo } from 'react'
import { useDroppable } from '@dnd-kit/core'
import { SortableContext, verticalListSortingStrategy } from '@dnd-kit/sortable'
import type { Project, ProjectId } from '@guatu/shared/domain/project'
import type { ActivityMark } from '../presence/activityMarks.ts'
import type { ColumnView } from '../sync/boardViewStore.ts'
import { ColumnHeader } from './ColumnHeader.tsx'
import { columnDroppableId } from './dragPreview.ts'
import { SortableCard } from './SortableCard.tsx'

/**
 * One stage column. The header shows the document's numbers; the list shows `cards`, which during
 * a drag includes the card in hand at its preview position.
 */
export const Column = memo(function Column({
  column,
  cards,
  marks,
  onOpen,
  onRefused,
}: {
  column: ColumnView
  cards: readonly Project[]
  marks: ReadonlyMap<string, ActivityMark>
  onOpen: (id: ProjectId) => void
  onRefused: (message: string) => void
}) {
  const droppableId = columnDroppableId(column.stage)
  const { setNodeRef, isOver } = useDroppable({ id: droppableId })
  const ids = useMemo(() => cards.map((card) => card.id), [cards])
  return (
    <section
      className={`column${isOver ? ' column-over' : ''}`}
      data-testid={`column-${column.stage}`}
      aria-labelledby={`column-title-${column.stage}`}
    >
      <ColumnHeader stage={column.stage} count={column.count} totalCents={column.totalCents} />
      <SortableContext id={droppableId} items={ids} strategy={verticalListSortingStrategy}>
        <div ref={setNodeRef} className="column-cards">
          {cards.map((project) => (
            <SortableCard
              key={project.id}
              project={project}
              mark={marks.get(project.id)}
              onOpen={onOpen}
              onRefused={onRefused}
            />
          ))}
          {cards.length === 0 && <p className="column-empty">暂无项目</p>}
        </div>
      </SortableContext>
    </section>
  )
})
