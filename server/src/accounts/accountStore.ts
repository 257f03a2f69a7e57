import type { Role } from '@guatu/shared/domain/role'

export interface UserRecord {
  id: string
  username: string
  displayName: string
  passwordHash: string
  role: Role
  units: string[]
  disabled: boolean
  createdAt: string
  updatedAt: string
}

export interface ApiTokenRecord {
  id: string
  userId: string
  name: string
  createdAt: string
}

export interface ScreenLinkRecord {
  id: string
  boardId: string
  name: string
  createdAt: string
  /** Epoch ms, or null for a link that does not expire. */
  expiresAt: number | null
  revokedAt: number | null
}

export type UserPatch = Partial<Pick<UserRecord, 'displayName' | 'passwordHash' | 'role' | 'units' | 'disabled'>>

/** Accounts, sessions, tokens and screen links. One adapter per database, like BoardStorage. */
export interface AccountStore {
  countUsers(): Promise<number>
  listUsers(): Promise<UserRecord[]>
  findUser(idOrUsername: string): Promise<UserRecord | undefined>
  createUser(user: Omit<UserRecord, 'createdAt' | 'updatedAt'>): Promise<UserRecord>
  updateUser(id: string, patch: UserPatch): Promise<UserRecord | undefined>

  createSession(tokenHash: string, userId: string, expiresAt: number): Promise<void>
  findSession(tokenHash: string): Promise<{ userId: string; expiresAt: number } | undefined>
  extendSession(tokenHash: string, expiresAt: number): Promise<void>
  deleteSession(tokenHash: string): Promise<void>
  deleteSessionsOfUser(userId: string): Promise<void>

  createApiToken(record: ApiTokenRecord, tokenHash: string): Promise<void>
  findApiToken(tokenHash: string): Promise<ApiTokenRecord | undefined>
  listApiTokens(userId: string): Promise<ApiTokenRecord[]>
  deleteApiToken(id: string, userId: string): Promise<boolean>

  createScreenLink(record: ScreenLinkRecord, tokenHash: string): Promise<void>
  findScreenLink(tokenHash: string): Promise<ScreenLinkRecord | undefined>
  listScreenLinks(): Promise<ScreenLinkRecord[]>
  revokeScreenLink(id: string, at: number): Promise<boolean>
}
