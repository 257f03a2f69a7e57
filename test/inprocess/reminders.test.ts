import { describe, expect, test } from 'vitest'
import type { ChannelListResponse, DeliveryLogEntry, DeliveryLogResponse, ReminderChannel, TestMessageResponse } from '@guatu/shared/api/reminders'
import type { SecurityAuditExport } from '@guatu/shared/api/securityAudit'
import type { UserMeResponse } from '@guatu/shared/api/session'
import { escalateNotice, issueNotice } from '@guatu/shared/board/noticeCommands'
import { raiseProblem } from '@guatu/shared/board/problemCommands'
import { createProject } from '@guatu/shared/board/projectCommands'
import { todayInChina, type IsoDate } from '@guatu/shared/domain/dates'
import type { Principal } from '@guatu/shared/domain/principal'
import { connectClient, waitAllSynced } from '../helpers/client.ts'
import { startInProcessServer } from '../helpers/inProcessServer.ts'
import { createBoard, expectStatus, requestJson } from '../helpers/rest.ts'
import type { TestServer } from '../helpers/server.ts'
import { StandInRobot } from '../helpers/standInRobot.ts'
import { waitFor } from '../helpers/wait.ts'

const PUBLIC_URL = 'https://xm.example.gov.cn'
const MAX_ATTEMPTS = 3

async function reminderServer(robot: StandInRobot): Promise<TestServer> {
  return startInProcessServer({
    env: {
      GUATU_REMINDER_ALLOWED_TARGETS: robot.origin,
      GUATU_REMINDER_SEND_MS: '50',
      GUATU_REMINDER_SCAN_MS: '200',
      GUATU_REMINDER_RETRY_MS: '20',
      GUATU_REMINDER_MAX_ATTEMPTS: String(MAX_ATTEMPTS),
      GUATU_PUBLIC_URL: PUBLIC_URL,
    },
  })
}

async function officePrincipal(server: TestServer): Promise<Principal> {
  const me = expectStatus(await requestJson<UserMeResponse>(server, '/api/me'), 200, 'GET /api/me').user
  return { kind: 'user', userId: me.id, username: 'admin', displayName: '项目办', role: 'admin', units: [] }
}

function putChannel(server: TestServer, boardId: string, body: object) {
  return requestJson<ReminderChannel>(server, `/api/boards/${boardId}/reminders/channels`, { method: 'PUT', body })
}

async function deliveryLog(server: TestServer, boardId: string): Promise<DeliveryLogEntry[]> {
  return expectStatus(await requestJson<DeliveryLogResponse>(server, `/api/boards/${boardId}/reminders/log`), 200, 'GET reminders/log').entries
}

/** Completed sweeps of the scheduler, from /metrics (read from loopback). */
async function sweeps(server: TestServer): Promise<number> {
  const text = await (await fetch(`${server.url}/metrics`)).text()
  return Number(/^guatu_reminder_sweeps (\d+)/m.exec(text)?.[1] ?? Number.NaN)
}

/** Waits until the scheduler has swept every board twice more: whatever it would add again, it has tried to. */
async function twoMoreSweeps(server: TestServer): Promise<void> {
  const from = await sweeps(server)
  await waitFor(async () => (await sweeps(server)) >= from + 2, { message: 'the reminder scheduler to sweep twice more' })
}

function tomorrow(): IsoDate {
  return todayInChina(new Date(Date.now() + 24 * 3_600_000))
}

describe('reminders through group robots', () => {
  test('a 督办单 issued and then escalated reaches the unit’s 企业微信 group once each, in Chinese, with a link back to the board', async () => {
    const robot = await StandInRobot.start()
    const server = await reminderServer(robot)
    const board = await createBoard(server, '示例区重点项目')
    const admin = connectClient(server, board.id)
    await waitAllSynced([admin])
    const lithium = createProject(admin.doc, { name: '锂电材料项目', stage: 'planning', unit: '工信局' })
    createProject(admin.doc, { name: '冷链物流园', stage: 'planning', unit: '商务局' })
    expectStatus(await putChannel(server, board.id, { unit: '工信局', kind: 'wecom', target: robot.wecomUrl }), 200, 'PUT wecom channel')

    const noticeId = issueNotice(
      admin.doc,
      lithium,
      { level: 'blue', requirement: '本周内报送用地报批材料', deadline: '2031-08-31' as IsoDate },
      await officePrincipal(server),
    )
    await waitFor(() => robot.messagesTo('wecom').length === 1, { message: 'the 督办单 to reach the 企业微信 group' })
    const issued = robot.messagesTo('wecom')[0]!.text
    expect(issued).toContain('工信局')
    expect(issued).toContain('锂电材料项目')
    expect(issued).toContain('蓝色督办')
    expect(issued).toContain('本周内报送用地报批材料')
    expect(issued).toContain('2031年8月31日')
    expect(issued).toContain(`(${PUBLIC_URL}/board/${board.id}/notices)`)

    escalateNotice(admin.doc, noticeId)
    await waitFor(() => robot.messagesTo('wecom').length === 2, { message: 'the escalation to reach the 企业微信 group' })
    expect(robot.messagesTo('wecom')[1]!.text).toContain('已升级为黄色督办')

    await twoMoreSweeps(server)
    expect(robot.messages).toHaveLength(2)
    const log = await deliveryLog(server, board.id)
    expect(log.map((entry) => [entry.unit, entry.kind, entry.status, entry.attempt])).toEqual([
      ['工信局', 'wecom', 'sent', 1],
      ['工信局', 'wecom', 'sent', 1],
    ])
    expect(log[0]!.answer).toContain('"errcode":0')
  })

  test('a problem due tomorrow reaches the 钉钉 group signed with the 加签 secret, after an HTTP error and an errcode are retried; the log keeps every answer', async () => {
    const robot = await StandInRobot.start()
    const server = await reminderServer(robot)
    const board = await createBoard(server, '示例区重点项目')
    const admin = connectClient(server, board.id)
    await waitAllSynced([admin])
    const coldChain = createProject(admin.doc, { name: '冷链物流园', stage: 'planning', unit: '商务局' })
    expectStatus(
      await putChannel(server, board.id, { unit: '商务局', kind: 'dingtalk', target: robot.dingtalkUrl, secret: robot.dingtalkSecret }),
      200,
      'PUT dingtalk channel',
    )
    robot.failNext(1, 'http500')
    robot.failNext(1, 'errcode')
    raiseProblem(
      admin.doc,
      coldChain,
      { category: 'land', description: '冷库用地指标未落实', leadUnit: '自然资源局', deadline: tomorrow() },
      await officePrincipal(server),
    )

    await waitFor(() => robot.messagesTo('dingtalk').length === 1, { message: 'the problem reminder to reach the 钉钉 group on the third try' })
    const [message] = robot.messagesTo('dingtalk')
    expect(message!.title).toBe('问题明日到期：冷链物流园')
    expect(message!.text).toContain('冷库用地指标未落实')
    expect(message!.text).toContain(`(${PUBLIC_URL}/board/${board.id}/problems)`)
    expect(robot.requests.map((request) => request.answer.errcode)).toEqual([-1, 45009, 0])

    const log = await deliveryLog(server, board.id)
    expect(log.map((entry) => [entry.status, entry.attempt, entry.ok])).toEqual([
      ['sent', 3, true],
      ['pending', 2, false],
      ['pending', 1, false],
    ])
    expect(log[1]!.answer).toContain('api freq out of limit')
    expect(log[2]!.answer).toMatch(/^HTTP 500/)
    await twoMoreSweeps(server)
    expect(robot.messages).toHaveLength(1)
  })

  test('a robot that keeps failing is given up after the last attempt, and the log says 失败 with its answer', async () => {
    const robot = await StandInRobot.start()
    const server = await reminderServer(robot)
    const board = await createBoard(server, '示例区重点项目')
    const admin = connectClient(server, board.id)
    await waitAllSynced([admin])
    const lithium = createProject(admin.doc, { name: '锂电材料项目', stage: 'planning', unit: '工信局' })
    expectStatus(await putChannel(server, board.id, { unit: '工信局', kind: 'wecom', target: robot.wecomUrl }), 200, 'PUT wecom channel')
    robot.failNext(MAX_ATTEMPTS, 'errcode')
    issueNotice(admin.doc, lithium, { level: 'red', requirement: '立即整改', deadline: '2031-08-31' as IsoDate }, await officePrincipal(server))
    await waitFor(async () => (await deliveryLog(server, board.id)).some((entry) => entry.status === 'failed'), { message: 'the delivery to be given up' })
    const log = await deliveryLog(server, board.id)
    expect(log.map((entry) => [entry.status, entry.attempt])).toEqual([
      ['failed', MAX_ATTEMPTS],
      ['pending', 2],
      ['pending', 1],
    ])
    expect(robot.messages).toHaveLength(0)
  })

  test('发送测试消息 answers with the robot’s reply, success or not, and both attempts are in the log', async () => {
    const robot = await StandInRobot.start()
    const server = await reminderServer(robot)
    const board = await createBoard(server, '示例区重点项目')
    expectStatus(await putChannel(server, board.id, { unit: '工信局', kind: 'wecom', target: robot.wecomUrl }), 200, 'PUT wecom channel')
    const path = `/api/boards/${board.id}/reminders/test`
    const ok = expectStatus(await requestJson<TestMessageResponse>(server, path, { body: { unit: '工信局', kind: 'wecom' } }), 200, 'test message')
    expect(ok.ok).toBe(true)
    expect(robot.messagesTo('wecom')[0]!.text).toContain('示例区重点项目')
    robot.failNext(1, 'errcode')
    const refused = expectStatus(await requestJson<TestMessageResponse>(server, path, { body: { unit: '工信局', kind: 'wecom' } }), 200, 'test message')
    expect(refused).toEqual({ ok: false, answer: expect.stringContaining('45009') })
    expect((await deliveryLog(server, board.id)).map((entry) => [entry.subject, entry.status])).toEqual([
      ['测试消息', 'failed'],
      ['测试消息', 'sent'],
    ])
    const unknown = await requestJson(server, path, { body: { unit: '商务局', kind: 'wecom' } })
    expect(unknown.status).toBe(404)
  })

  test('the office sees its channels masked — never a webhook key, access token or 加签 secret — and each change is in the security audit log', async () => {
    const robot = await StandInRobot.start()
    const server = await reminderServer(robot)
    const board = await createBoard(server, '示例区重点项目')
    expectStatus(await putChannel(server, board.id, { unit: '工信局', kind: 'wecom', target: robot.wecomUrl, mode: 'dailyDigest' }), 200, 'PUT wecom')
    const put = await putChannel(server, board.id, { unit: '商务局', kind: 'dingtalk', target: robot.dingtalkUrl, secret: robot.dingtalkSecret })
    expect(put.status).toBe(200)
    const list = expectStatus(await requestJson<ChannelListResponse>(server, `/api/boards/${board.id}/reminders/channels`), 200, 'GET channels')
    expect(list.channels.map((channel) => [channel.unit, channel.kind, channel.mode, channel.hasSecret])).toEqual([
      ['商务局', 'dingtalk', 'eachEvent', true],
      ['工信局', 'wecom', 'dailyDigest', false],
    ])
    expect(list.channels[1]!.maskedTarget).toBe(`${robot.origin}/cgi-bin/webhook/send?…cdef`)
    const audit = expectStatus(await requestJson<SecurityAuditExport>(server, '/api/security-audit'), 200, 'GET security audit')
    const everything = JSON.stringify([put.body, list, audit])
    for (const secret of [robot.wecomKey, robot.dingtalkToken, robot.dingtalkSecret]) expect(everything).not.toContain(secret)
    expect(audit.entries.filter((entry) => entry.type === 'reminder-channel.set').map((entry) => entry.detail)).toEqual([
      expect.stringContaining('单位=工信局 渠道=企业微信群机器人'),
      expect.stringContaining('单位=商务局 渠道=钉钉群机器人'),
    ])

    const removed = await requestJson(server, `/api/boards/${board.id}/reminders/channels?unit=${encodeURIComponent('工信局')}&kind=wecom`, {
      method: 'DELETE',
    })
    expect(removed.status).toBe(204)
    const after = expectStatus(await requestJson<ChannelListResponse>(server, `/api/boards/${board.id}/reminders/channels`), 200, 'GET channels')
    expect(after.channels.map((channel) => channel.unit)).toEqual(['商务局'])
  })
})
