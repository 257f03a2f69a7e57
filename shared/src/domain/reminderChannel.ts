/**
 * Where a 责任单位's reminders go: its 企业微信 or 钉钉 group robot, or an e-mail address. The
 * office registers them per unit and per board; they live in server storage, never in the board's
 * Yjs document, because a robot's webhook URL and 钉钉's 加签 secret let anyone post to the group.
 */
export const ChannelKind = {
  wecom: 'wecom',
  dingtalk: 'dingtalk',
  email: 'email',
} as const
export type ChannelKind = (typeof ChannelKind)[keyof typeof ChannelKind]

export const CHANNEL_KINDS: readonly ChannelKind[] = [ChannelKind.wecom, ChannelKind.dingtalk, ChannelKind.email]

export const CHANNEL_KIND_LABEL: Record<ChannelKind, string> = {
  wecom: '企业微信群机器人',
  dingtalk: '钉钉群机器人',
  email: '电子邮件',
}

/** One message per event, or everything of a day in one message each morning. */
export const DeliveryMode = {
  eachEvent: 'eachEvent',
  dailyDigest: 'dailyDigest',
} as const
export type DeliveryMode = (typeof DeliveryMode)[keyof typeof DeliveryMode]

export const DELIVERY_MODE_LABEL: Record<DeliveryMode, string> = { eachEvent: '逐条发送', dailyDigest: '每日汇总' }

/** A delivery waiting, sent, or given up after its retries. */
export const DeliveryStatus = {
  pending: 'pending',
  sent: 'sent',
  failed: 'failed',
} as const
export type DeliveryStatus = (typeof DeliveryStatus)[keyof typeof DeliveryStatus]

export const DELIVERY_STATUS_LABEL: Record<DeliveryStatus, string> = { pending: '待发送', sent: '已发送', failed: '发送失败' }

/** The official robot hosts; anything else must be on the server's allow-list (GUATU_REMINDER_ALLOWED_TARGETS). */
export const ROBOT_HOST: Record<Exclude<ChannelKind, 'email'>, string> = {
  wecom: 'qyapi.weixin.qq.com',
  dingtalk: 'oapi.dingtalk.com',
}

/** Shows enough of a secret to recognise it, never enough to use it: "…a1b2". */
export function maskSecret(secret: string): string {
  return secret.length <= 8 ? '••••' : `••••${secret.slice(-4)}`
}
