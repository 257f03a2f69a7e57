import { z } from 'zod'
import { FieldWriter, RecordWriter, writtenBy, actorOf, stampedOn, ON_CREATE, type FieldPolicy, type RecordPolicy } from './fieldPolicy.ts'
import { plainText } from './safeText.ts'
import { projectFieldSchemas, type ProjectFields } from './project.ts'

/**
 * 项目库 candidate: a project proposed for a coming year's list, vetted by the 项目办 before it may
 * enter an annual board. Lives in the reserve document (shared/src/reserve/reserveDoc.ts), never on a
 * board; "列入年度看板" copies it into one.
 */
export type CandidateId = string & { readonly __brand: 'CandidateId' }

export const CANDIDATE_ID_PATTERN = /^c_[a-f0-9]{20}$/

export function isCandidateId(value: unknown): value is CandidateId {
  return typeof value === 'string' && CANDIDATE_ID_PATTERN.test(value)
}

export function newCandidateId(): CandidateId {
  return `c_${crypto.randomUUID().replaceAll('-', '').slice(0, 20)}` as CandidateId
}

/** 储备级别: how ripe a candidate is, from an idea to "put it in next year's plan". */
export const ReserveLevel = {
  planning: 'planning',
  preparing: 'preparing',
  proposed: 'proposed',
} as const
export type ReserveLevel = (typeof ReserveLevel)[keyof typeof ReserveLevel]
export const RESERVE_LEVELS: readonly ReserveLevel[] = Object.values(ReserveLevel)
export const RESERVE_LEVEL_LABEL: Record<ReserveLevel, string> = {
  planning: '谋划储备',
  preparing: '前期推进',
  proposed: '拟列入年度计划',
}

export function reserveLevelFromLabel(label: string): ReserveLevel | undefined {
  const trimmed = label.trim()
  return RESERVE_LEVELS.find((level) => RESERVE_LEVEL_LABEL[level] === trimmed)
}

/** 审核状态: the office's verdict. A returned candidate goes back to 待审核 when its department corrects it. */
export const VettingStatus = {
  pending: 'pending',
  approved: 'approved',
  returned: 'returned',
} as const
export type VettingStatus = (typeof VettingStatus)[keyof typeof VettingStatus]
export const VETTING_STATUSES: readonly VettingStatus[] = Object.values(VettingStatus)
export const VETTING_STATUS_LABEL: Record<VettingStatus, string> = {
  pending: '待审核',
  approved: '已通过',
  returned: '退回',
}

/** The ledger fields a candidate shares with a project (what "列入年度看板" copies). */
export const CANDIDATE_LEDGER_FIELDS = [
  'name',
  'projectCode',
  'nature',
  'industry',
  'cluster',
  'location',
  'scope',
  'totalInvestment',
  'annualPlanInvestment',
  'plannedSignDate',
  'plannedStartDate',
  'plannedProduceDate',
  'unit',
  'leaders',
  'owner',
  'phone',
  'governmentFunded',
] as const satisfies ReadonlyArray<keyof ProjectFields>
export type CandidateLedgerField = (typeof CANDIDATE_LEDGER_FIELDS)[number]

const isoTime = (label: string) =>
  z.string({ error: `${label}须为时间` }).refine((value) => /^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(Date.parse(value)), {
    error: `${label}须为有效时间`,
  })

export const candidateFieldSchemas = {
  ...(Object.fromEntries(CANDIDATE_LEDGER_FIELDS.map((field) => [field, projectFieldSchemas[field]])) as {
    [K in CandidateLedgerField]: (typeof projectFieldSchemas)[K]
  }),
  level: z.enum(RESERVE_LEVELS as [ReserveLevel, ...ReserveLevel[]], { error: '储备级别须为谋划储备、前期推进或拟列入年度计划' }),
  sourceUnit: plainText('来源单位', 50),
  status: z.enum(VETTING_STATUSES as [VettingStatus, ...VettingStatus[]], { error: '审核状态无效' }),
  returnReason: plainText('退回原因', 500),
  proposedById: z.string(),
  proposedByLabel: z.string(),
  proposedAt: isoTime('提出时间'),
  vettedById: z.string(),
  vettedByLabel: z.string(),
  vettedAt: isoTime('审核时间'),
  movedBoardId: z.string().max(64),
  movedProjectId: z.string().max(64),
  movedAt: isoTime('列入时间'),
} as const

export type CandidateField = keyof typeof candidateFieldSchemas
export const CANDIDATE_FIELDS = Object.keys(candidateFieldSchemas) as CandidateField[]

export const OPTIONAL_CANDIDATE_FIELDS = [
  'projectCode',
  'nature',
  'industry',
  'plannedSignDate',
  'plannedStartDate',
  'plannedProduceDate',
  'returnReason',
  'vettedById',
  'vettedByLabel',
  'vettedAt',
  'movedBoardId',
  'movedProjectId',
  'movedAt',
] as const satisfies readonly CandidateField[]

const DEPARTMENT = writtenBy(FieldWriter.department)
const VETTED = { on: 'write', field: 'status' } as const

/**
 * Who writes what on a candidate. The reserve is written only through the server's commands
 * (server/src/reserve/reserveService.ts), which read this table: a department proposes and corrects
 * candidates of its own units; the 项目办 vets; who and when are the server's; the link to the board
 * a candidate entered is written by the server alone.
 */
export const CANDIDATE_POLICY = {
  create: RecordWriter.department,
  delete: RecordWriter.office,
  fields: {
    name: DEPARTMENT,
    projectCode: DEPARTMENT,
    nature: DEPARTMENT,
    industry: DEPARTMENT,
    cluster: DEPARTMENT,
    location: DEPARTMENT,
    scope: DEPARTMENT,
    totalInvestment: DEPARTMENT,
    annualPlanInvestment: DEPARTMENT,
    plannedSignDate: DEPARTMENT,
    plannedStartDate: DEPARTMENT,
    plannedProduceDate: DEPARTMENT,
    unit: writtenBy(FieldWriter.holder),
    leaders: DEPARTMENT,
    owner: DEPARTMENT,
    phone: DEPARTMENT,
    governmentFunded: DEPARTMENT,
    level: DEPARTMENT,
    sourceUnit: DEPARTMENT,
    status: writtenBy(FieldWriter.office),
    returnReason: writtenBy(FieldWriter.office),
    proposedById: actorOf(ON_CREATE, 'id'),
    proposedByLabel: actorOf(ON_CREATE, 'label'),
    proposedAt: stampedOn(ON_CREATE),
    vettedById: actorOf(VETTED, 'id'),
    vettedByLabel: actorOf(VETTED, 'label'),
    vettedAt: stampedOn(VETTED),
    movedBoardId: writtenBy(FieldWriter.server),
    movedProjectId: writtenBy(FieldWriter.server),
    movedAt: writtenBy(FieldWriter.server),
  } satisfies Record<CandidateField, FieldPolicy>,
} satisfies RecordPolicy

/** Fields a department (or the office) fills in on the propose and correct forms. */
export const CANDIDATE_EDITABLE_FIELDS = CANDIDATE_FIELDS.filter((field) => {
  const writer = CANDIDATE_POLICY.fields[field].writer
  return writer === FieldWriter.department || writer === FieldWriter.holder
}) as Array<CandidateLedgerField | 'level' | 'sourceUnit'>

type FieldValues = { [K in CandidateField]: z.infer<(typeof candidateFieldSchemas)[K]> }
type OptionalField = (typeof OPTIONAL_CANDIDATE_FIELDS)[number]
export type CandidateFields = Omit<FieldValues, OptionalField> & Partial<Pick<FieldValues, OptionalField>>
export type Candidate = CandidateFields & { readonly id: CandidateId }

/** What a form sends: the editable fields, name, unit and level required on a proposal. */
const s = candidateFieldSchemas
export const candidateInputSchema = z.strictObject(
  {
    name: s.name,
    unit: s.unit,
    level: s.level,
    projectCode: s.projectCode.optional(),
    nature: s.nature.optional(),
    industry: s.industry.optional(),
    cluster: s.cluster.optional(),
    location: s.location.optional(),
    scope: s.scope.optional(),
    totalInvestment: s.totalInvestment.optional(),
    annualPlanInvestment: s.annualPlanInvestment.optional(),
    plannedSignDate: s.plannedSignDate.optional(),
    plannedStartDate: s.plannedStartDate.optional(),
    plannedProduceDate: s.plannedProduceDate.optional(),
    leaders: s.leaders.optional(),
    owner: s.owner.optional(),
    phone: s.phone.optional(),
    governmentFunded: s.governmentFunded.optional(),
    sourceUnit: s.sourceUnit.optional(),
  } satisfies Record<(typeof CANDIDATE_EDITABLE_FIELDS)[number], z.ZodType>,
  // Status, who and when, and the board link are the server's: naming one is refused outright.
  { error: (issue) => (issue.code === 'unrecognized_keys' ? `不能填写的字段：${issue.keys.join('、')}` : undefined) },
)
export type CandidateInput = z.infer<typeof candidateInputSchema>

/** A correction: any editable field; absent ones stay as they are. */
export const candidatePatchSchema = candidateInputSchema.partial()
export type CandidatePatch = z.infer<typeof candidatePatchSchema>

/** Whether the candidate has entered an annual board (it then no longer changes). */
export function isMoved(candidate: Candidate): boolean {
  return candidate.movedBoardId !== undefined
}
