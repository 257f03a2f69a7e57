import { readdir } from 'node:fs/promises'
import path from 'node:path'
import exifr from 'exifr'
import sharp from 'sharp'
import { beforeAll, describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { photoPath } from '@guatu/shared/api/photos'
import { RecordCollection } from '@guatu/shared/board/boardDoc'
import { listPhotos } from '@guatu/shared/board/photoQueries'
import { PhotoVariant, newPhotoId, type PhotoId } from '@guatu/shared/domain/photo'
import { Role } from '@guatu/shared/domain/role'
import { MessageType } from '@guatu/shared/sync/protocol'
import { createAccount, createScreenLink, type TestAccount } from '../helpers/accounts.ts'
import { connectClient } from '../helpers/client.ts'
import { SITE_GPS, albumPng, cameraJpeg, pixelBombPng, uploadPhotos } from '../helpers/photoFiles.ts'
import { captureUpdate, openRawSyncSocket } from '../helpers/rawSocket.ts'
import { createBoard, fetchHistory } from '../helpers/rest.ts'
import { EDITOR_DISPLAY_NAME, OTHER_UNIT, flushThroughObserver, startRoleBoard, type RoleBoard } from '../helpers/roleBoard.ts'
import { waitForDoc } from '../helpers/client.ts'

const CHINESE = /[\u4e00-\u9fff]/

async function getImage(board: RoleBoard, photoId: string, variant: PhotoVariant, credentials: { token?: string; query?: string; boardId?: string } = {}) {
  const url = `${board.server.url}${photoPath(credentials.boardId ?? board.boardId, photoId, variant)}${credentials.query ? `?token=${credentials.query}` : ''}`
  const response = await fetch(url, { headers: credentials.token ? { authorization: `Bearer ${credentials.token}` } : {} })
  return { status: response.status, headers: response.headers, bytes: new Uint8Array(await response.arrayBuffer()) }
}

/** Photo directories in the data dir's blob store (one per stored photo). */
async function storedPhotoCount(dataDir: string): Promise<number> {
  const root = path.join(dataDir, 'photos')
  let count = 0
  for (const board of await readdir(root)) if (board !== '.incoming') count += (await readdir(path.join(root, board))).length
  return count
}

describe('形象进度照片: upload, serving and who may do what', () => {
  let board: RoleBoard
  let otherDepartment: TestAccount
  let exifPhoto: PhotoId
  let albumPhoto: PhotoId

  beforeAll(async () => {
    board = await startRoleBoard()
    otherDepartment = await createAccount(board.server, {
      username: 'swj_wang',
      password: 'shangwu-pass-2025',
      role: Role.editor,
      units: [OTHER_UNIT],
      displayName: '商务局王科长',
    })
  })

  test('a department uploads two photos of its project at once; the server stamps uploader and receipt time and keeps EXIF time and GPS', async () => {
    const before = Date.now()
    const response = await uploadPhotos(
      board.server,
      board.boardId,
      board.own,
      [
        { name: '现场1.jpg', bytes: await cameraJpeg() },
        { name: '相册.png', bytes: await albumPng(), type: 'image/png', meta: { deviceTakenAt: '2026-05-04T02:00:00.000Z', lng: 108.9, lat: 34.2 } },
      ],
      { token: board.editor.token },
    )
    expect(response.status, JSON.stringify(response.body)).toBe(201)
    expect(response.body.photos).toHaveLength(2)
    await waitForDoc(board.observer.doc, (doc) => listPhotos(doc, board.own).length === 2, { message: 'the observer to see both photo records' })
    const photos = listPhotos(board.observer.doc, board.own)
    const camera = photos.find((photo) => photo.takenAtSource === 'exif')!
    const album = photos.find((photo) => photo.takenAtSource === 'device')!
    exifPhoto = camera.id
    albumPhoto = album.id
    // 14:20:11 at +08:00 is 06:20:11 UTC: the camera's zone, not the server's.
    expect(camera.takenAt).toBe('2026-05-03T06:20:11.000Z')
    expect(camera).toMatchObject({ lat: SITE_GPS.lat, lng: SITE_GPS.lng, locationSource: 'exif', width: 1200, height: 900, uploadedById: board.editor.user.id })
    expect(camera.uploadedByLabel).toContain(EDITOR_DISPLAY_NAME)
    expect(Date.parse(camera.receivedAt)).toBeGreaterThanOrEqual(before - 1000)
    expect(album).toMatchObject({ takenAt: '2026-05-04T02:00:00.000Z', lng: 108.9, lat: 34.2, locationSource: 'browser', width: 800, height: 600 })
    const history = await fetchHistory(board.server, board.boardId, { projectId: board.own })
    expect(history.filter((entry) => entry.action === 'add-photo')).toHaveLength(2)
    expect(history.find((entry) => entry.action === 'add-photo')?.summary).toMatch(/上传形象进度照片/)
  })

  test('thumbnail, screen copy and original are served as images with private immutable caching, and the original carries no EXIF', async () => {
    const thumb = await getImage(board, exifPhoto, PhotoVariant.thumb, { token: board.viewer.token })
    expect(thumb.status).toBe(200)
    expect(thumb.headers.get('content-type')).toBe('image/jpeg')
    expect(thumb.headers.get('cache-control')).toBe('private, max-age=31536000, immutable')
    expect(thumb.headers.get('x-content-type-options')).toBe('nosniff')
    const thumbSize = await sharp(thumb.bytes).metadata()
    expect(Math.max(thumbSize.width!, thumbSize.height!)).toBeLessThanOrEqual(320)
    const original = await getImage(board, exifPhoto, PhotoVariant.original, { token: board.editor.token })
    expect(original.status).toBe(200)
    expect(await exifr.parse(Buffer.from(original.bytes)).catch(() => undefined)).toBeUndefined()
    const png = await getImage(board, albumPhoto, PhotoVariant.original, { token: board.editor.token })
    expect(png.headers.get('content-type')).toBe('image/png')
    // A wall screen's <img> carries its link token in the URL.
    expect((await getImage(board, exifPhoto, PhotoVariant.screen, { query: board.screen.token })).status).toBe(200)
    expect((await getImage(board, exifPhoto, PhotoVariant.thumb)).status).toBe(401)
  })

  test('a leader, a screen link and another department cannot upload, each told why in Chinese, and nothing is stored', async () => {
    const storedBefore = await storedPhotoCount(board.server.dataDir)
    const file = [{ name: '现场.jpg', bytes: await cameraJpeg({ width: 200, height: 150 }) }]
    for (const [who, token] of [
      ['leader', board.viewer.token],
      ['screen link', board.screen.token],
      ['other department', otherDepartment.token],
    ] as const) {
      const response = await uploadPhotos(board.server, board.boardId, board.own, file, { token })
      expect(response.status, who).toBe(403)
      expect(response.body.error, who).toMatch(CHINESE)
    }
    expect(await storedPhotoCount(board.server.dataDir)).toBe(storedBefore)
    expect(listPhotos(board.observer.doc)).toHaveLength(2)
  })

  test('a text file renamed .jpg, an SVG and an HTML page disguised as photos, and a pixel bomb are refused in Chinese', async () => {
    const storedBefore = await storedPhotoCount(board.server.dataDir)
    const disguised = [
      { name: '现场.jpg', bytes: new TextEncoder().encode('这不是照片，只是一段文字。') },
      { name: '图.jpg', bytes: new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="10" height="10"/></svg>') },
      { name: 'page.png', bytes: new TextEncoder().encode('<!doctype html><script>alert(1)</script>'), type: 'image/png' },
    ]
    for (const file of disguised) {
      const response = await uploadPhotos(board.server, board.boardId, board.own, [file], { token: board.editor.token })
      expect(response.status, file.name).toBe(415)
      expect(response.body.error).toMatch(/不是照片/)
    }
    const bomb = await uploadPhotos(board.server, board.boardId, board.own, [{ name: '炸弹.png', bytes: pixelBombPng(), type: 'image/png' }], {
      token: board.editor.token,
    })
    expect(bomb.status).toBe(413)
    expect(bomb.body.error).toMatch(/像素过多/)
    // One bad file among good ones stores none of them.
    const mixed = await uploadPhotos(
      board.server,
      board.boardId,
      board.own,
      [{ name: '好.jpg', bytes: await cameraJpeg({ width: 300, height: 200 }) }, disguised[0]!],
      { token: board.editor.token },
    )
    expect(mixed.status).toBe(415)
    expect(await storedPhotoCount(board.server.dataDir)).toBe(storedBefore)
  })

  test('a photo record written over raw frames is refused, whoever sends it, even the project office', async () => {
    for (const token of [board.editor.token, board.server.adminToken]) {
      const raw = await openRawSyncSocket(board.server, board.boardId, { token })
      await raw.waitForFrame((frame) => frame.type === MessageType.sync && frame.syncType === 1, 'the board state')
      const existing = listPhotos(raw.doc)[0]!
      raw.sendUpdate(
        captureUpdate(raw.doc, () => {
          const record = new Y.Map<unknown>()
          raw.doc.getMap<Y.Map<unknown>>(RecordCollection.photos).set(newPhotoId(), record)
          for (const [field, value] of Object.entries({ ...existing, id: undefined, blobId: existing.blobId }))
            if (value !== undefined) record.set(field, value)
        }),
      )
      await raw.waitForFrame((frame) => frame.type === MessageType.auth, 'a refusal')
      expect(raw.deniedReasons()[0]).toMatch(/照片只能通过上传接口添加/)
      raw.close()
    }
    const editor = await openRawSyncSocket(board.server, board.boardId, { token: board.editor.token })
    await editor.waitForFrame((frame) => frame.type === MessageType.sync && frame.syncType === 1, 'the board state')
    editor.sendUpdate(
      captureUpdate(editor.doc, () => editor.doc.getMap<Y.Map<unknown>>(RecordCollection.photos).get(exifPhoto)?.set('takenAt', '2020-01-01T00:00:00.000Z')),
    )
    await editor.waitForFrame((frame) => frame.type === MessageType.auth, 'a refusal')
    expect(editor.deniedReasons()[0]).toMatch(/照片信息不能修改/)
    await flushThroughObserver(board)
    expect(listPhotos(board.observer.doc)).toHaveLength(2)
    expect(listPhotos(board.observer.doc).find((photo) => photo.id === exifPhoto)?.takenAt).toBe('2026-05-03T06:20:11.000Z')
  })

  test('another department and a leader cannot delete a photo; its uploader can, history records it, and it is no longer served', async () => {
    for (const token of [otherDepartment.token, board.viewer.token]) {
      const raw = await openRawSyncSocket(board.server, board.boardId, { token })
      await raw.waitForFrame((frame) => frame.type === MessageType.sync && frame.syncType === 1, 'the board state')
      raw.sendUpdate(captureUpdate(raw.doc, () => raw.doc.getMap(RecordCollection.photos).delete(albumPhoto)))
      await raw.waitForFrame((frame) => frame.type === MessageType.auth, 'a refusal')
      expect(raw.deniedReasons()[0]).toMatch(CHINESE)
      raw.close()
    }
    const uploader = connectClient(board.server, board.boardId, { token: board.editor.token })
    await uploader.waitSynced()
    uploader.doc.getMap(RecordCollection.photos).delete(albumPhoto)
    await waitForDoc(board.observer.doc, (doc) => listPhotos(doc).length === 1, { message: 'the observer to see the photo deleted' })
    expect(uploader.deniedReasons).toEqual([])
    const history = await fetchHistory(board.server, board.boardId, { projectId: board.own })
    expect(history.find((entry) => entry.action === 'delete-photo')?.actor.id).toBe(board.editor.user.id)
    expect((await getImage(board, albumPhoto, PhotoVariant.thumb, { token: board.editor.token })).status).toBe(404)
  })

  test("another board's screen link cannot read this board's photo, neither under its own board nor under this one", async () => {
    const second = await createBoard(board.server, '另一块看板')
    const secondScreen = await createScreenLink(board.server, second.id, { name: '二号大屏' })
    expect((await getImage(board, exifPhoto, PhotoVariant.thumb, { query: secondScreen.token })).status).toBe(403)
    expect((await getImage(board, exifPhoto, PhotoVariant.thumb, { query: secondScreen.token, boardId: second.id })).status).toBe(404)
    expect((await getImage(board, exifPhoto, PhotoVariant.thumb, { query: board.screen.token })).status).toBe(200)
  })
})
