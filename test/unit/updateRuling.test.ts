import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createProject, moveProject, updateProject } from '@guatu/shared/board/projectCommands'
import { readProject } from '@guatu/shared/board/projectQueries'
import type { Principal } from '@guatu/shared/domain/principal'
import { UpdateJudge } from '@guatu/server/validation/updateJudge'
import { ruleOnUpdate } from '@guatu/server/validation/updateRuling'

const gongxin: Principal = { kind: 'user', userId: 'u_gx', username: 'gongxinju', displayName: '工信局联络员', role: 'editor', units: ['工信局'] }
const zhujian: Principal = { kind: 'user', userId: 'u_zj', username: 'zhujianju', displayName: '住建局联络员', role: 'editor', units: ['住建局'] }
const leader: Principal = { kind: 'user', userId: 'u_ld', username: 'lingdao', displayName: '区长', role: 'viewer', units: [] }
const screen: Principal = { kind: 'screen', linkId: 'scr_1', boardId: 'demo', name: '会议室大屏' }
const NOW = new Date('2026-03-02T08:00:00.000Z')

/** A live board with one project of 工信局, its judge, and a client that has synced the board. */
function setup() {
  const live = new Y.Doc()
  const own = createProject(live, { name: '华能高性能纤维项目', unit: '工信局' })
  const judge = new UpdateJudge(() => live, { clustered: false })
  const client = new Y.Doc()
  Y.applyUpdate(client, Y.encodeStateAsUpdate(live))
  return { live, judge, client, own }
}

function capture(doc: Y.Doc, change: () => void): Uint8Array {
  const updates: Uint8Array[] = []
  const keep = (update: Uint8Array) => updates.push(update)
  doc.on('update', keep)
  change()
  doc.off('update', keep)
  return Y.mergeUpdates(updates)
}

describe('the ruling a board room asks for an incoming update', () => {
  it('accepts a department moving its own card, with history in its name and its client id claimed', () => {
    const { live, judge, client, own } = setup()
    const update = capture(client, () => moveProject(client, own, { stage: 'started' }))
    const ruling = ruleOnUpdate(judge, live, gongxin, update, NOW)
    if (ruling.outcome !== 'accepted') throw new Error(`expected accepted, got ${JSON.stringify(ruling)}`)
    expect(ruling.audit.length).toBeGreaterThan(0)
    expect(ruling.audit.every((entry) => entry.actorId === 'u_gx' && entry.actorLabel.includes('工信局联络员') && entry.at === NOW.toISOString())).toBe(true)
    expect(ruling.audit.map((entry) => entry.action)).toContain('move')
    expect(ruling.claims).toEqual([{ clientId: client.clientID, principalId: 'u_gx' }])
    expect(judge.owners.ownerOf(client.clientID)).toBe('u_gx')
    // The ruling decides; the live board is the room's to change.
    expect(readProject(live, own)?.stage).not.toBe('started')
  })

  it('refuses a leader and a screen link any write, with a Chinese reason, and records no owner', () => {
    for (const principal of [leader, screen]) {
      const { live, judge, client, own } = setup()
      const update = capture(client, () => updateProject(client, own, { name: '改名' }))
      const ruling = ruleOnUpdate(judge, live, principal, update, NOW)
      expect(ruling.outcome).toBe('rejected')
      if (ruling.outcome === 'rejected') expect(ruling.reason).toMatch(/[\u4e00-\u9fff]/)
      expect(judge.owners.ownerOf(client.clientID)).toBeUndefined()
    }
  })

  it('refuses another department editing the card', () => {
    const { live, judge, client, own } = setup()
    const foreign = ruleOnUpdate(
      judge,
      live,
      zhujian,
      capture(client, () => updateProject(client, own, { name: '改名' })),
      NOW,
    )
    expect(foreign.outcome).toBe('rejected')
  })

  it('refuses an update under a client id another account already writes under', () => {
    const { live, judge, client, own } = setup()
    const first = capture(client, () => moveProject(client, own, { stage: 'started' }))
    expect(ruleOnUpdate(judge, live, gongxin, first, NOW).outcome).toBe('accepted')
    Y.applyUpdate(live, first)
    const next = capture(client, () => moveProject(client, own, { stage: 'producing' }))
    const impostor = ruleOnUpdate(judge, live, zhujian, next, NOW)
    expect(impostor.outcome).toBe('rejected')
  })

  it('calls an update the board already holds a no-op, and one missing its history a gap', () => {
    const { live, judge, client, own } = setup()
    const first = capture(client, () => moveProject(client, own, { stage: 'started' }))
    expect(ruleOnUpdate(judge, live, gongxin, first, NOW).outcome).toBe('accepted')
    Y.applyUpdate(live, first)
    expect(ruleOnUpdate(judge, live, gongxin, first, NOW).outcome).toBe('noop')

    const missing = capture(client, () => updateProject(client, own, { name: '第一次改名' }))
    const after = capture(client, () => updateProject(client, own, { name: '第二次改名' }))
    expect(missing.byteLength).toBeGreaterThan(0)
    const gap = ruleOnUpdate(judge, live, gongxin, after, NOW)
    expect(gap.outcome).toBe('gap')
    if (gap.outcome === 'gap') expect(gap.needs.clocks.get(client.clientID)).toBeGreaterThan(0)
  })

  it('has its candidate copy catch up with moves judged directly before it integrates the next update', () => {
    const { live, judge, client } = setup()
    const accept = (update: Uint8Array) => {
      const ruling = ruleOnUpdate(judge, live, gongxin, update, NOW)
      if (ruling.outcome !== 'accepted') throw new Error(`expected accepted, got ${JSON.stringify(ruling)}`)
      Y.applyUpdate(live, update)
      return ruling
    }
    // A new card is integrated into the candidate copy, which exists from then on.
    let card: ReturnType<typeof createProject> | undefined
    accept(capture(client, () => (card = createProject(client, { name: '新材料项目', unit: '工信局' }))))
    // Moves are judged without the copy; it only notes that the live board is ahead.
    const stages = ['signed', 'started', 'producing', 'planning'] as const
    for (let i = 0; i < 20; i++) accept(capture(client, () => moveProject(client, card!, { stage: stages[i % stages.length]! })))
    // Two values for one key in one update go through the copy, and build on the last move: a copy
    // that had not taken the moves from the live board would miss their history and call it a gap.
    const twice = capture(client, () =>
      client.transact(() => {
        moveProject(client, card!, { stage: 'signed' })
        moveProject(client, card!, { stage: 'started' })
      }),
    )
    const ruling = accept(twice)
    expect(ruling.audit.some((entry) => entry.action === 'move' && entry.to === 'started')).toBe(true)
    expect(readProject(live, card!)?.stage).toBe('started')
  })
})
