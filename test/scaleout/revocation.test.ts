import { beforeAll, describe, test } from 'vitest'
import { REVOCATION_CASES, expectRevoked, type Topology } from '../helpers/revocationCases.ts'
import type { TestServer } from '../helpers/server.ts'
import { startCluster } from './cluster.ts'

let topology: Topology

beforeAll(async () => {
  const cluster = await startCluster(2)
  const [first, second] = cluster.servers as [TestServer, TestServer]
  topology = { act: first, socketOn: second }
})

describe('revoking a credential on one process closes its sockets on another (PostgreSQL + Redis)', () => {
  for (const revocation of REVOCATION_CASES) {
    test(`${revocation.name}, within a second, and a write sent after it is not applied`, async () => {
      await expectRevoked(topology, revocation)
    })
  }
})
