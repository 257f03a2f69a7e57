import { DeliveryMode, DeliveryStatus } from '@guatu/shared/domain/reminderChannel'
import { errorFields, type Logger } from '../log.ts'
import type { ChannelSender } from './channelSender.ts'
import { digestMessage, reminderMessage, type ReminderMessage } from './reminderMessages.ts'
import type { ClaimedDelivery, ReminderStore } from './reminderStore.ts'

export interface SenderOptions {
  /** How often the outbox is looked at (retries fall due, digests reach their hour). */
  pollEveryMs: number
  /** The first retry waits this long, each next one twice as long. */
  retryBaseMs: number
  /** After this many failed attempts a delivery is given up (失败), and stays in the log. */
  maxAttempts: number
  /** How long a claimed delivery is this sender's; longer than a send can take (the timeout). */
  leaseMs: number
  publicUrl: string | undefined
}

const CLAIM_BATCH = 50

/**
 * Sends what the outbox holds: every process runs one, and the store's claim gives each delivery
 * to exactly one of them. A failure (HTTP error, timeout, the robot's errcode ≠ 0) is retried with
 * exponential backoff; every attempt and the robot's answer go to the delivery log.
 */
export class ReminderSender {
  private timer: NodeJS.Timeout | undefined
  private running: Promise<void> = Promise.resolve()
  private again = false
  private busy = false
  private stopped = false

  constructor(
    private readonly store: ReminderStore,
    private readonly channels: ChannelSender,
    private readonly options: SenderOptions,
    private readonly log: Logger,
  ) {}

  start(): void {
    this.timer = setInterval(() => this.sendSoon(), this.options.pollEveryMs)
    this.timer.unref()
  }

  /** Something was recorded or fell due: look at the outbox (once more, if a look is under way). */
  sendSoon(): void {
    if (this.stopped) return
    if (this.busy) {
      this.again = true
      return
    }
    this.busy = true
    this.running = this.drain()
      .catch((error: unknown) => this.log.error('reminder sending failed', errorFields(error)))
      .finally(() => {
        this.busy = false
        if (this.again) {
          this.again = false
          this.sendSoon()
        }
      })
  }

  async stop(): Promise<void> {
    this.stopped = true
    clearInterval(this.timer)
    await this.running
  }

  private async drain(): Promise<void> {
    while (!this.stopped) {
      const claimed = await this.store.claimDue(Date.now(), this.options.leaseMs, CLAIM_BATCH)
      if (claimed.length === 0) return
      for (const group of groupForSending(claimed)) await this.deliver(group)
    }
  }

  /** One message for the group: one event, or a unit's day in a digest. */
  private async deliver(group: readonly ClaimedDelivery[]): Promise<void> {
    const first = group[0]!
    const channel = await this.store.getChannel(first.boardId, first.unit, first.kind)
    const messages = group.map((delivery) => reminderMessage(delivery.event, this.options.publicUrl))
    const message: ReminderMessage =
      first.mode === DeliveryMode.dailyDigest ? digestMessage(first.unit, messages, this.options.publicUrl, first.boardId) : messages[0]!
    const answer = channel ? await this.channels.send(channel, message) : { ok: false, answer: '渠道已删除' }
    const attempt = first.attempts + 1
    const giveUp = !channel || attempt >= this.options.maxAttempts
    const status = answer.ok ? DeliveryStatus.sent : giveUp ? DeliveryStatus.failed : DeliveryStatus.pending
    const notBefore = status === DeliveryStatus.pending ? Date.now() + this.options.retryBaseMs * 2 ** (attempt - 1) : 0
    for (const delivery of group) await this.store.finish(delivery.id, { status, attempts: attempt, notBefore })
    await this.store.appendLog({
      boardId: first.boardId,
      unit: first.unit,
      kind: first.kind,
      at: new Date().toISOString(),
      subject: message.subject,
      ok: answer.ok,
      answer: answer.answer,
      attempt,
      status,
    })
  }
}

/** Each-event deliveries one by one; digest deliveries of one unit and channel together. */
function groupForSending(claimed: readonly ClaimedDelivery[]): ClaimedDelivery[][] {
  const groups: ClaimedDelivery[][] = []
  const digests = new Map<string, ClaimedDelivery[]>()
  for (const delivery of claimed) {
    if (delivery.mode !== DeliveryMode.dailyDigest) {
      groups.push([delivery])
      continue
    }
    const key = JSON.stringify([delivery.boardId, delivery.unit, delivery.kind, delivery.attempts])
    const digest = digests.get(key)
    if (digest) digest.push(delivery)
    else {
      const fresh = [delivery]
      digests.set(key, fresh)
      groups.push(fresh)
    }
  }
  return groups
}
