import { afterEach, describe, expect, test, vi } from 'vitest'
import { fetchBoards } from '../../client/src/api/boardsApi.ts'
import { fetchMe } from '../../client/src/api/authApi.ts'
import { ApiError, MALFORMED_ANSWER_MESSAGE } from '../../client/src/api/http.ts'
import { fetchUsers } from '../../client/src/api/usersApi.ts'

/** Answers every request with `body` as JSON: the client's fetch, as a server of another version would answer it. */
function answerWith(body: unknown, status = 200): void {
  vi.stubGlobal(
    'fetch',
    async () => new Response(typeof body === 'string' ? body : JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }),
  )
}

afterEach(() => {
  vi.unstubAllGlobals()
})

describe('the client checks what the REST API answers against the shared schemas', () => {
  test('a board list the server describes correctly reaches the page as sent', async () => {
    answerWith({ boards: [{ id: 'b_1', name: '2025年重点项目', year: 2025, projectCount: 3 }] })
    expect(await fetchBoards()).toEqual([{ id: 'b_1', name: '2025年重点项目', year: 2025, projectCount: 3 }])
  })

  test('a board list with a year as text becomes the Chinese malformed-answer error, not a crash in the page', async () => {
    answerWith({ boards: [{ id: 'b_1', name: '2025年重点项目', year: '2025', projectCount: 3 }] })
    const error = await fetchBoards().catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ApiError)
    expect((error as ApiError).message).toBe('服务器返回的数据格式不正确')
    expect((error as ApiError).message).toBe(MALFORMED_ANSWER_MESSAGE)
  })

  test('a user list with an unknown role is refused rather than shown with a role nobody can edit', async () => {
    answerWith({
      users: [
        {
          id: 'u1',
          username: 'zhou',
          displayName: '周',
          role: 'superuser',
          units: [],
          disabled: false,
          createdAt: '2025-01-01T00:00:00.000Z',
          lockedUntil: null,
        },
      ],
    })
    await expect(fetchUsers()).rejects.toThrow('服务器返回的数据格式不正确')
  })

  test('a body that is not JSON at all is the same Chinese error', async () => {
    answerWith('<html>网关错误</html>')
    await expect(fetchBoards()).rejects.toThrow('服务器返回的数据格式不正确')
  })

  test('/api/me for a wall display is read as a screen, and a 401 as nobody signed in', async () => {
    answerWith({ screen: { boardId: 'b_1', name: '会议室大屏' } })
    expect(await fetchMe()).toEqual({ kind: 'screen', boardId: 'b_1', name: '会议室大屏' })
    answerWith({ error: '请先登录' }, 401)
    expect(await fetchMe()).toBeNull()
  })
})
