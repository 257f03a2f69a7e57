import { memo, useCallback, useState } from 'react'
import type * as Y from 'yjs'
import { readReportingSettings, writeReportingSettings } from '@guatu/shared/board/boardSettingsAccess'
import { readProject } from '@guatu/shared/board/projectQueries'
import { confirmProposals, returnProposal, submitPeriod } from '@guatu/shared/board/reviewCommands'
import { listProposals, periodStatuses, unitOfProject, type UnitPeriod } from '@guatu/shared/board/reviewQueries'
import { chinaMinute } from '@guatu/shared/domain/chinaTime'
import { formatChineseDate, todayInChina } from '@guatu/shared/domain/dates'
import { canEditProjectOfUnit, canManageBoards } from '@guatu/shared/domain/permissions'
import { PROJECT_FIELD_LABEL, formatFieldValue } from '@guatu/shared/domain/projectFieldLabels'
import type { ProjectId } from '@guatu/shared/domain/project'
import { PROPOSAL_STATUS_LABEL, ProposalStatus, type Proposal, type ProposalId } from '@guatu/shared/domain/proposal'
import { DEFAULT_REPORTING_SETTINGS, PERIOD_STATUS_LABEL, deadlineRuleText, periodOf, type ReportingPeriod } from '@guatu/shared/domain/reportingPeriod'
import { usePrincipal } from '../auth/usePrincipal.ts'
import { useBoardConnection } from '../sync/useBoardConnection.ts'
import { InboxList } from './InboxList.tsx'
import { useReviewSnapshot } from './useReviewSnapshot.ts'
import '../app/reportPage.css'
import './review.css'
import { ReportingSettingsForm } from './ReportingSettingsForm.tsx'

interface ReviewRow {
  proposal: Proposal
  projectName: string
  unit: string
  confirmedValue: unknown
}

interface ReviewView {
  enabled: boolean
  rule: string
  period: ReportingPeriod | undefined
  units: UnitPeriod[]
  rows: ReviewRow[]
}

function readView(doc: Y.Doc): ReviewView {
  const settings = readReportingSettings(doc)
  if (!settings) return { enabled: false, rule: '', period: undefined, units: [], rows: [] }
  const today = todayInChina()
  const period = periodOf(settings, today)
  const rows = listProposals(doc)
    .filter((proposal) => proposal.status !== ProposalStatus.confirmed)
    .map((proposal) => {
      const project = readProject(doc, proposal.projectId)
      return {
        proposal,
        projectName: project?.name ?? '（已删除的项目）',
        unit: unitOfProject(doc, proposal.projectId),
        confirmedValue: project?.[proposal.field],
      }
    })
  return { enabled: true, rule: deadlineRuleText(settings), period, units: periodStatuses(doc, settings, period, today), rows }
}

const fingerprint = (view: ReviewView) =>
  JSON.stringify([view.rule, view.period?.id, view.units, view.rows.map((row) => [row.proposal, row.projectName, row.unit, row.confirmedValue])])

function valueText(row: ReviewRow, value: unknown): string {
  return formatFieldValue(row.proposal.field, value)
}

/**
 * 报送审核: every unit's status this period; the office confirms proposals per project or per unit
 * in one step, or returns one with a reason; a unit reports (报送) and sees what came back.
 */
export const ReviewPage = memo(function ReviewPage({
  onOpenProject,
  onMessage,
}: {
  onOpenProject: (id: ProjectId) => void
  onMessage: (message: string) => void
}) {
  const { doc } = useBoardConnection()
  const principal = usePrincipal()
  const office = canManageBoards(principal)
  const view = useReviewSnapshot(readView, fingerprint)
  const [returning, setReturning] = useState<ProposalId | undefined>(undefined)
  const [reason, setReason] = useState('')
  const act = useCallback(
    (action: () => void, done: string) => {
      try {
        action()
        onMessage(done)
      } catch (error) {
        onMessage(error instanceof Error ? error.message : '操作失败')
      }
    },
    [onMessage],
  )

  if (!view.enabled || !view.period) {
    return (
      <div className="report-page" data-testid="review-page">
        <header className="report-header">
          <h2>报送审核</h2>
          <p>本看板尚未启用报送审核：责任单位的修改直接生效。</p>
        </header>
        {office && (
          <button
            type="button"
            className="primary"
            data-testid="review-enable"
            onClick={() => act(() => writeReportingSettings(doc, DEFAULT_REPORTING_SETTINGS), '已启用报送审核')}
          >
            启用报送审核（每月25日前，金额和阶段须审核）
          </button>
        )}
      </div>
    )
  }
  const period = view.period
  const pending = view.rows.filter((row) => row.proposal.status === ProposalStatus.pending)
  const returned = view.rows.filter((row) => row.proposal.status === ProposalStatus.returned && (office || canEditProjectOfUnit(principal, row.unit)))
  const pendingUnits = [...new Set(pending.map((row) => row.unit))]

  return (
    <div className="report-page" data-testid="review-page">
      <header className="report-header">
        <h2>报送审核 · {period.label}</h2>
        <p className="report-facts">
          {view.rule}（本期截止 {formatChineseDate(period.deadline)}）· 待审核 <span data-testid="review-pending-count">{pending.length}</span> 项
        </p>
      </header>

      {office && <ReportingSettingsForm onMessage={onMessage} />}

      {principal.kind === 'user' && <InboxList onOpenProject={onOpenProject} />}

      <section aria-labelledby="review-units-title">
        <h3 id="review-units-title">各单位报送情况</h3>
        <table className="report-table review-units" data-testid="review-units">
          <thead>
            <tr>
              <th scope="col">责任单位</th>
              <th scope="col">状态</th>
              <th scope="col">报送</th>
              <th scope="col">待审核</th>
              <th scope="col">退回</th>
            </tr>
          </thead>
          <tbody>
            {view.units.map((unit) => (
              <tr key={unit.unit} data-unit={unit.unit} data-status={unit.status}>
                <th scope="row">{unit.unit}</th>
                <td>
                  <span className={`period-status period-${unit.status}`}>{PERIOD_STATUS_LABEL[unit.status]}</span>
                </td>
                <td>
                  {unit.submission ? (
                    `${unit.submission.submittedByLabel} ${chinaMinute(unit.submission.submittedAt)}${unit.late ? '（逾期报送）' : ''}`
                  ) : !office && canEditProjectOfUnit(principal, unit.unit) ? (
                    <button
                      type="button"
                      className="primary"
                      data-testid="review-submit"
                      onClick={() => act(() => submitPeriod(doc, unit.unit, period.id, principal), `${unit.unit}已报送${period.label}`)}
                    >
                      报送本期
                    </button>
                  ) : (
                    '—'
                  )}
                </td>
                <td>{unit.pending}</td>
                <td>{unit.returned}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      {returned.length > 0 && (
        <section aria-labelledby="review-returned-title">
          <h3 id="review-returned-title">退回事项</h3>
          <ul className="review-list" data-testid="review-returned">
            {returned.map((row) => (
              <li key={row.proposal.id} className="review-item review-returned" data-proposal={row.proposal.id}>
                <button type="button" className="link-button" onClick={() => onOpenProject(row.proposal.projectId)}>
                  {row.projectName}
                </button>
                <span>
                  {PROJECT_FIELD_LABEL[row.proposal.field]}：{valueText(row, row.proposal.value)}
                </span>
                <span className="review-reason" data-testid="review-reason">
                  退回原因：{row.proposal.returnReason}（{row.proposal.returnedByLabel} {chinaMinute(row.proposal.returnedAt ?? '')}）
                </span>
                {!office && <span className="review-hint">请在项目中修改后重新提交</span>}
              </li>
            ))}
          </ul>
        </section>
      )}

      {office && (
        <section aria-labelledby="review-pending-title">
          <h3 id="review-pending-title">待审核</h3>
          {pendingUnits.length === 0 && <p data-testid="review-empty">没有待审核的申报。</p>}
          {pendingUnits.map((unit) => {
            const rows = pending.filter((row) => row.unit === unit)
            return (
              <div key={unit} className="review-unit" data-testid="review-unit" data-unit={unit}>
                <div className="review-unit-head">
                  <h4>{unit}</h4>
                  <button
                    type="button"
                    className="primary"
                    data-testid="review-confirm-unit"
                    onClick={() =>
                      act(
                        () =>
                          confirmProposals(
                            doc,
                            rows.map((row) => row.proposal.id),
                            principal,
                          ),
                        `已确认${unit}的 ${rows.length} 项申报`,
                      )
                    }
                  >
                    全部确认（{rows.length}）
                  </button>
                </div>
                <ul className="review-list">
                  {rows.map((row) => (
                    <li key={row.proposal.id} className="review-item" data-proposal={row.proposal.id} data-testid="review-item">
                      <button type="button" className="link-button" onClick={() => onOpenProject(row.proposal.projectId)}>
                        {row.projectName}
                      </button>
                      <span>
                        {PROJECT_FIELD_LABEL[row.proposal.field]}：{valueText(row, row.confirmedValue)} → <strong>{valueText(row, row.proposal.value)}</strong>
                      </span>
                      <span className="review-who">
                        {PROPOSAL_STATUS_LABEL[row.proposal.status]} · {row.proposal.proposedByLabel} {chinaMinute(row.proposal.proposedAt)}
                      </span>
                      <span className="review-actions">
                        <button
                          type="button"
                          data-testid="review-confirm"
                          onClick={() => act(() => confirmProposals(doc, [row.proposal.id], principal), `已确认：${row.projectName}`)}
                        >
                          确认
                        </button>
                        <button
                          type="button"
                          data-testid="review-return"
                          onClick={() => {
                            setReturning(row.proposal.id)
                            setReason('')
                          }}
                        >
                          退回
                        </button>
                      </span>
                      {returning === row.proposal.id && (
                        <form
                          className="review-return-form"
                          onSubmit={(event) => {
                            event.preventDefault()
                            act(() => {
                              returnProposal(doc, row.proposal.id, reason, principal)
                              setReturning(undefined)
                            }, `已退回：${row.projectName}`)
                          }}
                        >
                          <label>
                            退回原因
                            <input
                              data-testid="review-return-reason"
                              value={reason}
                              maxLength={500}
                              onChange={(event) => setReason(event.target.value)}
                              autoFocus
                              required
                            />
                          </label>
                          <button type="submit" className="primary" data-testid="review-return-confirm">
                            确认退回
                          </button>
                          <button type="button" onClick={() => setReturning(undefined)}>
                            取消
                          </button>
                        </form>
                      )}
                    </li>
                  ))}
                </ul>
              </div>
            )
          })}
        </section>
      )}
    </div>
  )
})
