import type Database from 'better-sqlite3'
import type {
  AccountStore,
  ApiTokenRecord,
  LoginTrace,
  NewUserRecord,
  ScreenLinkRecord,
  SessionRecord,
  UserPatch,
  UserRecord,
} from '../accounts/accountStore.ts'
import { newUserRecord, toScreenLinkRecord, toUserRecord, type ScreenLinkRow, type UserRow } from './storedRows.ts'

/** Accounts in the embedded database (tables from sqliteDatabase.ts migrations). */
export class SqliteAccountStore implements AccountStore {
  private readonly statements

  constructor(db: Database.Database) {
    this.statements = {
      countUsers: db.prepare<[], { count: number }>('SELECT COUNT(*) AS count FROM users'),
      listUsers: db.prepare<[], UserRow>('SELECT * FROM users ORDER BY created_at, username'),
      findUser: db.prepare<[string, string], UserRow>('SELECT * FROM users WHERE id = ? OR username = ? COLLATE NOCASE'),
      insertUser: db.prepare(
        `INSERT INTO users (id, username, display_name, password_hash, role, units, disabled, must_change_password, password_changed_at, created_at, updated_at)
         VALUES (@id, @username, @display_name, @password_hash, @role, @units, @disabled, @must_change_password, @password_changed_at, @created_at, @updated_at)`,
      ),
      updateUser: db.prepare(
        `UPDATE users SET display_name = @display_name, password_hash = @password_hash, role = @role, units = @units,
         disabled = @disabled, must_change_password = @must_change_password, password_changed_at = @password_changed_at,
         updated_at = @updated_at WHERE id = @id`,
      ),
      recordLogin: db.prepare(
        `UPDATE users SET previous_login_at = last_login_at, previous_login_address = last_login_address,
         last_login_at = ?, last_login_address = ? WHERE id = ?`,
      ),
      insertSession: db.prepare('INSERT INTO sessions (token_hash, user_id, expires_at, created_at) VALUES (?, ?, ?, ?)'),
      findSession: db.prepare<[string], { user_id: string; expires_at: number; created_at: number }>(
        'SELECT user_id, expires_at, created_at FROM sessions WHERE token_hash = ?',
      ),
      extendSession: db.prepare('UPDATE sessions SET expires_at = ? WHERE token_hash = ?'),
      deleteSession: db.prepare('DELETE FROM sessions WHERE token_hash = ?'),
      deleteSessionsOfUser: db.prepare('DELETE FROM sessions WHERE user_id = ?'),
      deleteExpiredSessions: db.prepare('DELETE FROM sessions WHERE expires_at < ?'),
      insertApiToken: db.prepare('INSERT INTO api_tokens (id, token_hash, user_id, name, created_at) VALUES (?, ?, ?, ?, ?)'),
      findApiToken: db.prepare<[string], { id: string; user_id: string; name: string; created_at: string }>(
        'SELECT id, user_id, name, created_at FROM api_tokens WHERE token_hash = ?',
      ),
      listApiTokens: db.prepare<[string], { id: string; user_id: string; name: string; created_at: string }>(
        'SELECT id, user_id, name, created_at FROM api_tokens WHERE user_id = ? ORDER BY created_at',
      ),
      deleteApiToken: db.prepare('DELETE FROM api_tokens WHERE id = ? AND user_id = ?'),
      insertScreenLink: db.prepare('INSERT INTO screen_links (id, token_hash, board_id, name, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)'),
      findScreenLink: db.prepare<[string], ScreenLinkRow>('SELECT * FROM screen_links WHERE token_hash = ?'),
      listScreenLinks: db.prepare<[], ScreenLinkRow>('SELECT * FROM screen_links ORDER BY created_at'),
      revokeScreenLink: db.prepare('UPDATE screen_links SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL'),
    }
  }

  async countUsers(): Promise<number> {
    return this.statements.countUsers.get()?.count ?? 0
  }

  async listUsers(): Promise<UserRecord[]> {
    return this.statements.listUsers.all().map(toUserRecord)
  }

  async findUser(idOrUsername: string): Promise<UserRecord | undefined> {
    const row = this.statements.findUser.get(idOrUsername, idOrUsername)
    return row ? toUserRecord(row) : undefined
  }

  async createUser(user: NewUserRecord): Promise<UserRecord> {
    const now = new Date().toISOString()
    const record = newUserRecord(user, now)
    this.statements.insertUser.run({ ...toRow(record), created_at: now, updated_at: now })
    return record
  }

  async updateUser(id: string, patch: UserPatch): Promise<UserRecord | undefined> {
    const current = await this.findUser(id)
    if (!current) return undefined
    const next = { ...current, ...patch, updatedAt: new Date().toISOString() }
    this.statements.updateUser.run({ ...toRow(next), updated_at: next.updatedAt })
    return next
  }

  async recordLogin(id: string, login: LoginTrace): Promise<void> {
    this.statements.recordLogin.run(login.at, login.address, id)
  }

  async createSession(tokenHash: string, userId: string, expiresAt: number, createdAt = Date.now()): Promise<void> {
    this.statements.deleteExpiredSessions.run(Date.now())
    this.statements.insertSession.run(tokenHash, userId, expiresAt, createdAt)
  }

  async findSession(tokenHash: string): Promise<SessionRecord | undefined> {
    const row = this.statements.findSession.get(tokenHash)
    return row ? { userId: row.user_id, expiresAt: row.expires_at, createdAt: row.created_at } : undefined
  }

  async extendSession(tokenHash: string, expiresAt: number): Promise<void> {
    this.statements.extendSession.run(expiresAt, tokenHash)
  }

  async deleteSession(tokenHash: string): Promise<void> {
    this.statements.deleteSession.run(tokenHash)
  }

  async deleteSessionsOfUser(userId: string): Promise<void> {
    this.statements.deleteSessionsOfUser.run(userId)
  }

  async createApiToken(record: ApiTokenRecord, tokenHash: string): Promise<void> {
    this.statements.insertApiToken.run(record.id, tokenHash, record.userId, record.name, record.createdAt)
  }

  async findApiToken(tokenHash: string): Promise<ApiTokenRecord | undefined> {
    const row = this.statements.findApiToken.get(tokenHash)
    return row ? { id: row.id, userId: row.user_id, name: row.name, createdAt: row.created_at } : undefined
  }

  async listApiTokens(userId: string): Promise<ApiTokenRecord[]> {
    return this.statements.listApiTokens.all(userId).map((row) => ({ id: row.id, userId: row.user_id, name: row.name, createdAt: row.created_at }))
  }

  async deleteApiToken(id: string, userId: string): Promise<boolean> {
    return this.statements.deleteApiToken.run(id, userId).changes > 0
  }

  async createScreenLink(record: ScreenLinkRecord, tokenHash: string): Promise<void> {
    this.statements.insertScreenLink.run(record.id, tokenHash, record.boardId, record.name, record.createdAt, record.expiresAt)
  }

  async findScreenLink(tokenHash: string): Promise<ScreenLinkRecord | undefined> {
    const row = this.statements.findScreenLink.get(tokenHash)
    return row ? toScreenLinkRecord(row) : undefined
  }

  async listScreenLinks(): Promise<ScreenLinkRecord[]> {
    return this.statements.listScreenLinks.all().map(toScreenLinkRecord)
  }

  async revokeScreenLink(id: string, at: number): Promise<boolean> {
    return this.statements.revokeScreenLink.run(at, id).changes > 0
  }
}

function toRow(user: UserRecord) {
  return {
    id: user.id,
    username: user.username,
    display_name: user.displayName,
    password_hash: user.passwordHash,
    role: user.role,
    units: JSON.stringify(user.units),
    disabled: user.disabled ? 1 : 0,
    must_change_password: user.mustChangePassword ? 1 : 0,
    password_changed_at: user.passwordChangedAt,
  }
}
