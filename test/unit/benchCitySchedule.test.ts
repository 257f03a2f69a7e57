import { describe, expect, it } from 'vitest'
import { CITY_SIZES, citySchedule } from '../bench/city.ts'
import { histogramMeanMs } from '../bench/serverMetrics.ts'

describe('the city benchmark offers the load it reports', () => {
  it('meeting boards move at their rate and quiet boards once per interval, in time order', () => {
    const sizes = CITY_SIZES.full
    const plan = citySchedule(sizes)
    const perBoard = Array.from({ length: sizes.boards }, (_, board) => plan.filter((move) => move.board === board).length)
    for (let board = 0; board < sizes.meetingBoards; board++) expect(perBoard[board]).toBe(sizes.meetingMovesPerSecond * sizes.seconds)
    // Quiet boards start spread over one interval, so over the run they average one move per interval.
    const quietMoves = perBoard.slice(sizes.meetingBoards).reduce((sum, count) => sum + count, 0)
    expect(Math.abs(quietMoves - ((sizes.boards - sizes.meetingBoards) * sizes.seconds) / sizes.quietSecondsPerMove)).toBeLessThanOrEqual(1)
    for (const count of perBoard.slice(sizes.meetingBoards)) expect(Math.abs(count - sizes.seconds / sizes.quietSecondsPerMove)).toBeLessThan(1)
    expect(plan.every((move, index) => index === 0 || plan[index - 1]!.atMs <= move.atMs)).toBe(true)
    expect(Math.max(...plan.map((move) => move.atMs))).toBeLessThan(sizes.seconds * 1000)
  })

  it('quiet boards do not all move in the same instant', () => {
    const sizes = CITY_SIZES.full
    const firstMoves = new Set(
      citySchedule(sizes)
        .filter((move) => move.board >= sizes.meetingBoards && move.atMs < sizes.quietSecondsPerMove * 1000)
        .map((move) => move.atMs),
    )
    expect(firstMoves.size).toBe(sizes.boards - sizes.meetingBoards)
  })

  it('a histogram mean counts only what was observed between two readings', () => {
    const before = new Map([
      ['guatu_persist_seconds_sum', 1],
      ['guatu_persist_seconds_count', 10],
    ])
    const after = new Map([
      ['guatu_persist_seconds_sum', 1.5],
      ['guatu_persist_seconds_count', 20],
    ])
    expect(histogramMeanMs(before, after, 'guatu_persist_seconds')).toEqual({ meanMs: 50, count: 10 })
    expect(histogramMeanMs(after, after, 'guatu_persist_seconds').count).toBe(0)
  })
})
