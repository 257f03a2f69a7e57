import type { ProjectId } from '@guatu/shared/domain/project'
import { STAGES } from '@guatu/shared/domain/stage'
import type { BoardLane } from './lanes.ts'

export type FocusKey = 'ArrowUp' | 'ArrowDown' | 'ArrowLeft' | 'ArrowRight' | 'Home' | 'End'

export function isFocusKey(key: string): key is FocusKey {
  return key === 'ArrowUp' || key === 'ArrowDown' || key === 'ArrowLeft' || key === 'ArrowRight' || key === 'Home' || key === 'End'
}

interface Position {
  lane: number
  stage: number
  index: number
}

function locate(lanes: readonly BoardLane[], id: ProjectId): Position | undefined {
  for (let lane = 0; lane < lanes.length; lane++) {
    const cells = lanes[lane]?.cells
    if (!cells) continue
    for (let stage = 0; stage < STAGES.length; stage++) {
      const index = cells[STAGES[stage] ?? 'planning'].findIndex((card) => card.id === id)
      if (index >= 0) return { lane, stage, index }
    }
  }
  return undefined
}

const cellOf = (lanes: readonly BoardLane[], lane: number, stage: number) => lanes[lane]?.cells[STAGES[stage] ?? 'planning'] ?? []

/** The first card of the board (the left-most non-empty column), where Tab enters the board. */
export function firstCardId(lanes: readonly BoardLane[]): ProjectId | undefined {
  for (const lane of lanes) {
    for (const stage of STAGES) {
      const first = lane.cells[stage][0]
      if (first) return first.id
    }
  }
  return undefined
}

/**
 * Where an arrow key moves keyboard focus from card `id` (not while a card is in hand — then the
 * arrows move the card). Up/down walk the column, continuing into the same column of the next
 * swimlane; left/right jump to the nearest non-empty column of the same lane, at the same height
 * as far as it goes; Home/End go to the top and bottom of the column.
 */
export function nextFocus(lanes: readonly BoardLane[], id: ProjectId, key: FocusKey): ProjectId | undefined {
  const at = locate(lanes, id)
  if (!at) return firstCardId(lanes)
  const cell = cellOf(lanes, at.lane, at.stage)
  switch (key) {
    case 'Home':
      return cell[0]?.id
    case 'End':
      return cell[cell.length - 1]?.id
    case 'ArrowUp': {
      if (at.index > 0) return cell[at.index - 1]?.id
      for (let lane = at.lane - 1; lane >= 0; lane--) {
        const above = cellOf(lanes, lane, at.stage)
        if (above.length > 0) return above[above.length - 1]?.id
      }
      return undefined
    }
    case 'ArrowDown': {
      if (at.index < cell.length - 1) return cell[at.index + 1]?.id
      for (let lane = at.lane + 1; lane < lanes.length; lane++) {
        const below = cellOf(lanes, lane, at.stage)
        if (below.length > 0) return below[0]?.id
      }
      return undefined
    }
    case 'ArrowLeft':
    case 'ArrowRight': {
      const step = key === 'ArrowLeft' ? -1 : 1
      for (let stage = at.stage + step; stage >= 0 && stage < STAGES.length; stage += step) {
        const target = cellOf(lanes, at.lane, stage)
        if (target.length > 0) return target[Math.min(at.index, target.length - 1)]?.id
      }
      return undefined
    }
  }
}
