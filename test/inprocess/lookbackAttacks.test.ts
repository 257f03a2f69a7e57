import { describe, expect, test } from 'vitest'
import { moveProject } from '@guatu/shared/board/projectCommands'
import { readProject } from '@guatu/shared/board/projectQueries'
import type { BoardDetailResponse } from '@guatu/shared/api/boards'
import { createScreenLink } from '../helpers/accounts.ts'
import { waitForDoc } from '../helpers/client.ts'
import { createBoard, requestJson } from '../helpers/rest.ts'
import { startRoleBoard } from '../helpers/roleBoard.ts'
import { momentBeforeNextChange } from '../helpers/wait.ts'

/**
 * 回头看 is a read: whoever may read the board may read its past, and nobody else. Tried as the
 * leader (viewer), a screen link, another department, a screen link of another board and nobody.
 */
describe('回头看 attacks: the past is read as the board is', () => {
  test("the viewer, a screen link and another department read the board at a moment; no token and another board's link are refused", async () => {
    const board = await startRoleBoard()
    const before = await momentBeforeNextChange()
    moveProject(board.admin.doc, board.own, { stage: 'started' })
    await waitForDoc(board.observer.doc, (doc) => readProject(doc, board.own)?.stage === 'started', { message: 'the move to be stored' })
    const path = (what: string) => `/api/boards/${board.boardId}${what}${what.includes('?') ? '&' : '?'}at=${encodeURIComponent(before)}`
    const foreignBoard = await createBoard(board.server, '另一块看板')
    const foreignLink = await createScreenLink(board.server, foreignBoard.id)
    const otherDepartment = board.editor // 工信局: reads the whole board, edits only its own projects

    for (const [who, token] of [
      ['the viewer (leader)', board.viewer.token],
      ['a screen link', board.screen.token],
      ['another department', otherDepartment.token],
    ] as const) {
      const response = await requestJson<BoardDetailResponse>(board.server, path(''), { token })
      expect(response.status, who).toBe(200)
      expect(response.body.projects.find((project) => project.id === board.own)?.stage, who).toBe('planning')
      expect((await requestJson(board.server, path('/progress'), { token })).status, who).toBe(200)
      const state = await fetch(`${board.server.url}${path('/state')}`, { headers: { authorization: `Bearer ${token}` } })
      expect(state.status, who).toBe(200)
    }

    for (const [who, token, status] of [
      ['nobody', null, 401],
      ["another board's screen link", foreignLink.token, 403],
    ] as const) {
      for (const what of ['', '/state', '/progress', '/export.xlsx']) {
        const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {}
        const response = await fetch(`${board.server.url}${path(what)}`, { headers })
        expect(response.status, `${who} reading ${what || 'the board'}`).toBe(status)
        expect(response.headers.get('content-type'), `${who} gets the refusal, not the past board`).toContain('application/json')
      }
    }
  })

  test('the past is read only: a write to the board with a moment is not a thing the server offers', async () => {
    const board = await startRoleBoard()
    const at = encodeURIComponent(new Date().toISOString())
    for (const method of ['PUT', 'POST', 'PATCH', 'DELETE']) {
      const response = await requestJson(board.server, `/api/boards/${board.boardId}/state?at=${at}`, { method, body: {} })
      expect(response.status, `${method} /state`).toBeGreaterThanOrEqual(400)
      expect(response.status).toBeLessThan(500)
    }
  })
})
