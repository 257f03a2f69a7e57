import type Database from 'better-sqlite3'
import type { ExternalIdentity } from '@guatu/shared/domain/singleSignOn'
import type { PendingSignIn, SsoStore } from '../accounts/oidc/ssoStore.ts'

interface PendingRow {
  state: string
  nonce: string
  code_verifier: string
  redirect_uri: string
  return_to: string
  expires_at: number
}

/** 统一身份账号 and pending sign-ins in the embedded database (tables from sqliteDatabase.ts). */
export class SqliteSsoStore implements SsoStore {
  private readonly statements
  private readonly setExternalIdAtomically: (userId: string, externalId: string | null) => boolean
  private readonly takeAtomically: (tokenHash: string) => PendingRow | undefined

  constructor(db: Database.Database) {
    const statements = {
      findByExternalId: db.prepare<[string], { user_id: string }>('SELECT user_id FROM user_external_ids WHERE external_id = ?'),
      list: db.prepare<[], { user_id: string; external_id: string }>('SELECT user_id, external_id FROM user_external_ids ORDER BY external_id'),
      upsert: db.prepare(
        'INSERT INTO user_external_ids (user_id, external_id) VALUES (?, ?) ON CONFLICT (user_id) DO UPDATE SET external_id = excluded.external_id',
      ),
      remove: db.prepare('DELETE FROM user_external_ids WHERE user_id = ?'),
      insertPending: db.prepare(
        `INSERT INTO pending_sign_ins (token_hash, state, nonce, code_verifier, redirect_uri, return_to, expires_at)
         VALUES (@token_hash, @state, @nonce, @code_verifier, @redirect_uri, @return_to, @expires_at)`,
      ),
      findPending: db.prepare<[string], PendingRow>('SELECT * FROM pending_sign_ins WHERE token_hash = ?'),
      deletePending: db.prepare('DELETE FROM pending_sign_ins WHERE token_hash = ?'),
      deleteExpiredPending: db.prepare('DELETE FROM pending_sign_ins WHERE expires_at < ?'),
      countPending: db.prepare<[], { count: number }>('SELECT COUNT(*) AS count FROM pending_sign_ins'),
    }
    this.statements = statements
    this.setExternalIdAtomically = db.transaction((userId: string, externalId: string | null) => {
      if (externalId === null) {
        statements.remove.run(userId)
        return true
      }
      const holder = statements.findByExternalId.get(externalId)
      if (holder && holder.user_id !== userId) return false
      statements.upsert.run(userId, externalId)
      return true
    })
    this.takeAtomically = db.transaction((tokenHash: string) => {
      const row = statements.findPending.get(tokenHash)
      if (row) statements.deletePending.run(tokenHash)
      return row
    })
  }

  async findUserIdByExternalId(externalId: string): Promise<string | undefined> {
    return this.statements.findByExternalId.get(externalId)?.user_id
  }

  async listExternalIds(): Promise<ExternalIdentity[]> {
    return this.statements.list.all().map((row) => ({ userId: row.user_id, externalId: row.external_id }))
  }

  async setExternalId(userId: string, externalId: string | null): Promise<boolean> {
    return this.setExternalIdAtomically(userId, externalId)
  }

  async countPendingSignIns(now: number): Promise<number> {
    // Abandoned sign-ins (the user closed the tab at the identity provider) are swept here.
    this.statements.deleteExpiredPending.run(now)
    return this.statements.countPending.get()?.count ?? 0
  }

  async savePendingSignIn(tokenHash: string, pending: PendingSignIn): Promise<void> {
    this.statements.insertPending.run({
      token_hash: tokenHash,
      state: pending.state,
      nonce: pending.nonce,
      code_verifier: pending.codeVerifier,
      redirect_uri: pending.redirectUri,
      return_to: pending.returnTo,
      expires_at: pending.expiresAt,
    })
  }

  async takePendingSignIn(tokenHash: string): Promise<PendingSignIn | undefined> {
    const row = this.takeAtomically(tokenHash)
    return row ? toPendingSignIn(row) : undefined
  }
}

export function toPendingSignIn(row: PendingRow): PendingSignIn {
  return {
    state: row.state,
    nonce: row.nonce,
    codeVerifier: row.code_verifier,
    redirectUri: row.redirect_uri,
    returnTo: row.return_to,
    expiresAt: Number(row.expires_at),
  }
}

export type { PendingRow }
