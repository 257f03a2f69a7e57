import type { CreateScreenLinkResponse } from '@guatu/shared/api/screenLinks'
import { createProject, updateProject } from '@guatu/shared/board/projectCommands'
import { listProjects, readProject } from '@guatu/shared/board/projectQueries'
import type { WanAmount } from '@guatu/shared/domain/money'
import type { ProjectId } from '@guatu/shared/domain/project'
import { Role } from '@guatu/shared/domain/role'
import { createAccount, createScreenLink, type TestAccount } from './accounts.ts'
import { connectClient, waitAllSynced, waitForDoc, type TestClient } from './client.ts'
import { createBoard } from './rest.ts'
import { startInProcessServer } from './inProcessServer.ts'
import { waitFor } from './wait.ts'
import { expect } from 'vitest'
import type { StartServerOptions, TestServer } from './server.ts'

/** The editor's own 责任单位 and a unit it does not belong to. */
export const OWN_UNIT = '工信局'
export const OTHER_UNIT = '商务局'
export const EDITOR_DISPLAY_NAME = '工信局张科长'
export const VIEWER_DISPLAY_NAME = '李副县长'

/**
 * A board with one project of the editor's unit, one of another unit and one the project office
 * uses for marker edits; an editor of 工信局, a viewer and a screen link; and two admin clients:
 * `admin` writes, `observer` only watches.
 */
export interface RoleBoard {
  server: TestServer
  boardId: string
  admin: TestClient
  observer: TestClient
  own: ProjectId
  other: ProjectId
  marker: ProjectId
  editor: TestAccount
  viewer: TestAccount
  screen: CreateScreenLinkResponse
}

/**
 * The board every role test starts from. In process by default; a test that crashes the server
 * passes `startServer` (a real process) as `start`.
 */
export async function startRoleBoard(
  options: StartServerOptions = {},
  start: (options: StartServerOptions) => Promise<TestServer> = startInProcessServer,
): Promise<RoleBoard> {
  const server = await start(options)
  const board = await createBoard(server, '权限测试看板')
  const admin = connectClient(server, board.id)
  const observer = connectClient(server, board.id)
  await waitAllSynced([admin, observer])
  const own = createProject(admin.doc, { name: '工信局锂电材料项目', stage: 'planning', unit: OWN_UNIT, totalInvestment: '57800' as WanAmount })
  const other = createProject(admin.doc, { name: '商务局冷链物流园', stage: 'planning', unit: OTHER_UNIT, totalInvestment: '32000' as WanAmount })
  const marker = createProject(admin.doc, { name: '发改局标记项目', stage: 'signed', unit: '发改局' })
  await waitForDoc(observer.doc, (doc) => listProjects(doc).length === 3, { message: 'the observer to see the three seeded projects' })

  const editor = await createAccount(server, {
    username: 'gxj_zhang',
    password: 'gongxin-pass-2025',
    role: Role.editor,
    units: [OWN_UNIT],
    displayName: EDITOR_DISPLAY_NAME,
  })
  const viewer = await createAccount(server, {
    username: 'lingdao_li',
    password: 'lingdao-pass-2025',
    role: Role.viewer,
    units: [],
    displayName: VIEWER_DISPLAY_NAME,
  })
  const screen = await createScreenLink(server, board.id, { name: '指挥中心大屏' })
  return { server, boardId: board.id, admin, observer, own, other, marker, editor, viewer, screen }
}

let markerCount = 0

/**
 * The project office makes a valid edit and waits until the observer has it. The server relays in
 * order, so once the observer holds this edit it holds everything the server relayed before: a
 * refused change the observer does not have by then was never relayed.
 */
export async function flushThroughObserver(board: RoleBoard): Promise<void> {
  const note = `标记${++markerCount}`
  updateProject(board.admin.doc, board.marker, { progressNote: note })
  await waitForDoc(board.observer.doc, (doc) => readProject(doc, board.marker)?.progressNote === note, {
    message: `the observer to see the marker edit "${note}"`,
  })
}

/** Waits for the server to refuse `client`'s update and returns the reason, which must be Chinese. */
export async function waitDenied(client: TestClient, what: string): Promise<string> {
  await waitFor(() => client.deniedReasons.length > 0, {
    message: `the server to refuse ${what} with a permission-denied message`,
    describe: () => `closes: ${JSON.stringify(client.closes)}`,
  })
  const reason = client.deniedReasons[0] as string
  expect(reason).toMatch(/[\u4e00-\u9fff]/)
  return reason
}
