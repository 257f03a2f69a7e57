import { principalLabel, type Principal } from '@guatu/shared/domain/principal'
import { SecurityEventType, type SecurityEvent } from '@guatu/shared/domain/securityEvent'
import type { Logger } from '../log.ts'
import { ChainVerifier, type ChainAnchor, type ChainVerdict, type NewSecurityEvent } from './chain.ts'
import type { SecurityAuditStore } from './securityAuditStore.ts'

const DAY_MS = 24 * 60 * 60 * 1000
/** Entries read per query while verifying or exporting: bounded memory for a log of any size. */
const PAGE_SIZE = 1_000

/** What a caller says about an event; time and chain are added here and in the store. */
export type SecurityEventInput = Pick<NewSecurityEvent, 'type'> & Partial<Omit<NewSecurityEvent, 'type' | 'at'>>

/** Who acted, as the log names them. */
export function actorOf(principal: Principal | undefined): Pick<NewSecurityEvent, 'actorId' | 'actorLabel'> {
  if (!principal) return { actorId: '', actorLabel: '' }
  const actorId = principal.kind === 'user' ? principal.userId : principal.linkId
  const label = principal.kind === 'user' ? `${principalLabel(principal)} [${principal.username}]` : principalLabel(principal)
  return { actorId, actorLabel: label }
}

/**
 * The security audit log: appends, reads in chain order, verifies, and prunes past the retention.
 * Recording never fails the request that is audited (a broken database shows in the error log and
 * in /readyz); the chain itself is kept by the store.
 */
export class SecurityAuditLog {
  constructor(
    private readonly store: SecurityAuditStore,
    private readonly log: Logger,
    private readonly retentionDays: number,
  ) {}

  async record(input: SecurityEventInput): Promise<void> {
    const entry: NewSecurityEvent = {
      at: new Date().toISOString(),
      actorId: '',
      actorLabel: '',
      address: '',
      target: '',
      detail: '',
      ...input,
    }
    try {
      await this.store.append(entry)
    } catch (error) {
      this.log.error('security audit append failed', { type: input.type, error: String(error) })
    }
  }

  anchor(): Promise<ChainAnchor> {
    return this.store.anchor()
  }

  /** Every kept entry in chain order, a page at a time. */
  async *entries(): AsyncGenerator<SecurityEvent> {
    let after = (await this.store.anchor()).seq
    for (;;) {
      const page = await this.store.read(after, PAGE_SIZE)
      yield* page
      if (page.length < PAGE_SIZE) return
      after = page[page.length - 1]!.seq
    }
  }

  verify(): Promise<ChainVerdict> {
    return verifyChain(this.store)
  }

  failedLoginsSince(userId: string, sinceIso: string): Promise<number> {
    return this.store.count(SecurityEventType.loginFailed, userId, sinceIso)
  }

  /** Removes entries older than the retention; the removal itself is the next entry. */
  async pruneExpired(now = Date.now()): Promise<number> {
    const before = new Date(now - this.retentionDays * DAY_MS).toISOString()
    const removed = await this.store.prune(before)
    if (removed > 0) await this.record({ type: SecurityEventType.pruned, detail: `清理${before}之前的${removed}条（保留${this.retentionDays}天）` })
    return removed
  }

  /** Prunes now and once a day; returns the stop function. */
  startPruning(): () => void {
    const run = () => void this.pruneExpired().catch((error: unknown) => this.log.error('security audit prune failed', { error: String(error) }))
    run()
    const timer = setInterval(run, DAY_MS)
    timer.unref()
    return () => clearInterval(timer)
  }
}

/** Verifies the kept chain from its anchor, reading a page at a time. */
export async function verifyChain(store: SecurityAuditStore): Promise<ChainVerdict> {
  const anchor = await store.anchor()
  const verifier = new ChainVerifier(anchor)
  let after = anchor.seq
  for (;;) {
    const page = await store.read(after, PAGE_SIZE)
    for (const entry of page) if (!verifier.add(entry)) return verifier.verdict()
    if (page.length < PAGE_SIZE) return verifier.verdict()
    after = page[page.length - 1]!.seq
  }
}
