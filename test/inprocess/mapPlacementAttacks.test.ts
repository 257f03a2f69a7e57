import { describe, expect, test } from 'vitest'
import { projectsRoot } from '@guatu/shared/board/boardDoc'
import { readBoardSettings, writeBoardSettings } from '@guatu/shared/board/boardSettingsAccess'
import { placeProject } from '@guatu/shared/board/coordinateCommands'
import { readProject } from '@guatu/shared/board/projectQueries'
import { CoordinateSource } from '@guatu/shared/domain/coordinates'
import { WallMap } from '@guatu/shared/progress/boardSettings'
import { MessageType } from '@guatu/shared/sync/protocol'
import { connectClient, waitForDoc } from '../helpers/client.ts'
import { captureUpdate, openRawSyncSocket, type RawSyncSocket } from '../helpers/rawSocket.ts'
import { fetchBoard } from '../helpers/rest.ts'
import { flushThroughObserver, startRoleBoard, waitDenied, type RoleBoard } from '../helpers/roleBoard.ts'

/**
 * The map writes two things: a project's `coordinates` (placeProject, from the map view, the
 * panel's small map, 经纬度 typed in, or a photo's GPS) and the board's 大屏地图 setting. Both are
 * judged by the server like every field: a department places only its own unit's projects, a
 * leader and a screen link place nothing, and only the project office chooses the wall's tiles.
 */
const CHINESE = /[\u4e00-\u9fff]/
const XIAN_COUNTY = { lng: 108.9412, lat: 34.261 }

type ReadOnlyRole = 'viewer' | 'screen'

async function rawSocketAs(board: RoleBoard, token: string): Promise<RawSyncSocket> {
  const raw = await openRawSyncSocket(board.server, board.boardId, { token })
  await raw.waitForFrame((frame) => frame.type === MessageType.sync && frame.syncType === 1, 'the board state (SyncStep2)')
  return raw
}

async function waitRawDenied(raw: RawSyncSocket, what: string): Promise<string> {
  await raw.waitForFrame((frame) => frame.type === MessageType.auth, `the server to refuse ${what} with a permission-denied message`)
  const reason = raw.deniedReasons()[0] ?? ''
  expect(reason).toMatch(CHINESE)
  return reason
}

describe('placing projects on the map', () => {
  test('a department places its own project and every client sees the whole point with its source', async () => {
    const board = await startRoleBoard()
    const editor = connectClient(board.server, board.boardId, { token: board.editor.token })
    await editor.waitSynced()
    placeProject(editor.doc, board.own, { ...XIAN_COUNTY, source: CoordinateSource.manual })
    await waitForDoc(board.observer.doc, (doc) => readProject(doc, board.own)?.coordinates !== undefined, {
      message: "the observer to see the department's point",
    })
    expect(readProject(board.observer.doc, board.own)?.coordinates).toEqual({ ...XIAN_COUNTY, source: 'manual' })
    expect(editor.deniedReasons).toEqual([])
    const { projects } = await fetchBoard(board.server, board.boardId)
    expect(projects.find((project) => project.id === board.own)?.coordinates, 'the point is stored, not only relayed').toEqual({
      ...XIAN_COUNTY,
      source: 'manual',
    })
  })

  test("a department cannot move another unit's point, and nobody sees the attempt", async () => {
    const board = await startRoleBoard()
    placeProject(board.admin.doc, board.other, { lng: 109.01, lat: 34.3, source: CoordinateSource.import })
    await waitForDoc(board.observer.doc, (doc) => readProject(doc, board.other)?.coordinates !== undefined, { message: "the office's point" })
    const editor = connectClient(board.server, board.boardId, { token: board.editor.token })
    await editor.waitSynced()
    placeProject(editor.doc, board.other, { ...XIAN_COUNTY, source: CoordinateSource.manual })
    expect(await waitDenied(editor, "moving another unit's point")).toMatch(/本单位/)
    await flushThroughObserver(board)
    expect(readProject(board.observer.doc, board.other)?.coordinates).toEqual({ lng: 109.01, lat: 34.3, source: 'import' })
  })

  test.each<ReadOnlyRole>(['viewer', 'screen'])('a %s sending a raw frame that places a project is refused as read-only and stores nothing', async (role) => {
    const board = await startRoleBoard()
    const raw = await rawSocketAs(board, role === 'viewer' ? board.viewer.token : board.screen.token)
    raw.sendUpdate(captureUpdate(raw.doc, () => placeProject(raw.doc, board.own, { ...XIAN_COUNTY, source: CoordinateSource.photo })))
    expect(await waitRawDenied(raw, `a ${role} placing a project`)).toMatch(/只能查看/)
    await flushThroughObserver(board)
    expect(readProject(board.observer.doc, board.own)?.coordinates).toBeUndefined()
    const { projects } = await fetchBoard(board.server, board.boardId)
    expect(projects.find((project) => project.id === board.own)?.coordinates).toBeUndefined()
  })

  test('a raw frame with longitude and latitude swapped is refused in Chinese even from the project office', async () => {
    const board = await startRoleBoard()
    const raw = await rawSocketAs(board, board.server.adminToken)
    // Written around the command (which would refuse it), as a hostile or older client could.
    raw.sendUpdate(
      captureUpdate(raw.doc, () => {
        projectsRoot(raw.doc).get(board.own)?.set('coordinates', { lng: XIAN_COUNTY.lat, lat: XIAN_COUNTY.lng, source: 'manual' })
      }),
    )
    expect(await waitRawDenied(raw, 'a swapped point')).toMatch(/经纬度|中国境内/)
    await flushThroughObserver(board)
    expect(readProject(board.observer.doc, board.own)?.coordinates).toBeUndefined()
  })
})

describe('the wall screen map setting (大屏地图)', () => {
  test('the project office puts the map on the wall; a department editor cannot', async () => {
    const board = await startRoleBoard()
    const settings = readBoardSettings(board.admin.doc, 2025)
    writeBoardSettings(board.admin.doc, { ...settings, wallMap: WallMap.replaceIndustry })
    await waitForDoc(board.observer.doc, (doc) => readBoardSettings(doc, 2025).wallMap === WallMap.replaceIndustry, {
      message: 'the observer to see the wall map chosen',
    })

    const editor = connectClient(board.server, board.boardId, { token: board.editor.token })
    await editor.waitSynced()
    writeBoardSettings(editor.doc, { ...readBoardSettings(editor.doc, 2025), wallMap: WallMap.off })
    await waitDenied(editor, 'a department choosing the wall tiles')
    await flushThroughObserver(board)
    expect(readBoardSettings(board.observer.doc, 2025).wallMap).toBe(WallMap.replaceIndustry)
  })

  test.each<ReadOnlyRole>(['viewer', 'screen'])('a %s cannot choose the wall map with a raw frame', async (role) => {
    const board = await startRoleBoard()
    const raw = await rawSocketAs(board, role === 'viewer' ? board.viewer.token : board.screen.token)
    raw.sendUpdate(captureUpdate(raw.doc, () => writeBoardSettings(raw.doc, { ...readBoardSettings(raw.doc, 2025), wallMap: WallMap.besideIndustry })))
    expect(await waitRawDenied(raw, `a ${role} choosing the wall map`)).toMatch(/只能查看/)
    await flushThroughObserver(board)
    expect(readBoardSettings(board.observer.doc, 2025).wallMap).toBeUndefined()
  })
})
