import { memo, useCallback, useContext, useMemo, useRef, type ReactNode } from 'react'
import { useDroppable } from '@dnd-kit/core'
import { SortableContext, verticalListSortingStrategy } from '@dnd-kit/sortable'
import type { IsoDate } from '@guatu/shared/domain/dates'
import type { Project, ProjectId } from '@guatu/shared/domain/project'
import type { Stage } from '@guatu/shared/domain/stage'
import type { ActivityMark } from '../presence/activityMarks.ts'
import { useLightsOf } from '../lights/useLightsOf.ts'
import { NO_NOTICES } from '../sync/noticeIndex.ts'
import { NO_PROBLEMS, type ProblemsByProject } from '../sync/problemIndex.ts'
import { useNoticesByProject } from '../sync/useNoticesByProject.ts'
import { cellDroppableId } from './dragPreview.ts'
import { DraggingContext } from './dragSession.ts'
import { SortableCard } from './SortableCard.tsx'
import type { LaneData } from './useKanbanCollision.ts'
import { VirtualCards, VIRTUALIZE_FROM_CARDS } from './VirtualCards.tsx'

/**
 * The cards of one stage in one lane, as a drop target. `cards` includes, during a drag, the card
 * in hand at its preview position (`activeId`). A long cell mounts only the cards near the
 * viewport (VirtualCards.tsx); the SortableContext still lists every id, so sortable indices and
 * useBoardDrag's afterId/beforeId are computed on the whole cell.
 */
export const CardCell = memo(function CardCell({
  lane,
  stage,
  cards,
  activeId,
  marks,
  problems,
  today,
  onOpen,
  onRefused,
  emptyText = '暂无项目',
}: {
  lane: string
  stage: Stage
  cards: readonly Project[]
  /** The card in hand, kept mounted by a virtualised cell. */
  activeId?: ProjectId | undefined
  marks: ReadonlyMap<string, ActivityMark>
  problems: ProblemsByProject
  today: IsoDate
  onOpen: (id: ProjectId) => void
  onRefused: (message: string) => void
  emptyText?: string
}) {
  const droppableId = cellDroppableId(lane, stage)
  const data = useMemo((): LaneData => ({ lane }), [lane])
  const { setNodeRef, isOver } = useDroppable({ id: droppableId, data })
  const cellRef = useRef<HTMLDivElement | null>(null)
  const setCellRef = useCallback(
    (node: HTMLDivElement | null) => {
      cellRef.current = node
      setNodeRef(node)
    },
    [setNodeRef],
  )
  // Without lanes the cell scrolls; with lanes (overflow visible) the board does.
  const scrollElement = useCallback(() => (lane === '' ? cellRef.current : (cellRef.current?.closest<HTMLElement>('[data-testid="board"]') ?? null)), [lane])
  // dnd-kit's sortable order: live during a drag and at the render that ends it (the drop settles
  // on it), then kept until the next drag. Between drags no card reads its index, and a new order
  // would re-render every sortable card of the cell on each remote move (most of a burst's work).
  const dragging = useContext(DraggingContext)
  // eslint-disable-next-line react-hooks/exhaustive-deps -- between drags the order is not followed on purpose
  const ids = useMemo(() => cards.map((card) => card.id), [dragging ? cards : undefined, dragging])
  // Both are cached per project: a card whose lights and notices did not change keeps its props.
  const lightsOf = useLightsOf()
  const notices = useNoticesByProject()
  const renderCard = (project: Project): ReactNode => (
    <SortableCard
      key={project.id}
      project={project}
      lane={data}
      problems={problems.get(project.id) ?? NO_PROBLEMS}
      lights={lightsOf(project)}
      notices={notices.get(project.id) ?? NO_NOTICES}
      today={today}
      mark={marks.get(project.id)}
      onOpen={onOpen}
      onRefused={onRefused}
    />
  )
  return (
    <SortableContext id={droppableId} items={ids} strategy={verticalListSortingStrategy}>
      <div ref={setCellRef} className={`column-cards${isOver ? ' cell-over' : ''}`} data-stage={stage}>
        {cards.length >= VIRTUALIZE_FROM_CARDS ? (
          <VirtualCards cards={cards} pinnedId={activeId} scrollElement={scrollElement} renderCard={renderCard} />
        ) : (
          cards.map(renderCard)
        )}
        {cards.length === 0 && <p className="column-empty">{emptyText}</p>}
      </div>
    </SortableContext>
  )
})
