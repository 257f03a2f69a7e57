import type pg from 'pg'
import type { ExternalIdentity } from '@guatu/shared/domain/singleSignOn'
import type { PendingSignIn, SsoStore } from '../accounts/oidc/ssoStore.ts'
import { toPendingSignIn, type PendingRow } from './sqliteSsoStore.ts'

const UNIQUE_VIOLATION = '23505'

/**
 * 统一身份账号 and pending sign-ins in PostgreSQL (tables from postgresDatabase.ts), so a sign-in
 * started on one process of a scaled-out server can come back to another.
 */
export class PostgresSsoStore implements SsoStore {
  constructor(private readonly pool: pg.Pool) {}

  async findUserIdByExternalId(externalId: string): Promise<string | undefined> {
    const { rows } = await this.pool.query<{ user_id: string }>('SELECT user_id FROM user_external_ids WHERE external_id = $1', [externalId])
    return rows[0]?.user_id
  }

  async listExternalIds(): Promise<ExternalIdentity[]> {
    const { rows } = await this.pool.query<{ user_id: string; external_id: string }>('SELECT user_id, external_id FROM user_external_ids ORDER BY external_id')
    return rows.map((row) => ({ userId: row.user_id, externalId: row.external_id }))
  }

  async setExternalId(userId: string, externalId: string | null): Promise<boolean> {
    if (externalId === null) {
      await this.pool.query('DELETE FROM user_external_ids WHERE user_id = $1', [userId])
      return true
    }
    try {
      await this.pool.query(
        `INSERT INTO user_external_ids (user_id, external_id) VALUES ($1, $2)
         ON CONFLICT (user_id) DO UPDATE SET external_id = excluded.external_id`,
        [userId, externalId],
      )
      return true
    } catch (error) {
      // The UNIQUE on external_id decides between two offices' concurrent writes, not a prior read.
      if ((error as { code?: string }).code === UNIQUE_VIOLATION) return false
      throw error
    }
  }

  async countPendingSignIns(now: number): Promise<number> {
    await this.pool.query('DELETE FROM pending_sign_ins WHERE expires_at < $1', [now])
    const { rows } = await this.pool.query<{ count: string }>('SELECT COUNT(*) AS count FROM pending_sign_ins')
    return Number(rows[0]?.count ?? 0)
  }

  async savePendingSignIn(tokenHash: string, pending: PendingSignIn): Promise<void> {
    await this.pool.query(
      `INSERT INTO pending_sign_ins (token_hash, state, nonce, code_verifier, redirect_uri, return_to, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [tokenHash, pending.state, pending.nonce, pending.codeVerifier, pending.redirectUri, pending.returnTo, pending.expiresAt],
    )
  }

  async takePendingSignIn(tokenHash: string): Promise<PendingSignIn | undefined> {
    // DELETE … RETURNING: of two callbacks racing with the same cookie, exactly one gets the row.
    const { rows } = await this.pool.query<PendingRow>('DELETE FROM pending_sign_ins WHERE token_hash = $1 RETURNING *', [tokenHash])
    return rows[0] ? toPendingSignIn(rows[0]) : undefined
  }
}
