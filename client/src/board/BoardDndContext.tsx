import { memo, type ReactNode } from 'react'
import { DndContext, DragOverlay, KeyboardCode, KeyboardSensor, PointerSensor, useSensor, useSensors, type KeyboardCodes } from '@dnd-kit/core'
import { sortableKeyboardCoordinates } from '@dnd-kit/sortable'
import { SCREEN_READER_INSTRUCTIONS } from './announcements.ts'
import { CardBody } from './CardBody.tsx'
import { DraggingContext } from './dragSession.ts'
import type { BoardDrag } from './useBoardDrag.ts'

/** A press that moves less than this is a click that opens the card, not a drag. */
const POINTER_ACTIVATION_DISTANCE_PX = 6

/** Enter is left out of `start` so that Enter opens the card; Space picks it up. */
const KEYBOARD_CODES: KeyboardCodes = {
  start: [KeyboardCode.Space],
  cancel: [KeyboardCode.Esc],
  end: [KeyboardCode.Space, KeyboardCode.Enter],
}

/**
 * The sensors' options, made once: useSensor keeps its descriptor only while the options object is
 * the same, and new sensors give dnd-kit new activators, a new internal context, and a re-render of
 * every draggable card on each render of the board (every colleague's move, before this).
 */
const POINTER_OPTIONS = { activationConstraint: { distance: POINTER_ACTIVATION_DISTANCE_PX } }
const KEYBOARD_OPTIONS = { coordinateGetter: sortableKeyboardCoordinates, keyboardCodes: KEYBOARD_CODES }

/** Sensors, accessibility and the floating copy of the card in hand; the drag logic is in useBoardDrag. */
export const BoardDndContext = memo(function BoardDndContext({ drag, children }: { drag: BoardDrag; children: ReactNode }) {
  const sensors = useSensors(useSensor(PointerSensor, POINTER_OPTIONS), useSensor(KeyboardSensor, KEYBOARD_OPTIONS))
  return (
    <DndContext
      sensors={sensors}
      collisionDetection={drag.collisionDetection}
      accessibility={{ announcements: drag.announcements, screenReaderInstructions: SCREEN_READER_INSTRUCTIONS }}
      onDragStart={drag.onDragStart}
      onDragOver={drag.onDragOver}
      onDragEnd={drag.onDragEnd}
      onDragCancel={drag.onDragCancel}
    >
      <DraggingContext.Provider value={drag.activeProject !== undefined}>{children}</DraggingContext.Provider>
      <DragOverlay>{drag.activeProject ? <CardBody project={drag.activeProject} overlay /> : null}</DragOverlay>
    </DndContext>
  )
})
