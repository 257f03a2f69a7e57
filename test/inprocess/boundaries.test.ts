import http from 'node:http'
import { beforeAll, describe, expect, test } from 'vitest'
import {
  MAX_BOUNDARY_UPLOAD_BYTES,
  MAX_DISPLAY_VERTICES,
  boundariesPath,
  boundariesResponseSchema,
  type BoundariesResponse,
} from '@guatu/shared/api/boundaries'
import { createScreenLink } from '../helpers/accounts.ts'
import { BOW_TIE, collection, denseRing, polygonFeature, sampleCounty, squareRing } from '../helpers/boundaryFiles.ts'
import { createBoard, expectParsed, requestJson } from '../helpers/rest.ts'
import { startRoleBoard, type RoleBoard } from '../helpers/roleBoard.ts'
import type { TestServer } from '../helpers/server.ts'

/**
 * The office's base map: uploaded by 项目办 alone, judged (polygons within China, no
 * self-intersection, named 乡镇, a size limit counted while the body arrives), simplified, and read
 * by whoever reads the board, the wall screen included.
 */
const CHINESE = /[\u4e00-\u9fff]/

async function upload(board: RoleBoard, body: unknown, token: string | null = board.server.adminToken) {
  return requestJson<BoundariesResponse & { error?: string }>(board.server, boundariesPath(board.boardId), { method: 'PUT', body, token })
}

async function readAsOffice(board: RoleBoard): Promise<BoundariesResponse> {
  return expectParsed(await requestJson(board.server, boundariesPath(board.boardId)), 200, boundariesResponseSchema, 'GET boundaries')
}

/**
 * Streams `totalBytes` of a JSON body in 1 MB chunks without a declared length (chunked), as a
 * client hiding a file's size would, and stops as soon as the server answers. Returns the answer
 * and how many bytes went out before it.
 */
async function streamUpload(server: TestServer, path: string, totalBytes: number): Promise<{ status: number; body: string; sentBytes: number }> {
  const url = new URL(path, server.url)
  return new Promise((resolve, reject) => {
    let sentBytes = 0
    let answered = false
    const request = http.request(url, { method: 'PUT', headers: { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/json' } })
    request.on('response', (response) => {
      answered = true
      let body = ''
      response.setEncoding('utf8')
      response.on('data', (chunk: string) => (body += chunk))
      response.on('end', () => {
        resolve({ status: response.statusCode ?? 0, body, sentBytes })
        request.destroy()
      })
    })
    // The server may cut the upload off mid-stream; the answer it sent is what counts.
    request.on('error', (error) => (answered ? undefined : reject(error)))
    const chunk = Buffer.alloc(1024 * 1024, ' ')
    const head = Buffer.from('{"townships":{"type":"FeatureCollection","features":[')
    const pump = () => {
      if (sentBytes === 0) {
        request.write(head)
        sentBytes += head.length
      }
      while (!answered && sentBytes < totalBytes) {
        sentBytes += chunk.length
        if (!request.write(chunk)) return void request.once('drain', pump)
      }
      if (!answered) request.end(']}}')
    }
    pump()
  })
}

describe('县界 and 乡镇 boundaries', () => {
  let board: RoleBoard

  beforeAll(async () => {
    board = await startRoleBoard()
  })

  test('before any upload the board has no base map, and says so with an empty answer', async () => {
    expect(await readAsOffice(board)).toEqual({})
  })

  test('the office uploads the county and its 乡镇; a leader, a department and the wall screen read them, names only', async () => {
    const response = await upload(board, sampleCounty())
    expect(response.status, JSON.stringify(response.body)).toBe(200)
    for (const [who, init] of [
      ['a leader', { token: board.viewer.token }],
      ['a department', { token: board.editor.token }],
      ['the wall screen', { token: null }],
    ] as const) {
      const path = who === 'the wall screen' ? `${boundariesPath(board.boardId)}?token=${board.screen.token}` : boundariesPath(board.boardId)
      const read = expectParsed(await requestJson(board.server, path, init), 200, boundariesResponseSchema, `GET boundaries as ${who}`)
      expect(read.county?.features.map((feature) => feature.properties.name)).toEqual(['示例县'])
      expect(read.townships?.features.map((feature) => feature.properties.name)).toEqual(['北塬镇', '南川镇', '石桥镇', '柳湾乡'])
      // What the office's file carried besides the name (人口) is not kept: only what the map draws.
      expect(read.townships?.features[0]?.properties).toEqual({ name: '北塬镇' })
      expect(Date.parse(read.updatedAt ?? '')).toBeGreaterThan(Date.now() - 60_000)
    }
  })

  test('a leader, a department and a screen link cannot upload; the map stays as the office left it', async () => {
    const before = await readAsOffice(board)
    const replacement = { county: collection(polygonFeature('假县', squareRing(116, 39, 0.1))) }
    for (const [who, token] of [
      ['leader', board.viewer.token],
      ['department', board.editor.token],
      ['screen link', board.screen.token],
    ] as const) {
      const response = await upload(board, replacement, token)
      expect(response.status, who).toBe(403)
      expect(response.body.error, who).toMatch(CHINESE)
    }
    expect(await readAsOffice(board)).toEqual(before)
  })

  test('a screen link of another board reads nothing of this one, and no token reads nothing', async () => {
    const other = await createBoard(board.server, '另一个县的看板')
    const otherScreen = await createScreenLink(board.server, other.id)
    const foreign = await requestJson(board.server, `${boundariesPath(board.boardId)}?token=${otherScreen.token}`, { token: null })
    expect(foreign.status).toBe(403)
    const anonymous = await requestJson(board.server, boundariesPath(board.boardId), { token: null })
    expect(anonymous.status).toBe(401)
  })

  const REFUSED: ReadonlyArray<[string, unknown, RegExp]> = [
    ['a self-intersecting 乡镇 (a bow tie)', { townships: collection(polygonFeature('北塬镇', BOW_TIE)) }, /北塬镇.*自相交/],
    ['a 乡镇 without a name', { townships: collection(polygonFeature(undefined, squareRing(108.8, 34.1, 0.1))) }, /缺少名称/],
    [
      'two 乡镇 of the same name',
      { townships: collection(polygonFeature('南川镇', squareRing(108.8, 34.1, 0.1)), polygonFeature('南川镇', squareRing(108.9, 34.1, 0.1))) },
      /出现了两次/,
    ],
    [
      'points instead of areas',
      { county: collection({ type: 'Feature', properties: { name: '示例县' }, geometry: { type: 'Point', coordinates: [108.9, 34.2] } }) },
      /须为面/,
    ],
    ['projected metres instead of degrees', { county: collection(polygonFeature('示例县', squareRing(500_000, 3_780_000, 1000))) }, /中国境外/],
    ['longitude and latitude swapped', { county: collection(polygonFeature('示例县', squareRing(34.1, 108.8, 0.2))) }, /经纬度也不能填反/],
    ['a ring left open', { county: collection(polygonFeature('示例县', squareRing(108.8, 34.1, 0.2).slice(0, 4))) }, /没有闭合/],
    ['something that is not GeoJSON', { county: { hello: 'world' } }, /FeatureCollection/],
    ['an empty request', {}, /请上传/],
  ]
  for (const [what, body, reason] of REFUSED) {
    test(`${what} is refused in Chinese and nothing stored`, async () => {
      const before = await readAsOffice(board)
      const response = await upload(board, body)
      expect(response.status).toBe(400)
      expect(response.body.error).toMatch(reason)
      expect(await readAsOffice(board)).toEqual(before)
    })
  }

  test('a 50 MB file with its length declared is refused in Chinese before it is read', async () => {
    const size = 50 * 1024 * 1024
    const response = await requestJson<{ error: string }>(board.server, boundariesPath(board.boardId), {
      method: 'PUT',
      rawBody: `{"county":"${'x'.repeat(size)}"}`,
    })
    expect(response.status).toBe(413)
    expect(response.body.error).toMatch(/边界文件过大/)
  })

  test('a 50 MB file streamed without a length is cut off soon after the limit, not read to the end', async () => {
    const result = await streamUpload(board.server, boundariesPath(board.boardId), 50 * 1024 * 1024)
    expect(result.status).toBe(413)
    expect(JSON.parse(result.body).error).toMatch(/边界文件过大/)
    // The answer came while the client was still sending: the server stopped counting at the limit.
    expect(result.sentBytes).toBeLessThan(MAX_BOUNDARY_UPLOAD_BYTES + 8 * 1024 * 1024)
    expect(await readAsOffice(board)).toMatchObject({ county: { features: [{ properties: { name: '示例县' } }] } })
  })

  test('a survey-grade outline is simplified for display to the vertex budget, its name kept', async () => {
    const ring = denseRing(60_000)
    const response = await upload(board, { county: collection(polygonFeature('示例县', ring)) })
    expect(response.status, JSON.stringify(response.body).slice(0, 300)).toBe(200)
    const county = (await readAsOffice(board)).county!
    const geometry = county.features[0]!.geometry
    const kept = geometry.type === 'Polygon' ? geometry.coordinates[0]!.length : 0
    expect(kept).toBeLessThanOrEqual(MAX_DISPLAY_VERTICES)
    expect(kept).toBeGreaterThan(16)
    expect(county.features[0]!.properties.name).toBe('示例县')
    // The 乡镇 sent earlier stay: a collection left out of an upload keeps what is stored.
    expect((await readAsOffice(board)).townships?.features).toHaveLength(4)
  })

  test('null removes a collection', async () => {
    expect((await upload(board, { townships: null })).status).toBe(200)
    const read = await readAsOffice(board)
    expect(read.townships).toBeUndefined()
    expect(read.county?.features).toHaveLength(1)
  })
})
