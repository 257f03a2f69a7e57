import { describe, expect, test } from 'vitest'
import { requestJson } from '../helpers/rest.ts'
import { startCluster } from './cluster.ts'
import type { SecurityAuditExport } from '@guatu/shared/api/securityAudit'

describe('the security audit log of several processes on one PostgreSQL database', () => {
  test('sign-ins on two processes at the same time extend one chain that verifies', async () => {
    const { servers } = await startCluster(2)
    const attempts = Array.from({ length: 24 }, (_, i) =>
      fetch(`${servers[i % 2]!.url}/api/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: `nobody-${i}`, password: 'Wrong-Guess-123' }),
      }),
    )
    expect((await Promise.all(attempts)).map((response) => response.status)).toEqual(Array(24).fill(401))

    const log = await requestJson<SecurityAuditExport>(servers[1]!, '/api/security-audit')
    const failures = log.body.entries.filter((entry) => entry.type === 'login.failed')
    expect(new Set(failures.map((entry) => entry.target)).size).toBe(24)
    expect(log.body.entries.map((entry) => entry.seq)).toEqual(log.body.entries.map((_, i) => i + 1))
    expect((await requestJson(servers[0]!, '/api/security-audit/verify')).body).toMatchObject({ ok: true, checked: log.body.entries.length })
  })
})
