import { Hono } from 'hono'
import { deleteCookie, getCookie } from 'hono/cookie'
import { loginRequestSchema, type MeResponse, type SignedInResponse } from '@guatu/shared/api/session'
import { createTokenRequestSchema, type CreateTokenResponse, type TokenListResponse } from '@guatu/shared/api/tokens'
import { changePasswordSchema, type AccountStatus } from '@guatu/shared/domain/accountStatus'
import { SecurityEventType } from '@guatu/shared/domain/securityEvent'
import { AccountService, passwordChangeReason, publicUser } from '../accounts/accountService.ts'
import type { LoginTrace, UserRecord } from '../accounts/accountStore.ts'
import { RequestError } from '../requestError.ts'
import type { SecurityAuditLog } from '../securityAudit/securityAuditLog.ts'
import { clientAddress, requirePrincipal, requireUser, type AppEnv } from './appEnv.ts'
import { SESSION_COOKIE } from './authentication.ts'
import { parseBody } from './parseBody.ts'
import { auditRequest } from './securityAuditing.ts'
import { setSessionCookie } from './sessionCookie.ts'
import type { ErrorResponse } from '@guatu/shared/api/errors'

/** GUATU_LOCAL_LOGIN=0: passwords are refused before they are checked, so none can be guessed. */
const LOCAL_LOGIN_OFF = '本系统已改用统一身份认证登录，不再接受用户名和密码，请在登录页点击统一身份认证登录'

/** Sign-in, sign-out, who am I, the user's own password, and personal API tokens. */
export function accountRoutes(accounts: AccountService, audit: SecurityAuditLog, options: { localLogin: boolean } = { localLogin: true }): Hono<AppEnv> {
  const routes = new Hono<AppEnv>()

  /** The notice after sign-in: the sign-in before this one, and failed attempts since it. */
  const statusOf = async (user: UserRecord, previous: LoginTrace | null): Promise<AccountStatus> => ({
    lastLogin: previous,
    failedLoginsSince: await audit.failedLoginsSince(user.id, previous?.at ?? user.createdAt),
    passwordChangeRequired: passwordChangeReason(user, accounts.controls) ?? null,
    passwordPolicy: accounts.controls.passwordPolicy,
    sessionIdleMs: accounts.controls.session.idleMs,
  })

  routes.post('/login', async (c) => {
    if (!options.localLogin) throw new RequestError(403, LOCAL_LOGIN_OFF)
    const { username, password } = await parseBody(c, loginRequestSchema)
    const address = clientAddress(c)
    let result
    try {
      result = await accounts.login(username, password, address)
    } catch (error) {
      // Keyed to the account when the name is one, so the office sees guesses at a real account.
      const known = await accounts.findUser(username)
      await audit.record({ type: SecurityEventType.loginFailed, address, target: known?.id ?? `name:${username}`, detail: errorText(error) })
      throw error
    }
    const { user, sessionToken } = result
    await audit.record({
      type: SecurityEventType.loginSucceeded,
      actorId: user.id,
      actorLabel: `${user.displayName} [${user.username}]`,
      address,
      target: user.id,
    })
    setSessionCookie(c, sessionToken, accounts.controls.session.maxMs)
    // `user` was read before this sign-in was recorded: its lastLogin is the previous one.
    return c.json({ user: publicUser(user), status: await statusOf(user, user.lastLogin) } satisfies SignedInResponse)
  })

  routes.post('/logout', async (c) => {
    const sessionToken = getCookie(c, SESSION_COOKIE)
    if (sessionToken) await accounts.logout(sessionToken)
    if (c.get('principal')) await auditRequest(audit, c, { type: SecurityEventType.logout })
    deleteCookie(c, SESSION_COOKIE, { path: '/' })
    return c.body(null, 204)
  })

  routes.get('/me', async (c) => {
    const principal = requirePrincipal(c)
    if (principal.kind === 'screen') return c.json({ screen: { boardId: principal.boardId, name: principal.name } } satisfies MeResponse)
    const { userId: id, username, displayName, role, units } = principal
    const user = await accounts.findUser(id)
    const status = user ? await statusOf(user, user.previousLogin) : undefined
    return c.json({
      user: { id, username, displayName, role, units: [...units], dutiesSeparated: principal.dutiesSeparated === true },
      status,
    } satisfies MeResponse)
  })

  routes.post('/password', async (c) => {
    const principal = requireUser(c)
    const { currentPassword, newPassword } = await parseBody(c, changePasswordSchema)
    const { user, sessionToken } = await accounts.changeOwnPassword(principal.userId, currentPassword, newPassword, clientAddress(c))
    await auditRequest(audit, c, {
      type: SecurityEventType.passwordChanged,
      target: user.id,
      detail: principal.passwordChangeRequired ? `强制修改（${principal.passwordChangeRequired}）` : '',
    })
    setSessionCookie(c, sessionToken, accounts.controls.session.maxMs)
    return c.json({ user: publicUser(user), status: await statusOf(user, user.previousLogin) } satisfies SignedInResponse)
  })

  routes.post('/tokens', async (c) => {
    const principal = requireUser(c)
    const { name } = await parseBody(c, createTokenRequestSchema)
    const { token, record } = await accounts.createApiToken(principal, name || '脚本令牌')
    await auditRequest(audit, c, { type: SecurityEventType.tokenCreated, target: record.id, detail: record.name })
    return c.json({ token, id: record.id, name: record.name } satisfies CreateTokenResponse, 201)
  })

  routes.get('/tokens', async (c) => {
    const tokens = await accounts.listApiTokens(requireUser(c))
    return c.json({ tokens: tokens.map(({ id, name, createdAt }) => ({ id, name, createdAt })) } satisfies TokenListResponse)
  })

  routes.delete('/tokens/:id', async (c) => {
    const id = c.req.param('id')
    const deleted = await accounts.deleteApiToken(requireUser(c), id)
    if (deleted) await auditRequest(audit, c, { type: SecurityEventType.tokenDeleted, target: id })
    return deleted ? c.body(null, 204) : c.json({ error: '令牌不存在' } satisfies ErrorResponse, 404)
  })

  return routes
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
