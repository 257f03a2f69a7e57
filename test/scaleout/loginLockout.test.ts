import { beforeAll, describe, expect, test } from 'vitest'
import { Role } from '@guatu/shared/domain/role'
import { createUser } from '../helpers/accounts.ts'
import { requestJson, type JsonResponse } from '../helpers/rest.ts'
import type { TestServer } from '../helpers/server.ts'
import { startCluster } from './cluster.ts'

let servers: [TestServer, TestServer, TestServer]

beforeAll(async () => {
  servers = (await startCluster(3)).servers as [TestServer, TestServer, TestServer]
})

function login(server: TestServer, username: string, password: string): Promise<JsonResponse<{ error?: string }>> {
  return requestJson(server, '/api/login', { token: null, body: { username, password } })
}

describe('login counters shared by every process through Redis', () => {
  test('failures spread over three processes add up to one lock, seen by the office on every process; an unlock on one lifts it everywhere', async () => {
    const [first, second, third] = servers
    const user = await createUser(first, { username: 'cluster_li', password: 'cluster-pass-2025', role: Role.editor, units: ['发改局'] })
    const spread = [first, second, third, first, second]
    for (const [i, server] of spread.entries()) expect((await login(server, i % 2 ? user.id : 'cluster_li', 'wrong-guess')).status, `guess ${i + 1}`).toBe(401)
    for (const server of servers) {
      const locked = await login(server, 'cluster_li', 'cluster-pass-2025')
      expect(locked.status, `port ${server.port}`).toBe(429)
      expect(locked.body.error).toMatch(/账号已锁定/)
      const { body } = await requestJson<{ users: { username: string; lockedUntil: string | null }[] }>(server, '/api/users')
      expect(body.users.find((entry) => entry.username === 'cluster_li')?.lockedUntil, `listed as locked on port ${server.port}`).not.toBeNull()
    }
    expect((await requestJson(second, `/api/users/${user.id}/unlock`, { method: 'POST', body: {} })).status).toBe(200)
    expect((await login(third, 'cluster_li', 'cluster-pass-2025')).status).toBe(200)
  })
})
