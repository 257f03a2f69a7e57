import type { Placement } from '@guatu/shared/board/projectCommands'
import type { Project, ProjectId } from '@guatu/shared/domain/project'
import { STAGES, type Stage } from '@guatu/shared/domain/stage'
import type { StageCards } from '../filter/visibleColumns.ts'
import type { BoardLane } from './lanes.ts'

/**
 * Where the card in hand would land if dropped now. This lives only in React state while a drag
 * is in progress: the document is written once, on drop, and a cancel simply forgets it.
 * `index` counts positions in the target cell without the dragged card. `lane` is the card's own
 * swimlane: a card never leaves it (see useBoardDrag).
 */
export interface DragPreview {
  readonly activeId: ProjectId
  readonly lane: string
  readonly stage: Stage
  readonly index: number
}

/** The four cells of one lane as displayed, including the drag preview. */
export type DisplayColumns = StageCards

const COLUMN_ID_PREFIX = 'column:'

/**
 * Droppable id of one cell: `column:<stage>` without swimlanes (as before lanes existed), else
 * `column:<stage>:<lane, URI-encoded>`. Project ids never contain ':' so the two cannot collide.
 */
export function cellDroppableId(lane: string, stage: Stage): string {
  return lane === '' ? `${COLUMN_ID_PREFIX}${stage}` : `${COLUMN_ID_PREFIX}${stage}:${encodeURIComponent(lane)}`
}

export function parseCellId(id: string | number): { stage: Stage; lane: string } | undefined {
  if (typeof id !== 'string' || !id.startsWith(COLUMN_ID_PREFIX)) return undefined
  const [stageText = '', laneText] = id.slice(COLUMN_ID_PREFIX.length).split(':', 2)
  const stage = STAGES.find((candidate) => candidate === stageText)
  return stage ? { stage, lane: laneText === undefined ? '' : decodeURIComponent(laneText) } : undefined
}

export function stageOfColumnId(id: string | number): Stage | undefined {
  return parseCellId(id)?.stage
}

/**
 * The lanes as they should look during a drag: the dragged card taken out of its own cell and
 * shown at the preview position, in its own lane. Other lanes and untouched cells keep their
 * identity, so their memoized components do not re-render.
 */
export function applyDragPreview(lanes: readonly BoardLane[], preview: DragPreview | null, active: Project | undefined): readonly BoardLane[] {
  if (!preview || !active) return lanes
  return lanes.map((lane) => {
    if (lane.key !== preview.lane) return lane
    const cells = { ...lane.cells }
    if (active.stage === preview.stage && cells[active.stage][preview.index] === active) return lane
    cells[active.stage] = cells[active.stage].filter((card) => card.id !== active.id)
    const target = cells[preview.stage].filter((card) => card.id !== active.id)
    target.splice(Math.min(preview.index, target.length), 0, active)
    cells[preview.stage] = target
    return { ...lane, cells }
  })
}

/**
 * The stage of a cell or card id within the given lane's cells; undefined for anything in another
 * lane (when `lane` is given) or off the board.
 */
export function findDisplayStage(display: DisplayColumns, id: string | number, lane?: string): Stage | undefined {
  const cell = parseCellId(id)
  if (cell) return lane === undefined || cell.lane === lane ? cell.stage : undefined
  return STAGES.find((stage) => display[stage].some((card) => card.id === id))
}

/**
 * The neighbour to anchor the move on; a card alone in its cell goes to the end of the column.
 * With a filter or lanes the neighbours are the visible ones: the card lands right after the card
 * the person saw above it, wherever hidden cards sit in the full column.
 */
export function placementOf(cards: readonly Project[], activeId: ProjectId, stage: Stage): Placement {
  const index = cards.findIndex((card) => card.id === activeId)
  const before = index > 0 ? cards[index - 1] : undefined
  if (before) return { stage, afterId: before.id }
  const after = cards[index + 1]
  if (after) return { stage, beforeId: after.id }
  return { stage }
}

/** True when a drop leaves the card exactly where it was shown before the drag. */
export function isSamePosition(original: readonly Project[], cards: readonly Project[], activeId: ProjectId): boolean {
  if (original.length !== cards.length) return false
  return cards.every((card, i) => card.id === original[i]?.id) && original.some((card) => card.id === activeId)
}
