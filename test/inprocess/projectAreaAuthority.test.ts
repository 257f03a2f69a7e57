import { beforeAll, describe, expect, test } from 'vitest'
import type * as Y from 'yjs'
import { projectsGeoJsonPath } from '@guatu/shared/api/boundaries'
import { clearProjectArea, setProjectArea } from '@guatu/shared/board/areaCommands'
import { projectsRoot } from '@guatu/shared/board/boardDoc'
import { placeProject } from '@guatu/shared/board/coordinateCommands'
import { readProject } from '@guatu/shared/board/projectQueries'
import type { ProjectId } from '@guatu/shared/domain/project'
import { AreaSource, type ProjectArea } from '@guatu/shared/domain/projectArea'
import { areaFromGeoJson } from '@guatu/shared/geo/areaFromGeoJson'
import { connectClient, waitForDoc } from '../helpers/client.ts'
import { captureUpdate, openRawSyncSocket } from '../helpers/rawSocket.ts'
import { fetchBoard, requestJson } from '../helpers/rest.ts'
import { flushThroughObserver, startRoleBoard, type RoleBoard } from '../helpers/roleBoard.ts'
import { waitFor } from '../helpers/wait.ts'

/**
 * 项目范围 (area) is a DEPARTMENT field like the point: the project's unit and the office draw it;
 * a leader, a screen link and another department cannot, whatever frame they send; and a ring
 * that crosses itself is refused for everyone, with the same Chinese message the panel shows.
 */
const CHINESE = /[\u4e00-\u9fff]/
/** A 园区 parcel drawn anticlockwise: a plain quadrilateral. */
const PARCEL: ProjectArea = {
  ring: [
    [108.94, 34.26],
    [108.95, 34.26],
    [108.95, 34.27],
    [108.94, 34.27],
  ],
  source: AreaSource.manual,
}
/** The same four corners in the order that makes a figure of eight (a bow tie). */
const BOW_TIE: ProjectArea = {
  ring: [
    [108.94, 34.26],
    [108.95, 34.27],
    [108.95, 34.26],
    [108.94, 34.27],
  ],
  source: AreaSource.manual,
}

/** Sets the raw value on the project's map in a copy of what the attacker received: no command, no local check. */
function forgedArea(socketDoc: Y.Doc, projectId: ProjectId, value: unknown): Uint8Array {
  return captureUpdate(socketDoc, () => projectsRoot(socketDoc).get(projectId)!.set('area', value))
}

describe('项目范围: who may draw a project’s outline', () => {
  let board: RoleBoard

  beforeAll(async () => {
    board = await startRoleBoard()
  })

  test('a department draws its own project’s outline; it is stored and every client sees the whole ring', async () => {
    const editor = connectClient(board.server, board.boardId, { token: board.editor.token })
    await editor.waitSynced()
    setProjectArea(editor.doc, board.own, PARCEL)
    await waitForDoc(board.observer.doc, (doc) => readProject(doc, board.own)?.area !== undefined, { message: '工信局’s outline to arrive' })
    expect(readProject(board.observer.doc, board.own)?.area).toEqual(PARCEL)
    const { projects } = await fetchBoard(board.server, board.boardId)
    expect(projects.find((project) => project.id === board.own)?.area, 'the outline is stored, not only relayed').toEqual(PARCEL)
    expect(editor.deniedReasons).toEqual([])
  })

  for (const role of ['viewer', 'screen', 'editor'] as const) {
    const who = role === 'viewer' ? 'a leader' : role === 'screen' ? 'a screen link' : 'another department'
    test(`raw frames from ${who} drawing 商务局’s outline are refused and reach nobody`, async () => {
      const token = role === 'viewer' ? board.viewer.token : role === 'screen' ? board.screen.token : board.editor.token
      const socket = await openRawSyncSocket(board.server, board.boardId, { token })
      await socket.roundTrip()
      socket.sendUpdate(forgedArea(socket.doc, board.other, { ring: PARCEL.ring, source: 'manual' }))
      await waitFor(() => socket.deniedReasons().length > 0, { message: `${who}'s outline to be refused` })
      expect(socket.deniedReasons()[0]).toMatch(role === 'editor' ? /只能修改本单位的项目/ : /只能查看/)
      await flushThroughObserver(board)
      expect(readProject(board.observer.doc, board.other)?.area).toBeUndefined()
      socket.close()
    })
  }

  test('a leader cannot erase a department’s outline either', async () => {
    const socket = await openRawSyncSocket(board.server, board.boardId, { token: board.viewer.token })
    await socket.roundTrip()
    socket.sendUpdate(captureUpdate(socket.doc, () => projectsRoot(socket.doc).get(board.own)!.delete('area')))
    await waitFor(() => socket.deniedReasons().length > 0, { message: 'the leader’s erase to be refused' })
    await flushThroughObserver(board)
    expect(readProject(board.observer.doc, board.own)?.area).toEqual(PARCEL)
    socket.close()
  })

  const BAD_VALUES: ReadonlyArray<[string, unknown, RegExp]> = [
    ['a ring that crosses itself (a bow tie)', BOW_TIE, /项目范围的边相互交叉/],
    ['two vertices only', { ring: PARCEL.ring.slice(0, 2), source: 'manual' }, /至少需要3个顶点/],
    ['a vertex in the sea (longitude and latitude swapped)', { ring: [...PARCEL.ring.slice(0, 3), [34.27, 108.94]], source: 'manual' }, /不在中国境内/],
    ['a source nobody offers', { ring: PARCEL.ring, source: 'satellite' }, /范围来源/],
    ['an extra key beside the ring', { ...PARCEL, by: 'admin' }, CHINESE],
    [
      'more vertices than a parcel has',
      { ring: Array.from({ length: 501 }, (_, index) => [108.9 + Math.cos(index) / 100, 34.2 + Math.sin(index) / 100]), source: 'manual' },
      /最多500个顶点/,
    ],
    ['a GeoJSON string instead of the ring', JSON.stringify({ type: 'Polygon', coordinates: [PARCEL.ring] }), CHINESE],
  ]
  for (const [what, value, reason] of BAD_VALUES) {
    test(`even the project’s own unit cannot store ${what}`, async () => {
      const socket = await openRawSyncSocket(board.server, board.boardId, { token: board.editor.token })
      await socket.roundTrip()
      socket.sendUpdate(forgedArea(socket.doc, board.own, value))
      await waitFor(() => socket.deniedReasons().length > 0, { message: `${what} to be refused` })
      expect(socket.deniedReasons()[0]).toMatch(reason)
      await flushThroughObserver(board)
      expect(readProject(board.observer.doc, board.own)?.area).toEqual(PARCEL)
      socket.close()
    })
  }

  test('the drawing command refuses the crossing ring before sending, with the server’s words', async () => {
    const editor = connectClient(board.server, board.boardId, { token: board.editor.token })
    await editor.waitSynced()
    expect(() => setProjectArea(editor.doc, board.own, BOW_TIE)).toThrow(/项目范围的边相互交叉/)
  })

  test('projects.geojson exports an outlined project’s polygon beside its point', async () => {
    placeProject(board.admin.doc, board.own, { lng: 108.945, lat: 34.265, source: 'manual' })
    await waitForDoc(board.observer.doc, (doc) => readProject(doc, board.own)?.coordinates !== undefined, { message: 'the point' })
    const response = await requestJson<{
      features: Array<{ id: string; geometry: { type: string; coordinates: unknown }; properties: Record<string, unknown> }>
    }>(board.server, projectsGeoJsonPath(board.boardId))
    expect(response.status).toBe(200)
    const own = response.body.features.filter((feature) => feature.id === board.own || feature.properties.projectId === board.own)
    expect(own.map((feature) => feature.geometry.type)).toEqual(['Point', 'Polygon'])
    // GeoJSON rings are closed: the first vertex again at the end.
    expect(own[1]!.geometry.coordinates).toEqual([[...PARCEL.ring, PARCEL.ring[0]]])
    expect(own[1]!.properties).toMatchObject({ name: '工信局锂电材料项目', unit: '工信局', areaSource: 'manual' })
  })

  test('an outline read from a GIS file is stored as imported; clearing it leaves the point', async () => {
    const file = {
      type: 'FeatureCollection',
      features: [{ type: 'Feature', properties: { name: '地块一' }, geometry: { type: 'Polygon', coordinates: [[...PARCEL.ring, PARCEL.ring[0]]] } }],
    }
    const read = areaFromGeoJson(file)
    if (!('area' in read)) throw new Error(read.problem)
    expect(read.area).toEqual({ ring: PARCEL.ring, source: 'import' })
    expect(areaFromGeoJson({ type: 'Point', coordinates: [108.9, 34.2] })).toEqual({ problem: expect.stringMatching(/须为面/) as string })
    const editor = connectClient(board.server, board.boardId, { token: board.editor.token })
    await editor.waitSynced()
    setProjectArea(editor.doc, board.own, read.area)
    await waitForDoc(board.observer.doc, (doc) => readProject(doc, board.own)?.area?.source === 'import', { message: 'the imported outline' })
    clearProjectArea(editor.doc, board.own)
    await waitForDoc(board.observer.doc, (doc) => readProject(doc, board.own)?.area === undefined, { message: 'the outline to be cleared' })
    expect(readProject(board.observer.doc, board.own)?.coordinates).toMatchObject({ lng: 108.945 })
    expect(editor.deniedReasons).toEqual([])
  })
})
