import type { CreateScreenLinkResponse } from '@guatu/shared/api/screenLinks'
import type { CreateUserRequest, PublicUser, UserResponse } from '@guatu/shared/api/users'
import { apiTokenFor, signIn } from './credentials.ts'
import { expectStatus, requestJson } from './rest.ts'
import type { TestServer } from './server.ts'

/** Creates a user as the admin (POST /api/users); fails unless the server answers 201. */
export async function createUser(server: TestServer, user: CreateUserRequest): Promise<PublicUser> {
  const response = await requestJson<UserResponse>(server, '/api/users', { body: user })
  return expectStatus(response, 201, `POST /api/users (${user.username})`).user
}

/** Signs in as `username` and creates a personal API token for it, as a script would. */
export function tokenFor(server: TestServer, username: string, password: string): Promise<string> {
  return apiTokenFor(server.url, username, password)
}

/** Signs in as `username`; returns the `guatu_session=…` cookie pair to send back. */
export function loginCookie(server: TestServer, username: string, password: string): Promise<string> {
  return signIn(server.url, username, password)
}

/** Creates a screen link for `boardId` as the admin (POST /api/screen-links). */
export async function createScreenLink(
  server: TestServer,
  boardId: string,
  options: { name?: string; expiresInDays?: number } = {},
): Promise<CreateScreenLinkResponse> {
  const body = { boardId, name: options.name ?? '会议室大屏', ...(options.expiresInDays === undefined ? {} : { expiresInDays: options.expiresInDays }) }
  return expectStatus(await requestJson<CreateScreenLinkResponse>(server, '/api/screen-links', { body }), 201, 'POST /api/screen-links')
}

/** A user of each kind the permission tests need, with API tokens. */
export interface TestAccount {
  user: PublicUser
  password: string
  token: string
}

/** Creates a user and signs it in for an API token. */
export async function createAccount(server: TestServer, user: CreateUserRequest): Promise<TestAccount> {
  const created = await createUser(server, user)
  return { user: created, password: user.password, token: await tokenFor(server, user.username, user.password) }
}
