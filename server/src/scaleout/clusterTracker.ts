import { randomUUID } from 'node:crypto'
import type { Revocation } from '../accounts/credentialRevocation.ts'
import { ConnectionTracker } from '../sync/connectionTracker.ts'
import type { ControlMessage } from './fanoutMessages.ts'
import type { RedisFanout } from './redisFanout.ts'

/**
 * How long a revocation waits for the other processes to confirm they closed the sockets. A
 * process that does not answer by then is dead or stuck; the office's request is answered anyway.
 */
const ACK_TIMEOUT_MS = 1_000

interface PendingRevocation {
  acks: number
  /** How many processes must confirm; unknown until Redis says how many it delivered to. */
  expected: number | undefined
  settle: () => void
}

/**
 * A ConnectionTracker whose access changes reach every process: a user signed out, a token
 * deleted or a screen link revoked on one process closes the sockets on all of them, wherever the
 * clients are connected. (The per-user connection limit stays per process.)
 *
 * A revocation settles only once every other process has confirmed it closed the sockets (or
 * after ACK_TIMEOUT_MS): when the office sees its change answered, a write the revoked client sends
 * from then on reaches a closed connection on every process, not one that has yet to hear of it.
 */
export class ClusterConnectionTracker extends ConnectionTracker {
  private readonly pending = new Map<string, PendingRevocation>()

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

  override async revoke(revocation: Revocation): Promise<void> {
    await super.revoke(revocation)
    const requestId = randomUUID()
    const confirmed = new Promise<void>((resolve) => {
      const timer = setTimeout(settle, ACK_TIMEOUT_MS)
      const pending: PendingRevocation = { acks: 0, expected: undefined, settle }
      this.pending.set(requestId, pending)
      function settle() {
        clearTimeout(timer)
        resolve()
      }
    })
    const receivers = await this.fanout.publishControl({ kind: 'revoke', requestId, revocation })
    const pending = this.pending.get(requestId)
    if (pending) {
      // Every subscriber of the control channel is a process, this one included.
      pending.expected = Math.max(0, receivers - 1)
      this.settleIfConfirmed(requestId, pending)
    }
    await confirmed
    this.pending.delete(requestId)
  }

  private applyRemote(message: ControlMessage): void {
    switch (message.kind) {
      case 'revoke':
        // The sockets are closed synchronously here, before the confirmation goes out.
        void super.revoke(message.revocation)
        void this.fanout.publishControl({ kind: 'revoke-ack', requestId: message.requestId })
        break
      case 'revoke-ack': {
        const pending = this.pending.get(message.requestId)
        if (!pending) return
        pending.acks++
        this.settleIfConfirmed(message.requestId, pending)
        break
      }
      case 'revoke-screen-link':
        super.closeScreenLink(message.linkId)
        break
    }
  }

  private settleIfConfirmed(requestId: string, pending: PendingRevocation): void {
    if (pending.expected === undefined || pending.acks < pending.expected) return
    this.pending.delete(requestId)
    pending.settle()
  }
}
