import { describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { BoardRoot, RecordCollection } from '@guatu/shared/board/boardDoc'
import { raiseProblem } from '@guatu/shared/board/problemCommands'
import { createProject, moveProject, updateProject } from '@guatu/shared/board/projectCommands'
import { listProjects } from '@guatu/shared/board/projectQueries'
import { writeRecordStamps } from '@guatu/shared/board/recordStamps'
import type { WanAmount } from '@guatu/shared/domain/money'
import type { Principal } from '@guatu/shared/domain/principal'
import { STAGES } from '@guatu/shared/domain/stage'
import { UpdateJudge } from '@guatu/server/validation/updateJudge'
import { currentItem, encodeForgedUpdate, forgedItem, freshClientId, recordItemId } from '../helpers/forgeUpdate.ts'
import { fuzzSeed, withSeed, type Rng } from '../helpers/prng.ts'

/**
 * A property of the judge, over seeded random sequences of legal and hostile updates from the
 * project office, a department and a leader: every update it accepts changes the board only in ways
 * the sender's role may (checked by diffing the whole board before and after), and a replay of
 * what it accepted — as storage would — reproduces the board exactly.
 */
const OWN = '工信局'
const UNITS = [OWN, '商务局', '住建局'] as const
const STEPS = 300

const ADMIN: Principal = { kind: 'user', userId: 'u_admin', username: 'admin', displayName: '项目办', role: 'admin', units: [] }
const EDITOR: Principal = { kind: 'user', userId: 'u_gxj', username: 'gxj', displayName: '工信局张科长', role: 'editor', units: [OWN] }
const VIEWER: Principal = { kind: 'user', userId: 'u_ld', username: 'ld', displayName: '李副县长', role: 'viewer', units: [] }
const SCREEN: Principal = { kind: 'screen', linkId: 's_1', boardId: 'b', name: '大屏' }
const SENDERS = [ADMIN, EDITOR, EDITOR, VIEWER, SCREEN] as const

type BoardJson = Record<string, Record<string, Record<string, unknown>>>

function boardJson(doc: Y.Doc): BoardJson {
  const json: BoardJson = {}
  for (const root of Object.values(BoardRoot)) json[root] = doc.getMap(root).toJSON() as Record<string, Record<string, unknown>>
  return json
}

/** What changed between two boards, as "collection/id/field" (field "*" for a whole record). */
function diff(before: BoardJson, after: BoardJson): Array<{ collection: string; id: string; field: string }> {
  const changes: Array<{ collection: string; id: string; field: string }> = []
  for (const collection of Object.keys({ ...before, ...after })) {
    const a = before[collection] ?? {}
    const b = after[collection] ?? {}
    for (const id of new Set([...Object.keys(a), ...Object.keys(b)])) {
      if (!(id in a) || !(id in b)) {
        changes.push({ collection, id, field: '*' })
        continue
      }
      const fa = a[id] ?? {}
      const fb = b[id] ?? {}
      if (typeof fa !== 'object' || typeof fb !== 'object') {
        if (JSON.stringify(fa) !== JSON.stringify(fb)) changes.push({ collection, id, field: '*' })
        continue
      }
      for (const field of new Set([...Object.keys(fa), ...Object.keys(fb)])) {
        if (JSON.stringify(fa[field]) !== JSON.stringify(fb[field])) changes.push({ collection, id, field })
      }
    }
  }
  return changes
}

/** Which changes the sender's role may make; returns the first it may not. */
function forbiddenChange(sender: Principal, before: BoardJson, after: BoardJson): string | undefined {
  const changes = diff(before, after)
  if (sender.kind === 'screen' || sender.role === 'viewer')
    return changes.length > 0 ? `read-only ${sender.kind} changed ${JSON.stringify(changes[0])}` : undefined
  if (sender.role === 'admin') return undefined
  const unitOf = (board: BoardJson, projectId: unknown) => (typeof projectId === 'string' ? board.projects?.[projectId]?.unit : undefined)
  for (const change of changes) {
    const label = JSON.stringify(change)
    if (change.collection === RecordCollection.projects) {
      const was = before.projects?.[change.id]
      const now = after.projects?.[change.id]
      if (!now) return `editor deleted project ${label}`
      if (was && !sender.units.includes(String(was.unit))) return `editor changed another unit's project ${label}`
      if (!sender.units.includes(String(now.unit))) return `editor left a project with another unit ${label}`
      continue
    }
    if (change.collection === RecordCollection.problems) {
      const record = after.problems?.[change.id] ?? before.problems?.[change.id]
      if (!after.problems?.[change.id]) return `editor deleted problem ${label}`
      if (!sender.units.includes(String(unitOf(before, record?.projectId) ?? unitOf(after, record?.projectId))))
        return `editor touched another unit's problem ${label}`
      continue
    }
    return `editor changed ${label}`
  }
  return undefined
}

/** One simulated client: a document that follows the server, and the principal behind it. */
interface SimClient {
  principal: Principal
  doc: Y.Doc
}

function freshDoc(from: Y.Doc): Y.Doc {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(from))
  return doc
}

function capture(doc: Y.Doc, change: () => void): Uint8Array | undefined {
  const updates: Uint8Array[] = []
  const onUpdate = (update: Uint8Array) => updates.push(update)
  doc.on('update', onUpdate)
  try {
    change()
  } catch {
    // A command refused by its own validation (a stale id): nothing to send.
  } finally {
    doc.off('update', onUpdate)
  }
  return updates.length === 0 ? undefined : Y.mergeUpdates(updates)
}

/** An honest command of the client's role, as the UI would issue it. */
function legalUpdate(client: SimClient, rng: Rng): Uint8Array | undefined {
  const projects = listProjects(client.doc)
  const mine = client.principal.kind === 'user' && client.principal.role === 'editor' ? projects.filter((p) => p.unit === OWN) : projects
  return capture(client.doc, () => {
    const target = mine.length > 0 ? rng.pick(mine) : undefined
    const choice = rng.int(4)
    if (choice === 0 || !target)
      createProject(client.doc, { name: `新项目${rng.int(1000)}`, unit: OWN, stage: rng.pick(STAGES), totalInvestment: String(rng.int(90_000)) as WanAmount })
    else if (choice === 1) moveProject(client.doc, target.id, { stage: rng.pick(STAGES) })
    else if (choice === 2)
      updateProject(client.doc, target.id, { progressNote: `进度${rng.int(1000)}`, completedInvestment: String(rng.int(50_000)) as WanAmount })
    else raiseProblem(client.doc, target.id, { category: 'land', description: `问题${rng.int(100)}`, leadUnit: '自然资源局' }, client.principal)
  })
}

/** A hand-built frame of one of the attack families, aimed at a random project. */
function hostileUpdate(client: SimClient, victims: Y.Doc, rng: Rng): Uint8Array | undefined {
  const projects = listProjects(client.doc)
  if (projects.length === 0) return undefined
  const project = rng.pick(projects)
  const field = rng.pick(['unit', 'name', 'stage', 'rank', 'totalInvestment'] as const)
  const fieldItem = currentItem(client.doc, RecordCollection.projects, project.id, field)
  const me = freshClientId()
  const otherClients = [...victims.store.clients.keys()]
  const victim = otherClients.length > 0 ? rng.pick(otherClients) : me
  switch (rng.int(7)) {
    case 0:
      return encodeForgedUpdate([forgedItem({ client: me, clock: 0, value: 'x', origin: fieldItem.id })], [{ client: me, clock: 0, len: 1 }])
    case 1:
      return encodeForgedUpdate([forgedItem({ client: me, clock: 0, value: rng.pick(['被篡改', '商务局', '']), origin: fieldItem.id })])
    case 2:
      return encodeForgedUpdate([new Y.GC(Y.createID(victim, Y.getState(client.doc.store, victim)), 50)])
    case 3:
      return encodeForgedUpdate([forgedItem({ client: victim, clock: Y.getState(client.doc.store, victim), value: '劫持', origin: fieldItem.id })])
    case 4:
      return encodeForgedUpdate([], [{ client: fieldItem.id.client, clock: fieldItem.id.clock, len: 1 }])
    case 5: {
      const record = recordItemId(client.doc, RecordCollection.projects, project.id)
      return encodeForgedUpdate([], [{ client: record.client, clock: record.clock, len: 1 }])
    }
    default:
      return encodeForgedUpdate([
        forgedItem({
          client: me,
          clock: 0,
          value: 'x',
          rightOrigin: fieldItem.id,
          parent: recordItemId(client.doc, RecordCollection.projects, project.id),
          key: field,
        }),
      ])
  }
}

async function runProperty(seed: number): Promise<{ accepted: number; refused: number; hostileAccepted: number }> {
  return withSeed(seed, async (rng) => {
    const live = new Y.Doc()
    const judge = new UpdateJudge(() => live, { clustered: false })
    const log: Uint8Array[] = []
    const record = (update: Uint8Array) => log.push(update)
    live.on('update', record)
    const deliver = (sender: Principal, update: Uint8Array, hostile: boolean) => {
      const before = boardJson(live)
      const verdict = judge.judge(sender, update)
      if (verdict.outcome !== 'accepted') return verdict.outcome === 'noop' ? 'noop' : 'refused'
      judge.accepted(verdict, sender)
      Y.applyUpdate(live, update)
      const stampsBefore = log.length
      writeRecordStamps(live, verdict.stamps, 'server')
      if (log.length > stampsBefore) judge.follow()
      const forbidden = forbiddenChange(sender, before, boardJson(live))
      if (forbidden) throw new Error(`${hostile ? 'hostile' : 'legal'} update accepted with a forbidden effect: ${forbidden}`)
      return 'accepted'
    }
    // The office seeds the board.
    const office = freshDoc(live)
    const seeded = capture(office, () => {
      for (let i = 0; i < 9; i++)
        createProject(office, { name: `种子项目${i}`, unit: UNITS[i % UNITS.length], stage: STAGES[i % STAGES.length], totalInvestment: '10000' as WanAmount })
    })
    expect(deliver(ADMIN, seeded!, false)).toBe('accepted')
    const clients: SimClient[] = SENDERS.map((principal) => ({ principal, doc: freshDoc(live) }))
    let accepted = 0
    let refused = 0
    let hostileAccepted = 0
    for (let step = 0; step < STEPS; step++) {
      const client = rng.pick(clients)
      const hostile = rng.chance(0.5)
      const update = hostile ? hostileUpdate(client, live, rng) : legalUpdate(client, rng)
      if (!update) continue
      const outcome = deliver(client.principal, update, hostile)
      if (outcome === 'accepted') {
        accepted++
        if (hostile) hostileAccepted++
      } else if (outcome === 'refused') refused++
      // Everyone follows the server; a client refused (or holding a forged state) starts afresh, as Guatu's client does.
      for (const other of clients) {
        if (other === client && outcome !== 'accepted') other.doc = freshDoc(live)
        else Y.applyUpdate(other.doc, Y.encodeStateAsUpdate(live, Y.encodeStateVector(other.doc)))
      }
      if (hostile && outcome === 'accepted') client.doc = freshDoc(live)
    }
    // Storage replays exactly what was accepted, in order: the same board.
    const replayed = new Y.Doc()
    for (const update of log) Y.applyUpdate(replayed, update)
    expect(boardJson(replayed)).toEqual(boardJson(live))
    for (const client of clients) expect(boardJson(client.doc)).toEqual(boardJson(live))
    return { accepted, refused, hostileAccepted }
  })
}

describe('the judge, under random legal and hostile updates from every role', () => {
  test('accepts only effects the sender may make, and storage replays to the same board', async () => {
    const stats = await runProperty(fuzzSeed(20_261_206))
    // The run must have done real work on both sides of the line.
    expect(stats.accepted).toBeGreaterThan(50)
    expect(stats.refused).toBeGreaterThan(75)
  })

  test('holds for other seeds too', async () => {
    for (const seed of [1, 7]) {
      const stats = await runProperty(seed)
      expect(stats.accepted + stats.refused).toBeGreaterThan(150)
    }
  })
})
