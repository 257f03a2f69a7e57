import { z } from 'zod'
import { plainText } from './safeText.ts'
import { FieldWriter, ON_CREATE, RecordWriter, actorOf, stampedOn, writtenBy, type FieldEvent, type FieldPolicy, type RecordPolicy } from './fieldPolicy.ts'
import { isIsoDate, type IsoDate } from './dates.ts'
import { isMeetingId, type MeetingId } from './meeting.ts'
import { isProjectId, type ProjectId } from './project.ts'

/**
 * 确定事项: a decision taken at a meeting about a project, written as "who does what by when"
 * (问题 → 交办单位 → 时限). It goes into the minutes' list of agreed items.
 */
export type DecisionId = string & { readonly __brand: 'DecisionId' }

export function isDecisionId(value: unknown): value is DecisionId {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{6,64}$/.test(value)
}

export function newDecisionId(): DecisionId {
  return `d_${crypto.randomUUID().replaceAll('-', '').slice(0, 20)}` as DecisionId
}

/** Free text every export can hold (domain/safeText.ts). */
const text = plainText

/** Whether the 交办单位 has done it; absent on decisions recorded before it was kept means open. */
export const DecisionStatus = { open: 'open', done: 'done' } as const
export type DecisionStatus = (typeof DecisionStatus)[keyof typeof DecisionStatus]
export const DECISION_STATUS_LABEL: Record<DecisionStatus, string> = { open: '未办结', done: '已办结' }

const instant = (label: string) =>
  z.string({ error: `${label}须为时间` }).refine((value) => /^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(Date.parse(value)), {
    error: `${label}须为 ISO 时间`,
  })

export const decisionFieldSchemas = {
  meetingId: z.custom<MeetingId>(isMeetingId, { error: '事项必须属于一次会议' }),
  projectId: z.custom<ProjectId>(isProjectId, { error: '事项必须属于一个项目' }),
  /** What is to be done. */
  content: text('事项内容', 1000).refine((value) => value.trim().length > 0, { error: '事项内容不能为空' }),
  /** 交办单位: who must do it. */
  assignee: text('交办单位', 50).refine((value) => value.trim().length > 0, { error: '交办单位不能为空' }),
  deadline: z.custom<IsoDate>(isIsoDate, { error: '完成时限须为有效日期（如 2022-09-30）' }),
  recordedById: text('记录人', 64),
  recordedByLabel: text('记录人', 100),
  recordedAt: z.string({ error: '记录时间须为时间' }).refine((value) => /^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(Date.parse(value)), {
    error: '记录时间须为 ISO 时间',
  }),
  /** 回头看 asks of each decision whether it was done by its deadline: the unit reports it done. */
  status: z.enum([DecisionStatus.open, DecisionStatus.done], { error: '事项状态须为未办结或已办结' }),
  doneById: text('办结人', 64),
  doneByLabel: text('办结人', 100),
  doneAt: instant('办结时间'),
} as const

export type DecisionField = keyof typeof decisionFieldSchemas
export const DECISION_FIELDS = Object.keys(decisionFieldSchemas) as DecisionField[]

const DONE: FieldEvent = { on: 'set', field: 'status', value: DecisionStatus.done }

/**
 * 确定事项 are recorded by the project office, in its own name, at the time the server sees them;
 * the project's unit (or the office) marks one done, and who and when are the server's to record.
 */
export const DECISION_POLICY = {
  create: RecordWriter.office,
  delete: RecordWriter.office,
  fields: {
    meetingId: writtenBy(FieldWriter.fixed),
    projectId: writtenBy(FieldWriter.fixed),
    content: writtenBy(FieldWriter.office),
    assignee: writtenBy(FieldWriter.office),
    deadline: writtenBy(FieldWriter.office),
    recordedById: actorOf(ON_CREATE, 'id'),
    recordedByLabel: actorOf(ON_CREATE, 'label'),
    recordedAt: stampedOn(ON_CREATE),
    status: writtenBy(FieldWriter.department),
    doneById: actorOf(DONE, 'id'),
    doneByLabel: actorOf(DONE, 'label'),
    doneAt: stampedOn(DONE),
  } satisfies Record<DecisionField, FieldPolicy>,
} satisfies RecordPolicy
export const OPTIONAL_DECISION_FIELDS = ['status', 'doneById', 'doneByLabel', 'doneAt'] as const satisfies readonly DecisionField[]
type OptionalDecisionField = (typeof OPTIONAL_DECISION_FIELDS)[number]
type DecisionFieldValues = { [K in DecisionField]: z.infer<(typeof decisionFieldSchemas)[K]> }
export type DecisionFields = Omit<DecisionFieldValues, OptionalDecisionField> & Partial<Pick<DecisionFieldValues, OptionalDecisionField>>
export type Decision = DecisionFields & { readonly id: DecisionId }
