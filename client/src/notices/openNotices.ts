import { NOTICE_LEVEL_LABEL, NOTICE_LEVELS, NoticeStatus, type Notice, type NoticeLevel } from '@guatu/shared/domain/notice'

export interface OpenNoticeSummary {
  /** The highest rung among the open notices. */
  readonly level: NoticeLevel
  readonly count: number
  /** "黄色督办", or "黄色督办等2件" with several open. */
  readonly label: string
}

export function noticeSeverity(level: NoticeLevel): number {
  return NOTICE_LEVELS.indexOf(level)
}

/** What a card says about its open 督办单; undefined when none is open. */
export function openNoticeSummary(notices: readonly Notice[]): OpenNoticeSummary | undefined {
  let level: NoticeLevel | undefined
  let count = 0
  for (const notice of notices) {
    if (notice.status !== NoticeStatus.open) continue
    count += 1
    if (level === undefined || noticeSeverity(notice.level) > noticeSeverity(level)) level = notice.level
  }
  if (level === undefined) return undefined
  return { level, count, label: `${NOTICE_LEVEL_LABEL[level]}${count > 1 ? `等${count}件` : ''}` }
}
