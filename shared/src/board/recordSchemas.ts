import type { z } from 'zod'
import { DECISION_POLICY, OPTIONAL_DECISION_FIELDS, decisionFieldSchemas, isDecisionId } from '../domain/decision.ts'
import type { RecordPolicy } from '../domain/fieldPolicy.ts'
import { MEETING_POLICY, OPTIONAL_MEETING_FIELDS, isMeetingId, meetingFieldSchemas } from '../domain/meeting.ts'
import { NOTICE_POLICY, OPTIONAL_NOTICE_FIELDS, isNoticeId, noticeFieldSchemas } from '../domain/notice.ts'
import { OPTIONAL_PHOTO_FIELDS, PHOTO_POLICY, isPhotoId, photoFieldSchemas } from '../domain/photo.ts'
import { OPTIONAL_PROBLEM_FIELDS, PROBLEM_POLICY, isProblemId, problemFieldSchemas } from '../domain/problem.ts'
import { OPTIONAL_PROJECT_FIELDS, PROJECT_POLICY, isProjectId, projectFieldSchemas } from '../domain/project.ts'
import { OPTIONAL_PROPOSAL_FIELDS, PROPOSAL_POLICY, isProposalId, proposalFieldSchemas } from '../domain/proposal.ts'
import { OPTIONAL_SUBMISSION_FIELDS, SUBMISSION_POLICY, isSubmissionId, submissionFieldSchemas } from '../domain/submission.ts'
import { findXmlUnsafeText, unsafeTextMessage } from '../domain/safeText.ts'
import type { RecordCollection } from './boardDoc.ts'

/** What the server needs to check any record of a collection, field by field. */
export interface RecordSchema {
  /** The record's name in messages: 项目, 问题. */
  label: string
  isId(value: string): boolean
  fieldSchemas: Readonly<Record<string, z.ZodType>>
  optionalFields: readonly string[]
  /** Who may create, delete and write each field (see domain/fieldPolicy.ts). */
  policy: RecordPolicy
}

export const RECORD_SCHEMAS: Record<RecordCollection, RecordSchema> = {
  projects: { label: '项目', isId: isProjectId, fieldSchemas: projectFieldSchemas, optionalFields: OPTIONAL_PROJECT_FIELDS, policy: PROJECT_POLICY },
  problems: { label: '问题', isId: isProblemId, fieldSchemas: problemFieldSchemas, optionalFields: OPTIONAL_PROBLEM_FIELDS, policy: PROBLEM_POLICY },
  notices: { label: '督办单', isId: isNoticeId, fieldSchemas: noticeFieldSchemas, optionalFields: OPTIONAL_NOTICE_FIELDS, policy: NOTICE_POLICY },
  meetings: { label: '会议', isId: isMeetingId, fieldSchemas: meetingFieldSchemas, optionalFields: OPTIONAL_MEETING_FIELDS, policy: MEETING_POLICY },
  decisions: { label: '确定事项', isId: isDecisionId, fieldSchemas: decisionFieldSchemas, optionalFields: OPTIONAL_DECISION_FIELDS, policy: DECISION_POLICY },
  photos: { label: '照片', isId: isPhotoId, fieldSchemas: photoFieldSchemas, optionalFields: OPTIONAL_PHOTO_FIELDS, policy: PHOTO_POLICY },
  proposals: { label: '申报', isId: isProposalId, fieldSchemas: proposalFieldSchemas, optionalFields: OPTIONAL_PROPOSAL_FIELDS, policy: PROPOSAL_POLICY },
  submissions: {
    label: '报送',
    isId: isSubmissionId,
    fieldSchemas: submissionFieldSchemas,
    optionalFields: OPTIONAL_SUBMISSION_FIELDS,
    policy: SUBMISSION_POLICY,
  },
}

export function isRecordField(collection: RecordCollection, field: string): boolean {
  return Object.hasOwn(RECORD_SCHEMAS[collection].fieldSchemas, field)
}

export function isOptionalRecordField(collection: RecordCollection, field: string): boolean {
  return RECORD_SCHEMAS[collection].optionalFields.includes(field)
}

export function requiredRecordFields(collection: RecordCollection): string[] {
  const schema = RECORD_SCHEMAS[collection]
  return Object.keys(schema.fieldSchemas).filter((field) => !schema.optionalFields.includes(field))
}

/**
 * Checks one field's value of a record; returns the Chinese message when it is not acceptable.
 * Text no export could hold (safeText.ts) is refused in any field, whatever its own schema says:
 * the Word minutes and the Excel ledger must stay valid files.
 */
export function checkRecordField(collection: RecordCollection, field: string, value: unknown): string | undefined {
  const schema = RECORD_SCHEMAS[collection].fieldSchemas[field]
  if (!schema) return `未知字段：${field.slice(0, 40)}`
  const result = schema.safeParse(value)
  if (!result.success) return result.error.issues[0]?.message ?? '数据无效'
  // Text fields say it with their own label (plainText); this catches text nested anywhere else.
  const unsafe = findXmlUnsafeText(value)
  return unsafe ? unsafeTextMessage(`${RECORD_SCHEMAS[collection].label}字段 ${field}`, unsafe) : undefined
}
