import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { SecurityEventType } from '@guatu/shared/domain/securityEvent'
import type { NewSecurityEvent } from '@guatu/server/securityAudit/chain'
import { verifyChain } from '@guatu/server/securityAudit/securityAuditLog'
import type { SecurityAuditStore } from '@guatu/server/securityAudit/securityAuditStore'

/**
 * A database holding the security audit log, with raw SQL to tamper with it as someone with access
 * to the database file or server would. `sql` takes `?` placeholders in either dialect.
 */
export interface SecurityAuditHarness {
  /** Opens another store on the same database, as another server process would. */
  open(): Promise<SecurityAuditStore>
  sql(text: string, params?: unknown[]): Promise<Record<string, unknown>[]>
  dispose(): Promise<void>
}

function event(n: number, at = new Date(Date.UTC(2026, 11, 1, 8, 0, n)).toISOString()): NewSecurityEvent {
  return { at, type: SecurityEventType.loginSucceeded, actorId: `u${n}`, actorLabel: `用户${n}`, address: `10.1.2.${n}`, target: `u${n}`, detail: '' }
}

/** The tamper-evidence every adapter must show (等保 security audit: 审计记录应受到保护). */
export function describeSecurityAuditContract(name: string, makeHarness: () => Promise<SecurityAuditHarness>): void {
  describe(`${name} security audit log`, () => {
    let harness: SecurityAuditHarness
    let store: SecurityAuditStore

    beforeEach(async () => {
      harness = await makeHarness()
      store = await harness.open()
      for (let n = 1; n <= 5; n++) await store.append(event(n))
    })
    afterEach(async () => {
      await harness.dispose()
    })

    it('chains every entry to the one before and verifies from the start', async () => {
      const entries = await store.read(0, 100)
      expect(entries.map((entry) => entry.seq)).toEqual([1, 2, 3, 4, 5])
      for (let i = 1; i < entries.length; i++) expect(entries[i]!.prevHash).toBe(entries[i - 1]!.hash)
      expect(await verifyChain(store)).toEqual({ ok: true, checked: 5, head: { seq: 5, hash: entries[4]!.hash } })
    })

    it('reports an edited entry as the first broken link', async () => {
      await harness.sql('UPDATE security_audit SET address = ? WHERE seq = ?', ['192.168.0.66', 3])
      expect(await verifyChain(store)).toMatchObject({ ok: false, seq: 3, problem: expect.stringContaining('被修改') })
    })

    it('reports a deleted entry at the entry after it', async () => {
      await harness.sql('DELETE FROM security_audit WHERE seq = ?', [2])
      expect(await verifyChain(store)).toMatchObject({ ok: false, seq: 3, problem: expect.stringContaining('缺失') })
    })

    it('reports a deleted entry even when the ones after it are renumbered to close the gap', async () => {
      await harness.sql('DELETE FROM security_audit WHERE seq = ?', [2])
      for (const seq of [3, 4, 5]) await harness.sql('UPDATE security_audit SET seq = ? WHERE seq = ?', [seq - 1, seq])
      expect(await verifyChain(store)).toMatchObject({ ok: false, seq: 2 })
    })

    it('reports two entries that changed places', async () => {
      const [second, fourth] = [(await store.read(1, 1))[0]!, (await store.read(3, 1))[0]!]
      await harness.sql('UPDATE security_audit SET seq = ? WHERE seq = ?', [-1, 2])
      await harness.sql('UPDATE security_audit SET seq = ? WHERE seq = ?', [2, 4])
      await harness.sql('UPDATE security_audit SET seq = ? WHERE seq = ?', [4, -1])
      const verdict = await verifyChain(store)
      expect(verdict).toMatchObject({ ok: false, seq: 2 })
      // The rows themselves are intact: only their order betrays them.
      expect((await store.read(1, 1))[0]!.hash).toBe(fourth.hash)
      expect((await store.read(3, 1))[0]!.hash).toBe(second.hash)
    })

    it('still verifies after pruning old entries, from the anchor the pruning leaves', async () => {
      const third = (await store.read(2, 1))[0]!
      expect(await store.prune(third.at)).toBe(2)
      expect(await store.anchor()).toEqual({ seq: 2, hash: (await store.read(2, 1))[0]!.prevHash })
      expect(await verifyChain(store)).toMatchObject({ ok: true, checked: 3 })
      await store.append(event(6))
      expect(await verifyChain(store)).toMatchObject({ ok: true, checked: 4, head: { seq: 6 } })
      await harness.sql('UPDATE security_audit SET detail = ? WHERE seq = ?', ['改过', 3])
      expect(await verifyChain(store)).toMatchObject({ ok: false, seq: 3 })
    })

    it('two processes appending at the same time extend one chain without a fork', async () => {
      const other = await harness.open()
      await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? store : other).append(event(10 + i))))
      const entries = await store.read(0, 100)
      expect(entries.map((entry) => entry.seq)).toEqual(Array.from({ length: 45 }, (_, i) => i + 1))
      expect(await verifyChain(other)).toMatchObject({ ok: true, checked: 45 })
    })

    it('counts the failed sign-ins at an account after a time', async () => {
      const failed = (n: number) => ({ ...event(n), type: SecurityEventType.loginFailed, target: 'u_zhou' })
      await store.append(failed(20))
      await store.append(failed(40))
      await store.append({ ...failed(41), target: 'u_other' })
      expect(await store.count(SecurityEventType.loginFailed, 'u_zhou', event(30).at)).toBe(1)
      expect(await store.count(SecurityEventType.loginFailed, 'u_zhou', event(0).at)).toBe(2)
    })
  })
}
