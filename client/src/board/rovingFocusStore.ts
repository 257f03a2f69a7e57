import { createContext } from 'react'
import type { ProjectId } from '@guatu/shared/domain/project'
import type { BoardLane } from './lanes.ts'
import { firstCardId, nextFocus, type FocusKey } from './rovingFocus.ts'

/**
 * Roving tabindex for the board: exactly one card is in the tab order (tabIndex 0), so Tab enters
 * and leaves the board in one stop and the arrow keys move between cards. Each card subscribes to
 * "am I the tab stop?", so moving focus re-renders two cards, not two thousand.
 */
export interface RovingFocus {
  isTabStop: (id: ProjectId) => boolean
  subscribe: (listener: () => void) => () => void
  /** The card that last had focus (or the first card); where focus returns after a dialog closes. */
  tabStop: () => ProjectId | undefined
  setLanes: (lanes: readonly BoardLane[]) => void
  /** Called when a card receives focus by any means (click, Tab, arrow). */
  focused: (id: ProjectId) => void
  /** Moves the tab stop; returns the card to focus, if any. */
  move: (from: ProjectId, key: FocusKey) => ProjectId | undefined
}

export function createRovingFocus(): RovingFocus {
  let lanes: readonly BoardLane[] = []
  let current: ProjectId | undefined
  let stop: ProjectId | undefined
  const listeners = new Set<() => void>()
  const recompute = () => {
    const stillShown = current !== undefined && lanes.some((lane) => Object.values(lane.cells).some((cards) => cards.some((card) => card.id === current)))
    const next = stillShown ? current : firstCardId(lanes)
    if (next === stop) return
    stop = next
    for (const listener of listeners) listener()
  }
  return {
    isTabStop: (id) => id === stop,
    subscribe: (listener) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    tabStop: () => stop,
    setLanes: (next) => {
      lanes = next
      recompute()
    },
    focused: (id) => {
      current = id
      recompute()
    },
    move: (from, key) => {
      const target = nextFocus(lanes, from, key)
      if (target) {
        current = target
        recompute()
      }
      return target
    },
  }
}

export const RovingFocusContext = createContext<RovingFocus | null>(null)
