import { getCookie } from 'hono/cookie'
import { createMiddleware } from 'hono/factory'
import type { Principal } from '@guatu/shared/domain/principal'
import type { AccountService } from '../accounts/accountService.ts'
import type { AppEnv } from './appEnv.ts'

export const SESSION_COOKIE = 'guatu_session'

/** Credentials a request may carry, in the order they are tried. */
export interface Credentials {
  sessionToken?: string
  bearerToken?: string
}

export async function resolvePrincipal(accounts: AccountService, credentials: Credentials): Promise<Principal | undefined> {
  if (credentials.bearerToken) return accounts.principalForToken(credentials.bearerToken)
  if (credentials.sessionToken) return accounts.principalForSession(credentials.sessionToken)
  return undefined
}

/** The token of an `Authorization: Bearer …` header, or undefined. */
export function bearerFrom(header: string | undefined): string | undefined {
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null
  return match?.[1]
}

/** Sets `principal` on every request from the session cookie or a bearer token; never rejects by itself. */
export function authentication(accounts: AccountService) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const principal = await resolvePrincipal(accounts, {
      sessionToken: getCookie(c, SESSION_COOKIE),
      bearerToken: bearerFrom(c.req.header('authorization')),
    })
    c.set('principal', principal)
    await next()
  })
}
