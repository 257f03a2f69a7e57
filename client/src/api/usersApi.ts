import type { Role } from '@guatu/shared/domain/role'
import { readAccount, type Account } from './authApi.ts'
import { jsonBody, requestJson } from './http.ts'

/** An account as the admin page lists it. */
export interface UserRecord extends Account {
  disabled: boolean
  createdAt: string
  /** Until when the account is locked after failed logins (ISO time), or null. */
  lockedUntil: string | null
}

export interface NewUser {
  username: string
  password: string
  role: Role
  units: string[]
  displayName?: string
}

export type UserPatch = Partial<{ password: string; role: Role; units: string[]; displayName: string; disabled: boolean }>

function readUser(value: unknown): UserRecord | undefined {
  const account = readAccount(value)
  if (!account) return undefined
  const record = value as Record<string, unknown>
  return {
    ...account,
    disabled: record.disabled === true,
    createdAt: typeof record.createdAt === 'string' ? record.createdAt : '',
    lockedUntil: typeof record.lockedUntil === 'string' ? record.lockedUntil : null,
  }
}

export async function fetchUsers(): Promise<UserRecord[]> {
  const { users } = await requestJson<{ users?: unknown }>('/api/users')
  return Array.isArray(users) ? users.flatMap((user) => readUser(user) ?? []) : []
}

export async function createUser(input: NewUser): Promise<void> {
  await requestJson<unknown>('/api/users', { method: 'POST', ...jsonBody(input) })
}

/** Lifts the lock the failed logins put on an account (the office only). */
export async function unlockUser(id: string): Promise<void> {
  await requestJson<unknown>(`/api/users/${encodeURIComponent(id)}/unlock`, { method: 'POST', ...jsonBody({}) })
}

export async function updateUser(id: string, patch: UserPatch): Promise<void> {
  await requestJson<unknown>(`/api/users/${encodeURIComponent(id)}`, { method: 'PATCH', ...jsonBody(patch) })
}
