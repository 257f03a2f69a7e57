import { createMiddleware } from 'hono/factory'
import { PASSWORD_CHANGE_REFUSAL } from '@guatu/shared/domain/passwordPolicy'
import { RequestError } from '../requestError.ts'
import type { AppEnv } from './appEnv.ts'

/** What a session that must change its password may still do: see who it is, change it, leave. */
const ALLOWED_WHILE_CHANGE_REQUIRED = new Set(['GET /api/me', 'POST /api/password', 'POST /api/logout'])

/**
 * Until a forced or expired password is changed, every other API request is refused (403, with the
 * reason in Chinese). The websocket upgrade is refused the same way in syncRoute.ts.
 */
export function passwordChangeGate() {
  return createMiddleware<AppEnv>(async (c, next) => {
    const principal = c.get('principal')
    if (principal?.kind === 'user' && principal.passwordChangeRequired && !ALLOWED_WHILE_CHANGE_REQUIRED.has(`${c.req.method} ${c.req.path}`)) {
      throw new RequestError(403, PASSWORD_CHANGE_REFUSAL[principal.passwordChangeRequired])
    }
    await next()
  })
}
