import { z } from 'zod'
import { plainText } from './safeText.ts'
import { FieldWriter, ON_CREATE, RecordWriter, actorOf, stampedOn, writtenBy, type FieldPolicy, type RecordPolicy } from './fieldPolicy.ts'

/**
 * 报送: a 责任单位 declares its figures for a period complete. The act is stored (who, and when by
 * the server's clock, which decides 按时 or 逾期); everything else about a unit's period — 已审核,
 * 退回 — is derived from its proposals (board/reviewQueries.ts).
 */
export type SubmissionId = string & { readonly __brand: 'SubmissionId' }

export const SUBMISSION_ID_PATTERN = /^s_[A-Za-z0-9_-]{6,64}$/

export function isSubmissionId(value: unknown): value is SubmissionId {
  return typeof value === 'string' && SUBMISSION_ID_PATTERN.test(value)
}

export function newSubmissionId(): SubmissionId {
  return `s_${crypto.randomUUID().replaceAll('-', '').slice(0, 20)}` as SubmissionId
}

const instant = (label: string) =>
  z.string({ error: `${label}须为时间` }).refine((value) => /^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(Date.parse(value)), {
    error: `${label}须为 ISO 时间`,
  })

export const submissionFieldSchemas = {
  unit: plainText('报送单位', 50).refine((value) => value.trim().length > 0, { error: '报送单位不能为空' }),
  /** "2026-12" or "2026-W49" (domain/reportingPeriod.ts); the server checks it against the board's cadence. */
  periodId: z.string({ error: '报送期须为文字' }).regex(/^\d{4}-(\d{2}|W\d{2})$/, { error: '报送期格式无效' }),
  submittedById: plainText('报送人', 64),
  submittedByLabel: plainText('报送人', 100),
  submittedAt: instant('报送时间'),
} as const

export type SubmissionField = keyof typeof submissionFieldSchemas

/** A unit reports for itself (the unit it names must be one the sender edits); the office may withdraw one. */
export const SUBMISSION_POLICY = {
  create: RecordWriter.department,
  delete: RecordWriter.office,
  fields: {
    unit: writtenBy(FieldWriter.fixed),
    periodId: writtenBy(FieldWriter.fixed),
    submittedById: actorOf(ON_CREATE, 'id'),
    submittedByLabel: actorOf(ON_CREATE, 'label'),
    submittedAt: stampedOn(ON_CREATE),
  } satisfies Record<SubmissionField, FieldPolicy>,
} satisfies RecordPolicy

export const OPTIONAL_SUBMISSION_FIELDS = [] as const satisfies readonly SubmissionField[]

type FieldValues = { [K in SubmissionField]: z.infer<(typeof submissionFieldSchemas)[K]> }
export type Submission = FieldValues & { readonly id: SubmissionId }
