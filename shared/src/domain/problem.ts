import { z } from 'zod'
import { plainText } from './safeText.ts'
import { FieldWriter, ON_CREATE, RecordWriter, actorOf, stampedOn, writtenBy, type FieldEvent, type FieldPolicy, type RecordPolicy } from './fieldPolicy.ts'
import { isIsoDate, type IsoDate } from './dates.ts'
import { isProjectId, type ProjectId } from './project.ts'

/** 存在问题: where a project is stuck, who must solve it, by when, and whether it is solved. */
export type ProblemId = string & { readonly __brand: 'ProblemId' }

export const PROBLEM_ID_PATTERN = /^[A-Za-z0-9_-]{6,64}$/

export function isProblemId(value: unknown): value is ProblemId {
  return typeof value === 'string' && PROBLEM_ID_PATTERN.test(value)
}

export function newProblemId(): ProblemId {
  return `q_${crypto.randomUUID().replaceAll('-', '').slice(0, 20)}` as ProblemId
}

export const ProblemCategory = {
  land: 'land',
  environment: 'environment',
  planning: 'planning',
  funding: 'funding',
  approval: 'approval',
  demolition: 'demolition',
  utilities: 'utilities',
  other: 'other',
} as const
export type ProblemCategory = (typeof ProblemCategory)[keyof typeof ProblemCategory]

export const PROBLEM_CATEGORIES = Object.values(ProblemCategory) as readonly ProblemCategory[]

export const PROBLEM_CATEGORY_LABEL: Record<ProblemCategory, string> = {
  land: '土地',
  environment: '环评',
  planning: '规划',
  funding: '资金',
  approval: '审批手续',
  demolition: '征地拆迁',
  utilities: '水电路配套',
  other: '其他',
}

export function problemCategoryFromLabel(label: string): ProblemCategory | undefined {
  return PROBLEM_CATEGORIES.find((category) => PROBLEM_CATEGORY_LABEL[category] === label.trim())
}

export const ProblemStatus = {
  open: 'open',
  solved: 'solved',
} as const
export type ProblemStatus = (typeof ProblemStatus)[keyof typeof ProblemStatus]

export const PROBLEM_STATUS_LABEL: Record<ProblemStatus, string> = { open: '未解决', solved: '已解决' }

/** Free text every export can hold (domain/safeText.ts). */
const text = plainText
const isoInstant = (label: string) =>
  z.string({ error: `${label}须为时间` }).refine((value) => !Number.isNaN(Date.parse(value)) && /^\d{4}-\d{2}-\d{2}T/.test(value), {
    error: `${label}须为 ISO 时间`,
  })

/**
 * One validator per document field. `raisedBy*` and `solvedBy*` are claims the server checks
 * against the authenticated sender: nobody can raise or close a problem in someone else's name.
 */
export const problemFieldSchemas = {
  projectId: z.custom<ProjectId>(isProjectId, { error: '问题必须属于一个项目' }),
  category: z.enum(PROBLEM_CATEGORIES as [ProblemCategory, ...ProblemCategory[]], {
    error: '问题类别须为土地、环评、规划、资金、审批手续、征地拆迁、水电路配套或其他',
  }),
  description: text('问题描述', 1000).refine((value) => value.trim().length > 0, { error: '问题描述不能为空' }),
  leadUnit: text('牵头单位', 50),
  deadline: z.custom<IsoDate>(isIsoDate, { error: '解决时限须为有效日期（如 2022-09-30）' }),
  status: z.enum([ProblemStatus.open, ProblemStatus.solved], { error: '问题状态须为未解决或已解决' }),
  reply: text('办理情况', 1000),
  raisedById: text('提出人', 64),
  raisedByLabel: text('提出人', 100),
  raisedAt: isoInstant('提出时间'),
  solvedById: text('解决人', 64),
  solvedByLabel: text('解决人', 100),
  solvedAt: isoInstant('解决时间'),
} as const

export type ProblemField = keyof typeof problemFieldSchemas
export const PROBLEM_FIELDS = Object.keys(problemFieldSchemas) as ProblemField[]

const SOLVED: FieldEvent = { on: 'set', field: 'status', value: ProblemStatus.solved }

/** A unit raises and answers problems of its own projects; who and when are the server's to record. */
export const PROBLEM_POLICY = {
  create: RecordWriter.department,
  delete: RecordWriter.office,
  fields: {
    projectId: writtenBy(FieldWriter.fixed),
    category: writtenBy(FieldWriter.department),
    description: writtenBy(FieldWriter.department),
    leadUnit: writtenBy(FieldWriter.department),
    deadline: writtenBy(FieldWriter.department),
    status: writtenBy(FieldWriter.department),
    reply: writtenBy(FieldWriter.department),
    raisedById: actorOf(ON_CREATE, 'id'),
    raisedByLabel: actorOf(ON_CREATE, 'label'),
    raisedAt: stampedOn(ON_CREATE),
    solvedById: actorOf(SOLVED, 'id'),
    solvedByLabel: actorOf(SOLVED, 'label'),
    solvedAt: stampedOn(SOLVED),
  } satisfies Record<ProblemField, FieldPolicy>,
} satisfies RecordPolicy

export const OPTIONAL_PROBLEM_FIELDS = ['deadline', 'reply', 'solvedById', 'solvedByLabel', 'solvedAt'] as const satisfies readonly ProblemField[]
type OptionalProblemField = (typeof OPTIONAL_PROBLEM_FIELDS)[number]

type FieldValues = { [K in ProblemField]: z.infer<(typeof problemFieldSchemas)[K]> }
export type ProblemFields = Omit<FieldValues, OptionalProblemField> & Partial<Pick<FieldValues, OptionalProblemField>>
export type Problem = ProblemFields & { readonly id: ProblemId }

/** Whether a problem is open past its deadline on `today` (overdue problems stand out). */
export function isProblemOverdue(problem: Pick<Problem, 'status' | 'deadline'>, today: IsoDate): boolean {
  return problem.status === ProblemStatus.open && problem.deadline !== undefined && problem.deadline < today
}

export const PROBLEM_FIELD_LABEL: Record<ProblemField, string> = {
  projectId: '所属项目',
  category: '问题类别',
  description: '问题描述',
  leadUnit: '牵头单位',
  deadline: '解决时限',
  status: '状态',
  reply: '办理情况',
  raisedById: '提出人',
  raisedByLabel: '提出人',
  raisedAt: '提出时间',
  solvedById: '解决人',
  solvedByLabel: '解决人',
  solvedAt: '解决时间',
}
