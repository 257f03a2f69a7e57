import { beforeAll, describe, expect, test } from 'vitest'
import { readBoundariesVersion } from '@guatu/shared/board/boardSettingsAccess'
import { securityAuditExportSchema } from '@guatu/shared/api/securityAudit'
import { tilePath, tileServicePath, tileServiceResponseSchema, type TileServiceResponse } from '@guatu/shared/api/tileService'
import { createScreenLink } from '../helpers/accounts.ts'
import { waitForDoc } from '../helpers/client.ts'
import { authHeaders, createBoard, expectParsed, requestJson, type RequestCredentials } from '../helpers/rest.ts'
import { startRoleBoard, type RoleBoard } from '../helpers/roleBoard.ts'
import type { TestServer } from '../helpers/server.ts'
import { waitFor } from '../helpers/wait.ts'
import { PORTAL_HTML, solidTilePng, startTileUpstream, TILE_COLOURS, type TileUpstream } from '../helpers/tileUpstream.ts'

/**
 * The office's tile service (底图服务): set by 项目办 alone, its address (with 天地图's key) shown
 * to 项目办 alone, its tiles fetched by the server for whoever may read the board, and nothing a
 * misbehaving service answers passed on or able to hurt the server.
 */
const CHINESE = /[\u4e00-\u9fff]/
const KEY = 'tk-secret-0f3a9c'

async function putService(board: RoleBoard, body: unknown, token: string | null = board.server.adminToken) {
  return requestJson<TileServiceResponse & { error?: string }>(board.server, tileServicePath(board.boardId), { method: 'PUT', body, token })
}

async function readAsOffice(board: RoleBoard): Promise<TileServiceResponse> {
  return expectParsed(await requestJson(board.server, tileServicePath(board.boardId)), 200, tileServiceResponseSchema, 'GET tile service as the office')
}

/** A tile through Guatu, as raw bytes; `screen` sends a screen link's token the way an address carries it. */
async function getTile(server: TestServer, path: string, credentials: RequestCredentials & { screen?: string } = {}) {
  const response = await fetch(`${server.url}${path}${credentials.screen ? `?token=${credentials.screen}` : ''}`, {
    headers: credentials.screen ? {} : authHeaders(server, credentials),
  })
  return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) }
}

async function expectHealthy(server: TestServer): Promise<void> {
  const health = await fetch(`${server.url}/healthz`)
  expect(health.status, 'the server answers /healthz').toBe(200)
}

describe('底图服务 configuration', () => {
  let board: RoleBoard
  let upstream: TileUpstream
  let template: string

  beforeAll(async () => {
    board = await startRoleBoard()
    upstream = await startTileUpstream()
    template = `${upstream.origin}/png/{z}/{x}/{y}.png?tk=${KEY}`
  })

  test('a board starts with tiles off: nothing configured, and its tiles are 404', async () => {
    expect(await readAsOffice(board)).toEqual({ configured: false, attribution: '' })
    const tile = await getTile(board.server, tilePath(board.boardId, { z: 3, x: 6, y: 3 }))
    expect(tile.status).toBe(404)
    expect(JSON.parse(tile.bytes.toString('utf8')).error).toMatch(CHINESE)
  })

  test('a bad address is refused in Chinese and nothing is stored', async () => {
    for (const [body, reason] of [
      [{ urlTemplate: 'javascript:alert(1)//{z}/{x}/{y}', attribution: '' }, /http/],
      [{ urlTemplate: `${upstream.origin}/tiles.png`, attribution: '' }, /\{z\}/],
      [{ urlTemplate: '', attribution: '' }, /请填写/],
      [{ urlTemplate: template, attribution: '审'.repeat(101) }, /版权说明最长/],
      ['not a service', /底图服务/],
    ] as const) {
      const response = await putService(board, body)
      expect(response.status, JSON.stringify(body)).toBe(400)
      expect(response.body.error).toMatch(reason)
    }
    expect(await readAsOffice(board)).toEqual({ configured: false, attribution: '' })
  })

  test('the office saves the service; a leader, a department and the wall screen learn only that tiles are on and their attribution', async () => {
    const saved = await putService(board, { urlTemplate: template, attribution: '审图号：GS(2024)0568号' })
    expect(saved.status, JSON.stringify(saved.body)).toBe(200)
    expect(saved.body).toMatchObject({ configured: true, attribution: '审图号：GS(2024)0568号', urlTemplate: template })
    expect(Date.parse(saved.body.updatedAt ?? '')).toBeGreaterThan(Date.now() - 60_000)
    expect(await readAsOffice(board)).toEqual(saved.body)
    for (const [who, path, credentials] of [
      ['a leader', tileServicePath(board.boardId), { token: board.viewer.token }],
      ['a department', tileServicePath(board.boardId), { token: board.editor.token }],
      ['the wall screen', `${tileServicePath(board.boardId)}?token=${board.screen.token}`, { token: null }],
    ] as const) {
      const response = await requestJson<TileServiceResponse>(board.server, path, credentials)
      expect(response.status, who).toBe(200)
      expect(response.body, who).toEqual({ configured: true, attribution: '审图号：GS(2024)0568号', updatedAt: saved.body.updatedAt })
      const text = JSON.stringify(response.body)
      expect(text, `${who} never sees the key`).not.toContain(KEY)
      expect(text, `${who} never sees the service's address`).not.toContain(upstream.origin)
    }
  })

  test('the save is announced in the board document, so open maps fetch the service again', async () => {
    const before = readBoundariesVersion(board.observer.doc)
    const saved = await putService(board, { urlTemplate: template, attribution: '内网底图' })
    expect(saved.status).toBe(200)
    await waitForDoc(board.observer.doc, (doc) => readBoundariesVersion(doc) !== before && readBoundariesVersion(doc) !== undefined, {
      message: 'the tile service change to be announced',
    })
  })

  test('a leader, a department, a screen link and an anonymous caller cannot set or clear the service; it stays as the office left it', async () => {
    const before = await readAsOffice(board)
    expect(before.configured).toBe(true)
    const hostile = { urlTemplate: 'http://attacker.example/{z}/{x}/{y}.png', attribution: '' }
    for (const [who, token, status] of [
      ['leader', board.viewer.token, 403],
      ['department', board.editor.token, 403],
      ['screen link', board.screen.token, 403],
      ['anonymous', null, 401],
    ] as const) {
      for (const body of [hostile, null]) {
        const response = await putService(board, body, token)
        expect(response.status, `${who} PUT ${JSON.stringify(body)}`).toBe(status)
        expect(response.body.error, who).toMatch(CHINESE)
      }
    }
    const screenPut = await requestJson<{ error?: string }>(board.server, `${tileServicePath(board.boardId)}?token=${board.screen.token}`, {
      method: 'PUT',
      body: hostile,
      token: null,
    })
    expect([401, 403]).toContain(screenPut.status)
    expect(await readAsOffice(board)).toEqual(before)
  })

  test('a screen link of another board reads neither this board’s service nor its tiles; no token reads nothing', async () => {
    const other = await createBoard(board.server, '另一个县的看板')
    const otherScreen = await createScreenLink(board.server, other.id)
    const foreign = await requestJson(board.server, `${tileServicePath(board.boardId)}?token=${otherScreen.token}`, { token: null })
    expect(foreign.status).toBe(403)
    const foreignTile = await getTile(board.server, tilePath(board.boardId, { z: 3, x: 6, y: 3 }), { screen: otherScreen.token })
    expect(foreignTile.status).toBe(403)
    const anonymous = await getTile(board.server, tilePath(board.boardId, { z: 3, x: 6, y: 3 }), { token: null })
    expect(anonymous.status).toBe(401)
    expect((await requestJson(board.server, tileServicePath(board.boardId), { token: null })).status).toBe(401)
    expect(upstream.hitsUnder('/png/3/6/3'), 'a refused reader never reaches the service').toBe(0)
  })

  test('a tile that does not exist is refused with 400 before the service is asked', async () => {
    const before = upstream.hitsUnder('/')
    const base = `/api/boards/${board.boardId}/tiles`
    for (const path of [`${base}/19/0/0`, `${base}/3/8/0`, `${base}/3/0/8`, `${base}/3/-1/0`, `${base}/a/0/0`, `${base}/3/1.5/0`, `${base}/0/0/1`]) {
      const response = await getTile(board.server, path)
      expect(response.status, path).toBe(400)
      expect(JSON.parse(response.bytes.toString('utf8')).error).toMatch(CHINESE)
    }
    expect(upstream.hitsUnder('/')).toBe(before)
  })

  test('the office switches tiles off: everyone reads “off” and tiles are 404 again', async () => {
    const off = await putService(board, null)
    expect(off.status).toBe(200)
    expect(off.body).toEqual({ configured: false, attribution: '' })
    const asScreen = await requestJson<TileServiceResponse>(board.server, `${tileServicePath(board.boardId)}?token=${board.screen.token}`, { token: null })
    expect(asScreen.body).toEqual({ configured: false, attribution: '' })
    expect((await getTile(board.server, tilePath(board.boardId, { z: 3, x: 6, y: 3 }), { screen: board.screen.token })).status).toBe(404)
  })
})

describe('底图服务 in the security audit log', () => {
  test('each save and each switch-off is recorded with who, the address and its key masked; a refused attempt changes nothing and is recorded as refused', async () => {
    const board = await startRoleBoard()
    const upstream = await startTileUpstream()
    const template = `${upstream.origin}/png/{z}/{x}/{y}.png?style=default&tk=${KEY}`
    expect((await putService(board, { urlTemplate: template, attribution: '审图号：示例' })).status).toBe(200)
    expect((await putService(board, null)).status).toBe(200)
    expect((await putService(board, { urlTemplate: template, attribution: '' }, board.editor.token)).status).toBe(403)

    const audit = expectParsed(await requestJson(board.server, '/api/security-audit'), 200, securityAuditExportSchema, 'GET security audit')
    const tileEvents = audit.entries.filter((entry) => entry.type.startsWith('tile-service.'))
    expect(tileEvents.map((entry) => [entry.type, entry.target, entry.detail])).toEqual([
      ['tile-service.set', board.boardId, `地址=${upstream.origin}/png/{z}/{x}/{y}.png?style=…&tk=…3a9c 署名=审图号：示例`],
      ['tile-service.cleared', board.boardId, ''],
    ])
    expect(tileEvents.every((entry) => entry.actorLabel !== '')).toBe(true)
    expect(JSON.stringify(audit)).not.toContain(KEY)
    expect(audit.entries.some((entry) => entry.type === 'access.denied' && entry.target.endsWith('/tile-service'))).toBe(true)
    expect(await readAsOffice(board)).toEqual({ configured: false, attribution: '' })
  })
})

describe('底图 tiles through the proxy', () => {
  let board: RoleBoard
  let upstream: TileUpstream

  beforeAll(async () => {
    board = await startRoleBoard()
    upstream = await startTileUpstream()
  })

  const useService = async (path: string) => {
    const saved = await putService(board, { urlTemplate: `${upstream.origin}${path}?tk=${KEY}`, attribution: '' })
    expect(saved.status, JSON.stringify(saved.body)).toBe(200)
  }

  test('a PNG tile arrives byte for byte with its type and caching headers, for the wall screen too; the second is served from the cache', async () => {
    await useService('/png/{z}/{x}/{y}.png')
    // Tile (6, 3): (x + y) is odd, the second colour.
    const expected = await solidTilePng(TILE_COLOURS[1])
    const first = await getTile(board.server, tilePath(board.boardId, { z: 3, x: 6, y: 3 }), { screen: board.screen.token })
    expect(first.status).toBe(200)
    expect(first.bytes.equals(expected), 'the tile’s bytes arrive intact').toBe(true)
    expect(first.headers.get('content-type')).toBe('image/png')
    expect(first.headers.get('cache-control')).toBe('private, max-age=86400')
    expect(first.headers.get('x-content-type-options')).toBe('nosniff')
    const second = await getTile(board.server, tilePath(board.boardId, { z: 3, x: 6, y: 3 }), { token: board.editor.token })
    expect(second.status).toBe(200)
    expect(second.bytes.equals(expected)).toBe(true)
    expect(upstream.hits('/png/3/6/3.png'), 'the service was asked once').toBe(1)
    await expectHealthy(board.server)
  })

  test('a changed address never serves the old service’s tiles from the cache', async () => {
    await useService('/png/{z}/{x}/{y}.png')
    expect((await getTile(board.server, tilePath(board.boardId, { z: 4, x: 12, y: 6 }))).status).toBe(200)
    await useService('/html/{z}/{x}/{y}')
    expect((await getTile(board.server, tilePath(board.boardId, { z: 4, x: 12, y: 6 }))).status).toBe(502)
    expect(upstream.hits('/html/4/12/6')).toBe(1)
  })

  test('an HTML page instead of an image is a 502, and none of it is passed on', async () => {
    await useService('/html/{z}/{x}/{y}')
    const response = await getTile(board.server, tilePath(board.boardId, { z: 5, x: 25, y: 12 }))
    expect(response.status).toBe(502)
    expect(response.headers.get('content-type')).toMatch(/application\/json/)
    const text = response.bytes.toString('utf8')
    expect(text).not.toContain('PORTAL-SECRET')
    expect(text).not.toContain(PORTAL_HTML.slice(0, 10))
    expect(JSON.parse(text).error).toMatch(CHINESE)
    await expectHealthy(board.server)
  })

  test('an image larger than the cap, sent without a length, is a 502', async () => {
    await useService('/huge/{z}/{x}/{y}.png')
    const response = await getTile(board.server, tilePath(board.boardId, { z: 5, x: 25, y: 12 }))
    expect(response.status).toBe(502)
    expect(JSON.parse(response.bytes.toString('utf8')).error).toMatch(/过大/)
    await expectHealthy(board.server)
  })

  test('a redirect is a 502 and its target is never contacted', async () => {
    await useService('/redirect/{z}/{x}/{y}.png')
    const response = await getTile(board.server, tilePath(board.boardId, { z: 5, x: 25, y: 12 }))
    expect(response.status).toBe(502)
    expect(JSON.parse(response.bytes.toString('utf8')).error).toMatch(/重定向/)
    expect(upstream.hits('/redirect/5/25/12.png')).toBe(1)
    expect(upstream.hitsUnder('/target/'), 'the redirect was not followed').toBe(0)
    await expectHealthy(board.server)
  })

  test('a wall asking for many tiles of a stuck service opens at most 8 fetches at once; the rest wait, then all end in 504', async () => {
    await useService('/hang/{z}/{x}/{y}.png')
    const before = upstream.hitsUnder('/hang/')
    const pending = Array.from({ length: 12 }, (_, x) => getTile(board.server, tilePath(board.boardId, { z: 6, x, y: 20 })))
    await waitFor(() => upstream.hitsUnder('/hang/') - before === 8, { message: 'eight fetches to reach the stuck service' })
    // A round trip through the server while the eight hang: it answers, and no ninth fetch went out.
    await expectHealthy(board.server)
    expect(upstream.hitsUnder('/hang/') - before).toBe(8)
    const answers = await Promise.all(pending)
    expect(answers.map((answer) => answer.status)).toEqual(Array.from({ length: 12 }, () => 504))
    expect(upstream.hitsUnder('/hang/') - before).toBe(12)
    await expectHealthy(board.server)
  }, 40_000)

  test('a service that never answers is a 504 within the timeout, and the server stays healthy meanwhile', async () => {
    await useService('/hang/{z}/{x}/{y}.png')
    const started = Date.now()
    const pending = getTile(board.server, tilePath(board.boardId, { z: 5, x: 25, y: 12 }))
    await expectHealthy(board.server)
    const response = await pending
    const elapsedMs = Date.now() - started
    expect(response.status).toBe(504)
    expect(JSON.parse(response.bytes.toString('utf8')).error).toMatch(/超时/)
    // The proxy's timeout is 5 s; the bound leaves room for a busy 2-core machine, not for a hang.
    expect(elapsedMs).toBeGreaterThanOrEqual(4_500)
    expect(elapsedMs).toBeLessThan(15_000)
    await expectHealthy(board.server)
  }, 30_000)
})
