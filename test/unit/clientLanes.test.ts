import { describe, expect, test } from 'vitest'
import { LaneGrouping } from '@guatu/shared/board/projectFilter'
import { Stage } from '@guatu/shared/domain/stage'
import { buildLanes } from '../../client/src/board/lanes.ts'
import { card, cellsOf } from '../helpers/clientCards.ts'

const laneKeys = (lanes: readonly { key: string }[]) => lanes.map((lane) => lane.key)

describe('swimlanes', () => {
  test('without swimlanes the board is one row holding every visible card', () => {
    const visible = cellsOf({ planning: [card('甲'), card('乙')], producing: [card('丙', Stage.producing)] })
    const lanes = buildLanes(visible, LaneGrouping.none, [])
    expect(lanes).toHaveLength(1)
    expect(lanes[0]?.key).toBe('')
    expect(lanes[0]?.count).toBe(3)
    expect(lanes[0]?.cells).toBe(visible)
  })

  test('without swimlanes an unchanged board keeps its row, so nothing re-renders', () => {
    const visible = cellsOf({ planning: [card('甲')] })
    const first = buildLanes(visible, LaneGrouping.none, [])
    expect(buildLanes(cellsOf({ ...visible }), LaneGrouping.none, first)[0]).toBe(first[0])
  })

  test('lanes per 责任单位 come in pinyin order of the unit names', () => {
    const visible = cellsOf({
      planning: [card('甲', Stage.planning, { unit: '住建局' }), card('乙', Stage.planning, { unit: '发改委' })],
      signed: [card('丙', Stage.signed, { unit: '财政局' })],
    })
    expect(laneKeys(buildLanes(visible, LaneGrouping.unit, []))).toEqual(['财政局', '发改委', '住建局'])
  })

  test('a card sits in the lane of its unit, in its own stage cell, in column order', () => {
    const a = card('甲', Stage.planning, { unit: '发改委' })
    const b = card('乙', Stage.planning, { unit: '财政局' })
    const c = card('丙', Stage.planning, { unit: '发改委' })
    const d = card('丁', Stage.started, { unit: '发改委' })
    const [finance, development] = buildLanes(cellsOf({ planning: [a, b, c], started: [d] }), LaneGrouping.unit, [])
    expect(finance?.cells.planning).toEqual([b])
    expect(development?.cells.planning).toEqual([a, c])
    expect(development?.cells.started).toEqual([d])
    expect(development?.count).toBe(3)
  })

  test('lanes per 包抓领导 use the first leader, and a card without one goes to 未指定包抓领导', () => {
    const visible = cellsOf({
      planning: [card('甲', Stage.planning, { leaders: ['王副市长', '李局长'] }), card('乙', Stage.planning, { leaders: [] })],
    })
    const lanes = buildLanes(visible, LaneGrouping.leader, [])
    expect(laneKeys(lanes).sort()).toEqual(['王副市长', '未指定包抓领导'].sort())
    expect(lanes.find((lane) => lane.key === '未指定包抓领导')?.cells.planning.map((each) => each.name)).toEqual(['乙'])
  })

  test("an edit to one unit's card re-renders that unit's row only, and only the cell it is in", () => {
    const development = card('甲', Stage.planning, { unit: '发改委' })
    const developmentSigned = card('乙', Stage.signed, { unit: '发改委' })
    const finance = card('丙', Stage.planning, { unit: '财政局' })
    const before = buildLanes(cellsOf({ planning: [development, finance], signed: [developmentSigned] }), LaneGrouping.unit, [])
    const edited = { ...development, progressNote: '已开工' }
    const after = buildLanes(cellsOf({ planning: [edited, finance], signed: [developmentSigned] }), LaneGrouping.unit, before)
    expect(after[0]).toBe(before[0])
    expect(after[1]).not.toBe(before[1])
    expect(after[1]?.cells.planning).toEqual([edited])
    expect(after[1]?.cells.signed).toBe(before[1]?.cells.signed)
  })

  test('a card handed to another unit leaves its old lane and joins the new one; a third lane is untouched', () => {
    const moving = card('甲', Stage.planning, { unit: '发改委' })
    const staying = card('乙', Stage.planning, { unit: '发改委' })
    const other = card('丙', Stage.planning, { unit: '住建局' })
    const before = buildLanes(cellsOf({ planning: [moving, staying, other] }), LaneGrouping.unit, [])
    const handed = { ...moving, unit: '财政局' }
    const after = buildLanes(cellsOf({ planning: [handed, staying, other] }), LaneGrouping.unit, before)
    expect(laneKeys(after)).toEqual(['财政局', '发改委', '住建局'])
    expect(after[0]?.cells.planning).toEqual([handed])
    expect(after[1]?.cells.planning).toEqual([staying])
    expect(after[2]).toBe(before[1])
  })

  test('a unit whose last card is filtered out loses its lane', () => {
    const before = buildLanes(
      cellsOf({ planning: [card('甲', Stage.planning, { unit: '发改委' }), card('乙', Stage.planning, { unit: '财政局' })] }),
      LaneGrouping.unit,
      [],
    )
    const after = buildLanes(cellsOf({ planning: [card('甲', Stage.planning, { unit: '发改委' })] }), LaneGrouping.unit, before)
    expect(laneKeys(after)).toEqual(['发改委'])
  })
})
