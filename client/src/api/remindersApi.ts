import {
  channelListResponseSchema,
  deliveryLogResponseSchema,
  reminderChannelSchema,
  testMessageResponseSchema,
  type DeliveryLogEntry,
  type PutChannelRequest,
  type ReminderChannel,
  type TestMessageResponse,
} from '@guatu/shared/api/reminders'
import type { ChannelKind } from '@guatu/shared/domain/reminderChannel'
import { jsonBody, requestJson, requestNoContent } from './http.ts'

const base = (boardId: string) => `/api/boards/${encodeURIComponent(boardId)}/reminders`

export async function fetchChannels(boardId: string): Promise<ReminderChannel[]> {
  return (await requestJson(`${base(boardId)}/channels`, channelListResponseSchema)).channels
}

export function putChannel(boardId: string, request: PutChannelRequest): Promise<ReminderChannel> {
  return requestJson(`${base(boardId)}/channels`, reminderChannelSchema, { method: 'PUT', ...jsonBody(request) })
}

export function removeChannel(boardId: string, unit: string, kind: ChannelKind): Promise<void> {
  return requestNoContent(`${base(boardId)}/channels?unit=${encodeURIComponent(unit)}&kind=${kind}`, { method: 'DELETE' })
}

export function sendTestMessage(boardId: string, unit: string, kind: ChannelKind): Promise<TestMessageResponse> {
  return requestJson(`${base(boardId)}/test`, testMessageResponseSchema, { method: 'POST', ...jsonBody({ unit, kind }) })
}

export async function fetchDeliveryLog(boardId: string, limit = 30): Promise<DeliveryLogEntry[]> {
  return (await requestJson(`${base(boardId)}/log?limit=${limit}`, deliveryLogResponseSchema)).entries
}
