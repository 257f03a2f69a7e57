import { beforeAll, describe, expect, test } from 'vitest'
import { Role } from '@guatu/shared/domain/role'
import { createUser } from '../helpers/accounts.ts'
import { requestJson, type JsonResponse } from '../helpers/rest.ts'
import { waitFor } from '../helpers/wait.ts'
import type { TestServer } from '../helpers/server.ts'
import { startCluster, type Cluster } from './cluster.ts'
import type { UserListResponse } from '@guatu/shared/api/users'

let cluster: Cluster
let servers: [TestServer, TestServer, TestServer]

beforeAll(async () => {
  cluster = await startCluster(3)
  servers = cluster.servers as [TestServer, TestServer, TestServer]
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
      const { body } = await requestJson<UserListResponse>(server, '/api/users')
      expect(body.users.find((entry) => entry.username === 'cluster_li')?.lockedUntil, `listed as locked on port ${server.port}`).not.toBeNull()
    }
    expect((await requestJson(second, `/api/users/${user.id}/unlock`, { method: 'POST', body: {} })).status).toBe(200)
    expect((await login(third, 'cluster_li', 'cluster-pass-2025')).status).toBe(200)
  })

  test('while Redis is down each process still counts failures and lets the right password in; back up, the counters are shared again', async () => {
    const [first, second] = servers
    await createUser(first, { username: 'outage_wang', password: 'outage-pass-2025', role: Role.editor, units: ['发改局'] })
    await cluster.redis.kill()
    expect((await login(first, 'outage_wang', 'wrong-guess')).status).toBe(401)
    expect((await login(first, 'outage_wang', 'outage-pass-2025')).status).toBe(200)
    for (let i = 0; i < 5; i++) expect((await login(second, 'outage_wang', `wrong-guess-${i}`)).status).toBe(401)
    expect((await login(second, 'outage_wang', 'outage-pass-2025')).status, 'locked on the process that counted').toBe(429)
    await cluster.redis.launch()
    // Ready again means each process's login counters are connected to Redis too.
    await waitFor(
      async () => (await Promise.all(servers.map(async (server) => (await fetch(`${server.url}/readyz`)).status))).every((status) => status === 200),
      {
        message: 'every process to report ready once Redis is back',
      },
    )
    const user = await createUser(first, { username: 'outage_zhao', password: 'outage-pass-2025', role: Role.editor, units: ['发改局'] })
    for (const [i, server] of [first, second, first, second, first].entries()) expect((await login(server, user.id, `guess-${i}`)).status).toBe(401)
    expect((await login(second, 'outage_zhao', 'outage-pass-2025')).status, 'locked everywhere again').toBe(429)
  })
})
