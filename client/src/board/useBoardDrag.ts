import { useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react'
import type { DragEndEvent, DragOverEvent, DragStartEvent } from '@dnd-kit/core'
import { arrayMove } from '@dnd-kit/sortable'
import { moveProject } from '@guatu/shared/board/projectCommands'
import { canEditProjectOfUnit, editRefusal } from '@guatu/shared/domain/permissions'
import { isProjectId, type Project } from '@guatu/shared/domain/project'
import { usePrincipal } from '../auth/usePrincipal.ts'
import type { BoardColumns } from '../sync/boardViewStore.ts'
import { useBoardConnection } from '../sync/useBoardConnection.ts'
import { createAnnouncements } from './announcements.ts'
import {
  applyDragPreview,
  findDisplayStage,
  isSamePosition,
  placementOf,
  stageOfColumnId,
  type DisplayColumns,
  type DragPreview,
} from './dragPreview.ts'
import { useKanbanCollision } from './useKanbanCollision.ts'

/**
 * Drag state and handlers for the board. The preview stays in React state while the card is in
 * hand — nothing is written on dragOver, so peers never see a half-finished drag as a move — and
 * exactly one moveProject runs on drop. Cancelling just drops the preview.
 */
export function useBoardDrag(columns: BoardColumns, onError: (message: string) => void) {
  const connection = useBoardConnection()
  const principal = usePrincipal()
  const [preview, setPreview] = useState<DragPreview | null>(null)
  const activeProject = preview ? connection.view.getProject(preview.activeId) : undefined
  const display = useMemo(() => applyDragPreview(columns, preview, activeProject), [columns, preview, activeProject])
  const { collisionDetection, markMovedToNewColumn } = useKanbanCollision(display)

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
      const index = columns[project.stage].ids.indexOf(project.id)
      setPreview({ activeId: project.id, stage: project.stage, index })
      connection.setActivity({ kind: 'dragging', projectId: project.id })
    },
    [columns, connection, onError, principal],
  )

  // Only moves between columns change the preview; order inside a column is shown by the sortable
  // strategy's transforms and settled on drop, as in dnd-kit's multiple-container pattern.
  const onDragOver = useCallback(
    ({ active, over }: DragOverEvent) => {
      if (!preview || !over) return
      const overStage = findDisplayStage(display, over.id)
      if (!overStage || overStage === preview.stage) return
      const target = display[overStage].filter((card) => card.id !== preview.activeId)
      let index = target.length
      if (!stageOfColumnId(over.id)) {
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
        if (from >= 0 && !isSamePosition(columns, cards, preview.activeId, stage)) {
          moveProject(connection.doc, preview.activeId, placementOf(cards, preview.activeId, stage))
        }
      } catch (error) {
        onError(error instanceof Error ? error.message : '移动项目失败')
      }
      // After the command: the board re-renders once, straight from the preview to the new document state.
      endDrag()
    },
    [columns, connection, display, endDrag, onError, preview, principal],
  )

  return {
    display,
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
