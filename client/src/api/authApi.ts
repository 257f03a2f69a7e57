import { accountStatusSchema, type AccountStatus } from '@guatu/shared/domain/accountStatus'
import { isRole, type Role } from '@guatu/shared/domain/role'
import { ApiError, jsonBody, requestJson } from './http.ts'

/** A person's account as `/api/me`, `/api/login` and `/api/users` describe it. */
export interface Account {
  id: string
  username: string
  displayName: string
  role: Role
  units: string[]
  /** 三员: the office separates the duties over accounts. */
  dutiesSeparated?: boolean
}

/** Who `/api/me` says we are: a person, or a wall display holding a screen link. */
export type Me = { kind: 'user'; user: Account; status: AccountStatus | undefined } | { kind: 'screen'; boardId: string; name: string }

/** The sign-in notice and password state; a malformed one is left out rather than guessed. */
function readStatus(value: unknown): AccountStatus | undefined {
  const parsed = accountStatusSchema.safeParse(value)
  return parsed.success ? parsed.data : undefined
}

/** Validates an account from the server; an unknown role or a malformed record is refused, not guessed. */
export function readAccount(value: unknown): Account | undefined {
  if (typeof value !== 'object' || value === null) return undefined
  const record = value as Record<string, unknown>
  const { id, username, displayName, role, units } = record
  if (typeof id !== 'string' || typeof username !== 'string' || !isRole(role)) return undefined
  return {
    id,
    username,
    displayName: typeof displayName === 'string' ? displayName : '',
    role,
    units: Array.isArray(units) ? units.filter((unit): unit is string => typeof unit === 'string') : [],
    ...(record.dutiesSeparated === true ? { dutiesSeparated: true } : {}),
  }
}

function readMe(body: unknown): Me {
  const record = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>
  const user = readAccount(record.user)
  if (user) return { kind: 'user', user, status: readStatus(record.status) }
  const screen = record.screen as Record<string, unknown> | undefined
  if (screen && typeof screen.boardId === 'string') {
    return { kind: 'screen', boardId: screen.boardId, name: typeof screen.name === 'string' ? screen.name : '' }
  }
  throw new ApiError(500, '服务器返回的登录信息无法识别')
}

/** The current principal, or `null` when nobody is signed in (401). */
export async function fetchMe(): Promise<Me | null> {
  try {
    return readMe(await requestJson<unknown>('/api/me', { expectUnauthorized: true }))
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null
    throw error
  }
}

export interface SignedIn {
  user: Account
  status: AccountStatus | undefined
}

function readSignedIn(body: { user?: unknown; status?: unknown }): SignedIn {
  const user = readAccount(body.user)
  if (!user) throw new ApiError(500, '服务器返回的账号信息无法识别')
  return { user, status: readStatus(body.status) }
}

export async function login(username: string, password: string): Promise<SignedIn> {
  const body = await requestJson<{ user?: unknown; status?: unknown }>('/api/login', {
    method: 'POST',
    expectUnauthorized: true,
    ...jsonBody({ username, password }),
  })
  return readSignedIn(body)
}

/** POST /api/password: the user's own new password; the server answers with a fresh session. */
export async function changePassword(currentPassword: string, newPassword: string): Promise<SignedIn> {
  const body = await requestJson<{ user?: unknown; status?: unknown }>('/api/password', {
    method: 'POST',
    ...jsonBody({ currentPassword, newPassword }),
  })
  return readSignedIn(body)
}

export async function logout(): Promise<void> {
  await requestJson<void>('/api/logout', { method: 'POST', expectUnauthorized: true })
}
