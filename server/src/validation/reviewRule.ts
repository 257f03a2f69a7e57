import type * as Y from 'yjs'
import { RecordCollection, collectionRoot } from '@guatu/shared/board/boardDoc'
import { readReportingSettings } from '@guatu/shared/board/boardSettingsAccess'
import { todayInChina } from '@guatu/shared/domain/dates'
import { canManageBoards } from '@guatu/shared/domain/permissions'
import type { Principal } from '@guatu/shared/domain/principal'
import { PROJECT_FIELD_LABEL } from '@guatu/shared/domain/projectFieldLabels'
import { checkProjectField, type ProjectId } from '@guatu/shared/domain/project'
import { ProposalStatus, proposalIdOf } from '@guatu/shared/domain/proposal'
import { isPeriodId, isReviewableField, periodOf, type ReportingSettings } from '@guatu/shared/domain/reportingPeriod'
import { UpdateEvents } from './updateEvents.ts'
import type { UpdateEffect } from './updateEffects.ts'

/**
 * The reporting cycle's rules beyond who-writes-which-field (domain/proposal.ts declares that):
 *
 * - a department may not write a reviewed field of an existing project directly: it proposes;
 * - the only status a department writes is 待审核, and only with a value (a proposal or a
 *   resubmission), so it can neither confirm nor un-return its own figure;
 * - the office confirms only a proposal under review, and only by writing the proposed value into
 *   the project field in the SAME update, so the board never shows a 已确认 the figures do not hold;
 * - a return gives a reason and counts one more 退回;
 * - a proposed value passes the project field's own validator; a proposal's id is its slot;
 * - a 报送 names a period of the board's cadence that has begun.
 *
 * Judged on the document before the update and on `now` (the server's clock). Returns the reason.
 */
export function checkReview(doc: Y.Doc, principal: Principal, effects: readonly UpdateEffect[], now: Date): string | undefined {
  const office = canManageBoards(principal)
  // Read only when a rule needs them: parsing them on every card move was a tenth of the judge's garbage.
  let settings: ReportingSettings | undefined | null = null
  const reporting = () => (settings === null ? (settings = readReportingSettings(doc)) : settings)
  const events = new UpdateEvents(effects)
  const written = events.written
  for (const { collection, id } of events.records.values()) {
    if (collection === RecordCollection.projects && !office && !events.isCreated(collection, id)) {
      const current = reporting()
      const reason = current && checkDirectWrite(current, effects, id)
      if (reason) return reason
    }
    if (collection === RecordCollection.proposals) {
      const reason = checkProposal(doc, office, reporting(), events, id)
      if (reason) return reason
    }
    if (collection === RecordCollection.submissions && events.isCreated(collection, id)) {
      const cycle = reporting()
      if (!cycle) return '本看板未启用报送'
      const periodId = written(collection, id, 'periodId')
      if (!isPeriodId(periodId, cycle.cadence)) return `报送期无效：应为${cycle.cadence === 'monthly' ? '“2026-12”' : '“2026-W49”'}这样的编号`
      if (periodId > periodOf(cycle, todayInChina(now)).id) return '报送期尚未开始，不能提前报送'
    }
  }
  return undefined
}

function checkDirectWrite(settings: ReportingSettings, effects: readonly UpdateEffect[], projectId: string): string | undefined {
  for (const effect of effects) {
    if (effect.collection !== RecordCollection.projects || effect.id !== projectId) continue
    if (effect.kind !== 'setField' && effect.kind !== 'clearField') continue
    if (!isReviewableField(effect.field) || !settings.reviewedFields.includes(effect.field)) continue
    return `${PROJECT_FIELD_LABEL[effect.field]}须经项目办审核：请提交申报（待审核），不能直接修改`
  }
  return undefined
}

function checkProposal(doc: Y.Doc, office: boolean, settings: ReportingSettings | undefined, events: UpdateEvents, id: string): string | undefined {
  const stored = collectionRoot(doc, RecordCollection.proposals).get(id)
  const written = (field: string) => events.written(RecordCollection.proposals, id, field)
  const touched = (field: string) => events.happens(RecordCollection.proposals, id, { on: 'write', field })
  const after = (field: string) => (touched(field) ? written(field) : stored?.get(field))
  const projectId = after('projectId')
  const field = after('field')
  if (typeof projectId !== 'string' || !isReviewableField(field)) return undefined // the schema check refuses it
  if (id !== proposalIdOf(projectId as ProjectId, field)) return '申报编号须与项目和字段对应'
  if (touched('value')) {
    const problem = checkProjectField(field, after('value'))
    if (problem) return `申报值无效：${problem}`
  }
  const status = after('status')
  const statusSet = touched('status')
  if (!office) {
    if (!settings) return '本看板未启用报送审核'
    if (statusSet && status !== ProposalStatus.pending) return '只有项目办可以确认或退回申报'
    if (touched('value') !== (statusSet && status === ProposalStatus.pending)) return '修改申报值须重新提交审核（状态为待审核）'
    return undefined
  }
  if (!statusSet) return undefined
  const before = stored?.get('status')
  if (status === ProposalStatus.confirmed) {
    if (before !== ProposalStatus.pending) return '只能确认待审核的申报'
    const project = collectionRoot(doc, RecordCollection.projects).get(projectId)
    const projectValue = events.happens(RecordCollection.projects, projectId, { on: 'write', field })
      ? events.written(RecordCollection.projects, projectId, field)
      : project?.get(field)
    if (projectValue !== after('value')) return `确认申报须在同一次修改中写入项目的${PROJECT_FIELD_LABEL[field]}`
  }
  if (status === ProposalStatus.returned) {
    if (before !== ProposalStatus.pending) return '只能退回待审核的申报'
    const reason = after('returnReason')
    if (!touched('returnReason') || typeof reason !== 'string' || reason.trim() === '') return '退回须写明原因'
    const returns = typeof stored?.get('returns') === 'number' ? (stored.get('returns') as number) : 0
    if (written('returns') !== returns + 1) return '退回次数须加一'
  }
  return undefined
}
