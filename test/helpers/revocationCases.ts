import type { PublicUser } from '@guatu/shared/api/users'
import { expect } from 'vitest'
import { createProject, updateProject } from '@guatu/shared/board/projectCommands'
import { listProjects, readProject } from '@guatu/shared/board/projectQueries'
import type { ProjectId } from '@guatu/shared/domain/project'
import { Role } from '@guatu/shared/domain/role'
import { CloseCode, MessageType } from '@guatu/shared/sync/protocol'
import { createUser, loginCookie } from './accounts.ts'
import { connectClient, waitForDoc } from './client.ts'
import { createApiToken } from './credentials.ts'
import { captureUpdate, openRawSyncSocket, type RawSyncSocket } from './rawSocket.ts'
import { createBoard, expectStatus, fetchBoard, requestJson } from './rest.ts'
import type { TestServer } from './server.ts'
import type { TokenListResponse } from '@guatu/shared/api/tokens'

/** How long a revoked socket may stay open: "at once", with room for a loaded CI machine. */
export const CLOSED_WITHIN_MS = 1_000

const OWN_UNIT = '工信局'

/**
 * Where the revocation is made and where the socket is: the same process, or two processes on
 * one PostgreSQL database and one Redis (the close then travels over the control channel).
 */
export interface Topology {
  /** The process the office (or the user) talks to when revoking. */
  act: TestServer
  /** The process the revoked socket is connected to. */
  socketOn: TestServer
}

/** A department user with a session, two API tokens and a board with one project of their unit. */
export interface Subject {
  user: PublicUser
  password: string
  cookie: string
  otherCookie: string
  token: string
  tokenId: string
  otherToken: string
  boardId: string
  projectId: ProjectId
}

let subjectCount = 0

export async function prepareSubject(topology: Topology): Promise<Subject> {
  const n = ++subjectCount
  const password = `revoke-pass-${n}-2025`
  const user = await createUser(topology.act, { username: `rev_user_${n}_${Date.now() % 100000}`, password, role: Role.editor, units: [OWN_UNIT] })
  const board = await createBoard(topology.act, `撤销测试${n}`)
  const admin = connectClient(topology.act, board.id)
  await admin.waitSynced()
  const projectId = createProject(admin.doc, { name: '工信局锂电材料项目', stage: 'planning', unit: OWN_UNIT })
  const fresh = connectClient(topology.socketOn, board.id)
  await waitForDoc(fresh.doc, (doc) => listProjects(doc).length === 1, { message: 'the project to be stored and seen on the socket process' })
  admin.destroy()
  fresh.destroy()
  const cookie = await loginCookie(topology.socketOn, user.username, password)
  const otherCookie = await loginCookie(topology.socketOn, user.username, password)
  const token = await createApiToken(topology.socketOn.url, cookie, '同步脚本')
  const otherToken = await createApiToken(topology.socketOn.url, cookie, '另一个脚本')
  const tokens = expectStatus(await requestJson<TokenListResponse>(topology.socketOn, '/api/tokens', { cookie }), 200, 'GET /api/tokens')
  const tokenId = tokens.tokens.find((entry) => entry.name === '同步脚本')?.id ?? ''
  return { user, password, cookie, otherCookie, token, tokenId, otherToken, boardId: board.id, projectId }
}

export type Credential = { cookie: string } | { token: string }

/** A raw socket as the subject, synced, holding the board's project. */
export async function openAs(server: TestServer, subject: Subject, credential: Credential): Promise<RawSyncSocket> {
  const raw = await openRawSyncSocket(server, subject.boardId, 'cookie' in credential ? { cookie: credential.cookie } : { token: credential.token })
  await raw.roundTrip()
  expect(readProject(raw.doc, subject.projectId)?.name, 'the socket holds the project before the revocation').toBe('工信局锂电材料项目')
  return raw
}

let noteCount = 0

/** Sends an edit of the subject's own project; returns the note it writes. A no-op on a closed socket. */
export function sendEdit(raw: RawSyncSocket, subject: Subject): string {
  const note = `撤销后写入${++noteCount}`
  raw.sendUpdate(captureUpdate(raw.doc, () => updateProject(raw.doc, subject.projectId, { progressNote: note })))
  return note
}

/** The stored project's progress note, as the REST API of `server` reports it. */
export async function storedNote(server: TestServer, subject: Subject): Promise<string | undefined> {
  const { projects } = await fetchBoard(server, subject.boardId)
  return projects.find((project) => project.id === subject.projectId)?.progressNote
}

/**
 * One revocation: how the socket was opened, what revokes it, how it must be closed, and what a
 * new socket with the same credential gets afterwards.
 */
export interface RevocationCase {
  name: string
  credential: (subject: Subject) => Credential
  revoke: (topology: Topology, subject: Subject) => Promise<void>
  code: number
  reason: RegExp
  /** A socket with a credential the revocation must NOT reach, still open and answering afterwards. */
  untouched?: (subject: Subject) => Credential
  /** Whether the same credential may reconnect (with the new permissions) afterwards. */
  reconnects: boolean
}

async function patchUser(topology: Topology, subject: Subject, body: Record<string, unknown>): Promise<void> {
  expectStatus(await requestJson(topology.act, `/api/users/${subject.user.id}`, { method: 'PATCH', body }), 200, `PATCH /api/users (${JSON.stringify(body)})`)
}

/** The user changes their own password from the session `cookie` (a thief may hold the other one). */
async function changeOwnPassword(topology: Topology, subject: Subject): Promise<void> {
  const body = { currentPassword: subject.password, newPassword: `${subject.password}-own` }
  expectStatus(await requestJson(topology.act, '/api/password', { method: 'POST', cookie: subject.cookie, token: null, body }), 200, 'POST /api/password')
}

export const REVOCATION_CASES: RevocationCase[] = [
  {
    name: 'logging out closes the sockets of that session, and only of that session',
    credential: (subject) => ({ cookie: subject.cookie }),
    revoke: async (topology, subject) => {
      expectStatus(await requestJson(topology.act, '/api/logout', { method: 'POST', cookie: subject.cookie, token: null }), 204, 'POST /api/logout')
    },
    code: CloseCode.unauthorized,
    reason: /已退出登录/,
    untouched: (subject) => ({ cookie: subject.otherCookie }),
    reconnects: false,
  },
  {
    name: 'deleting an API token closes the sockets opened with it, and only those',
    credential: (subject) => ({ token: subject.token }),
    revoke: async (topology, subject) => {
      const path = `/api/tokens/${subject.tokenId}`
      expectStatus(await requestJson(topology.act, path, { method: 'DELETE', cookie: subject.otherCookie, token: null }), 204, `DELETE ${path}`)
    },
    code: CloseCode.unauthorized,
    reason: /脚本令牌已被删除/,
    untouched: (subject) => ({ token: subject.otherToken }),
    reconnects: false,
  },
  {
    name: "the office's password reset closes the user's session sockets",
    credential: (subject) => ({ cookie: subject.cookie }),
    revoke: (topology, subject) => patchUser(topology, subject, { password: `${subject.password}-new` }),
    code: CloseCode.unauthorized,
    reason: /密码已更改/,
    reconnects: false,
  },
  {
    name: "the office's password reset closes the user's API-token sockets and ends the tokens",
    credential: (subject) => ({ token: subject.token }),
    revoke: (topology, subject) => patchUser(topology, subject, { password: `${subject.password}-new` }),
    code: CloseCode.unauthorized,
    reason: /密码已更改/,
    reconnects: false,
  },
  {
    name: "changing one's own password closes the sockets of the user's other sessions",
    credential: (subject) => ({ cookie: subject.otherCookie }),
    revoke: (topology, subject) => changeOwnPassword(topology, subject),
    code: CloseCode.serverRestart,
    reason: /密码已修改/,
    reconnects: false,
  },
  {
    name: "changing one's own password closes the user's API-token sockets and ends the tokens",
    credential: (subject) => ({ token: subject.token }),
    revoke: (topology, subject) => changeOwnPassword(topology, subject),
    code: CloseCode.serverRestart,
    reason: /密码已修改/,
    reconnects: false,
  },
  {
    name: 'disabling the user closes every socket of theirs',
    credential: (subject) => ({ token: subject.token }),
    revoke: (topology, subject) => patchUser(topology, subject, { disabled: true }),
    code: CloseCode.unauthorized,
    reason: /账号已停用/,
    reconnects: false,
  },
  {
    name: 'a role change closes the sockets; the user reconnects as a leader and can no longer write',
    credential: (subject) => ({ token: subject.token }),
    revoke: (topology, subject) => patchUser(topology, subject, { role: Role.viewer, units: [] }),
    code: CloseCode.serverRestart,
    reason: /权限已变更/,
    reconnects: true,
  },
  {
    name: "a unit change closes the sockets; the user reconnects and can no longer write the old unit's project",
    credential: (subject) => ({ cookie: subject.cookie }),
    revoke: (topology, subject) => patchUser(topology, subject, { units: ['商务局'] }),
    code: CloseCode.serverRestart,
    reason: /权限已变更/,
    reconnects: true,
  },
]

/**
 * The whole check for one case: the socket closes within CLOSED_WITHIN_MS with the cause's code
 * and Chinese reason; a write sent after the revocation is not applied; a socket with another
 * credential stays; the revoked credential cannot open a socket again (or, after a role or unit
 * change, opens one whose writes are refused).
 */
export async function expectRevoked(topology: Topology, revocation: RevocationCase): Promise<void> {
  const subject = await prepareSubject(topology)
  const credential = revocation.credential(subject)
  const raw = await openAs(topology.socketOn, subject, credential)
  const untouched = revocation.untouched ? await openAs(topology.socketOn, subject, revocation.untouched(subject)) : undefined

  await revocation.revoke(topology, subject)
  // Sent as soon as the revocation is answered: the server answers only after closing the socket
  // on its own process and handing the revocation to Redis for the others.
  const lateNote = sendEdit(raw, subject)
  const close = await raw.waitClosed(`the socket to close within ${CLOSED_WITHIN_MS} ms`, CLOSED_WITHIN_MS)
  expect(close.code).toBe(revocation.code)
  expect(close.reason).toMatch(revocation.reason)
  const afterClose = sendEdit(raw, subject)
  for (const note of [lateNote, afterClose]) {
    expect(await storedNote(topology.socketOn, subject), 'the write after the revocation is not applied').not.toBe(note)
  }

  if (untouched) {
    await untouched.roundTrip()
    expect(untouched.open, 'a socket with another credential of the same user stays open').toBe(true)
    untouched.close()
  }

  const again = await openRawSyncSocket(
    topology.socketOn,
    subject.boardId,
    'cookie' in credential ? { cookie: credential.cookie } : { token: credential.token },
  )
  if (!revocation.reconnects) {
    const refused = await again.waitClosed('the revoked credential to be refused on a new socket')
    expect(refused.code).toBe(CloseCode.unauthorized)
    expect(refused.reason).toMatch(/[\u4e00-\u9fff]/)
    return
  }
  await again.roundTrip()
  const note = sendEdit(again, subject)
  await again.waitForFrame((frame) => frame.type === MessageType.auth, 'the write with the new permissions to be refused')
  expect(again.deniedReasons()[0] ?? '').toMatch(/[\u4e00-\u9fff]/)
  expect(await storedNote(topology.socketOn, subject)).not.toBe(note)
  again.close()
}
