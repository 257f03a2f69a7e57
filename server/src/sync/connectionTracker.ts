import type { Principal } from '@guatu/shared/domain/principal'
import { CloseCode } from '@guatu/shared/sync/protocol'
import { REVOCATION_CLOSE, type CredentialRef, type Revocation } from '../accounts/credentialRevocation.ts'
import type { Connection } from './connection.ts'

function principalKey(principal: Principal): string {
  return principal.kind === 'user' ? `user:${principal.userId}` : `screen:${principal.linkId}`
}

/**
 * A credential revoked this recently refuses new sockets too: a socket whose credentials were
 * checked just before the revocation, but registered just after it, must not slip through.
 */
const REMEMBER_REVOKED_MS = 60_000

/**
 * Open connections per principal and per credential: enforces the per-user connection limit and
 * closes at once every socket of a revoked credential (one session, one API token, a screen link)
 * or of a user whose access changed.
 */
export class ConnectionTracker {
  private readonly byPrincipal = new Map<string, Set<Connection>>()
  private readonly byCredential = new Map<CredentialRef, Set<Connection>>()
  private readonly credentialOf = new Map<Connection, CredentialRef>()
  private readonly recentlyRevoked = new Map<CredentialRef, number>()

  constructor(private readonly maxPerPrincipal: number) {}

  /**
   * Registers the connection and the credential it was opened with; false when its principal
   * already has the most it may or the credential was just revoked (the caller closes it).
   */
  tryAdd(connection: Connection, credential?: CredentialRef): boolean {
    if (credential && this.wasRevoked(credential)) return false
    const key = principalKey(connection.principal)
    const open = this.byPrincipal.get(key) ?? new Set<Connection>()
    if (open.size >= this.maxPerPrincipal) return false
    open.add(connection)
    this.byPrincipal.set(key, open)
    if (credential) {
      this.credentialOf.set(connection, credential)
      const sameCredential = this.byCredential.get(credential) ?? new Set<Connection>()
      sameCredential.add(connection)
      this.byCredential.set(credential, sameCredential)
    }
    return true
  }

  /** Whether a credential was revoked within the last minute (see REMEMBER_REVOKED_MS). */
  wasRevoked(credential: CredentialRef): boolean {
    const at = this.recentlyRevoked.get(credential)
    return at !== undefined && Date.now() - at < REMEMBER_REVOKED_MS
  }

  remove(connection: Connection): void {
    const key = principalKey(connection.principal)
    const open = this.byPrincipal.get(key)
    open?.delete(connection)
    if (open?.size === 0) this.byPrincipal.delete(key)
    const credential = this.credentialOf.get(connection)
    if (credential) {
      this.credentialOf.delete(connection)
      const sameCredential = this.byCredential.get(credential)
      sameCredential?.delete(connection)
      if (sameCredential?.size === 0) this.byCredential.delete(credential)
    }
  }

  closeScreenLink(linkId: string): void {
    for (const connection of [...(this.byPrincipal.get(`screen:${linkId}`) ?? [])]) {
      connection.close(CloseCode.forbidden, '大屏链接已被撤销')
    }
  }

  /** Closes the sockets a revocation reaches, with the cause's code and Chinese reason. */
  revoke(revocation: Revocation): void {
    const { code, reason } = REVOCATION_CLOSE[revocation.cause]
    let affected: Iterable<Connection>
    if (revocation.scope === 'credential') {
      this.rememberRevoked(revocation.credential)
      affected = this.byCredential.get(revocation.credential) ?? []
    } else {
      affected = this.byPrincipal.get(`user:${revocation.userId}`) ?? []
    }
    for (const connection of [...affected]) connection.close(code, reason)
  }

  private rememberRevoked(credential: CredentialRef): void {
    const now = Date.now()
    for (const [known, at] of this.recentlyRevoked) if (now - at >= REMEMBER_REVOKED_MS) this.recentlyRevoked.delete(known)
    this.recentlyRevoked.set(credential, now)
  }
}
