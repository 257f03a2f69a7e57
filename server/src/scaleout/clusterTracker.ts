import type { Revocation } from '../accounts/credentialRevocation.ts'
import { ConnectionTracker } from '../sync/connectionTracker.ts'
import type { ControlMessage } from './fanoutMessages.ts'
import type { RedisFanout } from './redisFanout.ts'

/**
 * A ConnectionTracker whose access changes reach every process: a user signed out, a token
 * deleted or a screen link revoked on one process closes the sockets on all of them, wherever the
 * clients are connected. (The per-user connection limit stays per process.)
 */
export class ClusterConnectionTracker extends ConnectionTracker {
  constructor(
    maxPerPrincipal: number,
    private readonly fanout: RedisFanout,
  ) {
    super(maxPerPrincipal)
    fanout.onControl = (message) => this.applyRemote(message)
  }

  override closeScreenLink(linkId: string): void {
    super.closeScreenLink(linkId)
    void this.fanout.publishControl({ kind: 'revoke-screen-link', linkId })
  }

  /** Settles once Redis has passed the revocation on to the other processes (or failed to). */
  override async revoke(revocation: Revocation): Promise<void> {
    await super.revoke(revocation)
    await this.fanout.publishControl({ kind: 'revoke', revocation })
  }

  private applyRemote(message: ControlMessage): void {
    if (message.kind === 'revoke') void super.revoke(message.revocation)
    else super.closeScreenLink(message.linkId)
  }
}
