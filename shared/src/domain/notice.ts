import { z } from 'zod'
import { plainText } from './safeText.ts'
import { FieldWriter, ON_CREATE, RecordWriter, actorOf, stampedOn, writtenBy, type FieldEvent, type FieldPolicy, type RecordPolicy } from './fieldPolicy.ts'
import { isIsoDate, type IsoDate } from './dates.ts'
import { isProjectId, type ProjectId } from './project.ts'

/**
 * 督办单: a supervision notice the project office issues on a project, with what is required and
 * by when. It escalates 蓝 → 黄 → 红 while not put right; the department answers it; the office
 * closes it. Every step is kept in the board's history with who and when.
 */
export type NoticeId = string & { readonly __brand: 'NoticeId' }

export const NOTICE_ID_PATTERN = /^[A-Za-z0-9_-]{6,64}$/

export function isNoticeId(value: unknown): value is NoticeId {
  return typeof value === 'string' && NOTICE_ID_PATTERN.test(value)
}

export function newNoticeId(): NoticeId {
  return `n_${crypto.randomUUID().replaceAll('-', '').slice(0, 20)}` as NoticeId
}

/** The ladder: a first notice is blue; overdue and not done, yellow (public warning); then red (问责). */
export const NoticeLevel = {
  blue: 'blue',
  yellow: 'yellow',
  red: 'red',
} as const
export type NoticeLevel = (typeof NoticeLevel)[keyof typeof NoticeLevel]

export const NOTICE_LEVELS: readonly NoticeLevel[] = [NoticeLevel.blue, NoticeLevel.yellow, NoticeLevel.red]

export const NOTICE_LEVEL_LABEL: Record<NoticeLevel, string> = { blue: '蓝色督办', yellow: '黄色督办', red: '红色督办' }

/** The next rung of the ladder, or undefined at red. */
export function nextNoticeLevel(level: NoticeLevel): NoticeLevel | undefined {
  return NOTICE_LEVELS[NOTICE_LEVELS.indexOf(level) + 1]
}

export const NoticeStatus = {
  open: 'open',
  closed: 'closed',
} as const
export type NoticeStatus = (typeof NoticeStatus)[keyof typeof NoticeStatus]

export const NOTICE_STATUS_LABEL: Record<NoticeStatus, string> = { open: '督办中', closed: '已办结' }

/** Free text every export can hold (domain/safeText.ts). */
const text = plainText
const instant = (label: string) =>
  z.string({ error: `${label}须为时间` }).refine((value) => /^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(Date.parse(value)), {
    error: `${label}须为 ISO 时间`,
  })

/** One validator per document field. `*ById`/`*ByLabel` are claims the server checks against the sender. */
export const noticeFieldSchemas = {
  projectId: z.custom<ProjectId>(isProjectId, { error: '督办单必须属于一个项目' }),
  level: z.enum(NOTICE_LEVELS as [NoticeLevel, ...NoticeLevel[]], { error: '督办等级须为蓝、黄或红' }),
  requirement: text('督办要求', 1000).refine((value) => value.trim().length > 0, { error: '督办要求不能为空' }),
  deadline: z.custom<IsoDate>(isIsoDate, { error: '办理时限须为有效日期（如 2022-09-30）' }),
  status: z.enum([NoticeStatus.open, NoticeStatus.closed], { error: '督办单状态须为督办中或已办结' }),
  issuedById: text('督办人', 64),
  issuedByLabel: text('督办人', 100),
  issuedAt: instant('下发时间'),
  reply: text('办理情况', 2000),
  repliedById: text('答复人', 64),
  repliedByLabel: text('答复人', 100),
  repliedAt: instant('答复时间'),
  closedById: text('办结人', 64),
  closedByLabel: text('办结人', 100),
  closedAt: instant('办结时间'),
} as const

export type NoticeField = keyof typeof noticeFieldSchemas
export const NOTICE_FIELDS = Object.keys(noticeFieldSchemas) as NoticeField[]

const REPLIED: FieldEvent = { on: 'write', field: 'reply' }
const CLOSED: FieldEvent = { on: 'set', field: 'status', value: NoticeStatus.closed }

/** The office issues, escalates and closes; the department answers, in its own name. */
export const NOTICE_POLICY = {
  create: RecordWriter.office,
  delete: RecordWriter.office,
  fields: {
    projectId: writtenBy(FieldWriter.fixed),
    level: writtenBy(FieldWriter.office),
    requirement: writtenBy(FieldWriter.office),
    deadline: writtenBy(FieldWriter.office),
    status: writtenBy(FieldWriter.office),
    issuedById: actorOf(ON_CREATE, 'id'),
    issuedByLabel: actorOf(ON_CREATE, 'label'),
    issuedAt: stampedOn(ON_CREATE),
    reply: writtenBy(FieldWriter.reply),
    repliedById: actorOf(REPLIED, 'id'),
    repliedByLabel: actorOf(REPLIED, 'label'),
    repliedAt: stampedOn(REPLIED),
    closedById: actorOf(CLOSED, 'id'),
    closedByLabel: actorOf(CLOSED, 'label'),
    closedAt: stampedOn(CLOSED),
  } satisfies Record<NoticeField, FieldPolicy>,
} satisfies RecordPolicy

export const OPTIONAL_NOTICE_FIELDS = [
  'reply',
  'repliedById',
  'repliedByLabel',
  'repliedAt',
  'closedById',
  'closedByLabel',
  'closedAt',
] as const satisfies readonly NoticeField[]
type OptionalNoticeField = (typeof OPTIONAL_NOTICE_FIELDS)[number]

type FieldValues = { [K in NoticeField]: z.infer<(typeof noticeFieldSchemas)[K]> }
export type NoticeFields = Omit<FieldValues, OptionalNoticeField> & Partial<Pick<FieldValues, OptionalNoticeField>>
export type Notice = NoticeFields & { readonly id: NoticeId }

/** Fields only the department answering a notice may write (the office writes the rest). */
export const NOTICE_REPLY_FIELDS: readonly NoticeField[] = ['reply', 'repliedById', 'repliedByLabel', 'repliedAt']

/** An open notice whose deadline has passed with no reply stands out. */
export function isNoticeReplyOverdue(notice: Pick<Notice, 'status' | 'deadline' | 'repliedAt'>, today: IsoDate): boolean {
  return notice.status === NoticeStatus.open && notice.repliedAt === undefined && notice.deadline < today
}
