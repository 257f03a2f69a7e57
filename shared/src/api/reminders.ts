import { z } from 'zod'
import { CHANNEL_KINDS, DeliveryMode, DeliveryStatus, type ChannelKind } from '../domain/reminderChannel.ts'
import { refuseXmlUnsafe } from '../domain/safeText.ts'

/**
 * REST for reminder channels (`/api/boards/:boardId/reminders/…`, the project office only).
 * Secrets go in, never out: a channel is answered with its target masked.
 */
const unitName = z
  .string({ error: '请填写责任单位' })
  .trim()
  .min(1, { error: '请填写责任单位' })
  .max(50, { error: '责任单位名称过长' })
  .superRefine(refuseXmlUnsafe('责任单位'))

const channelKind = z.enum(CHANNEL_KINDS as [ChannelKind, ...ChannelKind[]], { error: '渠道须为企业微信、钉钉或电子邮件' })
const deliveryMode = z.enum([DeliveryMode.eachEvent, DeliveryMode.dailyDigest], { error: '发送方式须为逐条发送或每日汇总' })

/** PUT /api/boards/:boardId/reminders/channels: registers (or replaces) one channel of one unit. */
export const putChannelRequestSchema = z.object({
  unit: unitName,
  kind: channelKind,
  /** The robot's webhook URL, or the e-mail address. */
  target: z.string({ error: '请填写地址' }).trim().min(1, { error: '请填写地址' }).max(500, { error: '地址过长' }),
  /** 钉钉 加签 secret (SEC…); required for 钉钉, refused for the others. */
  secret: z.string().trim().min(1).max(200).optional(),
  mode: deliveryMode.default(DeliveryMode.eachEvent),
})
export type PutChannelRequest = z.input<typeof putChannelRequestSchema>

/** A channel as any client sees it: the target and the secret masked. */
export const reminderChannelSchema = z.object({
  unit: z.string(),
  kind: channelKind,
  /** "https://qyapi.weixin.qq.com/…••••a1b2" or "x•••@example.gov.cn". */
  maskedTarget: z.string(),
  hasSecret: z.boolean(),
  mode: deliveryMode,
  updatedAt: z.string(),
  updatedByLabel: z.string(),
})
export type ReminderChannel = z.infer<typeof reminderChannelSchema>

/** GET /api/boards/:boardId/reminders/channels */
export const channelListResponseSchema = z.object({ channels: z.array(reminderChannelSchema) })
export type ChannelListResponse = z.infer<typeof channelListResponseSchema>

/** DELETE /api/boards/:boardId/reminders/channels?unit=…&kind=… answers 204. */
export const channelKeySchema = z.object({ unit: unitName, kind: channelKind })

/** POST /api/boards/:boardId/reminders/test: 发送测试消息 to one channel, answered with the robot's reply. */
export const testMessageRequestSchema = z.object({ unit: unitName, kind: channelKind })
export const testMessageResponseSchema = z.object({ ok: z.boolean(), answer: z.string() })
export type TestMessageResponse = z.infer<typeof testMessageResponseSchema>

/** One attempt to deliver, as the delivery log shows it. */
export const deliveryLogEntrySchema = z.object({
  at: z.string(),
  unit: z.string(),
  kind: channelKind,
  /** What was sent: "督办单下发：某项目" or "测试消息". */
  subject: z.string(),
  ok: z.boolean(),
  /** The robot's or the mail server's answer, or the network error. */
  answer: z.string(),
  attempt: z.number().int(),
  status: z.enum([DeliveryStatus.pending, DeliveryStatus.sent, DeliveryStatus.failed]),
})
export type DeliveryLogEntry = z.infer<typeof deliveryLogEntrySchema>

/** GET /api/boards/:boardId/reminders/log?limit=… newest first. */
export const deliveryLogResponseSchema = z.object({ entries: z.array(deliveryLogEntrySchema) })
export type DeliveryLogResponse = z.infer<typeof deliveryLogResponseSchema>
