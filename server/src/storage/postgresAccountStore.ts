import type pg from 'pg'
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

interface TokenRow {
  id: string
  user_id: string
  name: string
  created_at: string
}

/**
 * Accounts in PostgreSQL (tables from postgresDatabase.ts migrations), so that a session or token
 * made on one server process is valid on every other. Usernames are unique regardless of case, as
 * in SQLite.
 */
export class PostgresAccountStore implements AccountStore {
  constructor(private readonly pool: pg.Pool) {}

  async countUsers(): Promise<number> {
    const { rows } = await this.pool.query<{ count: string }>('SELECT COUNT(*) AS count FROM users')
    return Number(rows[0]?.count ?? 0)
  }

  async listUsers(): Promise<UserRecord[]> {
    const { rows } = await this.pool.query<UserRow>('SELECT * FROM users ORDER BY created_at, username')
    return rows.map(toUserRecord)
  }

  async findUser(idOrUsername: string): Promise<UserRecord | undefined> {
    const { rows } = await this.pool.query<UserRow>('SELECT * FROM users WHERE id = $1 OR lower(username) = lower($1)', [idOrUsername])
    return rows[0] ? toUserRecord(rows[0]) : undefined
  }

  async createUser(user: NewUserRecord): Promise<UserRecord> {
    const now = new Date().toISOString()
    const record = newUserRecord(user, now)
    await this.pool.query(
      `INSERT INTO users (id, username, display_name, password_hash, role, units, disabled, must_change_password, password_changed_at, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, $9)`,
      [user.id, user.username, user.displayName, user.passwordHash, user.role, JSON.stringify(user.units), user.disabled, record.mustChangePassword, now],
    )
    return record
  }

  async updateUser(id: string, patch: UserPatch): Promise<UserRecord | undefined> {
    const current = await this.findUser(id)
    if (!current) return undefined
    const next = { ...current, ...patch, updatedAt: new Date().toISOString() }
    await this.pool.query(
      `UPDATE users SET display_name = $2, password_hash = $3, role = $4, units = $5, disabled = $6, updated_at = $7,
       must_change_password = $8, password_changed_at = $9 WHERE id = $1`,
      [
        next.id,
        next.displayName,
        next.passwordHash,
        next.role,
        JSON.stringify(next.units),
        next.disabled,
        next.updatedAt,
        next.mustChangePassword,
        next.passwordChangedAt,
      ],
    )
    return next
  }

  async recordLogin(id: string, login: LoginTrace): Promise<void> {
    await this.pool.query(
      `UPDATE users SET previous_login_at = last_login_at, previous_login_address = last_login_address,
       last_login_at = $2, last_login_address = $3 WHERE id = $1`,
      [id, login.at, login.address],
    )
  }

  async createSession(tokenHash: string, userId: string, expiresAt: number, createdAt = Date.now()): Promise<void> {
    await this.pool.query('DELETE FROM sessions WHERE expires_at < $1', [Date.now()])
    await this.pool.query('INSERT INTO sessions (token_hash, user_id, expires_at, created_at) VALUES ($1, $2, $3, $4)', [
      tokenHash,
      userId,
      expiresAt,
      createdAt,
    ])
  }

  async findSession(tokenHash: string): Promise<SessionRecord | undefined> {
    const { rows } = await this.pool.query<{ user_id: string; expires_at: string; created_at: string }>(
      'SELECT user_id, expires_at, created_at FROM sessions WHERE token_hash = $1',
      [tokenHash],
    )
    const row = rows[0]
    return row ? { userId: row.user_id, expiresAt: Number(row.expires_at), createdAt: Number(row.created_at) } : undefined
  }

  async extendSession(tokenHash: string, expiresAt: number): Promise<void> {
    await this.pool.query('UPDATE sessions SET expires_at = $1 WHERE token_hash = $2', [expiresAt, tokenHash])
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.pool.query('DELETE FROM sessions WHERE token_hash = $1', [tokenHash])
  }

  async deleteSessionsOfUser(userId: string): Promise<void> {
    await this.pool.query('DELETE FROM sessions WHERE user_id = $1', [userId])
  }

  async createApiToken(record: ApiTokenRecord, tokenHash: string): Promise<void> {
    await this.pool.query('INSERT INTO api_tokens (id, token_hash, user_id, name, created_at) VALUES ($1, $2, $3, $4, $5)', [
      record.id,
      tokenHash,
      record.userId,
      record.name,
      record.createdAt,
    ])
  }

  async findApiToken(tokenHash: string): Promise<ApiTokenRecord | undefined> {
    const { rows } = await this.pool.query<TokenRow>('SELECT id, user_id, name, created_at FROM api_tokens WHERE token_hash = $1', [tokenHash])
    return rows[0] ? toToken(rows[0]) : undefined
  }

  async listApiTokens(userId: string): Promise<ApiTokenRecord[]> {
    const { rows } = await this.pool.query<TokenRow>('SELECT id, user_id, name, created_at FROM api_tokens WHERE user_id = $1 ORDER BY created_at', [userId])
    return rows.map(toToken)
  }

  async deleteApiToken(id: string, userId: string): Promise<boolean> {
    const result = await this.pool.query('DELETE FROM api_tokens WHERE id = $1 AND user_id = $2', [id, userId])
    return (result.rowCount ?? 0) > 0
  }

  async createScreenLink(record: ScreenLinkRecord, tokenHash: string): Promise<void> {
    await this.pool.query('INSERT INTO screen_links (id, token_hash, board_id, name, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)', [
      record.id,
      tokenHash,
      record.boardId,
      record.name,
      record.createdAt,
      record.expiresAt,
    ])
  }

  async findScreenLink(tokenHash: string): Promise<ScreenLinkRecord | undefined> {
    const { rows } = await this.pool.query<ScreenLinkRow>('SELECT * FROM screen_links WHERE token_hash = $1', [tokenHash])
    return rows[0] ? toScreenLinkRecord(rows[0]) : undefined
  }

  async listScreenLinks(): Promise<ScreenLinkRecord[]> {
    const { rows } = await this.pool.query<ScreenLinkRow>('SELECT * FROM screen_links ORDER BY created_at')
    return rows.map(toScreenLinkRecord)
  }

  async revokeScreenLink(id: string, at: number): Promise<boolean> {
    const result = await this.pool.query('UPDATE screen_links SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL', [at, id])
    return (result.rowCount ?? 0) > 0
  }
}

function toToken(row: TokenRow): ApiTokenRecord {
  return { id: row.id, userId: row.user_id, name: row.name, createdAt: row.created_at }
}
