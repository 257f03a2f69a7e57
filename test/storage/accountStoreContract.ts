import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { AccountStore, NewUserRecord } from '@guatu/server/accounts/accountStore'
import type { BoardStorage } from '@guatu/server/storage/boardStorage'

export interface AccountStoreHarness {
  /** Opens the same database again, as a restarted (or another) server process would. */
  open(): Promise<{ accounts: AccountStore; boards: BoardStorage }>
  dispose(): Promise<void>
}

const editor: NewUserRecord = {
  id: 'u_editor',
  username: 'GongXinJu',
  displayName: '工信局联络员',
  passwordHash: 'hash-1',
  role: 'editor',
  units: ['工信局'],
  disabled: false,
}

/** The behaviour every AccountStore adapter must have, run against a real database of each kind. */
export function describeAccountStoreContract(name: string, makeHarness: () => Promise<AccountStoreHarness>): void {
  describe(`${name} account store contract`, () => {
    let harness: AccountStoreHarness
    let accounts: AccountStore
    let boards: BoardStorage

    beforeEach(async () => {
      harness = await makeHarness()
      ;({ accounts, boards } = await harness.open())
    })
    afterEach(async () => {
      await boards.close()
      await harness.dispose()
    })

    it('finds a user by id and by username in any case, and refuses the same username in another case', async () => {
      await accounts.createUser(editor)
      expect(await accounts.countUsers()).toBe(1)
      expect((await accounts.findUser('u_editor'))?.username).toBe('GongXinJu')
      expect(await accounts.findUser('gongxinju')).toMatchObject({ id: 'u_editor', role: 'editor', units: ['工信局'], disabled: false })
      await expect(accounts.createUser({ ...editor, id: 'u_other', username: 'gongxinju' })).rejects.toThrow()
      expect(await accounts.findUser('nobody')).toBeUndefined()
    })

    it('updates a user and keeps the change after a reopen', async () => {
      await accounts.createUser(editor)
      const updated = await accounts.updateUser('u_editor', { role: 'viewer', units: ['商务局', '发改局'], disabled: true })
      expect(updated).toMatchObject({ role: 'viewer', units: ['商务局', '发改局'], disabled: true })
      expect(await accounts.updateUser('missing', { disabled: true })).toBeUndefined()
      await boards.close()
      ;({ accounts, boards } = await harness.open())
      expect(await accounts.findUser('u_editor')).toMatchObject({ role: 'viewer', units: ['商务局', '发改局'], disabled: true })
      expect((await accounts.listUsers()).map((user) => user.id)).toEqual(['u_editor'])
    })

    it('keeps sessions until they are deleted, and drops expired ones when a new one is made', async () => {
      await accounts.createUser(editor)
      const now = Date.now()
      await accounts.createSession('expired', 'u_editor', now - 1_000)
      await accounts.createSession('live', 'u_editor', now + 60_000, now - 5_000)
      expect(await accounts.findSession('expired')).toBeUndefined()
      expect(await accounts.findSession('live')).toEqual({ userId: 'u_editor', expiresAt: now + 60_000, createdAt: now - 5_000 })
      await accounts.extendSession('live', now + 120_000)
      expect((await accounts.findSession('live'))?.expiresAt).toBe(now + 120_000)
      await accounts.createSession('second', 'u_editor', now + 60_000)
      await accounts.deleteSession('live')
      expect(await accounts.findSession('live')).toBeUndefined()
      await accounts.deleteSessionsOfUser('u_editor')
      expect(await accounts.findSession('second')).toBeUndefined()
    })

    it('keeps the forced password change, the password age and the last two sign-ins across a reopen', async () => {
      const created = await accounts.createUser({ ...editor, mustChangePassword: true })
      expect(created).toMatchObject({ mustChangePassword: true, lastLogin: null, previousLogin: null })
      expect(created.passwordChangedAt).toBe(created.createdAt)
      await accounts.recordLogin('u_editor', { at: '2026-12-05T01:12:00.000Z', address: '10.1.2.3' })
      await accounts.recordLogin('u_editor', { at: '2026-12-06T02:00:00.000Z', address: '10.1.2.4' })
      await accounts.updateUser('u_editor', { mustChangePassword: false, passwordChangedAt: '2026-12-06T02:01:00.000Z' })
      await boards.close()
      ;({ accounts, boards } = await harness.open())
      expect(await accounts.findUser('u_editor')).toMatchObject({
        mustChangePassword: false,
        passwordChangedAt: '2026-12-06T02:01:00.000Z',
        lastLogin: { at: '2026-12-06T02:00:00.000Z', address: '10.1.2.4' },
        previousLogin: { at: '2026-12-05T01:12:00.000Z', address: '10.1.2.3' },
      })
    })

    it('finds an API token by its hash and lets only its owner delete it', async () => {
      await accounts.createUser(editor)
      await accounts.createUser({ ...editor, id: 'u_admin', username: 'admin', role: 'admin', units: [] })
      const token = { id: 't_1', userId: 'u_editor', name: '导入脚本', createdAt: '2025-03-01T08:00:00.000Z' }
      await accounts.createApiToken(token, 'token-hash')
      expect(await accounts.findApiToken('token-hash')).toEqual(token)
      expect(await accounts.listApiTokens('u_editor')).toEqual([token])
      expect(await accounts.deleteApiToken('t_1', 'u_admin')).toBe(false)
      expect(await accounts.deleteApiToken('t_1', 'u_editor')).toBe(true)
      expect(await accounts.findApiToken('token-hash')).toBeUndefined()
    })

    it('revokes a screen link once and remembers when', async () => {
      await boards.createBoard({ id: 'b1', name: '大屏', year: 2025, projectCount: 0 })
      const link = { id: 's_1', boardId: 'b1', name: '会议室大屏', createdAt: '2025-03-01T08:00:00.000Z', expiresAt: 1_900_000_000_000, revokedAt: null }
      await accounts.createScreenLink(link, 'screen-hash')
      expect(await accounts.findScreenLink('screen-hash')).toEqual(link)
      expect(await accounts.revokeScreenLink('s_1', 1_800_000_000_000)).toBe(true)
      expect(await accounts.revokeScreenLink('s_1', 1_800_000_000_001)).toBe(false)
      expect(await accounts.listScreenLinks()).toEqual([{ ...link, revokedAt: 1_800_000_000_000 }])
    })
  })
}
