import type * as Y from 'yjs'
import type { IsoDate } from '../domain/dates.ts'
import type { ProjectId } from '../domain/project.ts'
import { ProposalStatus, proposalIdOf, type Proposal, type ProposalFields, type ProposalId } from '../domain/proposal.ts'
import { PeriodStatus, REVIEWABLE_FIELDS, periodOf, type ReportingPeriod, type ReportingSettings } from '../domain/reportingPeriod.ts'
import type { Submission, SubmissionId } from '../domain/submission.ts'
import { todayInChina } from '../domain/dates.ts'
import { RecordCollection, collectionRoot, projectsRoot, type RecordMap } from './boardDoc.ts'
import { readCollection, readRecordFields } from './recordReader.ts'

export function proposalFromMap(id: ProposalId, map: RecordMap): Proposal | undefined {
  const fields = readRecordFields(RecordCollection.proposals, map)
  return fields && { ...(fields as ProposalFields), id }
}

/** Every readable proposal, oldest first. */
export function listProposals(doc: Y.Doc): Proposal[] {
  return readCollection(doc, RecordCollection.proposals, (id, map) => proposalFromMap(id as ProposalId, map)).sort((a, b) =>
    a.proposedAt < b.proposedAt ? -1 : a.proposedAt > b.proposedAt ? 1 : a.id < b.id ? -1 : 1,
  )
}

/** A project's open proposals (待审核 or 退回), found by key: what its card shows. */
export function openProposalsOf(doc: Y.Doc, projectId: ProjectId): Proposal[] {
  const root = collectionRoot(doc, RecordCollection.proposals)
  const open: Proposal[] = []
  for (const field of REVIEWABLE_FIELDS) {
    const id = proposalIdOf(projectId, field)
    const map = root.get(id)
    const proposal = map && typeof map.get === 'function' ? proposalFromMap(id, map) : undefined
    if (proposal && proposal.status !== ProposalStatus.confirmed) open.push(proposal)
  }
  return open
}

/** The unit holding a project now; '' when it has none. */
export function unitOfProject(doc: Y.Doc, projectId: string): string {
  const unit = projectsRoot(doc).get(projectId)?.get('unit')
  return typeof unit === 'string' ? unit : ''
}

/** Proposals in a status, grouped by the unit that holds their project (the 审核 page's list). */
export function proposalsByUnit(doc: Y.Doc, status: ProposalStatus = ProposalStatus.pending): Map<string, Proposal[]> {
  const byUnit = new Map<string, Proposal[]>()
  for (const proposal of listProposals(doc)) {
    if (proposal.status !== status) continue
    const unit = unitOfProject(doc, proposal.projectId)
    byUnit.set(unit, [...(byUnit.get(unit) ?? []), proposal])
  }
  return byUnit
}

export function listSubmissions(doc: Y.Doc): Submission[] {
  return readCollection(doc, RecordCollection.submissions, (id, map) => {
    const fields = readRecordFields(RecordCollection.submissions, map)
    return fields && ({ ...fields, id: id as SubmissionId } as Submission)
  }).sort((a, b) => (a.submittedAt < b.submittedAt ? -1 : a.submittedAt > b.submittedAt ? 1 : 0))
}

/** The units that report: every 责任单位 holding a project on the board, in Chinese order. */
export function reportingUnits(doc: Y.Doc): string[] {
  const units = new Set<string>()
  projectsRoot(doc).forEach((map) => {
    const unit = typeof map?.get === 'function' ? map.get('unit') : undefined
    if (typeof unit === 'string' && unit.trim() !== '' && unit !== '未指定') units.add(unit)
  })
  return [...units].sort((a, b) => a.localeCompare(b, 'zh-CN'))
}

/** One unit's standing in a period. */
export interface UnitPeriod {
  readonly unit: string
  readonly status: PeriodStatus
  /** Its first 报送 of the period, if any. */
  readonly submission?: Submission
  /** Reported after the deadline (counts against 填报及时率). */
  readonly late: boolean
  readonly pending: number
  readonly returned: number
}

/**
 * Every unit's status in `period` on `today`, derived, never stored: 退回 while any of its
 * proposals of the period is returned and not resubmitted; else, not reported: 逾期 past the
 * deadline, else 未报; reported: 已报 while proposals wait for the office, else 已审核.
 * A proposal belongs to the period its last (re)submission falls in, by the server's stamp.
 */
export function periodStatuses(doc: Y.Doc, settings: ReportingSettings, period: ReportingPeriod, today: IsoDate): UnitPeriod[] {
  const submissions = listSubmissions(doc).filter((submission) => submission.periodId === period.id)
  const proposals = listProposals(doc).filter((proposal) => periodOf(settings, todayInChina(new Date(proposal.proposedAt))).id === period.id)
  return reportingUnits(doc).map((unit) => {
    const submission = submissions.find((candidate) => candidate.unit === unit)
    const own = proposals.filter((proposal) => unitOfProject(doc, proposal.projectId) === unit)
    const pending = own.filter((proposal) => proposal.status === ProposalStatus.pending).length
    const returned = own.filter((proposal) => proposal.status === ProposalStatus.returned).length
    const late = submission ? todayInChina(new Date(submission.submittedAt)) > period.deadline : today > period.deadline
    const status =
      returned > 0
        ? PeriodStatus.returned
        : !submission
          ? today > period.deadline
            ? PeriodStatus.overdue
            : PeriodStatus.notReported
          : pending > 0
            ? PeriodStatus.reported
            : PeriodStatus.reviewed
    return submission ? { unit, status, submission, late, pending, returned } : { unit, status, late, pending, returned }
  })
}
