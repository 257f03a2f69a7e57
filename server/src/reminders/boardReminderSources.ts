import type * as Y from 'yjs'
import { listNotices, wasNoticeLevelRewritten } from '@guatu/shared/board/noticeQueries'
import { listProblems } from '@guatu/shared/board/problemQueries'
import { readProject } from '@guatu/shared/board/projectQueries'
import { todayInChina, type IsoDate } from '@guatu/shared/domain/dates'
import { NoticeLevel, NoticeStatus } from '@guatu/shared/domain/notice'
import { ProblemStatus } from '@guatu/shared/domain/problem'
import { ReminderKind, type ReminderEvent } from '@guatu/shared/domain/reminderEvent'
import type { ReminderSource } from './reminderSource.ts'

const DAY_MS = 24 * 3_600_000

/**
 * A notice found issued longer ago than this is not announced: the first sweep after a unit's
 * robot is registered must not post every 督办单 of the year into its group.
 */
export const NOTICE_ISSUED_FRESH_MS = 2 * DAY_MS

/** The calendar day after today, in China. */
function tomorrowInChina(now: Date): IsoDate {
  return todayInChina(new Date(now.getTime() + DAY_MS))
}

/** 督办单: issued (recently), escalated, and 办理时限 tomorrow while still open, to the project's 责任单位. */
export const noticeReminderSource: ReminderSource = {
  remindersDue({ boardId, doc }: { boardId: string; doc: Y.Doc }, now: Date): ReminderEvent[] {
    const tomorrow = tomorrowInChina(now)
    const events: ReminderEvent[] = []
    for (const notice of listNotices(doc)) {
      if (notice.status !== NoticeStatus.open) continue
      const project = readProject(doc, notice.projectId)
      if (!project) continue
      const about = {
        boardId,
        unit: project.unit,
        projectId: project.id,
        projectName: project.name,
        noticeId: notice.id,
        level: notice.level,
        deadline: notice.deadline,
        requirement: notice.requirement,
      }
      if (now.getTime() - Date.parse(notice.issuedAt) <= NOTICE_ISSUED_FRESH_MS) events.push({ kind: ReminderKind.noticeIssued, ...about })
      if (notice.level !== NoticeLevel.blue && wasNoticeLevelRewritten(doc, notice.id)) events.push({ kind: ReminderKind.noticeEscalated, ...about })
      if (notice.deadline === tomorrow) events.push({ kind: ReminderKind.noticeDue, ...about })
    }
    return events
  },
}

/** 存在问题 whose 解决时限 is tomorrow and that are not solved, to the project's 责任单位. */
export const problemReminderSource: ReminderSource = {
  remindersDue({ boardId, doc }: { boardId: string; doc: Y.Doc }, now: Date): ReminderEvent[] {
    const tomorrow = tomorrowInChina(now)
    const events: ReminderEvent[] = []
    for (const problem of listProblems(doc)) {
      if (problem.status !== ProblemStatus.open || problem.deadline !== tomorrow) continue
      const project = readProject(doc, problem.projectId)
      if (!project) continue
      events.push({
        kind: ReminderKind.problemDue,
        boardId,
        unit: project.unit,
        projectId: project.id,
        projectName: project.name,
        problemId: problem.id,
        description: problem.description,
        deadline: problem.deadline,
      })
    }
    return events
  },
}
