import { useCallback, useEffect, useRef } from 'react'
import { closestCenter, getFirstCollision, pointerWithin, rectIntersection, type CollisionDetection, type UniqueIdentifier } from '@dnd-kit/core'
import { stageOfColumnId, type DisplayColumns } from './dragPreview.ts'

/** Cells and cards carry their lane as droppable data, so a drag can ignore other lanes. */
export interface LaneData {
  lane: string
}

function laneOf(data: unknown): string | undefined {
  const lane = (data as Partial<LaneData> | undefined)?.lane
  return typeof lane === 'string' ? lane : undefined
}

/**
 * Collision detection for several sortable columns (after dnd-kit's MultipleLists story): find the
 * column under the pointer, then the closest card inside it, so an empty column still accepts a
 * drop and a tall column does not swallow its own cards. When a card has just moved to another
 * column the layout shifts under the pointer for a frame; reusing the last target avoids flicker.
 * Only the dragged card's own swimlane (`activeLane`) is considered.
 */
export function useKanbanCollision(
  display: DisplayColumns,
  activeLane: string | undefined,
): {
  collisionDetection: CollisionDetection
  markMovedToNewColumn: () => void
} {
  const lastOverId = useRef<UniqueIdentifier | null>(null)
  const movedToNewColumn = useRef(false)

  useEffect(() => {
    const frame = requestAnimationFrame(() => {
      movedToNewColumn.current = false
    })
    return () => cancelAnimationFrame(frame)
  }, [display])

  const collisionDetection: CollisionDetection = useCallback(
    (allArgs) => {
      const args = {
        ...allArgs,
        droppableContainers: allArgs.droppableContainers.filter((container) => laneOf(container.data.current) === activeLane),
      }
      const pointerHits = pointerWithin(args)
      const hits = pointerHits.length > 0 ? pointerHits : rectIntersection(args)
      let overId = getFirstCollision(hits, 'id')
      if (overId != null) {
        const stage = stageOfColumnId(overId)
        if (stage && display[stage].length > 0) {
          const cardIds = new Set<UniqueIdentifier>(display[stage].map((card) => card.id))
          overId =
            closestCenter({
              ...args,
              droppableContainers: args.droppableContainers.filter((container) => cardIds.has(container.id)),
            })[0]?.id ?? overId
        }
        lastOverId.current = overId
        return [{ id: overId }]
      }
      if (movedToNewColumn.current) lastOverId.current = args.active.id
      return lastOverId.current != null ? [{ id: lastOverId.current }] : []
    },
    [display, activeLane],
  )

  const markMovedToNewColumn = useCallback(() => {
    movedToNewColumn.current = true
  }, [])
  return { collisionDetection, markMovedToNewColumn }
}
