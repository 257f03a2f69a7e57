import { describe, expect, test } from 'vitest'
import { Stage } from '@guatu/shared/domain/stage'
import {
  applyDragPreview,
  cellDroppableId,
  findDisplayStage,
  isSamePosition,
  parseCellId,
  placementOf,
  stageOfColumnId,
} from '../../client/src/board/dragPreview.ts'
import type { BoardLane } from '../../client/src/board/lanes.ts'
import { card, cellsOf, idsOf } from '../helpers/clientCards.ts'

const a = card('甲')
const b = card('乙')
const c = card('丙')
const s1 = card('签一', Stage.signed)
const s2 = card('签二', Stage.signed)
const p1 = card('产一', Stage.producing)

function lane(key: string, cells: Parameters<typeof cellsOf>[0]): BoardLane {
  const all = cellsOf(cells)
  return { key, cells: all, count: Object.values(all).reduce((sum, cards) => sum + cards.length, 0) }
}

describe('drop targets', () => {
  test('a cell id names its stage and lane and reads back the same, even for a lane name with a colon', () => {
    for (const laneName of ['', '发改委', '发改委:一处', '50%/工业 园']) {
      expect(parseCellId(cellDroppableId(laneName, Stage.started))).toEqual({ stage: Stage.started, lane: laneName })
    }
  })

  test('without swimlanes a cell keeps the id it had before lanes existed', () => {
    expect(cellDroppableId('', Stage.signed)).toBe('column:signed')
    expect(stageOfColumnId('column:signed')).toBe(Stage.signed)
  })

  test('a card id, an unknown stage or a number is not a cell', () => {
    expect(parseCellId('p_abcdef')).toBeUndefined()
    expect(parseCellId('column:archived')).toBeUndefined()
    expect(parseCellId(7)).toBeUndefined()
  })
})

describe('the board while a card is in hand', () => {
  test('a card dragged to another column shows there at the hovered position and leaves its own column', () => {
    const only = lane('', { planning: [a, b], signed: [s1, s2] })
    const [shown] = applyDragPreview([only], { activeId: a.id, lane: '', stage: Stage.signed, index: 1 }, a)
    expect(idsOf(shown?.cells.planning ?? [])).toEqual([b.id])
    expect(idsOf(shown?.cells.signed ?? [])).toEqual([s1.id, a.id, s2.id])
  })

  test('columns the drag does not touch keep their identity, so their cards do not re-render', () => {
    const only = lane('', { planning: [a, b], signed: [s1], producing: [p1] })
    const [shown] = applyDragPreview([only], { activeId: a.id, lane: '', stage: Stage.signed, index: 0 }, a)
    expect(shown?.cells.producing).toBe(only.cells.producing)
    expect(shown?.cells.started).toBe(only.cells.started)
  })

  test('a card moved down its own column shows below the card it passed', () => {
    const only = lane('', { planning: [a, b, c] })
    const [shown] = applyDragPreview([only], { activeId: a.id, lane: '', stage: Stage.planning, index: 1 }, a)
    expect(idsOf(shown?.cells.planning ?? [])).toEqual([b.id, a.id, c.id])
  })

  test('hovering where the card already is changes nothing, down to the lane object', () => {
    const only = lane('', { planning: [a, b, c] })
    const lanes = [only]
    expect(applyDragPreview(lanes, { activeId: b.id, lane: '', stage: Stage.planning, index: 1 }, b)[0]).toBe(only)
  })

  test('a position past the end of the column puts the card last', () => {
    const only = lane('', { planning: [a], signed: [s1] })
    const [shown] = applyDragPreview([only], { activeId: a.id, lane: '', stage: Stage.signed, index: 99 }, a)
    expect(idsOf(shown?.cells.signed ?? [])).toEqual([s1.id, a.id])
  })

  test('other swimlanes keep their identity while a card moves inside its own', () => {
    const mine = lane('发改委', { planning: [a], signed: [s1] })
    const theirs = lane('财政局', { planning: [b] })
    const shown = applyDragPreview([theirs, mine], { activeId: a.id, lane: '发改委', stage: Stage.signed, index: 0 }, a)
    expect(shown[0]).toBe(theirs)
    expect(idsOf(shown[1]?.cells.signed ?? [])).toEqual([a.id, s1.id])
  })

  test('with no card in hand the board is shown as it is', () => {
    const lanes = [lane('', { planning: [a] })]
    expect(applyDragPreview(lanes, null, a)).toBe(lanes)
    expect(applyDragPreview(lanes, { activeId: a.id, lane: '', stage: Stage.signed, index: 0 }, undefined)).toBe(lanes)
  })

  test('the stage under the pointer is found from a card or a cell, and a cell of another lane does not count', () => {
    const display = cellsOf({ planning: [a], signed: [s1] })
    expect(findDisplayStage(display, s1.id)).toBe(Stage.signed)
    expect(findDisplayStage(display, cellDroppableId('发改委', Stage.started), '发改委')).toBe(Stage.started)
    expect(findDisplayStage(display, cellDroppableId('财政局', Stage.started), '发改委')).toBeUndefined()
    expect(findDisplayStage(display, 'p_elsewhere')).toBeUndefined()
  })
})

describe('the move written on drop', () => {
  test('a dropped card is anchored after the card shown above it', () => {
    expect(placementOf([s1, a, s2], a.id, Stage.signed)).toEqual({ stage: Stage.signed, afterId: s1.id })
  })

  test('a card dropped at the top is anchored before the card shown below it', () => {
    expect(placementOf([a, s1], a.id, Stage.signed)).toEqual({ stage: Stage.signed, beforeId: s1.id })
  })

  test('a card alone in its cell goes to the end of the column', () => {
    expect(placementOf([a], a.id, Stage.producing)).toEqual({ stage: Stage.producing })
  })

  test('a drop back where the card started is recognised, so nothing is written', () => {
    expect(isSamePosition([a, b, c], [a, b, c], b.id)).toBe(true)
    expect(isSamePosition([a, b, c], [b, a, c], a.id)).toBe(false)
    expect(isSamePosition([b, c], [a, b, c], a.id)).toBe(false)
    expect(isSamePosition([b, c], [b, c], a.id)).toBe(false)
  })
})
