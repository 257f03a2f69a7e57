import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ReminderEvent } from '@guatu/shared/domain/reminderEvent'
import { reminderKey } from '@guatu/shared/domain/reminderEvent'
import type { IsoDate } from '@guatu/shared/domain/dates'
import type { ReminderStore, StoredChannel } from '@guatu/server/reminders/reminderStore'

export interface ReminderStoreHarness {
  /** Another store on the same database, as another process of a cluster (or a restarted server) has. */
  open(): Promise<ReminderStore>
  dispose(): Promise<void>
}

const NOW = Date.parse('2031-03-10T02:00:00Z')
const LEASE_MS = 60_000

function channel(unit: string, kind: StoredChannel['kind'], target: string, secret: string | null = null): StoredChannel {
  return { boardId: 'board-1', unit, kind, target, secret, mode: 'eachEvent', updatedAt: '2031-03-10T01:00:00.000Z', updatedByLabel: '项目办' }
}

function problemDue(problemId: string, unit = '工信局'): ReminderEvent {
  return {
    kind: 'problemDue',
    boardId: 'board-1',
    unit,
    projectId: 'p_lithium' as never,
    projectName: '锂电材料项目',
    problemId,
    description: '用地指标未落实',
    deadline: '2031-03-11' as IsoDate,
  }
}

/** What every reminder store must do, run against each backend (SQLite, PostgreSQL). */
export function describeReminderStoreContract(name: string, makeHarness: () => Promise<ReminderStoreHarness>): void {
  describe(`${name} reminder store contract`, () => {
    let harness: ReminderStoreHarness
    let store: ReminderStore

    beforeEach(async () => {
      harness = await makeHarness()
      store = await harness.open()
    })
    afterEach(async () => {
      await harness.dispose()
    })

    it('keeps one channel per unit and kind: a second registration replaces the first, and removal removes it', async () => {
      await store.putChannel(channel('工信局', 'wecom', 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=old'))
      await store.putChannel(channel('工信局', 'wecom', 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=new'))
      await store.putChannel(channel('商务局', 'dingtalk', 'https://oapi.dingtalk.com/robot/send?access_token=t', 'SECabc'))
      expect((await store.listChannels('board-1')).map((c) => [c.unit, c.kind, c.target, c.secret])).toEqual([
        ['商务局', 'dingtalk', 'https://oapi.dingtalk.com/robot/send?access_token=t', 'SECabc'],
        ['工信局', 'wecom', 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=new', null],
      ])
      expect(await store.boardsWithChannels()).toEqual(['board-1'])
      expect(await store.deleteChannel('board-1', '工信局', 'wecom')).toBe(true)
      expect(await store.deleteChannel('board-1', '工信局', 'wecom')).toBe(false)
      expect(await store.getChannel('board-1', '工信局', 'wecom')).toBeUndefined()
    })

    it('records an event once per key, even when two stores (two processes) record it at the same moment', async () => {
      const other = await harness.open()
      const event = problemDue('q_land01')
      const plans = [{ kind: 'wecom' as const, mode: 'eachEvent' as const, notBefore: NOW }]
      const results = await Promise.all([store.enqueue(reminderKey(event), event, plans, NOW), other.enqueue(reminderKey(event), event, plans, NOW)])
      expect(results.filter(Boolean)).toHaveLength(1)
      expect(await store.enqueue(reminderKey(event), event, plans, NOW + 1000)).toBe(false)
      const claimed = await store.claimDue(NOW, LEASE_MS, 10)
      expect(claimed.map((delivery) => [delivery.unit, delivery.kind, delivery.event])).toEqual([['工信局', 'wecom', event]])
    })

    it('gives a due delivery to one claimant at a time, again once its lease has run out, and never before it is due', async () => {
      const other = await harness.open()
      const first = problemDue('q_land01')
      const later = problemDue('q_land02')
      await store.enqueue(reminderKey(first), first, [{ kind: 'wecom', mode: 'eachEvent', notBefore: NOW }], NOW)
      await store.enqueue(reminderKey(later), later, [{ kind: 'wecom', mode: 'dailyDigest', notBefore: NOW + 3_600_000 }], NOW)
      const [mine, theirs] = await Promise.all([store.claimDue(NOW, LEASE_MS, 10), other.claimDue(NOW, LEASE_MS, 10)])
      expect([...mine, ...theirs].map((delivery) => delivery.event)).toEqual([first])
      expect(await other.claimDue(NOW + LEASE_MS - 1, LEASE_MS, 10)).toEqual([])
      const again = await other.claimDue(NOW + LEASE_MS, LEASE_MS, 10)
      expect(again.map((delivery) => delivery.event)).toEqual([first])

      await other.finish(again[0]!.id, { status: 'pending', attempts: 1, notBefore: NOW + LEASE_MS + 500 })
      expect(await store.claimDue(NOW + LEASE_MS + 499, LEASE_MS, 10)).toEqual([])
      const retried = await store.claimDue(NOW + LEASE_MS + 500, LEASE_MS, 10)
      expect(retried.map((delivery) => [delivery.event, delivery.attempts])).toEqual([[first, 1]])
      await store.finish(retried[0]!.id, { status: 'sent', attempts: 2, notBefore: 0 })
      const digest = await store.claimDue(NOW + 3_600_000 + LEASE_MS * 2, LEASE_MS, 10)
      expect(digest.map((delivery) => [delivery.event, delivery.mode])).toEqual([[later, 'dailyDigest']])
    })

    it('keeps the delivery log per board, newest first, up to the limit asked for', async () => {
      for (const attempt of [1, 2, 3]) {
        await store.appendLog({
          boardId: 'board-1',
          unit: '工信局',
          kind: 'dingtalk',
          at: new Date(NOW + attempt).toISOString(),
          subject: '问题明日到期：锂电材料项目',
          ok: attempt === 3,
          answer: attempt === 3 ? '{"errcode":0,"errmsg":"ok"}' : 'HTTP 500',
          attempt,
          status: attempt === 3 ? 'sent' : 'pending',
        })
      }
      const log = await (await harness.open()).listLog('board-1', 2)
      expect(log.map((row) => [row.attempt, row.ok, row.status, row.answer])).toEqual([
        [3, true, 'sent', '{"errcode":0,"errmsg":"ok"}'],
        [2, false, 'pending', 'HTTP 500'],
      ])
      expect(await store.listLog('board-2', 10)).toEqual([])
    })
  })
}
