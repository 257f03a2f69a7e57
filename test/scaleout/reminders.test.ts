import { describe, expect, test } from 'vitest'
import type { DeliveryLogResponse } from '@guatu/shared/api/reminders'
import type { UserMeResponse } from '@guatu/shared/api/session'
import { escalateNotice, issueNotice } from '@guatu/shared/board/noticeCommands'
import { raiseProblem } from '@guatu/shared/board/problemCommands'
import { createProject } from '@guatu/shared/board/projectCommands'
import { todayInChina, type IsoDate } from '@guatu/shared/domain/dates'
import type { Principal } from '@guatu/shared/domain/principal'
import { connectClient, waitAllSynced } from '../helpers/client.ts'
import { createBoard, expectStatus, requestJson } from '../helpers/rest.ts'
import type { TestServer } from '../helpers/server.ts'
import { StandInRobot } from '../helpers/standInRobot.ts'
import { waitFor } from '../helpers/wait.ts'
import { startCluster } from './cluster.ts'

async function sweeps(server: TestServer): Promise<number> {
  const text = await (await fetch(`${server.url}/metrics`)).text()
  return Number(/^guatu_reminder_sweeps (\d+)/m.exec(text)?.[1] ?? Number.NaN)
}

describe('reminders scaled out on PostgreSQL + Redis', () => {
  test('three processes that all find the same 督办单 and problem deadlines send one message per event, a failed one retried by whichever process claims it', async () => {
    const robot = await StandInRobot.start()
    const { servers } = await startCluster(3, {
      GUATU_REMINDER_ALLOWED_TARGETS: robot.origin,
      GUATU_REMINDER_SCAN_MS: '50',
      GUATU_REMINDER_SEND_MS: '20',
      GUATU_REMINDER_RETRY_MS: '20',
    })
    const [a, b, c] = servers as [TestServer, TestServer, TestServer]
    const board = await createBoard(a, '集群提醒')
    for (const body of [
      { unit: '工信局', kind: 'wecom', target: robot.wecomUrl },
      { unit: '商务局', kind: 'dingtalk', target: robot.dingtalkUrl, secret: robot.dingtalkSecret },
    ]) {
      expectStatus(await requestJson(b, `/api/boards/${board.id}/reminders/channels`, { method: 'PUT', body }), 200, `PUT ${body.kind}`)
    }
    const clients = [connectClient(a, board.id), connectClient(b, board.id), connectClient(c, board.id)]
    await waitAllSynced(clients)
    const me = expectStatus(await requestJson<UserMeResponse>(a, '/api/me'), 200, 'GET /api/me').user
    const office: Principal = { kind: 'user', userId: me.id, username: 'admin', displayName: '项目办', role: 'admin', units: [] }
    const tomorrow = todayInChina(new Date(Date.now() + 24 * 3_600_000))
    robot.failNext(2, 'http500')

    let expected = 0
    for (const [index, client] of clients.entries()) {
      const lithium = createProject(client.doc, { name: `锂电项目${index + 1}`, stage: 'planning', unit: '工信局' })
      const coldChain = createProject(client.doc, { name: `冷链项目${index + 1}`, stage: 'planning', unit: '商务局' })
      const notice = issueNotice(client.doc, lithium, { level: 'blue', requirement: `第${index + 1}批材料`, deadline: '2031-08-31' as IsoDate }, office)
      escalateNotice(client.doc, notice)
      issueNotice(client.doc, coldChain, { level: 'yellow', requirement: `冷链第${index + 1}批`, deadline: tomorrow }, office)
      raiseProblem(client.doc, coldChain, { category: 'land', description: `用地问题${index + 1}`, leadUnit: '自然资源局', deadline: tomorrow }, office)
      // 工信局: issued + escalated; 商务局: issued + due tomorrow (notice) + due tomorrow (problem).
      expected += 5
    }

    await waitFor(() => robot.messages.length >= expected, {
      message: `${expected} reminders to reach the robots`,
      timeoutMs: 30_000,
      describe: () => `${robot.messages.length} so far`,
    })
    const from = await Promise.all(servers.map(sweeps))
    await waitFor(async () => (await Promise.all(servers.map(sweeps))).every((count, i) => count >= from[i]! + 2), {
      message: 'every process to sweep twice more',
    })
    expect(robot.messages).toHaveLength(expected)
    expect(new Set(robot.messages.map((message) => message.text)).size).toBe(expected)
    expect(robot.messagesTo('wecom')).toHaveLength(6)
    expect(robot.messagesTo('dingtalk')).toHaveLength(9)
    expect(robot.requests.filter((request) => request.status === 500)).toHaveLength(2)

    const log = expectStatus(await requestJson<DeliveryLogResponse>(c, `/api/boards/${board.id}/reminders/log?limit=500`), 200, 'GET log').entries
    expect(log.filter((entry) => entry.status === 'sent')).toHaveLength(expected)
    expect(log.filter((entry) => !entry.ok)).toHaveLength(2)
  })
})
