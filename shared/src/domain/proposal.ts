import { z } from 'zod'
import { plainText } from './safeText.ts'
import { FieldWriter, RecordWriter, actorOf, stampedOn, writtenBy, type FieldEvent, type FieldPolicy, type RecordPolicy } from './fieldPolicy.ts'
import { isProjectId, type ProjectId } from './project.ts'
import { REVIEWABLE_FIELDS, type ReviewableField } from './reportingPeriod.ts'

/**
 * 待审核: a department's figure (or stage move) for one field of one project, waiting for the 项目办.
 * The project keeps the CONFIRMED value, so targets, lights, ranking, screen and exports read
 * confirmed figures without knowing proposals exist; the proposal is seen live beside the card.
 *
 * One record per project and field, under a derived id (proposalIdOf): a field has one value in
 * review at a time, a correction overwrites the value under review rather than queueing a second
 * one, and the card finds its proposals by key, never by scanning a list. Past rounds (returned,
 * confirmed) are in the board's history, where every step is recorded by the server.
 */
export type ProposalId = string & { readonly __brand: 'ProposalId' }

export const PROPOSAL_ID_PATTERN = /^q_[A-Za-z0-9_-]{6,64}~[A-Za-z]{1,40}$/

export function isProposalId(value: unknown): value is ProposalId {
  return typeof value === 'string' && PROPOSAL_ID_PATTERN.test(value)
}

/** The one proposal slot of a project's field. */
export function proposalIdOf(projectId: ProjectId, field: ReviewableField): ProposalId {
  return `q_${projectId}~${field}` as ProposalId
}

export const ProposalStatus = {
  pending: 'pending',
  confirmed: 'confirmed',
  returned: 'returned',
} as const
export type ProposalStatus = (typeof ProposalStatus)[keyof typeof ProposalStatus]
export const PROPOSAL_STATUSES: readonly ProposalStatus[] = Object.values(ProposalStatus)
export const PROPOSAL_STATUS_LABEL: Record<ProposalStatus, string> = { pending: '待审核', confirmed: '已确认', returned: '退回' }

const text = plainText
const instant = (label: string) =>
  z.string({ error: `${label}须为时间` }).refine((value) => /^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(Date.parse(value)), {
    error: `${label}须为 ISO 时间`,
  })

/**
 * `value` is checked here as text only; the server checks it against the project field's own
 * validator (server/src/validation/reviewRule.ts), since which one depends on `field`.
 */
export const proposalFieldSchemas = {
  projectId: z.custom<ProjectId>(isProjectId, { error: '申报必须属于一个项目' }),
  field: z.enum(REVIEWABLE_FIELDS, { error: '申报字段须为金额、阶段或形象进度' }),
  value: text('申报值', 2000),
  status: z.enum(PROPOSAL_STATUSES as [ProposalStatus, ...ProposalStatus[]], { error: '申报状态须为待审核、已确认或退回' }),
  proposedById: text('申报人', 64),
  proposedByLabel: text('申报人', 100),
  proposedAt: instant('申报时间'),
  returnReason: text('退回原因', 500),
  /** How many times this slot was returned: the office adds exactly one with each return (退回次数). */
  returns: z.number({ error: '退回次数须为数字' }).int({ error: '退回次数须为整数' }).min(0, { error: '退回次数不能为负' }),
  returnedById: text('退回人', 64),
  returnedByLabel: text('退回人', 100),
  returnedAt: instant('退回时间'),
  confirmedById: text('确认人', 64),
  confirmedByLabel: text('确认人', 100),
  confirmedAt: instant('确认时间'),
} as const

export type ProposalField = keyof typeof proposalFieldSchemas
export const PROPOSAL_FIELDS = Object.keys(proposalFieldSchemas) as ProposalField[]

/** Proposing is writing a value: who and when are the server's, each time (a resubmission too). */
const PROPOSED: FieldEvent = { on: 'write', field: 'value' }
const RETURNED: FieldEvent = { on: 'set', field: 'status', value: ProposalStatus.returned }
const CONFIRMED: FieldEvent = { on: 'set', field: 'status', value: ProposalStatus.confirmed }

/**
 * The project's department proposes and resubmits; only the office confirms or returns. The
 * status a department may write is 待审核 alone, and confirming must write the project field in
 * the same update: both are checked in server/src/validation/reviewRule.ts.
 */
export const PROPOSAL_POLICY = {
  create: RecordWriter.department,
  delete: RecordWriter.office,
  fields: {
    projectId: writtenBy(FieldWriter.fixed),
    field: writtenBy(FieldWriter.fixed),
    value: writtenBy(FieldWriter.department),
    status: writtenBy(FieldWriter.department),
    proposedById: actorOf(PROPOSED, 'id'),
    proposedByLabel: actorOf(PROPOSED, 'label'),
    proposedAt: stampedOn(PROPOSED),
    returnReason: writtenBy(FieldWriter.office),
    returns: writtenBy(FieldWriter.office),
    returnedById: actorOf(RETURNED, 'id'),
    returnedByLabel: actorOf(RETURNED, 'label'),
    returnedAt: stampedOn(RETURNED),
    confirmedById: actorOf(CONFIRMED, 'id'),
    confirmedByLabel: actorOf(CONFIRMED, 'label'),
    confirmedAt: stampedOn(CONFIRMED),
  } satisfies Record<ProposalField, FieldPolicy>,
} satisfies RecordPolicy

export const OPTIONAL_PROPOSAL_FIELDS = [
  'returnReason',
  'returns',
  'returnedById',
  'returnedByLabel',
  'returnedAt',
  'confirmedById',
  'confirmedByLabel',
  'confirmedAt',
] as const satisfies readonly ProposalField[]
type OptionalProposalField = (typeof OPTIONAL_PROPOSAL_FIELDS)[number]

type FieldValues = { [K in ProposalField]: z.infer<(typeof proposalFieldSchemas)[K]> }
export type ProposalFields = Omit<FieldValues, OptionalProposalField> & Partial<Pick<FieldValues, OptionalProposalField>>
export type Proposal = ProposalFields & { readonly id: ProposalId }
