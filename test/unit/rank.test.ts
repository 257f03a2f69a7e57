import { describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { createProject } from '@guatu/shared/board/projectCommands'
import { readColumn } from '@guatu/shared/board/projectQueries'
import type { ProjectId } from '@guatu/shared/domain/project'
import { compareRank, isRankKey, rankAt } from '@guatu/shared/domain/rank'
import { Stage } from '@guatu/shared/domain/stage'

describe('rank', () => {
  test('a card dropped between two cards gets a key between theirs', () => {
    const rank = rankAt(['a0', 'a1', 'a2'], 2)
    expect(rank > 'a1' && rank < 'a2').toBe(true)
  })

  test('a card dropped at either end of a column sorts before the first or after the last', () => {
    expect(rankAt(['a0', 'a1'], 0) < 'a0').toBe(true)
    expect(rankAt(['a0', 'a1'], 2) > 'a1').toBe(true)
    expect(isRankKey(rankAt([], 0))).toBe(true)
  })

  test('a card dropped inside a run of tied keys lands just after the run', () => {
    const rank = rankAt(['a0', 'a1', 'a1', 'a1', 'a2'], 2)
    expect(rank > 'a1' && rank < 'a2').toBe(true)
    const atEnd = rankAt(['a1', 'a1'], 1)
    expect(atEnd > 'a1').toBe(true)
  })

  test('a card dropped before a run of tied keys lands before it', () => {
    const rank = rankAt(['a0', 'a1', 'a1'], 1)
    expect(rank > 'a0' && rank < 'a1').toBe(true)
  })

  test('cards with equal keys are ordered by project id, whatever order they arrive in', () => {
    const cards = [
      { id: 'p_charlie', rank: 'a1' },
      { id: 'p_alpha', rank: 'a1' },
      { id: 'p_zulu', rank: 'a0' },
      { id: 'p_bravo', rank: 'a1' },
    ]
    const expected = ['p_zulu', 'p_alpha', 'p_bravo', 'p_charlie']
    expect([...cards].sort(compareRank).map((card) => card.id)).toEqual(expected)
    expect(
      [...cards]
        .reverse()
        .sort(compareRank)
        .map((card) => card.id),
    ).toEqual(expected)
    expect(compareRank({ id: 'p_same', rank: 'a1' }, { id: 'p_same', rank: 'a1' })).toBe(0)
  })

  test('two people appending to the same column at once see the same order once their edits meet', () => {
    const alice = new Y.Doc()
    const bob = new Y.Doc()
    const idA = createProject(alice, { name: '甲项目', stage: Stage.signed }, { id: 'p_zz_from_alice' as ProjectId })
    const idB = createProject(bob, { name: '乙项目', stage: Stage.signed }, { id: 'p_aa_from_bob' as ProjectId })
    Y.applyUpdate(alice, Y.encodeStateAsUpdate(bob))
    Y.applyUpdate(bob, Y.encodeStateAsUpdate(alice))

    const aliceOrder = readColumn(alice, Stage.signed)
    // Both picked the first key of an empty column: the tie is broken by id, the same way on both sides.
    expect(aliceOrder[0]?.rank).toBe(aliceOrder[1]?.rank)
    expect(aliceOrder.map((project) => project.id)).toEqual([idB, idA])
    expect(readColumn(bob, Stage.signed).map((project) => project.id)).toEqual([idB, idA])
  })

  test('strings that are not fractional-index keys are not ranks', () => {
    expect(isRankKey('a0')).toBe(true)
    expect(isRankKey('')).toBe(false)
    expect(isRankKey('~')).toBe(false)
    expect(isRankKey('a')).toBe(false)
    expect(isRankKey(42)).toBe(false)
    expect(isRankKey('a'.repeat(129))).toBe(false)
  })
})

describe('rankAt next to unreadable keys', () => {
  test('places a card at the end of a column whose last card has an unreadable rank', () => {
    const key = rankAt(['a0', 'a1', '~'], 3)
    expect(key > 'a1').toBe(true)
  })

  test('places a card between readable neighbours when an unreadable key sits among them', () => {
    const key = rankAt(['a0', 'not a key', 'a2'], 2)
    expect(key > 'a0' && key < 'a2').toBe(true)
  })
})
