import {
  unlockedUserResponseSchema,
  userListResponseSchema,
  userResponseSchema,
  type CreateUserRequest,
  type ListedUser,
  type PatchUserRequest,
} from '@guatu/shared/api/users'
import { jsonBody, requestJson } from './http.ts'

export async function fetchUsers(): Promise<ListedUser[]> {
  const { users } = await requestJson('/api/users', userListResponseSchema)
  return users
}

export async function createUser(input: CreateUserRequest): Promise<void> {
  await requestJson('/api/users', userResponseSchema, { method: 'POST', ...jsonBody(input) })
}

/** Lifts the lock the failed logins put on an account (the office only). */
export async function unlockUser(id: string): Promise<void> {
  await requestJson(`/api/users/${encodeURIComponent(id)}/unlock`, unlockedUserResponseSchema, { method: 'POST', ...jsonBody({}) })
}

export async function updateUser(id: string, patch: PatchUserRequest): Promise<void> {
  await requestJson(`/api/users/${encodeURIComponent(id)}`, userResponseSchema, { method: 'PATCH', ...jsonBody(patch) })
}
