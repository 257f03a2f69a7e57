import { describe, expect, test } from 'vitest'
import type { ChannelListResponse, ReminderChannel } from '@guatu/shared/api/reminders'
import type { SecurityAuditExport } from '@guatu/shared/api/securityAudit'
import { expectStatus, requestJson } from '../helpers/rest.ts'
import { OWN_UNIT, startRoleBoard } from '../helpers/roleBoard.ts'
import { StandInRobot } from '../helpers/standInRobot.ts'

/**
 * A robot webhook is a key to a unit's chat group, and the server posts wherever it points: the
 * channels are the office's alone. Tried as the unit itself (its department editor), the leader
 * (viewer), a wall screen's link and nobody; and as the office, at hosts it must not reach.
 */
describe('reminder channel attacks', () => {
  test('a department, the leader, a screen link and nobody can neither read, set, remove nor test a channel, nor read the delivery log', async () => {
    const robot = await StandInRobot.start()
    const board = await startRoleBoard({ env: { GUATU_REMINDER_ALLOWED_TARGETS: robot.origin } })
    const channels = `/api/boards/${board.boardId}/reminders/channels`
    expectStatus(
      await requestJson<ReminderChannel>(board.server, channels, { method: 'PUT', body: { unit: OWN_UNIT, kind: 'wecom', target: robot.wecomUrl } }),
      200,
      'office PUT',
    )

    const attempts = [
      { what: 'list channels', path: channels, method: 'GET' },
      {
        what: 'set a channel',
        path: channels,
        method: 'PUT',
        body: { unit: OWN_UNIT, kind: 'wecom', target: `${robot.origin}/cgi-bin/webhook/send?key=attacker` },
      },
      { what: 'remove a channel', path: `${channels}?unit=${encodeURIComponent(OWN_UNIT)}&kind=wecom`, method: 'DELETE' },
      { what: 'send a test message', path: `/api/boards/${board.boardId}/reminders/test`, method: 'POST', body: { unit: OWN_UNIT, kind: 'wecom' } },
      { what: 'read the delivery log', path: `/api/boards/${board.boardId}/reminders/log`, method: 'GET' },
    ]
    for (const [who, token, status] of [
      ['the unit’s own department', board.editor.token, 403],
      ['the leader (viewer)', board.viewer.token, 403],
      ['a screen link', board.screen.token, 403],
      ['nobody', null, 401],
    ] as const) {
      for (const attempt of attempts) {
        const response = await requestJson<{ error: string }>(board.server, attempt.path, { token, method: attempt.method, body: attempt.body })
        expect(response.status, `${who}: ${attempt.what}`).toBe(status)
        expect(response.body.error, `${who}: ${attempt.what}`).toMatch(/[\u4e00-\u9fff]/)
        expect(JSON.stringify(response.body)).not.toContain(robot.wecomKey)
      }
    }

    const list = expectStatus(await requestJson<ChannelListResponse>(board.server, channels), 200, 'office GET')
    expect(list.channels).toHaveLength(1)
    expect(list.channels[0]!.maskedTarget).toBe(`${robot.origin}/cgi-bin/webhook/send?…cdef`)
    expect(robot.requests).toEqual([])
    const audit = expectStatus(await requestJson<SecurityAuditExport>(board.server, '/api/security-audit'), 200, 'security audit')
    const denied = audit.entries.filter((entry) => entry.type === 'access.denied' && entry.target.includes('/reminders/'))
    expect(denied).toHaveLength(attempts.length * 3)
  })

  test('the office cannot point a channel at a host that is neither the official robot nor on the allow-list (SSRF), nor leave out 钉钉’s 加签 secret', async () => {
    const robot = await StandInRobot.start()
    const board = await startRoleBoard({ env: { GUATU_REMINDER_ALLOWED_TARGETS: robot.origin } })
    const channels = `/api/boards/${board.boardId}/reminders/channels`
    const secret = robot.dingtalkSecret
    const refused = [
      { kind: 'wecom', target: 'http://169.254.169.254/latest/meta-data?key=x' },
      { kind: 'wecom', target: 'http://127.0.0.1:5432/cgi-bin/webhook/send?key=x' },
      { kind: 'wecom', target: `${robot.origin.replace('127.0.0.1', 'localhost')}/cgi-bin/webhook/send?key=x` },
      { kind: 'wecom', target: 'http://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=x' },
      { kind: 'wecom', target: 'https://qyapi.weixin.qq.com.attacker.cn/cgi-bin/webhook/send?key=x' },
      { kind: 'wecom', target: 'https://qyapi.weixin.qq.com:8443/cgi-bin/webhook/send?key=x' },
      { kind: 'wecom', target: 'https://user:pw@qyapi.weixin.qq.com/cgi-bin/webhook/send?key=x' },
      { kind: 'wecom', target: 'https://qyapi.weixin.qq.com/cgi-bin/other?key=x' },
      { kind: 'wecom', target: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send' },
      { kind: 'wecom', target: 'file:///etc/passwd' },
      { kind: 'dingtalk', target: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=x', secret },
      { kind: 'dingtalk', target: 'https://oapi.dingtalk.com/robot/send?access_token=x' },
      { kind: 'dingtalk', target: 'https://oapi.dingtalk.com/robot/send?access_token=x', secret: 'not-a-secret' },
      { kind: 'email', target: 'someone@example.gov.cn' },
      { kind: 'email', target: 'a@b.cn\r\nBcc: all@example.cn' },
    ]
    for (const body of refused) {
      const response = await requestJson<{ error: string }>(board.server, channels, { method: 'PUT', body: { unit: OWN_UNIT, ...body } })
      expect(response.status, body.target).toBe(400)
      expect(response.body.error, body.target).toMatch(/[\u4e00-\u9fff]/)
    }
    expect(expectStatus(await requestJson<ChannelListResponse>(board.server, channels), 200, 'GET').channels).toEqual([])

    for (const body of [
      { kind: 'wecom', target: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx' },
      { kind: 'dingtalk', target: 'https://oapi.dingtalk.com/robot/send?access_token=abc123', secret },
    ]) {
      expect((await requestJson(board.server, channels, { method: 'PUT', body: { unit: OWN_UNIT, ...body } })).status, body.target).toBe(200)
    }
  })
})
