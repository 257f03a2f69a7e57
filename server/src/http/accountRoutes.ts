import { Hono } from 'hono'
import { deleteCookie, getCookie } from 'hono/cookie'
import { z } from 'zod'
import { refuseXmlUnsafe } from '@guatu/shared/domain/safeText'
import { AccountService, publicUser } from '../accounts/accountService.ts'
import { RequestError } from '../requestError.ts'
import { clientAddress, requirePrincipal, requireUser, type AppEnv } from './appEnv.ts'
import { SESSION_COOKIE } from './authentication.ts'
import { parseBody } from './parseBody.ts'
import { setSessionCookie } from './sessionCookie.ts'

const loginSchema = z.object({
  username: z.string({ error: '请输入用户名' }).trim().min(1, { error: '请输入用户名' }).max(64),
  password: z.string({ error: '请输入密码' }).min(1, { error: '请输入密码' }).max(256),
})

/** GUATU_LOCAL_LOGIN=0: passwords are refused before they are checked, so none can be guessed. */
const LOCAL_LOGIN_OFF = '本系统已改用统一身份认证登录，不再接受用户名和密码，请在登录页点击统一身份认证登录'

const tokenSchema = z.object({ name: z.string().trim().max(60).superRefine(refuseXmlUnsafe('令牌名称')).optional() })

/** Sign-in, sign-out, who am I, and personal API tokens. */
export function accountRoutes(accounts: AccountService, options: { localLogin: boolean } = { localLogin: true }): Hono<AppEnv> {
  const routes = new Hono<AppEnv>()

  routes.post('/login', async (c) => {
    if (!options.localLogin) throw new RequestError(403, LOCAL_LOGIN_OFF)
    const { username, password } = await parseBody(c, loginSchema)
    const { user, sessionToken } = await accounts.login(username, password, clientAddress(c))
    setSessionCookie(c, sessionToken)
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
