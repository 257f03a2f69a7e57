import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { AccountStore, UserRecord } from '@guatu/server/accounts/accountStore'
import type { PendingSignIn, SsoStore } from '@guatu/server/accounts/oidc/ssoStore'

export interface SsoStoreHarness {
  /** Opens the same database again, as a restarted (or another) server process would. */
  open(): Promise<{ accounts: AccountStore; sso: SsoStore; close(): Promise<void> }>
  dispose(): Promise<void>
}

const user = (id: string, username: string): Omit<UserRecord, 'createdAt' | 'updatedAt'> => ({
  id,
  username,
  displayName: username,
  passwordHash: 'hash',
  role: 'editor',
  units: ['工信局'],
  disabled: false,
  mustChangePassword: false,
  passwordChangedAt: null,
  lastLogin: null,
  previousLogin: null,
})

const pending = (overrides: Partial<PendingSignIn> = {}): PendingSignIn => ({
  state: 'state-1',
  nonce: 'nonce-1',
  codeVerifier: 'verifier-1',
  redirectUri: 'https://guatu.example/api/auth/oidc/callback',
  returnTo: '/board/b1',
  expiresAt: Date.now() + 60_000,
  ...overrides,
})

/** The behaviour every SsoStore adapter must have, run against a real database of each kind. */
export function describeSsoStoreContract(name: string, makeHarness: () => Promise<SsoStoreHarness>): void {
  describe(`${name} single sign-on store contract`, () => {
    let harness: SsoStoreHarness
    let opened: Awaited<ReturnType<SsoStoreHarness['open']>>

    beforeEach(async () => {
      harness = await makeHarness()
      opened = await harness.open()
      await opened.accounts.createUser(user('u_zhang', 'zhang'))
      await opened.accounts.createUser(user('u_li', 'li'))
    })
    afterEach(async () => {
      await opened.close()
      await harness.dispose()
    })

    it('maps a 统一身份账号 to one account exactly, keeps it after a reopen, and removes it', async () => {
      expect(await opened.sso.setExternalId('u_zhang', 'Zhang.Wei')).toBe(true)
      expect(await opened.sso.findUserIdByExternalId('Zhang.Wei')).toBe('u_zhang')
      // Identifiers from the identity provider are compared exactly: another case is another person.
      expect(await opened.sso.findUserIdByExternalId('zhang.wei')).toBeUndefined()
      await opened.close()
      opened = await harness.open()
      expect(await opened.sso.listExternalIds()).toEqual([{ userId: 'u_zhang', externalId: 'Zhang.Wei' }])
      expect(await opened.sso.setExternalId('u_zhang', 'zw-2')).toBe(true)
      expect(await opened.sso.findUserIdByExternalId('Zhang.Wei')).toBeUndefined()
      expect(await opened.sso.setExternalId('u_zhang', null)).toBe(true)
      expect(await opened.sso.listExternalIds()).toEqual([])
    })

    it('refuses a 统一身份账号 another account already has, and leaves both as they were', async () => {
      await opened.sso.setExternalId('u_zhang', 'zhang.wei')
      await opened.sso.setExternalId('u_li', 'li.na')
      expect(await opened.sso.setExternalId('u_li', 'zhang.wei')).toBe(false)
      expect(await opened.sso.listExternalIds()).toEqual([
        { userId: 'u_li', externalId: 'li.na' },
        { userId: 'u_zhang', externalId: 'zhang.wei' },
      ])
    })

    it('hands a pending sign-in out once, to any process on the same database', async () => {
      await opened.sso.savePendingSignIn('hash-1', pending())
      const other = await harness.open()
      try {
        expect(await other.sso.takePendingSignIn('hash-1')).toEqual(pending({ expiresAt: expect.any(Number) as unknown as number }))
        expect(await opened.sso.takePendingSignIn('hash-1')).toBeUndefined()
        expect(await other.sso.takePendingSignIn('unknown')).toBeUndefined()
      } finally {
        await other.close()
      }
    })

    it('counts the sign-ins under way, sweeping abandoned ones first', async () => {
      await opened.sso.savePendingSignIn('abandoned', pending({ expiresAt: Date.now() - 1_000 }))
      await opened.sso.savePendingSignIn('fresh', pending({ state: 'state-2' }))
      expect(await opened.sso.countPendingSignIns(Date.now())).toBe(1)
      expect(await opened.sso.takePendingSignIn('abandoned')).toBeUndefined()
      expect((await opened.sso.takePendingSignIn('fresh'))?.state).toBe('state-2')
    })
  })
}
