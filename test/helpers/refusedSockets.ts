import { expect } from 'vitest'
import { createProject } from '@guatu/shared/board/projectCommands'
import { listProjects } from '@guatu/shared/board/projectQueries'
import { MessageType } from '@guatu/shared/sync/protocol'
import { connectClient, waitForDoc } from './client.ts'
import { openRawSyncSocket, type RawSocketOptions } from './rawSocket.ts'
import { createBoard } from './rest.ts'
import type { TestServer } from './server.ts'

const CHINESE = /[\u4e00-\u9fff]/

/** A board with one project and a connected admin who publishes a presence: content a refused socket must not get. */
export async function boardWithContent(server: TestServer): Promise<string> {
  const board = await createBoard(server, '保密看板')
  const admin = connectClient(server, board.id)
  await admin.waitSynced()
  admin.provider.awareness.setLocalStateField('user', { name: '项目办王主任', color: '#c0392b' })
  createProject(admin.doc, { name: '不应泄露的项目', stage: 'signed', unit: '发改局' })
  const watcher = connectClient(server, board.id)
  await waitForDoc(watcher.doc, (doc) => listProjects(doc).length === 1, { message: 'the project to be stored' })
  watcher.destroy()
  return board.id
}

/**
 * Opens a raw socket with `options` and expects the server to close it with `codes` and a Chinese
 * reason, having sent neither document state (type 0) nor presence (type 1).
 */
export async function expectRefusedWithoutContent(server: TestServer, boardId: string, options: RawSocketOptions, codes: readonly number[]) {
  const raw = await openRawSyncSocket(server, boardId, options)
  const closed = await raw.waitClosed('the server to close the socket')
  expect(codes).toContain(closed.code)
  expect(closed.reason).toMatch(CHINESE)
  const leaked = raw.frames.filter((frame) => frame.type === MessageType.sync || frame.type === MessageType.awareness)
  expect(leaked.map((frame) => `${frame.type}/${frame.syncType ?? '-'} (${frame.bytes.byteLength} bytes)`)).toEqual([])
  expect(listProjects(raw.doc)).toEqual([])
  return closed
}
