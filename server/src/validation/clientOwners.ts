import type { ClientClaim } from '../storage/boardStorage.ts'

/** The owner recorded for the server's own client ids (stamps it writes); no connection can be it. */
export const SERVER_OWNER = '\u0000server'

/**
 * Which principal owns each Yjs client id of one board. A client id belongs to whoever first wrote
 * under it; only that principal may write under it again (from any tab or device, across restarts),
 * so nobody can continue, garbage-collect or skip over another's history.
 */
export class ClientOwners {
  private readonly owners = new Map<number, string>()

  readonly ownerOf = (clientId: number): string | undefined => this.owners.get(clientId)

  /** Records claims read from storage or made now; an existing owner is never replaced. */
  record(claims: Iterable<ClientClaim>): void {
    for (const { clientId, principalId } of claims) if (!this.owners.has(clientId)) this.owners.set(clientId, principalId)
  }

  /** Claims `clientIds` for `principalId` and returns the claims to store. */
  claim(clientIds: readonly number[], principalId: string): ClientClaim[] {
    const claims = clientIds.filter((clientId) => !this.owners.has(clientId)).map((clientId) => ({ clientId, principalId }))
    this.record(claims)
    return claims
  }
}
