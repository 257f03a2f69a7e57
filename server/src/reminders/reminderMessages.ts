import { formatChineseDate } from '@guatu/shared/domain/dates'
import { NOTICE_LEVEL_LABEL } from '@guatu/shared/domain/notice'
import { ReminderKind, type ReminderEvent } from '@guatu/shared/domain/reminderEvent'

/** A message before it is dressed for one channel: a subject, a few lines, and a link back. */
export interface ReminderMessage {
  subject: string
  lines: string[]
  link: string | undefined
}

/** The board page an event is about: 督办 for notices, 问题清单 for problems, the board otherwise. */
function pageOf(event: ReminderEvent): string {
  const board = `/board/${encodeURIComponent(event.boardId)}`
  switch (event.kind) {
    case ReminderKind.noticeIssued:
    case ReminderKind.noticeEscalated:
    case ReminderKind.noticeDue:
      return `${board}/notices`
    case ReminderKind.problemDue:
      return `${board}/problems`
    default:
      return board
  }
}

/** The Chinese text of one reminder. `publicUrl` (GUATU_PUBLIC_URL) makes the link absolute; without it there is none. */
export function reminderMessage(event: ReminderEvent, publicUrl: string | undefined): ReminderMessage {
  const link = publicUrl ? new URL(pageOf(event), publicUrl).href : undefined
  const to = `${event.unit}：`
  switch (event.kind) {
    case ReminderKind.periodOpened:
      return {
        subject: `${event.periodLabel}报送已开始`,
        lines: [`${to}${event.periodLabel}项目情况报送已开始，请于${formatChineseDate(event.deadline)}前报送。`],
        link,
      }
    case ReminderKind.periodDueSoon:
      return {
        subject: `${event.periodLabel}报送还剩${event.daysLeft}天`,
        lines: [`${to}${event.periodLabel}报送截止日为${formatChineseDate(event.deadline)}，还剩${event.daysLeft}天，请尽快报送。`],
        link,
      }
    case ReminderKind.periodOverdue:
      return {
        subject: `${event.periodLabel}报送已逾期`,
        lines: [`${to}${event.periodLabel}报送已于${formatChineseDate(event.deadline)}截止，贵单位尚未报送。`],
        link,
      }
    case ReminderKind.proposalReturned:
      return {
        subject: `填报被退回：${event.projectName}`,
        lines: [`${to}「${event.projectName}」的填报被${event.returnedByLabel}退回。`, `退回原因：${event.reason}`, '请修改后重新报送。'],
        link,
      }
    case ReminderKind.noticeIssued:
      return {
        subject: `${NOTICE_LEVEL_LABEL[event.level]}：${event.projectName}`,
        lines: [
          `${to}项目办对「${event.projectName}」下发${NOTICE_LEVEL_LABEL[event.level]}。`,
          `督办要求：${event.requirement}`,
          `办理时限：${formatChineseDate(event.deadline)}`,
        ],
        link,
      }
    case ReminderKind.noticeEscalated:
      return {
        subject: `督办升级为${NOTICE_LEVEL_LABEL[event.level]}：${event.projectName}`,
        lines: [
          `${to}「${event.projectName}」的督办单已升级为${NOTICE_LEVEL_LABEL[event.level]}。`,
          `督办要求：${event.requirement}`,
          `办理时限：${formatChineseDate(event.deadline)}`,
        ],
        link,
      }
    case ReminderKind.noticeDue:
      return {
        subject: `督办单明日到期：${event.projectName}`,
        lines: [
          `${to}「${event.projectName}」的${NOTICE_LEVEL_LABEL[event.level]}办理时限为明天（${formatChineseDate(event.deadline)}），尚未办结。`,
          `督办要求：${event.requirement}`,
        ],
        link,
      }
    case ReminderKind.problemDue:
      return {
        subject: `问题明日到期：${event.projectName}`,
        lines: [`${to}「${event.projectName}」的存在问题解决时限为明天（${formatChineseDate(event.deadline)}），尚未解决。`, `问题：${event.description}`],
        link,
      }
  }
}

/** The day's reminders of one unit in one message (每日汇总). */
export function digestMessage(unit: string, messages: readonly ReminderMessage[], publicUrl: string | undefined, boardId: string): ReminderMessage {
  return {
    subject: `${unit}今日提醒（${messages.length}条）`,
    lines: messages.map((message, index) => `${index + 1}. ${message.subject}`),
    link: publicUrl ? new URL(`/board/${encodeURIComponent(boardId)}`, publicUrl).href : undefined,
  }
}

/** What 发送测试消息 sends. */
export function testMessage(unit: string, boardName: string, publicUrl: string | undefined, boardId: string): ReminderMessage {
  return {
    subject: '测试消息',
    lines: [`${unit}：这是「${boardName}」的提醒测试消息。收到即表示本群（邮箱）已接通项目提醒。`],
    link: publicUrl ? new URL(`/board/${encodeURIComponent(boardId)}`, publicUrl).href : undefined,
  }
}

/** Markdown for the robots (both render a subset: headings, links, line breaks). */
export function messageMarkdown(message: ReminderMessage): string {
  const body = message.lines.join('\n\n')
  return `### ${message.subject}\n\n${body}${message.link ? `\n\n[打开看板查看](${message.link})` : ''}`
}

/** Plain text for e-mail. */
export function messageText(message: ReminderMessage): string {
  return `${message.lines.join('\n')}${message.link ? `\n\n打开看板查看：${message.link}` : ''}\n\n（本邮件由项目看板自动发送）`
}
