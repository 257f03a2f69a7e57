import { z } from 'zod'
import { plainText } from './safeText.ts'
import { FieldWriter, ON_CREATE, RecordWriter, actorOf, stampedOn, writtenBy, type FieldPolicy, type RecordPolicy } from './fieldPolicy.ts'
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
} as const

export type DecisionField = keyof typeof decisionFieldSchemas
export const DECISION_FIELDS = Object.keys(decisionFieldSchemas) as DecisionField[]

/** 确定事项 are recorded by the project office, in its own name, at the time the server sees them. */
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
  } satisfies Record<DecisionField, FieldPolicy>,
} satisfies RecordPolicy
export const OPTIONAL_DECISION_FIELDS = [] as const satisfies readonly DecisionField[]
export type DecisionFields = { [K in DecisionField]: z.infer<(typeof decisionFieldSchemas)[K]> }
export type Decision = DecisionFields & { readonly id: DecisionId }
