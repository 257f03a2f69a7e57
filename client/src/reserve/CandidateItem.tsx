import { memo, useId, useState } from 'react'
import type { BoardSummary } from '@guatu/shared/api/boards'
import type { HistoryEntry } from '@guatu/shared/api/history'
import { chinaMinute } from '@guatu/shared/domain/chinaTime'
import { INDUSTRY_LABEL, INDUSTRY_UNSET_LABEL } from '@guatu/shared/domain/industry'
import { formatMoneyLabel } from '@guatu/shared/domain/money'
import { RESERVE_LEVEL_LABEL, VettingStatus, type Candidate, type CandidateInput } from '@guatu/shared/domain/reserveCandidate'
import { CANDIDATE_STAGE_LABEL, candidateStage } from '@guatu/shared/reserve/reserveFilter'
import { canVetCandidates, correctionRefusal } from '@guatu/shared/reserve/reservePermissions'
import { correctCandidate, fetchCandidateHistory, moveCandidate, vetCandidate } from '../api/reserveApi.ts'
import { boardPath } from '../app/route.ts'
import { AppLink } from '../app/AppLink.tsx'
import { usePrincipal } from '../auth/usePrincipal.ts'
import { CandidateForm } from './CandidateForm.tsx'

/**
 * One candidate: what it is, where it stands, and what the viewer may do with it now — the office
 * approves, returns (with a reason) or puts it on a year's board; its department corrects it.
 */
export const CandidateItem = memo(function CandidateItem({
  candidate,
  boards,
  onChanged,
}: {
  candidate: Candidate
  boards: readonly BoardSummary[]
  onChanged: (candidate: Candidate) => void
}) {
  const principal = usePrincipal()
  const office = canVetCandidates(principal)
  const stage = candidateStage(candidate)
  const [mode, setMode] = useState<'idle' | 'return' | 'correct'>('idle')
  const [reason, setReason] = useState('')
  const [boardId, setBoardId] = useState(boards[0]?.id ?? '')
  const [error, setError] = useState<string>()
  const [history, setHistory] = useState<HistoryEntry[]>()
  const id = useId()
  const mayCorrect = correctionRefusal(principal, candidate, {}) === undefined
  const movedBoard = boards.find((board) => board.id === candidate.movedBoardId)

  const act = async (work: () => Promise<Candidate>) => {
    setError(undefined)
    try {
      onChanged(await work())
      setMode('idle')
      setReason('')
      if (history) setHistory(await fetchCandidateHistory(candidate.id))
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : '操作失败')
    }
  }

  return (
    <li className="candidate" data-testid="candidate" aria-label={candidate.name}>
      <div className="candidate-head">
        <h3>{candidate.name}</h3>
        <span className={`candidate-stage candidate-stage-${stage}`}>{CANDIDATE_STAGE_LABEL[stage]}</span>
      </div>
      <p className="candidate-facts">
        {RESERVE_LEVEL_LABEL[candidate.level]} · {candidate.industry ? INDUSTRY_LABEL[candidate.industry] : INDUSTRY_UNSET_LABEL} · 责任单位 {candidate.unit}
        {candidate.sourceUnit && candidate.sourceUnit !== candidate.unit ? ` · 来源 ${candidate.sourceUnit}` : ''} · 总投资{' '}
        {formatMoneyLabel(candidate.totalInvestment)}
      </p>
      {candidate.status === VettingStatus.returned && candidate.returnReason && <p className="candidate-reason">退回原因：{candidate.returnReason}</p>}
      {movedBoard && candidate.movedBoardId && (
        <p>
          已列入 <AppLink href={boardPath(candidate.movedBoardId)}>{movedBoard.name}</AppLink>
        </p>
      )}
      {error && (
        <p role="alert" className="error-text">
          {error}
        </p>
      )}
      {mode === 'correct' ? (
        <CandidateForm
          candidate={candidate}
          submitLabel={candidate.status === VettingStatus.returned ? '修改并重新提交' : '保存修改'}
          onSubmit={(input: CandidateInput) => act(() => correctCandidate(candidate.id, input))}
          onCancel={() => setMode('idle')}
        />
      ) : mode === 'return' ? (
        <form
          className="candidate-actions"
          onSubmit={(event) => {
            event.preventDefault()
            void act(() => vetCandidate(candidate.id, { decision: 'return', reason }))
          }}
        >
          <label htmlFor={`${id}-reason`}>退回原因</label>
          <input id={`${id}-reason`} value={reason} onChange={(event) => setReason(event.target.value)} required maxLength={500} autoFocus />
          <button type="submit" disabled={reason.trim() === ''}>
            确认退回
          </button>
          <button type="button" onClick={() => setMode('idle')}>
            取消
          </button>
        </form>
      ) : (
        <div className="candidate-actions">
          {office && stage === 'pending' && (
            <button type="button" onClick={() => void act(() => vetCandidate(candidate.id, { decision: 'approve' }))}>
              审核通过
            </button>
          )}
          {office && (stage === 'pending' || stage === 'approved') && (
            <button type="button" onClick={() => setMode('return')}>
              退回
            </button>
          )}
          {mayCorrect && (
            <button type="button" onClick={() => setMode('correct')}>
              {candidate.status === VettingStatus.returned ? '修改后重新提交' : '修改'}
            </button>
          )}
          {office && stage === 'approved' && boards.length > 0 && (
            <span className="candidate-move">
              <label htmlFor={`${id}-board`}>列入</label>
              <select id={`${id}-board`} value={boardId} onChange={(event) => setBoardId(event.target.value)}>
                {boards.map((board) => (
                  <option key={board.id} value={board.id}>
                    {board.name}
                  </option>
                ))}
              </select>
              <button type="button" onClick={() => void act(async () => (await moveCandidate(candidate.id, boardId)).candidate)}>
                列入年度看板
              </button>
            </span>
          )}
          <button
            type="button"
            aria-expanded={history !== undefined}
            onClick={() =>
              void (history ? setHistory(undefined) : fetchCandidateHistory(candidate.id).then(setHistory, (failure: unknown) => setError(String(failure))))
            }
          >
            {history ? '收起记录' : '查看记录'}
          </button>
        </div>
      )}
      {history && (
        <ol className="candidate-history" aria-label="审核记录">
          {history.map((entry) => (
            <li key={entry.id}>
              <time dateTime={entry.at}>{chinaMinute(entry.at)}</time> {entry.actor.label}：{entry.summary}
            </li>
          ))}
        </ol>
      )}
    </li>
  )
})
