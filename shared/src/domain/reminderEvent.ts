import type { IsoDate } from './dates.ts'
import type { NoticeLevel } from './notice.ts'

/**
 * What a reminder is about. The reporting cycle (periods, returned proposals) and the office's
 * 督办单 and 存在问题 produce these; the reminder sender (server/src/reminders) turns each into a
 * 企业微信 / 钉钉 / e-mail message for the unit named in it, once.
 */
export const ReminderKind = {
  periodOpened: 'periodOpened',
  /** 3 and 1 days before a period's deadline, to units that have not reported. */
  periodDueSoon: 'periodDueSoon',
  periodOverdue: 'periodOverdue',
  proposalReturned: 'proposalReturned',
  noticeIssued: 'noticeIssued',
  noticeEscalated: 'noticeEscalated',
  /** A 督办单's 办理时限 is tomorrow and it is not closed. */
  noticeDue: 'noticeDue',
  /** A 存在问题's 解决时限 is tomorrow and it is not solved. */
  problemDue: 'problemDue',
} as const
export type ReminderKind = (typeof ReminderKind)[keyof typeof ReminderKind]

interface ReminderBase {
  boardId: string
  /** The 责任单位 the reminder goes to. */
  unit: string
}

interface PeriodReminder extends ReminderBase {
  periodId: string
  /** The period as the office says it: "2022年3月", "2022年第12周". */
  periodLabel: string
  deadline: IsoDate
}

interface ProjectReminder extends ReminderBase {
  projectId: string
  projectName: string
}

export type ReminderEvent =
  | ({ kind: typeof ReminderKind.periodOpened } & PeriodReminder)
  | ({ kind: typeof ReminderKind.periodDueSoon; daysLeft: 1 | 3 } & PeriodReminder)
  | ({ kind: typeof ReminderKind.periodOverdue } & PeriodReminder)
  | ({ kind: typeof ReminderKind.proposalReturned; proposalId: string; reason: string; returnedAt: string; returnedByLabel: string } & ProjectReminder)
  | ({ kind: typeof ReminderKind.noticeIssued; noticeId: string; level: NoticeLevel; deadline: IsoDate; requirement: string } & ProjectReminder)
  | ({ kind: typeof ReminderKind.noticeEscalated; noticeId: string; level: NoticeLevel; deadline: IsoDate; requirement: string } & ProjectReminder)
  | ({ kind: typeof ReminderKind.noticeDue; noticeId: string; level: NoticeLevel; deadline: IsoDate; requirement: string } & ProjectReminder)
  | ({ kind: typeof ReminderKind.problemDue; problemId: string; description: string; deadline: IsoDate } & ProjectReminder)

/**
 * The identity of a reminder: the same event found again (sources are asked over and over, by
 * every process of a cluster) has the same key, and the outbox keeps each key once — one message
 * per event, cluster-wide.
 */
export function reminderKey(event: ReminderEvent): string {
  const at = `${event.boardId}:${event.kind}:${event.unit}`
  switch (event.kind) {
    case ReminderKind.periodOpened:
    case ReminderKind.periodOverdue:
      return `${at}:${event.periodId}`
    case ReminderKind.periodDueSoon:
      return `${at}:${event.periodId}:${event.daysLeft}`
    case ReminderKind.proposalReturned:
      return `${at}:${event.proposalId}:${event.returnedAt}`
    case ReminderKind.noticeIssued:
    case ReminderKind.noticeDue:
      return `${at}:${event.noticeId}`
    case ReminderKind.noticeEscalated:
      return `${at}:${event.noticeId}:${event.level}`
    case ReminderKind.problemDue:
      return `${at}:${event.problemId}:${event.deadline}`
  }
}
