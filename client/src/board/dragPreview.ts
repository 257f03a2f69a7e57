import type { Placement } from '@guatu/shared/board/projectCommands'
import type { Project, ProjectId } from '@guatu/shared/domain/project'
import { STAGES, type Stage } from '@guatu/shared/domain/stage'
import type { BoardColumns } from '../sync/boardViewStore.ts'

/**
 * Where the card in hand would land if dropped now. This lives only in React state while a drag
 * is in progress: the document is written once, on drop, and a cancel simply forgets it.
 * `index` counts positions in the target column without the dragged card.
 */
export interface DragPreview {
  readonly activeId: ProjectId
  readonly stage: Stage
  readonly index: number
}

export type DisplayColumns = Readonly<Record<Stage, readonly Project[]>>

const COLUMN_ID_PREFIX = 'column:'

/** Droppable id of a column; project ids never contain ':' so the two cannot collide. */
export function columnDroppableId(stage: Stage): string {
  return `${COLUMN_ID_PREFIX}${stage}`
}

export function stageOfColumnId(id: string | number): Stage | undefined {
  if (typeof id !== 'string' || !id.startsWith(COLUMN_ID_PREFIX)) return undefined
  const stage = id.slice(COLUMN_ID_PREFIX.length)
  return STAGES.find((candidate) => candidate === stage)
}

/**
 * The columns as they should look during a drag: the document's columns with the dragged card
 * taken out of its own column and shown at the preview position. Columns the drag does not touch
 * keep their identity, so their memoized components do not re-render.
 */
export function applyDragPreview(columns: BoardColumns, preview: DragPreview | null, active: Project | undefined) {
  const display = Object.fromEntries(STAGES.map((stage) => [stage, columns[stage].cards])) as Record<
    Stage,
    readonly Project[]
  >
  if (!preview || !active) return display as DisplayColumns
  if (active.stage === preview.stage && columns[active.stage].cards[preview.index] === active) return display
  display[active.stage] = columns[active.stage].cards.filter((card) => card.id !== active.id)
  const target = display[preview.stage].filter((card) => card.id !== active.id)
  target.splice(Math.min(preview.index, target.length), 0, active)
  display[preview.stage] = target
  return display as DisplayColumns
}

export function findDisplayStage(display: DisplayColumns, id: string | number): Stage | undefined {
  const columnStage = stageOfColumnId(id)
  if (columnStage) return columnStage
  return STAGES.find((stage) => display[stage].some((card) => card.id === id))
}

/** The neighbour to anchor the move on; a card alone in its column goes to the end. */
export function placementOf(cards: readonly Project[], activeId: ProjectId, stage: Stage): Placement {
  const index = cards.findIndex((card) => card.id === activeId)
  const before = index > 0 ? cards[index - 1] : undefined
  if (before) return { stage, afterId: before.id }
  const after = cards[index + 1]
  if (after) return { stage, beforeId: after.id }
  return { stage }
}

/** True when a drop leaves the card exactly where the document already has it. */
export function isSamePosition(columns: BoardColumns, cards: readonly Project[], activeId: ProjectId, stage: Stage) {
  const original = columns[stage].ids
  if (original.length !== cards.length) return false
  return cards.every((card, i) => card.id === original[i]) && original.includes(activeId)
}
