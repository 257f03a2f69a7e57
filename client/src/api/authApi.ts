import type { AccountStatus } from '@guatu/shared/domain/accountStatus'
import { meResponseSchema, signedInResponseSchema, type SessionUser } from '@guatu/shared/api/session'
import { ApiError, jsonBody, requestJson, requestNoContent } from './http.ts'

/** Who `/api/me` says we are: a person, or a wall display holding a screen link. */
export type Me = { kind: 'user'; user: SessionUser; status: AccountStatus | undefined } | { kind: 'screen'; boardId: string; name: string }

/** The current principal, or `null` when nobody is signed in (401). */
export async function fetchMe(): Promise<Me | null> {
  try {
    const body = await requestJson('/api/me', meResponseSchema, { expectUnauthorized: true })
    if ('user' in body) return { kind: 'user', user: body.user, status: body.status }
    return { kind: 'screen', boardId: body.screen.boardId, name: body.screen.name }
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null
    throw error
  }
}

export interface SignedIn {
  user: SessionUser
  status: AccountStatus | undefined
}

export async function login(username: string, password: string): Promise<SignedIn> {
  return requestJson('/api/login', signedInResponseSchema, {
    method: 'POST',
    expectUnauthorized: true,
    ...jsonBody({ username, password }),
  })
}

/** POST /api/password: the user's own new password; the server answers with a fresh session. */
export async function changePassword(currentPassword: string, newPassword: string): Promise<SignedIn> {
  return requestJson('/api/password', signedInResponseSchema, {
    method: 'POST',
    ...jsonBody({ currentPassword, newPassword }),
  })
}

export async function logout(): Promise<void> {
  await requestNoContent('/api/logout', { method: 'POST', expectUnauthorized: true })
}
