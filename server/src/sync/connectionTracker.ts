import type { Principal } from '@guatu/shared/domain/principal'
import { CloseCode } from '@guatu/shared/sync/protocol'
import { REVOCATION_CLOSE, type CredentialRef, type Revocation, type RevocationCause } from '../accounts/credentialRevocation.ts'
import type { Connection } from './connection.ts'

function principalKey(principal: Principal): string {
  return principal.kind === 'user' ? `user:${principal.userId}` : `screen:${principal.linkId}`
}

/**
 * Revocations are remembered this long: a socket whose credentials were checked just before a
 * revocation (the storage read was in flight) but registered just after it must not slip through
 * with what was revoked. Longer than any credential check takes.
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
  /** By credential or `user:<id>`: when it was last revoked, and why. */
  private readonly recentlyRevoked = new Map<string, { at: number; cause: RevocationCause }>()

  constructor(private readonly maxPerPrincipal: number) {}

  /**
   * Registers the connection and the credential it was opened with; false when its principal
   * already has the most it may (the caller closes it). Check `revokedSince` first.
   */
  tryAdd(connection: Connection, credential?: CredentialRef): boolean {
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

  /**
   * The revocation that reached this credential or its user at or after `checkedAt` (when the
   * socket's credentials were read from storage), if any: the socket carries what was revoked.
   */
  revokedSince(principal: Principal, credential: CredentialRef | undefined, checkedAt: number): RevocationCause | undefined {
    for (const key of [credential, principal.kind === 'user' ? `user:${principal.userId}` : undefined]) {
      const revoked = key === undefined ? undefined : this.recentlyRevoked.get(key)
      if (revoked && revoked.at >= checkedAt) return revoked.cause
    }
    return undefined
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

  /**
   * Closes the sockets a revocation reaches, with the cause's code and Chinese reason, before it
   * returns; the promise is for subclasses that also tell other processes.
   */
  revoke(revocation: Revocation): Promise<void> {
    const { code, reason } = REVOCATION_CLOSE[revocation.cause]
    let affected: Iterable<Connection>
    if (revocation.scope === 'credential') {
      this.rememberRevoked(revocation.credential, revocation.cause)
      affected = this.byCredential.get(revocation.credential) ?? []
    } else {
      this.rememberRevoked(`user:${revocation.userId}`, revocation.cause)
      affected = this.byPrincipal.get(`user:${revocation.userId}`) ?? []
    }
    for (const connection of [...affected]) connection.close(code, reason)
    return Promise.resolve()
  }

  private rememberRevoked(key: string, cause: RevocationCause): void {
    const now = Date.now()
    for (const [known, { at }] of this.recentlyRevoked) if (now - at >= REMEMBER_REVOKED_MS) this.recentlyRevoked.delete(known)
    this.recentlyRevoked.set(key, { at: now, cause })
  }
}
