import { PasswordChangeReason, passwordExpired } from '@guatu/shared/domain/passwordPolicy'
import type { Principal, UserPrincipal } from '@guatu/shared/domain/principal'
import { Role } from '@guatu/shared/domain/role'
import { DEFAULT_ACCOUNT_CONTROLS, type AccountControls } from './accountControls.ts'
import type { AccountStore, ApiTokenRecord, ScreenLinkRecord, UserPatch, UserRecord } from './accountStore.ts'
import { assertPasswordAllowed } from './passwordPolicy.ts'
import { checkSession, sessionEnd } from './sessionLifetime.ts'
import { LoginThrottle } from './loginThrottle.ts'
import { DUMMY_PASSWORD_HASH, hashPassword, verifyPassword } from './passwords.ts'
import { TokenKind, hashSecret, newId, newSecret } from './secretTokens.ts'
import { RequestError } from '../requestError.ts'

/** Failed logins allowed per user name, and per address (an office shares one), per 15 minutes. */
export const MAX_FAILURES_PER_USER = 5
export const MAX_FAILURES_PER_ADDRESS = 50

export type LoginResult = { user: UserRecord; sessionToken: string }

/** A user as shown by the API: never with its password hash. */
export interface PublicUser {
  id: string
  username: string
  displayName: string
  role: Role
  units: string[]
  disabled: boolean
  createdAt: string
}

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
  private readonly throttle = new LoginThrottle()
  /** Called with a screen link's id when it is revoked, so open screens are disconnected. */
  onScreenLinkRevoked: (linkId: string) => void = () => {}

  constructor(
    private readonly store: AccountStore,
    readonly controls: AccountControls = DEFAULT_ACCOUNT_CONTROLS,
  ) {}

  async login(username: string, password: string, address: string): Promise<LoginResult> {
    const keys = [
      { key: `user:${username.toLowerCase()}`, maxFailures: MAX_FAILURES_PER_USER },
      { key: `address:${address}`, maxFailures: MAX_FAILURES_PER_ADDRESS },
    ]
    const waitMs = this.throttle.retryAfterMs(keys)
    if (waitMs > 0) {
      const minutes = Math.ceil(waitMs / 60_000)
      throw new RequestError(429, `登录失败次数过多，请${minutes}分钟后再试`, Math.ceil(waitMs / 1000))
    }
    const user = await this.store.findUser(username)
    // Hash even for an unknown name, so the answer takes as long as for a known one.
    const valid = await verifyPassword(password, user?.passwordHash ?? (await DUMMY_PASSWORD_HASH))
    if (!user || !valid || user.disabled) {
      this.throttle.recordFailure(keys)
      throw new RequestError(401, user?.disabled && valid ? '该账号已停用，请联系项目办' : '用户名或密码错误')
    }
    this.throttle.recordSuccess(keys)
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
    await this.store.deleteSession(hashSecret(sessionToken))
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

  deleteApiToken(principal: UserPrincipal, id: string): Promise<boolean> {
    return this.store.deleteApiToken(id, principal.userId)
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
   * themselves or change their own role, so the project office (or a 三员) can never lock itself out. `ended` tells whether the
   * user's sessions were ended (new password or disabled).
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
    const ended = input.password !== undefined || input.disabled === true
    if (ended) await this.store.deleteSessionsOfUser(user.id)
    return { user: updated, ended }
  }

  /**
   * The user replaces their own password, proving the current one. Every session of the user ends
   * (a thief's too); the caller gets a fresh one.
   */
  async changeOwnPassword(userId: string, currentPassword: string, newPassword: string): Promise<{ user: UserRecord; sessionToken: string }> {
    const user = await this.store.findUser(userId)
    if (!user || user.disabled) throw new RequestError(401, '请先登录')
    if (!(await verifyPassword(currentPassword, user.passwordHash))) throw new RequestError(400, '当前密码不正确')
    assertPasswordAllowed(this.controls.passwordPolicy, newPassword, user.username)
    if (await verifyPassword(newPassword, user.passwordHash)) throw new RequestError(400, '新密码不能与当前密码相同')
    const updated = await this.store.updateUser(user.id, {
      passwordHash: await hashPassword(newPassword),
      passwordChangedAt: new Date().toISOString(),
      mustChangePassword: false,
    })
    if (!updated) throw new RequestError(401, '请先登录')
    await this.store.deleteSessionsOfUser(user.id)
    return { user: updated, sessionToken: await this.startSession(user.id) }
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
