import { beforeAll, describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { BoardRoot, RecordCollection } from '@guatu/shared/board/boardDoc'
import { writeColumnMapping } from '@guatu/shared/board/boardSettingsAccess'
import { boardTotals, startMeeting } from '@guatu/shared/board/meetingCommands'
import { raiseProblem } from '@guatu/shared/board/problemCommands'
import { createProject } from '@guatu/shared/board/projectCommands'
import { listProjects } from '@guatu/shared/board/projectQueries'
import type { IsoDate } from '@guatu/shared/domain/dates'
import type { Principal } from '@guatu/shared/domain/principal'
import type { Project } from '@guatu/shared/domain/project'
import { Role as AccountRole } from '@guatu/shared/domain/role'
import { MessageType } from '@guatu/shared/sync/protocol'
import { createAccount, createScreenLink, type TestAccount } from '../helpers/accounts.ts'
import { connectClient } from '../helpers/client.ts'
import { currentItem, encodeForgedUpdate, forgedItem, freshClientId, recordItemId } from '../helpers/forgeUpdate.ts'
import { captureUpdate, openRawSyncSocket, type RawSyncSocket } from '../helpers/rawSocket.ts'
import { createBoard, fetchBoard } from '../helpers/rest.ts'
import { flushThroughObserver, startRoleBoard, type RoleBoard } from '../helpers/roleBoard.ts'
import { waitFor } from '../helpers/wait.ts'

/**
 * The families of attacks a hostile client can make with hand-built Yjs frames over a plain
 * websocket, each sent as a leader (viewer), a screen link and a department editor. Every one must
 * be refused with a Chinese reason, reach no other client, and leave no trace after compaction and
 * a restart, while the server goes on serving everyone else.
 */
const CHINESE = /[\u4e00-\u9fff]/
const FIELDS_TO_CLEAR = ['unit', 'name', 'stage'] as const

type Role = 'viewer' | 'screen' | 'editor'
const ROLES: readonly Role[] = ['viewer', 'screen', 'editor']

/** An attack builds its frame from the board as the attacker received it. */
interface Attack {
  name: string
  build(seen: Y.Doc, board: RoleBoard): Uint8Array
  /** What the refusal must say, per role (read-only principals are told they may only read). */
  reason: (role: Role) => RegExp
}

const readOnly = (role: Role, otherwise: RegExp): RegExp => (role === 'viewer' || role === 'screen' ? /只能查看/ : otherwise)

/** A clock of a client that wrote something in `doc` (the project office's client, say). */
function writerOf(seen: Y.Doc, board: RoleBoard): { client: number; state: number } {
  const client = currentItem(seen, RecordCollection.projects, board.other, 'name').id.client
  return { client, state: Y.getState(seen.store, client) }
}

const ATTACKS: readonly Attack[] = [
  {
    name: 'write-then-delete clearing unit, name and stage of every project',
    build: (seen, board) => {
      const client = freshClientId()
      const items = listProjects(seen)
        .filter((project) => project.id !== board.own)
        .flatMap((project, index) =>
          FIELDS_TO_CLEAR.map((field, offset) =>
            forgedItem({
              client,
              clock: index * FIELDS_TO_CLEAR.length + offset,
              value: 'x',
              origin: currentItem(seen, RecordCollection.projects, project.id, field).id,
            }),
          ),
        )
      return encodeForgedUpdate(items, [{ client, clock: 0, len: items.length }])
    },
    reason: (role) => readOnly(role, /只能修改本单位的项目/),
  },
  {
    name: 'an item placed by its origin into another unit’s project',
    build: (seen, board) =>
      encodeForgedUpdate([
        forgedItem({ client: freshClientId(), clock: 0, value: '被篡改的项目', origin: currentItem(seen, RecordCollection.projects, board.other, 'name').id }),
      ]),
    reason: (role) => readOnly(role, /只能修改本单位的项目/),
  },
  {
    name: 'a struct overlapping the last clock of the client that wrote the field',
    build: (seen, board) => {
      const { client, state } = writerOf(seen, board)
      const item = new Y.Item(
        Y.createID(client, state - 1),
        null,
        null,
        null,
        null,
        recordItemId(seen, RecordCollection.projects, board.own) as never,
        'name',
        new Y.ContentAny(['旧值', '被篡改']),
      )
      return encodeForgedUpdate([item])
    },
    reason: (role) => readOnly(role, /其他客户端|一个字段/),
  },
  {
    name: 'a GC struct claiming the future clocks of another client',
    build: (seen, board) => {
      const { client, state } = writerOf(seen, board)
      return encodeForgedUpdate([new Y.GC(Y.createID(client, state), 1000)])
    },
    reason: (role) => readOnly(role, /其他客户端/),
  },
  {
    name: 'a multi-value item hiding a second value',
    build: (seen, board) =>
      encodeForgedUpdate([
        forgedItem({
          client: freshClientId(),
          clock: 0,
          value: undefined,
          values: ['x'.repeat(50_000), '正常进度'],
          origin: currentItem(seen, RecordCollection.projects, board.own, 'progressNote').id,
        }),
      ]),
    reason: (role) => readOnly(role, /一个字段/),
  },
  {
    name: 'a 200 KB value placed before the valid value of the same key',
    build: (seen, board) =>
      encodeForgedUpdate([
        forgedItem({
          client: freshClientId(),
          clock: 0,
          value: '垃圾'.repeat(100_000),
          parent: recordItemId(seen, RecordCollection.projects, board.own),
          key: 'progressNote',
          rightOrigin: currentItem(seen, RecordCollection.projects, board.own, 'progressNote').id,
        }),
      ]),
    reason: (role) => readOnly(role, /过大/),
  },
  {
    name: 'a 1 MB write deleted in its own update',
    build: (seen, board) => {
      const client = freshClientId()
      const items = Array.from({ length: 16 }, (_, clock) =>
        forgedItem({ client, clock, value: 'x'.repeat(60_000), parent: recordItemId(seen, RecordCollection.projects, board.own), key: `junk${clock}` }),
      )
      return encodeForgedUpdate(items, [{ client, clock: 0, len: items.length }])
    },
    reason: (role) => readOnly(role, /过大/),
  },
  {
    name: 'sixty projects created in one message',
    build: (seen, board) => {
      const copy = new Y.Doc()
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(seen))
      return captureUpdate(copy, () => {
        for (let i = 0; i < 60; i++) createProject(copy, { name: `批量项目${i}`, unit: board.editor.user.units[0] ?? '', stage: 'planning' })
      })
    },
    reason: (role) => readOnly(role, /一次最多新建/),
  },
  {
    name: 'an item under a root the board does not have',
    build: () => encodeForgedUpdate([forgedItem({ client: freshClientId(), clock: 0, value: 1, parent: 'secrets', key: 'x' })]),
    reason: (role) => readOnly(role, /未知的数据根/),
  },
]

function tokenFor(board: RoleBoard, role: Role): string {
  return role === 'viewer' ? board.viewer.token : role === 'screen' ? board.screen.token : board.editor.token
}

async function attackerSocket(board: RoleBoard, role: Role): Promise<RawSyncSocket> {
  const raw = await openRawSyncSocket(board.server, board.boardId, { token: tokenFor(board, role) })
  await raw.waitForFrame((frame) => frame.type === MessageType.sync && frame.syncType === 1, 'the board state (SyncStep2)')
  return raw
}

/** The board as the REST API reports it, every field of every project. */
async function boardState(board: RoleBoard): Promise<string> {
  const { projects } = await fetchBoard(board.server, board.boardId)
  return JSON.stringify([...projects].sort((a: Project, b: Project) => a.id.localeCompare(b.id)))
}

describe('the server refuses every hostile frame, whoever sends it', () => {
  let board: RoleBoard
  let before: string

  beforeAll(async () => {
    board = await startRoleBoard()
    before = await boardState(board)
  })

  for (const role of ROLES) {
    for (const attack of ATTACKS) {
      test(`${attack.name}, sent by the ${role}, is refused, reaches nobody and leaves the board as it was`, async () => {
        const raw = await attackerSocket(board, role)
        raw.sendUpdate(attack.build(raw.doc, board))
        await raw.waitForFrame((frame) => frame.type === MessageType.auth, `a refusal of "${attack.name}"`)
        const reason = raw.deniedReasons()[0] ?? ''
        expect(reason).toMatch(CHINESE)
        expect(reason).toMatch(attack.reason(role))
        // The office's next edit reaches the observer: the attack, refused, did not reach it before.
        await flushThroughObserver(board)
        expect(
          JSON.stringify(
            listProjects(board.observer.doc)
              .map(({ id, name, unit, stage }) => ({ id, name, unit, stage }))
              .sort((a, b) => a.id.localeCompare(b.id)),
          ),
        ).toBe(JSON.stringify(JSON.parse(before).map(({ id, name, unit, stage }: Project) => ({ id, name, unit, stage }))))
        expect(board.observer.doc.share.has('secrets'), 'no root the schema lacks appears anywhere').toBe(false)
        raw.close()
      })
    }
  }

  test('after all of them, compaction and a restart bring back exactly the board as it was, and the server still serves', async () => {
    const markerNote = (await fetchBoard(board.server, board.boardId)).projects.find((project) => project.id === board.marker)?.progressNote
    await board.server.restart()
    const after = JSON.parse(await boardState(board)) as Project[]
    const expected = (JSON.parse(before) as Project[]).map((project) => (project.id === board.marker ? { ...project, progressNote: markerNote } : project))
    expect(JSON.stringify(after)).toBe(JSON.stringify(expected))
    const fresh = connectClient(board.server, board.boardId)
    await fresh.waitSynced()
    expect(fresh.doc.share.has('secrets')).toBe(false)
    expect(listProjects(fresh.doc)).toHaveLength(3)
    expect(fresh.doc.getMap(BoardRoot.meta).size).toBe(0)
  })
})

describe('held updates and server-stamped facts', () => {
  test('a read-only principal’s update with a gap is refused outright, never held', async () => {
    const board = await startRoleBoard()
    for (const role of ['viewer', 'screen'] as const) {
      const raw = await attackerSocket(board, role)
      const client = freshClientId()
      raw.sendUpdate(
        encodeForgedUpdate([
          forgedItem({ client, clock: 5, value: '等待', parent: recordItemId(raw.doc, RecordCollection.projects, board.own), key: 'progressNote' }),
        ]),
      )
      await raw.waitForFrame((frame) => frame.type === MessageType.auth, `the ${role}'s parked update to be refused`)
      expect(raw.deniedReasons()[0]).toMatch(/只能查看/)
      raw.close()
    }
    await flushThroughObserver(board)
  })

  test('an editor parking more than its allowance of updates with a gap is cut off, and everyone else carries on', async () => {
    const board = await startRoleBoard()
    const raw = await attackerSocket(board, 'editor')
    const client = freshClientId()
    const recordId = recordItemId(raw.doc, RecordCollection.projects, board.own)
    // Each message continues a history the server never saw (clock 0 is missing): held, not applied.
    for (let batch = 0; batch < 16 && raw.open; batch++) {
      const items = Array.from({ length: 16 }, (_, index) =>
        forgedItem({ client, clock: 1 + batch * 16 + index, value: 'x'.repeat(21_000), parent: recordId, key: 'progressNote' }),
      )
      raw.sendUpdate(encodeForgedUpdate(items))
    }
    const closed = await raw.waitClosed('the server to close a connection holding too much')
    expect(closed.reason).toMatch(/等待补齐的数据更新过多/)
    await flushThroughObserver(board)
    expect(listProjects(board.observer.doc).find((project) => project.id === board.own)?.progressNote).not.toMatch(/^x+$/)
  })

  test('the server stamps when a problem was raised, whatever time the client claims, and nobody re-dates it', async () => {
    const board = await startRoleBoard()
    const raw = await attackerSocket(board, 'editor')
    const editor = board.editor.user
    const principal = {
      kind: 'user',
      userId: editor.id,
      username: editor.username,
      displayName: editor.displayName,
      role: editor.role,
      units: editor.units,
    } as const
    const startedAt = Date.now()
    const copy = new Y.Doc()
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(raw.doc))
    let problemId = ''
    raw.sendUpdate(
      captureUpdate(copy, () => {
        problemId = raiseProblem(copy, board.own, { category: 'land', description: '用地指标未落实', leadUnit: '自然资源局' }, principal, {
          now: new Date('2022-01-03T08:00:00Z'),
        })
      }),
    )
    await raw.roundTrip()
    expect(raw.deniedReasons()).toEqual([])
    const stamped = await waitForProblem(board, problemId)
    expect(Date.parse(stamped.raisedAt), 'raisedAt is the server’s clock, not the claimed 2022-01-03').toBeGreaterThanOrEqual(startedAt - 1000)

    const redate = new Y.Doc()
    Y.applyUpdate(redate, Y.encodeStateAsUpdate(board.observer.doc))
    raw.sendUpdate(
      captureUpdate(redate, () => redate.getMap<Y.Map<unknown>>(RecordCollection.problems).get(problemId)?.set('raisedAt', '2022-01-03T08:00:00.000Z')),
    )
    await raw.waitForFrame((frame) => frame.type === MessageType.auth, 'the re-dating to be refused')
    expect(raw.deniedReasons()[0]).toBe('问题的提出人和提出时间不能修改')

    const solvedAtBirth = new Y.Doc()
    Y.applyUpdate(solvedAtBirth, Y.encodeStateAsUpdate(board.observer.doc))
    const fresh = await attackerSocket(board, 'editor')
    fresh.sendUpdate(
      captureUpdate(solvedAtBirth, () => {
        const id = raiseProblem(solvedAtBirth, board.own, { category: 'funding', description: '资金未到位', leadUnit: '财政局' }, principal)
        solvedAtBirth.getMap<Y.Map<unknown>>(RecordCollection.problems).get(id)?.set('status', 'solved')
      }),
    )
    await fresh.waitForFrame((frame) => frame.type === MessageType.auth, 'a problem solved at birth to be refused')
    expect(fresh.deniedReasons()[0]).toBe('新提出的问题不能直接标为已解决')
  })
})

async function waitForProblem(board: RoleBoard, id: string): Promise<{ raisedAt: string }> {
  let found: { raisedAt: string } | undefined
  await waitFor(
    () => {
      const record = board.observer.doc.getMap<Y.Map<unknown>>(RecordCollection.problems).get(id)
      const raisedAt = record?.get('raisedAt')
      if (typeof raisedAt === 'string' && !raisedAt.startsWith('2022')) found = { raisedAt }
      return found !== undefined
    },
    { message: `the observer to see problem ${id} with the server's stamp` },
  )
  return found!
}

/** The records and fields this round of work added, written as each principal who may not. */
describe('new fields and endpoints are refused to everyone who may not write them', () => {
  let board: RoleBoard
  let stranger: TestAccount
  beforeAll(async () => {
    board = await startRoleBoard()
    // A department that is neither the project's nor the office: 商务局's project is not its own.
    stranger = await createAccount(board.server, {
      username: 'zjj_wang',
      password: 'zhujian-pass-2025',
      role: AccountRole.editor,
      units: ['住建局'],
      displayName: '住建局王科长',
    })
  })

  const WRITES = [
    {
      name: 'a 待确认 flag on another unit’s project',
      write: (doc: Y.Doc, b: RoleBoard) => doc.getMap<Y.Map<unknown>>(RecordCollection.projects).get(b.other)?.set('unconfirmedFigures', ['totalInvestment']),
      department: /只能修改本单位的项目/,
    },
    {
      name: 'the remembered ledger column mapping',
      write: (doc: Y.Doc) => writeColumnMapping(doc, { 推进情况: 'stageEvidence' }),
      department: /只有项目办/,
    },
    {
      name: 'a meeting with its 地点',
      write: (doc: Y.Doc) => {
        const self: Principal = { kind: 'user', userId: 'x', username: 'x', displayName: 'x', role: 'admin', units: [] }
        startMeeting(doc, { title: '私开的会', date: '2022-08-22' as IsoDate, attendees: [], agenda: [], location: '会议室' }, boardTotals([]), self)
      },
      department: /只有项目办/,
    },
  ] as const

  for (const who of ['viewer', 'screen', 'department'] as const) {
    for (const attempt of WRITES) {
      test(`${attempt.name}, written by the ${who}, is refused and seen by no one`, async () => {
        const token = who === 'viewer' ? board.viewer.token : who === 'screen' ? board.screen.token : stranger.token
        const raw = await openRawSyncSocket(board.server, board.boardId, { token })
        await raw.waitForFrame((frame) => frame.type === MessageType.sync && frame.syncType === 1, 'the board state (SyncStep2)')
        const copy = new Y.Doc()
        Y.applyUpdate(copy, Y.encodeStateAsUpdate(raw.doc))
        raw.sendUpdate(captureUpdate(copy, () => attempt.write(copy, board)))
        await raw.waitForFrame((frame) => frame.type === MessageType.auth, `a refusal of ${attempt.name}`)
        expect(raw.deniedReasons()[0]).toMatch(who === 'department' ? attempt.department : /只能查看/)
        await flushThroughObserver(board)
        const observed = board.observer.doc
        expect(observed.getMap<Y.Map<unknown>>(RecordCollection.projects).get(board.other)?.get('unconfirmedFigures')).toBeUndefined()
        expect(observed.getMap(BoardRoot.meta).has('ledgerColumns')).toBe(false)
        expect(observed.getMap(RecordCollection.meetings).size).toBe(0)
        raw.close()
      })
    }
  }

  test('the minutes as Word and PDF are refused without credentials and to a screen link of another board', async () => {
    const elsewhere = await createBoard(board.server, '另一块看板')
    const otherScreen = await createScreenLink(board.server, elsewhere.id, { name: '另一块大屏' })
    for (const format of ['docx', 'pdf']) {
      const url = `${board.server.url}/api/boards/${board.boardId}/meetings/m_anymeeting01/minutes.${format}`
      expect((await fetch(url)).status, `minutes.${format} without credentials`).toBe(401)
      const foreign = await fetch(url, { headers: { authorization: `Bearer ${otherScreen.token}` } })
      expect(foreign.status, `minutes.${format} through another board's screen link`).toBe(403)
      expect(await foreign.text()).toMatch(CHINESE)
    }
  })
})
