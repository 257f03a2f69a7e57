import { beforeAll, describe, expect, test } from 'vitest'
import type * as Y from 'yjs'
import { projectsRoot } from '@guatu/shared/board/boardDoc'
import { placeProjectFromPhoto } from '@guatu/shared/board/coordinateCommands'
import { listPhotos } from '@guatu/shared/board/photoQueries'
import { updateProject } from '@guatu/shared/board/projectCommands'
import { readProject } from '@guatu/shared/board/projectQueries'
import type { ProjectId } from '@guatu/shared/domain/project'
import { connectClient, waitForDoc } from '../helpers/client.ts'
import { SITE_GPS, albumPng, cameraJpeg, uploadPhotos } from '../helpers/photoFiles.ts'
import { captureUpdate, openRawSyncSocket } from '../helpers/rawSocket.ts'
import { flushThroughObserver, startRoleBoard, type RoleBoard } from '../helpers/roleBoard.ts'
import { waitFor } from '../helpers/wait.ts'

/**
 * 坐标 is a DEPARTMENT field like the rest of a project: its unit (and the office) places the
 * point; a leader, a screen link and another department cannot move it, whatever frame they send,
 * and a point outside China or a forged shape is refused for everyone.
 */
const CHINESE = /[\u4e00-\u9fff]/
const SITE = { lng: 108.9412, lat: 34.261, source: 'manual' } as const

/** Sets the raw value on the project's map in a copy of what the attacker received: no command, no local check. */
function forgedCoordinates(socketDoc: Y.Doc, projectId: ProjectId, value: unknown): Uint8Array {
  return captureUpdate(socketDoc, () => projectsRoot(socketDoc).get(projectId)!.set('coordinates', value))
}

describe('coordinates: who may place a project on the map', () => {
  let board: RoleBoard

  beforeAll(async () => {
    board = await startRoleBoard()
  })

  test('a department places its own project and the office moves another unit’s; everyone sees the point', async () => {
    const editor = connectClient(board.server, board.boardId, { token: board.editor.token })
    await editor.waitSynced()
    updateProject(editor.doc, board.own, { coordinates: SITE })
    await waitForDoc(board.observer.doc, (doc) => readProject(doc, board.own)?.coordinates?.lng === SITE.lng, { message: '工信局’s point to arrive' })
    expect(readProject(board.observer.doc, board.own)?.coordinates).toEqual(SITE)
    updateProject(board.admin.doc, board.other, { coordinates: { lng: 109.01, lat: 34.3, source: 'import' } })
    await waitForDoc(board.observer.doc, (doc) => readProject(doc, board.other)?.coordinates?.source === 'import', { message: 'the office’s point to arrive' })
    expect(editor.deniedReasons).toEqual([])
  })

  for (const role of ['viewer', 'screen', 'editor'] as const) {
    test(`raw frames from ${role === 'viewer' ? 'a leader' : role === 'screen' ? 'a screen link' : 'another department'} moving 商务局’s point are refused and reach nobody`, async () => {
      const token = role === 'viewer' ? board.viewer.token : role === 'screen' ? board.screen.token : board.editor.token
      const socket = await openRawSyncSocket(board.server, board.boardId, { token })
      await socket.roundTrip()
      const before = readProject(board.observer.doc, board.other)?.coordinates
      socket.sendUpdate(forgedCoordinates(socket.doc, board.other, { lng: 116.4, lat: 39.9, source: 'manual' }))
      await waitFor(() => socket.deniedReasons().length > 0, { message: `${role}'s move to be refused` })
      expect(socket.deniedReasons()[0]).toMatch(role === 'editor' ? /只能修改本单位的项目/ : /只能查看/)
      await flushThroughObserver(board)
      expect(readProject(board.observer.doc, board.other)?.coordinates).toEqual(before)
      socket.close()
    })
  }

  const BAD_VALUES: ReadonlyArray<[string, unknown, RegExp]> = [
    ['longitude and latitude swapped (a point in the sea)', { lng: 34.2, lat: 108.9, source: 'manual' }, /不在中国境内/],
    ['a source nobody offers', { lng: 108.9, lat: 34.2, source: 'gps-spoofer' }, /坐标来源/],
    ['a string instead of degrees', { lng: '108.9', lat: 34.2, source: 'manual' }, /经度/],
    ['an extra key beside the point', { lng: 108.9, lat: 34.2, source: 'manual', by: 'admin' }, CHINESE],
    ['two separate numbers instead of one value', 108.9, CHINESE],
  ]
  for (const [what, value, reason] of BAD_VALUES) {
    test(`even the office’s own unit cannot store ${what}`, async () => {
      const socket = await openRawSyncSocket(board.server, board.boardId, { token: board.editor.token })
      await socket.roundTrip()
      socket.sendUpdate(forgedCoordinates(socket.doc, board.own, value))
      await waitFor(() => socket.deniedReasons().length > 0, { message: `${what} to be refused` })
      expect(socket.deniedReasons()[0]).toMatch(reason)
      await flushThroughObserver(board)
      expect(readProject(board.observer.doc, board.own)?.coordinates).toEqual(SITE)
      socket.close()
    })
  }

  test('用照片定位: the unit takes its project’s point from its photo’s GPS; a leader, a screen link and another department cannot', async () => {
    const own = await uploadPhotos(board.server, board.boardId, board.own, [{ name: '现场.jpg', bytes: await cameraJpeg() }], { token: board.editor.token })
    expect(own.status, JSON.stringify(own.body)).toBe(201)
    const other = await uploadPhotos(
      board.server,
      board.boardId,
      board.other,
      [{ name: '冷库.png', bytes: await albumPng(), type: 'image/png', meta: { lng: 116.4, lat: 39.9 } }],
      { token: board.server.adminToken },
    )
    expect(other.status, JSON.stringify(other.body)).toBe(201)
    await waitForDoc(board.observer.doc, (doc) => listPhotos(doc).length === 2, { message: 'both photo records' })
    const ownPhoto = listPhotos(board.observer.doc, board.own)[0]!.id
    const otherPhoto = listPhotos(board.observer.doc, board.other)[0]!.id
    const otherBefore = readProject(board.observer.doc, board.other)?.coordinates

    for (const [who, token, photo, project] of [
      ['a leader', board.viewer.token, otherPhoto, board.other],
      ['a screen link', board.screen.token, otherPhoto, board.other],
      ['another department', board.editor.token, otherPhoto, board.other],
    ] as const) {
      const client = connectClient(board.server, board.boardId, { token })
      await client.waitSynced()
      placeProjectFromPhoto(client.doc, project, photo)
      await waitFor(() => client.deniedReasons.length > 0, { message: `${who}'s 照片定位 to be refused` })
      expect(client.deniedReasons[0]).toMatch(CHINESE)
    }
    await flushThroughObserver(board)
    expect(readProject(board.observer.doc, board.other)?.coordinates).toEqual(otherBefore)

    const editor = connectClient(board.server, board.boardId, { token: board.editor.token })
    await editor.waitSynced()
    // A photo of another project does not place this one.
    expect(() => placeProjectFromPhoto(editor.doc, board.own, otherPhoto)).toThrow(/不属于此项目/)
    placeProjectFromPhoto(editor.doc, board.own, ownPhoto)
    await waitForDoc(board.observer.doc, (doc) => readProject(doc, board.own)?.coordinates?.source === 'photo', {
      message: 'the photo’s point on 工信局’s project',
    })
    expect(readProject(board.observer.doc, board.own)?.coordinates).toEqual({ lng: SITE_GPS.lng, lat: SITE_GPS.lat, source: 'photo' })
  })
})
