import { Hono } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { z } from 'zod'
import { refuseXmlUnsafe } from '@guatu/shared/domain/safeText'
import { AccountService, SESSION_TTL_MS, publicUser } from '../accounts/accountService.ts'
import { clientAddress, requirePrincipal, requireUser, type AppEnv } from './appEnv.ts'
import { SESSION_COOKIE } from './authentication.ts'
import { parseBody } from './parseBody.ts'

const loginSchema = z.object({
  username: z.string({ error: '请输入用户名' }).trim().min(1, { error: '请输入用户名' }).max(64),
  password: z.string({ error: '请输入密码' }).min(1, { error: '请输入密码' }).max(256),
})

const tokenSchema = z.object({ name: z.string().trim().max(60).superRefine(refuseXmlUnsafe('令牌名称')).optional() })

/** Sign-in, sign-out, who am I, and personal API tokens. */
export function accountRoutes(accounts: AccountService): Hono<AppEnv> {
  const routes = new Hono<AppEnv>()

  routes.post('/login', async (c) => {
    const { username, password } = await parseBody(c, loginSchema)
    const { user, sessionToken } = await accounts.login(username, password, clientAddress(c))
    setCookie(c, SESSION_COOKIE, sessionToken, {
      httpOnly: true,
      sameSite: 'Lax',
      path: '/',
      secure: new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https',
      maxAge: Math.floor(SESSION_TTL_MS / 1000),
    })
    return c.json({ user: publicUser(user) })
  })

  routes.post('/logout', async (c) => {
    const sessionToken = getCookie(c, SESSION_COOKIE)
    if (sessionToken) await accounts.logout(sessionToken)
    deleteCookie(c, SESSION_COOKIE, { path: '/' })
    return c.body(null, 204)
  })

  routes.get('/me', (c) => {
    const principal = requirePrincipal(c)
    if (principal.kind === 'screen') return c.json({ screen: { boardId: principal.boardId, name: principal.name } })
    const { userId: id, username, displayName, role, units } = principal
    return c.json({ user: { id, username, displayName, role, units } })
  })

  routes.post('/tokens', async (c) => {
    const principal = requireUser(c)
    const { name } = await parseBody(c, tokenSchema)
    const { token, record } = await accounts.createApiToken(principal, name || '脚本令牌')
    return c.json({ token, id: record.id, name: record.name }, 201)
  })

  routes.get('/tokens', async (c) => {
    const tokens = await accounts.listApiTokens(requireUser(c))
    return c.json({ tokens: tokens.map(({ id, name, createdAt }) => ({ id, name, createdAt })) })
  })

  routes.delete('/tokens/:id', async (c) => {
    const deleted = await accounts.deleteApiToken(requireUser(c), c.req.param('id'))
    return deleted ? c.body(null, 204) : c.json({ error: '令牌不存在' }, 404)
  })

  return routes
}
