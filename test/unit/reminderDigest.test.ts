import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { escalateNotice, issueNotice } from '@guatu/shared/board/noticeCommands'
import { createProject } from '@guatu/shared/board/projectCommands'
import type { IsoDate } from '@guatu/shared/domain/dates'
import type { Principal } from '@guatu/shared/domain/principal'
import { reminderKey, type ReminderEvent } from '@guatu/shared/domain/reminderEvent'
import { createLogger } from '@guatu/server/log'
import { noticeReminderSource } from '@guatu/server/reminders/boardReminderSources'
import { ChannelSender } from '@guatu/server/reminders/channelSender'
import { nextDigestAt } from '@guatu/server/reminders/reminderScheduler'
import { ReminderSender } from '@guatu/server/reminders/reminderSender'
import { openSqliteDatabase } from '@guatu/server/storage/sqliteDatabase'
import { SqliteReminderStore } from '@guatu/server/storage/sqliteReminderStore'
import { deferCleanup } from '../helpers/cleanup.ts'
import { StandInRobot } from '../helpers/standInRobot.ts'
import { waitFor } from '../helpers/wait.ts'

const office: Principal = { kind: 'user', userId: 'u_office', username: 'admin', displayName: '项目办', role: 'admin', units: [] }

describe('每日汇总 and what counts as an escalation', () => {
  test('the digest goes out at the configured Beijing time: later today if it is still to come, else tomorrow', () => {
    const at0830 = 8 * 60 + 30
    // 2031-03-10 07:00 in Beijing is 2031-03-09 23:00 UTC.
    expect(new Date(nextDigestAt(Date.parse('2031-03-09T23:00:00Z'), at0830)).toISOString()).toBe('2031-03-10T00:30:00.000Z')
    expect(new Date(nextDigestAt(Date.parse('2031-03-10T00:30:00Z'), at0830)).toISOString()).toBe('2031-03-10T00:30:00.000Z')
    expect(new Date(nextDigestAt(Date.parse('2031-03-10T00:30:01Z'), at0830)).toISOString()).toBe('2031-03-11T00:30:00.000Z')
  })

  test('a unit on 每日汇总 gets its day’s reminders in one robot message that lists each of them', async () => {
    const robot = await StandInRobot.start()
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'guatu-digest-'))
    const db = openSqliteDatabase(dataDir)
    deferCleanup(async () => {
      db.close()
      await rm(dataDir, { recursive: true, force: true })
    })
    const store = new SqliteReminderStore(db)
    await store.putChannel({
      boardId: 'b1',
      unit: '工信局',
      kind: 'wecom',
      target: robot.wecomUrl,
      secret: null,
      mode: 'dailyDigest',
      updatedAt: '',
      updatedByLabel: '项目办',
    })
    const now = Date.now()
    for (const [index, name] of ['锂电项目', '光伏项目', '芯片项目'].entries()) {
      const event: ReminderEvent = {
        kind: 'problemDue',
        boardId: 'b1',
        unit: '工信局',
        projectId: `p_${index}` as never,
        projectName: name,
        problemId: `q_${index}`,
        description: '用地',
        deadline: '2031-03-11' as IsoDate,
      }
      await store.enqueue(reminderKey(event), event, [{ kind: 'wecom', mode: 'dailyDigest', notBefore: now }], now)
    }
    const sender = new ReminderSender(
      store,
      new ChannelSender({ timeoutMs: 5_000, smtp: undefined }),
      { pollEveryMs: 1_000, retryBaseMs: 10, maxAttempts: 3, leaseMs: 15_000, publicUrl: 'https://xm.example.gov.cn' },
      createLogger('silent'),
    )
    sender.sendSoon()
    await waitFor(async () => (await store.listLog('b1', 10)).length > 0, { message: 'the digest to be sent' })
    await sender.stop()
    expect(robot.messages).toHaveLength(1)
    const text = robot.messages[0]!.text
    expect(text).toContain('工信局今日提醒（3条）')
    for (const name of ['锂电项目', '光伏项目', '芯片项目']) expect(text).toContain(`问题明日到期：${name}`)
    expect(text).toContain('(https://xm.example.gov.cn/board/b1)')
  })

  test('a notice issued at 黄色督办 is announced as issued, not escalated; raising it to 红色督办 is an escalation', () => {
    const doc = new Y.Doc()
    const project = createProject(doc, { name: '锂电项目', stage: 'planning', unit: '工信局' })
    const now = new Date()
    const id = issueNotice(doc, project, { level: 'yellow', requirement: '报送材料', deadline: '2031-08-31' as IsoDate }, office, { now })
    const kinds = () => noticeReminderSource.remindersDue({ boardId: 'b1', doc }, now).map((event) => [event.kind, 'level' in event ? event.level : ''])
    expect(kinds()).toEqual([['noticeIssued', 'yellow']])
    escalateNotice(doc, id)
    // The document as another process loads it from storage must tell the same.
    const copy = new Y.Doc()
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc))
    expect(kinds()).toEqual([
      ['noticeIssued', 'red'],
      ['noticeEscalated', 'red'],
    ])
    expect(noticeReminderSource.remindersDue({ boardId: 'b1', doc: copy }, now).map((event) => event.kind)).toEqual(['noticeIssued', 'noticeEscalated'])
  })
})
