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
  /** The user must set a new password before anything else (a new account, or reset by the office). */
  mustChangePassword: boolean
  /** When the password was last set (ISO), for the expiry; null for accounts older than the setting. */
  passwordChangedAt: string | null
  /** This sign-in and the one before, so the user sees 上次登录 (等保: 登录时间和地址). */
  lastLogin: LoginTrace | null
  previousLogin: LoginTrace | null
}

export interface LoginTrace {
  at: string
  address: string
}

/** What creating a user needs; the store stamps the times, a new account has not signed in yet. */
export type NewUserRecord = Omit<UserRecord, 'createdAt' | 'updatedAt' | 'mustChangePassword' | 'passwordChangedAt' | 'lastLogin' | 'previousLogin'> & {
  mustChangePassword?: boolean
}

export interface SessionRecord {
  userId: string
  /** Epoch ms: the end of the idle timeout, never past the absolute lifetime. */
  expiresAt: number
  /** Epoch ms, for the absolute lifetime; 0 for sessions made before it was recorded. */
  createdAt: number
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

export type UserPatch = Partial<Pick<UserRecord, 'displayName' | 'passwordHash' | 'role' | 'units' | 'disabled' | 'mustChangePassword' | 'passwordChangedAt'>>

/** Accounts, sessions, tokens and screen links. One adapter per database, like BoardStorage. */
export interface AccountStore {
  countUsers(): Promise<number>
  listUsers(): Promise<UserRecord[]>
  findUser(idOrUsername: string): Promise<UserRecord | undefined>
  createUser(user: NewUserRecord): Promise<UserRecord>
  updateUser(id: string, patch: UserPatch): Promise<UserRecord | undefined>
  /** Remembers a successful sign-in; the one before becomes `previousLogin`. */
  recordLogin(id: string, login: LoginTrace): Promise<void>

  /** `createdAt` (epoch ms, default now) starts the absolute lifetime. */
  createSession(tokenHash: string, userId: string, expiresAt: number, createdAt?: number): Promise<void>
  findSession(tokenHash: string): Promise<SessionRecord | undefined>
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
