import { describe, expect, test } from 'vitest'
import { boundariesPath, type BoundariesResponse } from '@guatu/shared/api/boundaries'
import { metaRoot } from '@guatu/shared/board/boardDoc'
import { readBoundariesVersion, SettingKey } from '@guatu/shared/board/boardSettingsAccess'
import { BOW_TIE, collection, polygonFeature, sampleCounty } from '../helpers/boundaryFiles.ts'
import { captureUpdate, openRawSyncSocket } from '../helpers/rawSocket.ts'
import { requestJson } from '../helpers/rest.ts'
import { flushThroughObserver, startRoleBoard, type RoleBoard } from '../helpers/roleBoard.ts'
import { waitFor } from '../helpers/wait.ts'
import { waitForDoc } from '../helpers/client.ts'

/**
 * An accepted boundary upload is announced in the board document (meta.boundariesVersion) so open
 * pages fetch the new map; the announcement is the server's alone: no client, the office's
 * included, can write it, and a refused upload announces nothing.
 */
async function upload(board: RoleBoard, body: unknown) {
  return requestJson<BoundariesResponse>(board.server, boundariesPath(board.boardId), { method: 'PUT', body, token: board.server.adminToken })
}

describe('boundaries reach open pages', () => {
  test('an upload announces its time to every connected client; a refused one announces nothing', async () => {
    const board = await startRoleBoard()
    expect(readBoundariesVersion(board.observer.doc)).toBeUndefined()
    const first = await upload(board, sampleCounty())
    expect(first.status).toBe(200)
    await waitForDoc(board.observer.doc, (doc) => readBoundariesVersion(doc) === first.body.updatedAt, { message: 'the first upload’s announcement' })

    const refused = await upload(board, { townships: collection(polygonFeature('交叉镇', BOW_TIE)) })
    expect(refused.status).toBe(400)
    await flushThroughObserver(board)
    expect(readBoundariesVersion(board.observer.doc), 'a refused file changes nothing on the pages').toBe(first.body.updatedAt)

    const second = await upload(board, { county: null })
    expect(second.status).toBe(200)
    expect(second.body.updatedAt).not.toBe(first.body.updatedAt)
    await waitForDoc(board.observer.doc, (doc) => readBoundariesVersion(doc) === second.body.updatedAt, { message: 'the second upload’s announcement' })
  })

  for (const who of ['the project office', 'a department', 'a leader', 'a screen link'] as const) {
    test(`${who} cannot write the announcement itself`, async () => {
      const board = await startRoleBoard()
      const token =
        who === 'the project office'
          ? board.server.adminToken
          : who === 'a department'
            ? board.editor.token
            : who === 'a leader'
              ? board.viewer.token
              : board.screen.token
      const socket = await openRawSyncSocket(board.server, board.boardId, { token })
      await socket.roundTrip()
      socket.sendUpdate(captureUpdate(socket.doc, () => metaRoot(socket.doc).set(SettingKey.boundariesVersion, '2099-01-01T00:00:00.000Z')))
      await waitFor(() => socket.deniedReasons().length > 0, { message: `${who}'s forged announcement to be refused` })
      expect(socket.deniedReasons()[0]).toMatch(/[\u4e00-\u9fff]/)
      await flushThroughObserver(board)
      expect(readBoundariesVersion(board.observer.doc)).toBeUndefined()
      socket.close()
    })
  }
})
