import { PasswordChangeReason, passwordExpired } from '@guatu/shared/domain/passwordPolicy'
import type { Principal, UserPrincipal } from '@guatu/shared/domain/principal'
import { Role } from '@guatu/shared/domain/role'
import type { PublicUser } from '@guatu/shared/api/users'
import { DEFAULT_ACCOUNT_CONTROLS, type AccountControls } from './accountControls.ts'
import type { AccountStore, ApiTokenRecord, ScreenLinkRecord, UserPatch, UserRecord } from './accountStore.ts'
import { AccountLockout, DEFAULT_LOCKOUT_SETTINGS } from './accountLockout.ts'
import { MemoryAttemptCounters } from './attemptCounters.ts'
import {
  RevocationCause,
  apiTokenCredential,
  revocationForUserChange,
  revokeAllCredentials,
  sessionCredential,
  type Revocation,
} from './credentialRevocation.ts'
import { assertPasswordAllowed } from './passwordPolicy.ts'
import { checkSession, sessionEnd } from './sessionLifetime.ts'
import { DUMMY_PASSWORD_HASH, hashPassword, verifyPassword } from './passwords.ts'
import { TokenKind, hashSecret, newId, newSecret } from './secretTokens.ts'
import { RequestError } from '../requestError.ts'

export type LoginResult = { user: UserRecord; sessionToken: string }

/** A user as shown by the API: never with its password hash. */
export function publicUser(user: UserRecord): PublicUser {
  const { id, username, displayName, role, units, disabled, createdAt } = user
  return { id, username, displayName, role, units, disabled, createdAt }
}

export function userPrincipal(user: UserRecord, controls: AccountControls = DEFAULT_ACCOUNT_CONTROLS): UserPrincipal {
  const principal: UserPrincipal = { kind: 'user', userId: user.id, username: user.username, displayName: user.displayName, role: user.role, units: user.units }
  if (controls.separateDuties) principal.dutiesSeparated = true
  const reason = passwordChangeReason(user, controls)
  return reason ? { ...principal, passwordChangeRequired: reason } : principal
}

/** Why the user must change the password before anything else, if so. */
export function passwordChangeReason(user: UserRecord, controls: AccountControls, now = Date.now()): PasswordChangeReason | undefined {
  if (user.mustChangePassword) return PasswordChangeReason.initial
  if (passwordExpired(controls.passwordPolicy, user.passwordChangedAt, now)) return PasswordChangeReason.expired
  return undefined
}

/** Sign-in, sessions, tokens, users and screen links: everything about who someone is. */
export class AccountService {
  /** Called with a screen link's id when it is revoked, so open screens are disconnected. */
  onScreenLinkRevoked: (linkId: string) => void = () => {}
  /** Called when credentials are revoked, so the sockets opened with them are closed (all processes). */
  onRevoked: (revocation: Revocation) => Promise<void> = async () => {}

  constructor(
    private readonly store: AccountStore,
    readonly lockout = new AccountLockout(new MemoryAttemptCounters(), DEFAULT_LOCKOUT_SETTINGS),
    readonly controls: AccountControls = DEFAULT_ACCOUNT_CONTROLS,
  ) {}

  /** `username` is whatever the login form accepts: a user name (any case) or a user id. */
  async login(username: string, password: string, address: string): Promise<LoginResult> {
    const user = await this.store.findUser(username)
    const subject = user ? { kind: 'account' as const, userId: user.id } : { kind: 'unknown-name' as const, name: username }
    // Hash even for an unknown name, so the answer takes as long as for a known one.
    await this.lockout.check(subject, address, async () => verifyPassword(password, user?.passwordHash ?? (await DUMMY_PASSWORD_HASH)))
    if (!user) throw new RequestError(401, '用户名或密码错误')
    if (user.disabled) throw new RequestError(401, '该账号已停用，请联系项目办')
    return this.openSession(user, address)
  }

  /**
   * Signs in a user whose identity another party proved (统一身份认证 single sign-on): the same
   * session as a password login, refused for a disabled account.
   */
  async signInVerified(userId: string, address: string): Promise<LoginResult> {
    const user = await this.store.findUser(userId)
    if (!user) throw new RequestError(403, '该统一身份账号尚未开通，请联系项目办')
    if (user.disabled) throw new RequestError(403, '该账号已停用，请联系项目办')
    return this.openSession(user, address)
  }

  /**
   * Ends every session of a user and closes their sockets on every process, as a password reset
   * does: their 统一身份账号 changed, so whoever signed in with the old one is out.
   */
  async endSessions(userId: string): Promise<void> {
    await this.store.deleteSessionsOfUser(userId)
    await this.onRevoked({ scope: 'user', userId, cause: RevocationCause.identityChanged })
  }

  /** The one place a session is made, whichever way the user proved who they are. */
  private async openSession(user: UserRecord, address: string): Promise<LoginResult> {
    const sessionToken = await this.startSession(user.id)
    // `user` was read before this sign-in is recorded: its lastLogin is the one to show now.
    await this.store.recordLogin(user.id, { at: new Date().toISOString(), address })
    return { user, sessionToken }
  }

  private async startSession(userId: string): Promise<string> {
    const sessionToken = newSecret(TokenKind.session)
    const now = Date.now()
    await this.store.createSession(hashSecret(sessionToken), userId, sessionEnd(this.controls.session, now, now), now)
    return sessionToken
  }

  async logout(sessionToken: string): Promise<void> {
    const hash = hashSecret(sessionToken)
    // Only a session that exists is announced: made-up cookies must not flood every process.
    if (!(await this.store.findSession(hash))) return
    await this.store.deleteSession(hash)
    await this.onRevoked({ scope: 'credential', credential: sessionCredential(sessionToken), cause: RevocationCause.loggedOut })
  }

  /** The principal behind a session cookie, or undefined when it is unknown or expired. */
  async principalForSession(sessionToken: string): Promise<UserPrincipal | undefined> {
    const hash = hashSecret(sessionToken)
    const session = await this.store.findSession(hash)
    if (!session) return undefined
    const check = checkSession(session, this.controls.session, Date.now())
    if (!check.valid) {
      await this.store.deleteSession(hash)
      return undefined
    }
    const user = await this.store.findUser(session.userId)
    if (!user || user.disabled) return undefined
    if (check.extendTo !== undefined) await this.store.extendSession(hash, check.extendTo)
    return userPrincipal(user, this.controls)
  }

  /**
   * When a session reaches its absolute lifetime (epoch ms), so a socket opened with it can be
   * closed then; undefined for an unknown session.
   */
  async sessionDeadline(sessionToken: string): Promise<number | undefined> {
    const session = await this.store.findSession(hashSecret(sessionToken))
    return session ? session.createdAt + this.controls.session.maxMs : undefined
  }

  /** The principal behind a bearer token: a personal API token or a screen link. */
  async principalForToken(token: string): Promise<Principal | undefined> {
    const hash = hashSecret(token)
    if (token.startsWith(TokenKind.api)) {
      const record = await this.store.findApiToken(hash)
      const user = record ? await this.store.findUser(record.userId) : undefined
      return user && !user.disabled ? userPrincipal(user, this.controls) : undefined
    }
    if (token.startsWith(TokenKind.screen)) {
      const link = await this.store.findScreenLink(hash)
      if (!link || link.revokedAt !== null || (link.expiresAt !== null && link.expiresAt <= Date.now())) return undefined
      return { kind: 'screen', linkId: link.id, boardId: link.boardId, name: link.name }
    }
    return undefined
  }

  /** Why a screen link token no longer works, when it is a known link that was revoked or expired. */
  async screenLinkRefusal(token: string): Promise<string | undefined> {
    if (!token.startsWith(TokenKind.screen)) return undefined
    const link = await this.store.findScreenLink(hashSecret(token))
    if (!link) return undefined
    if (link.revokedAt !== null) return '大屏链接已被撤销'
    if (link.expiresAt !== null && link.expiresAt <= Date.now()) return '大屏链接已过期'
    return undefined
  }

  async createApiToken(principal: UserPrincipal, name: string): Promise<{ token: string; record: ApiTokenRecord }> {
    const token = newSecret(TokenKind.api)
    const record: ApiTokenRecord = { id: newId('tok'), userId: principal.userId, name, createdAt: new Date().toISOString() }
    await this.store.createApiToken(record, hashSecret(token))
    return { token, record }
  }

  listApiTokens(principal: UserPrincipal): Promise<ApiTokenRecord[]> {
    return this.store.listApiTokens(principal.userId)
  }

  async deleteApiToken(principal: UserPrincipal, id: string): Promise<boolean> {
    const deleted = await this.store.deleteApiToken(id, principal.userId)
    if (deleted) await this.onRevoked({ scope: 'credential', credential: apiTokenCredential(id), cause: RevocationCause.tokenDeleted })
    return deleted
  }

  /** The id of a personal API token, for the socket opened with it to remember (see credentialRevocation.ts). */
  async apiTokenId(token: string): Promise<string | undefined> {
    return token.startsWith(TokenKind.api) ? (await this.store.findApiToken(hashSecret(token)))?.id : undefined
  }

  /** The office's unlock of an account locked after failed logins. */
  async unlockUser(idOrUsername: string): Promise<UserRecord> {
    const user = await this.store.findUser(idOrUsername)
    if (!user) throw new RequestError(404, '用户不存在')
    await this.lockout.unlock(user.id)
    return user
  }

  listUsers(): Promise<UserRecord[]> {
    return this.store.listUsers()
  }

  countUsers(): Promise<number> {
    return this.store.countUsers()
  }

  /**
   * Creates an account with a password the office chose, so by default the user must replace it at
   * the first sign-in. `options` is for the first start (bootstrapAccounts.ts) only.
   */
  async createUser(
    input: { username: string; password: string; role: Role; units: string[]; displayName?: string },
    options: { enforcePolicy?: boolean; mustChangePassword?: boolean } = {},
  ): Promise<UserRecord> {
    if (options.enforcePolicy !== false) assertPasswordAllowed(this.controls.passwordPolicy, input.password, input.username)
    if (await this.store.findUser(input.username)) throw new RequestError(409, `用户名已存在：${input.username}`)
    return this.store.createUser({
      mustChangePassword: options.mustChangePassword ?? this.controls.forcePasswordChange,
      id: newId('u'),
      username: input.username,
      displayName: input.displayName?.trim() || input.username,
      passwordHash: await hashPassword(input.password),
      role: input.role,
      units: input.units,
      disabled: false,
    })
  }

  /**
   * Changes a user. `actingUserId` is the admin making the change: an admin cannot disable
   * themselves or change their own role, so the project office (or a 三员) can never lock itself
   * out. `ended` tells whether the user's sessions were ended (new password or disabled). A new
   * password ends the API tokens too, and every change of access closes the user's open sockets
   * (credentialRevocation.ts).
   */
  async updateUser(
    idOrUsername: string,
    input: { password?: string; role?: Role; units?: string[]; displayName?: string; disabled?: boolean },
    actingUserId: string,
  ): Promise<{ user: UserRecord; ended: boolean }> {
    const user = await this.store.findUser(idOrUsername)
    if (!user) throw new RequestError(404, '用户不存在')
    if (user.id === actingUserId && (input.disabled === true || (input.role !== undefined && input.role !== user.role))) {
      throw new RequestError(400, '不能停用自己或更改自己的角色')
    }
    const patch: UserPatch = {}
    if (input.password !== undefined) {
      assertPasswordAllowed(this.controls.passwordPolicy, input.password, user.username)
      patch.passwordHash = await hashPassword(input.password)
      patch.passwordChangedAt = new Date().toISOString()
      // A password the office set is known to the office: the user must replace it.
      patch.mustChangePassword = this.controls.forcePasswordChange && user.id !== actingUserId
    }
    if (input.role !== undefined) patch.role = input.role
    if (input.units !== undefined) patch.units = input.units
    if (input.displayName !== undefined) patch.displayName = input.displayName.trim() || user.username
    if (input.disabled !== undefined) patch.disabled = input.disabled
    if ((patch.role ?? user.role) === Role.editor && (patch.units ?? user.units).length === 0) {
      throw new RequestError(400, '责任单位账号至少要绑定一个单位')
    }
    const updated = await this.store.updateUser(user.id, patch)
    if (!updated) throw new RequestError(404, '用户不存在')
    const cause = revocationForUserChange(input)
    if (cause === RevocationCause.passwordChanged) await revokeAllCredentials(this.store, user.id)
    if (cause === RevocationCause.disabled) await this.store.deleteSessionsOfUser(user.id)
    if (cause) await this.onRevoked({ scope: 'user', userId: user.id, cause })
    return { user: updated, ended: cause === RevocationCause.passwordChanged || cause === RevocationCause.disabled }
  }

  /**
   * The user replaces their own password, proving the current one (under the same lockout as a
   * sign-in, so a borrowed session cannot guess it). Every session and API token of the user ends
   * (a thief's too) and their sockets close; the caller gets a fresh session.
   */
  async changeOwnPassword(userId: string, currentPassword: string, newPassword: string, address: string): Promise<{ user: UserRecord; sessionToken: string }> {
    const user = await this.store.findUser(userId)
    if (!user || user.disabled) throw new RequestError(401, '请先登录')
    await this.lockout
      .check({ kind: 'account', userId: user.id }, address, () => verifyPassword(currentPassword, user.passwordHash))
      .catch((error: unknown) => {
        // A wrong current password is a mistake in the form, not a lost session (401 would sign out).
        if (error instanceof RequestError && error.status === 401) throw new RequestError(400, '当前密码不正确')
        throw error
      })
    assertPasswordAllowed(this.controls.passwordPolicy, newPassword, user.username)
    if (await verifyPassword(newPassword, user.passwordHash)) throw new RequestError(400, '新密码不能与当前密码相同')
    const updated = await this.store.updateUser(user.id, {
      passwordHash: await hashPassword(newPassword),
      passwordChangedAt: new Date().toISOString(),
      mustChangePassword: false,
    })
    if (!updated) throw new RequestError(401, '请先登录')
    await revokeAllCredentials(this.store, user.id)
    const sessionToken = await this.startSession(user.id)
    await this.onRevoked({ scope: 'user', userId: user.id, cause: RevocationCause.ownPasswordChanged })
    return { user: updated, sessionToken }
  }

  /** The user as stored, for the sign-in notice (上次登录) and the password rules. */
  findUser(idOrUsername: string): Promise<UserRecord | undefined> {
    return this.store.findUser(idOrUsername)
  }

  async createScreenLink(boardId: string, name: string, expiresInDays?: number): Promise<{ token: string; link: ScreenLinkRecord }> {
    const token = newSecret(TokenKind.screen)
    const link: ScreenLinkRecord = {
      id: newId('scr'),
      boardId,
      name,
      createdAt: new Date().toISOString(),
      expiresAt: expiresInDays === undefined ? null : Date.now() + expiresInDays * 24 * 60 * 60 * 1000,
      revokedAt: null,
    }
    await this.store.createScreenLink(link, hashSecret(token))
    return { token, link }
  }

  listScreenLinks(): Promise<ScreenLinkRecord[]> {
    return this.store.listScreenLinks()
  }

  async revokeScreenLink(id: string): Promise<boolean> {
    const revoked = await this.store.revokeScreenLink(id, Date.now())
    if (revoked) this.onScreenLinkRevoked(id)
    return revoked
  }
}
