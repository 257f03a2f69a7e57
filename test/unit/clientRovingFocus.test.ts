import { describe, expect, test } from 'vitest'
import type { ProjectId } from '@guatu/shared/domain/project'
import { Stage } from '@guatu/shared/domain/stage'
import type { BoardLane } from '../../client/src/board/lanes.ts'
import { firstCardId, isFocusKey, nextFocus } from '../../client/src/board/rovingFocus.ts'
import { createRovingFocus } from '../../client/src/board/rovingFocusStore.ts'
import { card, cellsOf } from '../helpers/clientCards.ts'

function lane(key: string, cells: Parameters<typeof cellsOf>[0]): BoardLane {
  return { key, cells: cellsOf(cells), count: 0 }
}

// Lane 发改委:   planning [a1, a2, a3]   signed []          started [b1]   producing [c1, c2]
// Lane 财政局:   planning []             signed [d1]        started [e1]   producing []
// Lane 住建局:   planning [f1]           signed []          started []     producing []
const a1 = card('a1')
const a2 = card('a2')
const a3 = card('a3')
const b1 = card('b1', Stage.started)
const c1 = card('c1', Stage.producing)
const c2 = card('c2', Stage.producing)
const d1 = card('d1', Stage.signed)
const e1 = card('e1', Stage.started)
const f1 = card('f1')
const board: readonly BoardLane[] = [
  lane('发改委', { planning: [a1, a2, a3], started: [b1], producing: [c1, c2] }),
  lane('财政局', { signed: [d1], started: [e1] }),
  lane('住建局', { planning: [f1] }),
]

describe('moving keyboard focus between cards', () => {
  test('Tab enters the board at the first card of the left-most non-empty column', () => {
    expect(firstCardId(board)).toBe(a1.id)
    expect(firstCardId([lane('', { signed: [d1], started: [e1] })])).toBe(d1.id)
    expect(firstCardId([lane('', {})])).toBeUndefined()
  })

  test('down and up walk the column', () => {
    expect(nextFocus(board, a1.id, 'ArrowDown')).toBe(a2.id)
    expect(nextFocus(board, a3.id, 'ArrowUp')).toBe(a2.id)
  })

  test('down from the bottom of a column continues into the same column of the next lane that has cards there', () => {
    expect(nextFocus(board, a3.id, 'ArrowDown')).toBe(f1.id)
    expect(nextFocus(board, b1.id, 'ArrowDown')).toBe(e1.id)
  })

  test('up from the top of a column continues at the bottom of the same column in the lane above', () => {
    expect(nextFocus(board, f1.id, 'ArrowUp')).toBe(a3.id)
  })

  test('at the very top or bottom of the board focus stays put', () => {
    expect(nextFocus(board, a1.id, 'ArrowUp')).toBeUndefined()
    expect(nextFocus(board, f1.id, 'ArrowDown')).toBeUndefined()
    expect(nextFocus(board, c2.id, 'ArrowDown')).toBeUndefined()
  })

  test('right skips empty columns and lands at the same height as far as the column goes', () => {
    expect(nextFocus(board, a1.id, 'ArrowRight')).toBe(b1.id)
    expect(nextFocus(board, a3.id, 'ArrowRight')).toBe(b1.id)
    expect(nextFocus(board, b1.id, 'ArrowRight')).toBe(c1.id)
  })

  test('left and right stay within the lane and stop at its edge', () => {
    expect(nextFocus(board, c2.id, 'ArrowLeft')).toBe(b1.id)
    expect(nextFocus(board, d1.id, 'ArrowLeft')).toBeUndefined()
    expect(nextFocus(board, e1.id, 'ArrowRight')).toBeUndefined()
  })

  test('Home and End go to the top and bottom of the column', () => {
    expect(nextFocus(board, a2.id, 'Home')).toBe(a1.id)
    expect(nextFocus(board, a1.id, 'End')).toBe(a3.id)
  })

  test('a card no longer on the board sends focus to the first card', () => {
    expect(nextFocus(board, 'p_gone' as ProjectId, 'ArrowDown')).toBe(a1.id)
  })

  test('only arrows, Home and End move focus; other keys are left to the card', () => {
    expect(['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Home', 'End'].every(isFocusKey)).toBe(true)
    expect(['Enter', ' ', 'Tab', 'PageDown', 'arrowup'].some(isFocusKey)).toBe(false)
  })
})

describe('the one card in the tab order', () => {
  test('the first card is the tab stop once the board is shown, and only it', () => {
    const focus = createRovingFocus()
    expect(focus.tabStop()).toBeUndefined()
    focus.setLanes(board)
    expect(focus.tabStop()).toBe(a1.id)
    expect(focus.isTabStop(a1.id)).toBe(true)
    expect(focus.isTabStop(a2.id)).toBe(false)
  })

  test('the card last focused stays the tab stop, so focus returns there after a dialog', () => {
    const focus = createRovingFocus()
    focus.setLanes(board)
    focus.focused(e1.id)
    focus.setLanes([...board])
    expect(focus.tabStop()).toBe(e1.id)
  })

  test('an arrow key moves the tab stop with the focus, and at the edge nothing moves', () => {
    const focus = createRovingFocus()
    focus.setLanes(board)
    expect(focus.move(a1.id, 'ArrowRight')).toBe(b1.id)
    expect(focus.tabStop()).toBe(b1.id)
    expect(focus.move(c2.id, 'ArrowRight')).toBeUndefined()
    expect(focus.tabStop()).toBe(b1.id)
  })

  test('when the focused card is deleted or filtered out, the tab stop falls back to the first card', () => {
    const focus = createRovingFocus()
    focus.setLanes(board)
    focus.focused(e1.id)
    focus.setLanes([board[0] as BoardLane, lane('财政局', { signed: [d1] })])
    expect(focus.tabStop()).toBe(a1.id)
  })

  test('cards hear only a change of tab stop, so moving focus re-renders two cards, not all', () => {
    const focus = createRovingFocus()
    let heard = 0
    focus.subscribe(() => heard++)
    focus.setLanes(board)
    focus.focused(a1.id)
    focus.setLanes([...board])
    focus.focused(a2.id)
    expect(heard).toBe(2)
  })
})
