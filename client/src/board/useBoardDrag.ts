import { useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react'
import type { DragEndEvent, DragOverEvent, DragStartEvent } from '@dnd-kit/core'
import { arrayMove } from '@dnd-kit/sortable'
import { moveProject } from '@guatu/shared/board/projectCommands'
import { needsReview, proposeChange } from '@guatu/shared/board/reviewCommands'
import { canEditProjectOfUnit, editRefusal } from '@guatu/shared/domain/permissions'
import { isProjectId, type Project } from '@guatu/shared/domain/project'
import { usePrincipal } from '../auth/usePrincipal.ts'
import { LOCAL_ORIGIN } from '../undo/localOrigin.ts'
import { useBoardConnection } from '../sync/useBoardConnection.ts'
import { createAnnouncements } from './announcements.ts'
import { applyDragPreview, findDisplayStage, isSamePosition, placementOf, parseCellId, type DisplayColumns, type DragPreview } from './dragPreview.ts'
import { laneKeyOf, LaneGrouping } from '@guatu/shared/board/projectFilter'
import type { BoardLane } from './lanes.ts'
import { useKanbanCollision } from './useKanbanCollision.ts'

const NO_CELLS: DisplayColumns = { planning: [], signed: [], started: [], producing: [] }

/**
 * Drag state and handlers for the board. The preview stays in React state while the card is in
 * hand — nothing is written on dragOver, so peers never see a half-finished drag as a move — and
 * exactly one moveProject runs on drop. Cancelling just drops the preview.
 *
 * With swimlanes a card stays in its own lane: only its lane's cells accept it. A lane is a
 * 责任单位 or a 包抓领导, and a drop must change only stage and order — never quietly hand a
 * project to another unit or leader in the middle of a meeting. Changing those is an edit in the
 * panel, where it is explicit (and, for a unit's editor, limited to their own units).
 */
export function useBoardDrag(lanes: readonly BoardLane[], grouping: LaneGrouping, onError: (message: string) => void) {
  const connection = useBoardConnection()
  const principal = usePrincipal()
  const [preview, setPreview] = useState<DragPreview | null>(null)
  const activeProject = preview ? connection.view.getProject(preview.activeId) : undefined
  const displayLanes = useMemo(() => applyDragPreview(lanes, preview, activeProject), [lanes, preview, activeProject])
  const activeLane = preview?.lane
  const display = useMemo(() => displayLanes.find((lane) => lane.key === activeLane)?.cells ?? NO_CELLS, [displayLanes, activeLane])
  const original = useMemo(() => lanes.find((lane) => lane.key === activeLane)?.cells ?? NO_CELLS, [lanes, activeLane])
  const { collisionDetection, markMovedToNewColumn } = useKanbanCollision(display, activeLane)

  // Announcements are read by dnd-kit after our state updates; a ref gives them the latest display.
  const displayRef = useRef<DisplayColumns>(display)
  useLayoutEffect(() => {
    displayRef.current = display
  }, [display])
  const announcements = useMemo(
    () =>
      createAnnouncements(
        () => displayRef.current,
        (id) => (isProjectId(id) ? connection.view.getProject(id) : undefined),
      ),
    [connection],
  )

  const endDrag = useCallback(() => {
    setPreview(null)
    connection.setActivity(null)
  }, [connection])

  const onDragStart = useCallback(
    ({ active }: DragStartEvent) => {
      const id = String(active.id)
      const project = isProjectId(id) ? connection.view.getProject(id) : undefined
      if (!project) return
      // Locked cards are not draggable; this guards against a card whose unit changed mid-press.
      if (!canEditProjectOfUnit(principal, project.unit)) return onError(editRefusal(principal, project.unit))
      const lane = laneKeyOf(project, grouping)
      const cells = lanes.find((candidate) => candidate.key === lane)?.cells
      const index = cells ? cells[project.stage].findIndex((card) => card.id === project.id) : -1
      if (index < 0) return
      setPreview({ activeId: project.id, lane, stage: project.stage, index })
      connection.setActivity({ kind: 'dragging', projectId: project.id })
    },
    [connection, grouping, lanes, onError, principal],
  )

  // Only moves between columns change the preview; order inside a column is shown by the sortable
  // strategy's transforms and settled on drop, as in dnd-kit's multiple-container pattern.
  const onDragOver = useCallback(
    ({ active, over }: DragOverEvent) => {
      if (!preview || !over) return
      const overStage = findDisplayStage(display, over.id, preview.lane)
      if (!overStage || overStage === preview.stage) return
      const target = display[overStage].filter((card) => card.id !== preview.activeId)
      let index = target.length
      if (!parseCellId(over.id)) {
        const overIndex = target.findIndex((card) => card.id === over.id)
        const activeTop = active.rect.current.translated?.top ?? 0
        const isBelowOver = activeTop > over.rect.top + over.rect.height / 2
        if (overIndex >= 0) index = overIndex + (isBelowOver ? 1 : 0)
      }
      markMovedToNewColumn()
      setPreview({ ...preview, stage: overStage, index })
    },
    [display, preview, markMovedToNewColumn],
  )

  const onDragEnd = useCallback(
    ({ over }: DragEndEvent) => {
      if (!preview || !over) return endDrag()
      const stage = preview.stage
      let cards: readonly Project[] = display[stage]
      const from = cards.findIndex((card) => card.id === preview.activeId)
      const to = cards.findIndex((card) => card.id === over.id)
      if (from >= 0 && to >= 0 && from !== to) cards = arrayMove([...cards], from, to)
      // Read again at the drop: a colleague may have reassigned the project to another unit meanwhile.
      const project = connection.view.getProject(preview.activeId)
      if (project && !canEditProjectOfUnit(principal, project.unit)) {
        onError(editRefusal(principal, project.unit))
        return endDrag()
      }
      try {
        if (project && project.stage !== stage && needsReview(connection.doc, principal, 'stage')) {
          // A department's stage move is a proposal the office confirms: the card stays where it is, marked 待审核.
          proposeChange(connection.doc, preview.activeId, 'stage', stage, principal, { origin: LOCAL_ORIGIN })
        } else if (from >= 0 && !isSamePosition(original[stage], cards, preview.activeId)) {
          moveProject(connection.doc, preview.activeId, placementOf(cards, preview.activeId, stage), { origin: LOCAL_ORIGIN })
        }
      } catch (error) {
        onError(error instanceof Error ? error.message : '移动项目失败')
      }
      // After the command: the board re-renders once, straight from the preview to the new document state.
      endDrag()
    },
    [connection, display, endDrag, onError, original, preview, principal],
  )

  return {
    displayLanes,
    activeLane,
    activeProject,
    collisionDetection,
    announcements,
    onDragStart,
    onDragOver,
    onDragEnd,
    onDragCancel: endDrag,
  }
}

export type BoardDrag = ReturnType<typeof useBoardDrag>
