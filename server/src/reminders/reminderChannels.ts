import type { DeliveryLogEntry, PutChannelRequest, ReminderChannel, TestMessageResponse } from '@guatu/shared/api/reminders'
import { ChannelKind, DeliveryMode, DeliveryStatus } from '@guatu/shared/domain/reminderChannel'
import { RequestError } from '../requestError.ts'
import type { ChannelSender } from './channelSender.ts'
import { maskTarget, type ChannelTargets } from './channelTargets.ts'
import { testMessage } from './reminderMessages.ts'
import type { ReminderStore, StoredChannel } from './reminderStore.ts'

/** The longest delivery log a request may ask for. */
export const MAX_LOG_ENTRIES = 500

/** The office's channel work, independent of HTTP: register, list (masked), remove, test, read the log. */
export class ReminderChannels {
  constructor(
    private readonly store: ReminderStore,
    private readonly targets: ChannelTargets,
    private readonly sender: ChannelSender,
    private readonly publicUrl: string | undefined,
  ) {}

  async list(boardId: string): Promise<ReminderChannel[]> {
    return (await this.store.listChannels(boardId)).map(publicChannel)
  }

  async put(boardId: string, request: PutChannelRequest, byLabel: string): Promise<ReminderChannel> {
    if (request.kind === ChannelKind.email && !this.sender.canEmail) throw new RequestError(400, '服务器未配置邮件发送（GUATU_SMTP_HOST），不能登记电子邮件')
    const target = this.targets.check(request.kind, request.target, request.secret)
    const channel: StoredChannel = {
      boardId,
      unit: request.unit,
      kind: request.kind,
      target,
      secret: request.secret ?? null,
      mode: request.mode ?? DeliveryMode.eachEvent,
      updatedAt: new Date().toISOString(),
      updatedByLabel: byLabel,
    }
    await this.store.putChannel(channel)
    return publicChannel(channel)
  }

  remove(boardId: string, unit: string, kind: ChannelKind): Promise<boolean> {
    return this.store.deleteChannel(boardId, unit, kind)
  }

  /** 发送测试消息: sent now, in the request, and logged like any delivery. */
  async sendTest(boardId: string, boardName: string, unit: string, kind: ChannelKind): Promise<TestMessageResponse> {
    const channel = await this.store.getChannel(boardId, unit, kind)
    if (!channel) throw new RequestError(404, '该单位尚未登记此渠道')
    const message = testMessage(unit, boardName, this.publicUrl, boardId)
    const answer = await this.sender.send(channel, message)
    await this.store.appendLog({
      boardId,
      unit,
      kind,
      at: new Date().toISOString(),
      subject: message.subject,
      ok: answer.ok,
      answer: answer.answer,
      attempt: 1,
      status: answer.ok ? DeliveryStatus.sent : DeliveryStatus.failed,
    })
    return answer
  }

  async log(boardId: string, limit: number): Promise<DeliveryLogEntry[]> {
    return (await this.store.listLog(boardId, Math.min(limit, MAX_LOG_ENTRIES))).map(({ boardId: _board, ...entry }) => entry)
  }
}

function publicChannel(channel: StoredChannel): ReminderChannel {
  return {
    unit: channel.unit,
    kind: channel.kind,
    maskedTarget: maskTarget(channel.kind, channel.target),
    hasSecret: channel.secret !== null,
    mode: channel.mode,
    updatedAt: channel.updatedAt,
    updatedByLabel: channel.updatedByLabel,
  }
}
