import { Hono } from 'hono'
import {
  channelKeySchema,
  putChannelRequestSchema,
  testMessageRequestSchema,
  type ChannelListResponse,
  type DeliveryLogResponse,
} from '@guatu/shared/api/reminders'
import { principalLabel } from '@guatu/shared/domain/principal'
import { CHANNEL_KIND_LABEL, DELIVERY_MODE_LABEL } from '@guatu/shared/domain/reminderChannel'
import { SecurityEventType } from '@guatu/shared/domain/securityEvent'
import type { BoardService } from '../boards/boardService.ts'
import type { ReminderChannels } from '../reminders/reminderChannels.ts'
import { RequestError } from '../requestError.ts'
import type { SecurityAuditLog } from '../securityAudit/securityAuditLog.ts'
import { requireOffice, type AppContext, type AppEnv } from './appEnv.ts'
import { parseBody } from './parseBody.ts'
import { auditRequest } from './securityAuditing.ts'

const DEFAULT_LOG_ENTRIES = 100

/**
 * Reminder channels per 责任单位 (contract: shared/src/api/reminders.ts). The project office only:
 * a webhook is a key to a chat group, so departments, leaders and wall screens neither read nor set them.
 */
export function reminderRoutes(channels: ReminderChannels, boards: BoardService, audit: SecurityAuditLog): Hono<AppEnv> {
  const routes = new Hono<AppEnv>()

  async function boardOf(c: AppContext) {
    requireOffice(c)
    const record = await boards.record(c.req.param('id') ?? '')
    if (!record) throw new RequestError(404, '看板不存在')
    return record
  }

  routes.get('/:id/reminders/channels', async (c) => {
    const board = await boardOf(c)
    return c.json({ channels: await channels.list(board.id) } satisfies ChannelListResponse)
  })

  routes.put('/:id/reminders/channels', async (c) => {
    const board = await boardOf(c)
    const request = await parseBody(c, putChannelRequestSchema)
    const channel = await channels.put(board.id, request, principalLabel(requireOffice(c)))
    await auditRequest(audit, c, {
      type: SecurityEventType.reminderChannelSet,
      target: board.id,
      detail: `单位=${channel.unit} 渠道=${CHANNEL_KIND_LABEL[channel.kind]} 地址=${channel.maskedTarget} 方式=${DELIVERY_MODE_LABEL[channel.mode]}`,
    })
    return c.json(channel)
  })

  routes.delete('/:id/reminders/channels', async (c) => {
    const board = await boardOf(c)
    const parsed = channelKeySchema.safeParse({ unit: c.req.query('unit'), kind: c.req.query('kind') })
    if (!parsed.success) throw new RequestError(400, parsed.error.issues[0]?.message ?? '请求无效')
    const removed = await channels.remove(board.id, parsed.data.unit, parsed.data.kind)
    if (!removed) throw new RequestError(404, '该单位尚未登记此渠道')
    await auditRequest(audit, c, {
      type: SecurityEventType.reminderChannelRemoved,
      target: board.id,
      detail: `单位=${parsed.data.unit} 渠道=${CHANNEL_KIND_LABEL[parsed.data.kind]}`,
    })
    return c.body(null, 204)
  })

  routes.post('/:id/reminders/test', async (c) => {
    const board = await boardOf(c)
    const { unit, kind } = await parseBody(c, testMessageRequestSchema)
    return c.json(await channels.sendTest(board.id, board.name, unit, kind))
  })

  routes.get('/:id/reminders/log', async (c) => {
    const board = await boardOf(c)
    const limit = Number(c.req.query('limit') ?? DEFAULT_LOG_ENTRIES)
    if (!Number.isInteger(limit) || limit < 1) throw new RequestError(400, 'limit 须为正整数')
    return c.json({ entries: await channels.log(board.id, limit) } satisfies DeliveryLogResponse)
  })

  return routes
}
