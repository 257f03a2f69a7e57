import { memo, useCallback, useEffect, useMemo, useState } from 'react'
import type { BoardSummary } from '@guatu/shared/api/boards'
import { INDUSTRIES, INDUSTRY_LABEL, INDUSTRY_UNSET_LABEL, type Industry } from '@guatu/shared/domain/industry'
import { canManageBoards, canWrite } from '@guatu/shared/domain/permissions'
import { RESERVE_LEVELS, RESERVE_LEVEL_LABEL, type Candidate, type ReserveLevel } from '@guatu/shared/domain/reserveCandidate'
import { CANDIDATE_STAGE_LABEL, CandidateStage, countCandidates, matchesReserveFilter, type ReserveFilter } from '@guatu/shared/reserve/reserveFilter'
import { fetchBoards } from '../api/boardsApi.ts'
import { exportReserve, fetchReserve, proposeCandidate } from '../api/reserveApi.ts'
import { AppLink } from '../app/AppLink.tsx'
import { CurrentUser } from '../auth/CurrentUser.tsx'
import { usePrincipal } from '../auth/usePrincipal.ts'
import { CandidateForm } from './CandidateForm.tsx'
import { CandidateItem } from './CandidateItem.tsx'
import { ReserveImport } from './ReserveImport.tsx'

type Loaded = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; candidates: Candidate[]; boards: BoardSummary[] }

/**
 * `/reserve`: the 项目库. Everyone who may read boards sees the list with its counts by 储备级别 and
 * 产业类别 and filters; a department proposes and corrects its own; the 项目办 vets and puts approved
 * candidates on a year's board.
 */
export const ReservePage = memo(function ReservePage() {
  const principal = usePrincipal()
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' })
  const [filter, setFilter] = useState<ReserveFilter>({})
  const [proposing, setProposing] = useState(false)
  const [importing, setImporting] = useState(false)
  const [notice, setNotice] = useState<string>()

  const load = useCallback(() => {
    Promise.all([fetchReserve(), fetchBoards()]).then(
      ([candidates, boards]) => setLoaded({ status: 'ready', candidates, boards: [...boards].sort((a, b) => b.year - a.year) }),
      (error: unknown) => setLoaded({ status: 'error', message: error instanceof Error ? error.message : '加载失败' }),
    )
  }, [])
  useEffect(load, [load])

  const replace = useCallback((changed: Candidate) => {
    setLoaded((old) => (old.status === 'ready' ? { ...old, candidates: [changed, ...old.candidates.filter((candidate) => candidate.id !== changed.id)] } : old))
  }, [])

  const candidates = useMemo(() => (loaded.status === 'ready' ? loaded.candidates : []), [loaded])
  const shown = useMemo(() => candidates.filter((candidate) => matchesReserveFilter(candidate, filter)), [candidates, filter])
  const counts = useMemo(() => countCandidates(shown), [shown])
  const units = useMemo(() => [...new Set(candidates.map((candidate) => candidate.unit))].sort(), [candidates])

  return (
    <main className="reserve-page">
      <div className="board-list-top">
        <h1>项目库</h1>
        <AppLink href="/">返回看板列表</AppLink>
        <CurrentUser />
      </div>
      {loaded.status === 'loading' && <p role="status">正在加载项目库…</p>}
      {loaded.status === 'error' && (
        <p role="alert" className="error-text">
          {loaded.message}{' '}
          <button type="button" onClick={load}>
            重试
          </button>
        </p>
      )}
      {loaded.status === 'ready' && (
        <>
          <section className="reserve-counts" aria-label="储备项目统计">
            <p>
              共 <strong data-testid="reserve-total">{counts.total}</strong> 个
            </p>
            <ul>
              {RESERVE_LEVELS.map((level) => (
                <li key={level}>
                  {RESERVE_LEVEL_LABEL[level]} <strong>{counts.byLevel[level]}</strong>
                </li>
              ))}
            </ul>
            <ul>
              {[...INDUSTRIES, 'unset' as const].map((industry) =>
                counts.byIndustry[industry] ? (
                  <li key={industry}>
                    {industry === 'unset' ? INDUSTRY_UNSET_LABEL : INDUSTRY_LABEL[industry]} <strong>{counts.byIndustry[industry]}</strong>
                  </li>
                ) : null,
              )}
            </ul>
          </section>
          <ReserveFilters filter={filter} units={units} onChange={setFilter} />
          <div className="candidate-actions">
            {canWrite(principal) && (
              <button type="button" aria-expanded={proposing} onClick={() => setProposing((open) => !open)}>
                提出储备项目
              </button>
            )}
            {canManageBoards(principal) && (
              <button type="button" aria-expanded={importing} data-testid="reserve-import-button" onClick={() => setImporting((open) => !open)}>
                导入 Excel
              </button>
            )}
            <button
              type="button"
              onClick={() =>
                void exportReserve().then(
                  (name) => setNotice(`已导出 ${name}`),
                  (error: unknown) => setNotice(String(error)),
                )
              }
            >
              导出 Excel
            </button>
            {notice && <span role="status">{notice}</span>}
          </div>
          {importing && <ReserveImport onImported={load} onClose={() => setImporting(false)} />}
          {proposing && (
            <CandidateForm
              submitLabel="提交审核"
              onSubmit={async (input) => {
                replace(await proposeCandidate(input))
                setProposing(false)
              }}
              onCancel={() => setProposing(false)}
            />
          )}
          {shown.length === 0 ? (
            <p>{candidates.length === 0 ? '项目库还没有储备项目。' : '没有符合筛选条件的储备项目。'}</p>
          ) : (
            <ul className="candidate-list">
              {shown.map((candidate) => (
                <CandidateItem key={candidate.id} candidate={candidate} boards={loaded.boards} onChanged={replace} />
              ))}
            </ul>
          )}
        </>
      )}
    </main>
  )
})

const ReserveFilters = memo(function ReserveFilters({
  filter,
  units,
  onChange,
}: {
  filter: ReserveFilter
  units: readonly string[]
  onChange: (filter: ReserveFilter) => void
}) {
  const set = <K extends keyof ReserveFilter>(key: K, value: string) => onChange({ ...filter, [key]: value === '' ? undefined : (value as ReserveFilter[K]) })
  return (
    <form className="reserve-filters" aria-label="筛选储备项目" onSubmit={(event) => event.preventDefault()}>
      <label>
        项目名称
        <input type="search" value={filter.name ?? ''} onChange={(event) => set('name', event.target.value)} />
      </label>
      <label>
        储备级别
        <select value={filter.level ?? ''} onChange={(event) => set('level', event.target.value as ReserveLevel)}>
          <option value="">全部</option>
          {RESERVE_LEVELS.map((level) => (
            <option key={level} value={level}>
              {RESERVE_LEVEL_LABEL[level]}
            </option>
          ))}
        </select>
      </label>
      <label>
        产业类别
        <select value={filter.industry ?? ''} onChange={(event) => set('industry', event.target.value as Industry)}>
          <option value="">全部</option>
          {INDUSTRIES.map((industry) => (
            <option key={industry} value={industry}>
              {INDUSTRY_LABEL[industry]}
            </option>
          ))}
          <option value="unset">{INDUSTRY_UNSET_LABEL}</option>
        </select>
      </label>
      <label>
        责任单位
        <select value={filter.unit ?? ''} onChange={(event) => set('unit', event.target.value)}>
          <option value="">全部</option>
          {units.map((unit) => (
            <option key={unit}>{unit}</option>
          ))}
        </select>
      </label>
      <label>
        状态
        <select value={filter.stage ?? ''} onChange={(event) => set('stage', event.target.value)}>
          <option value="">全部</option>
          {Object.values(CandidateStage).map((stage) => (
            <option key={stage} value={stage}>
              {CANDIDATE_STAGE_LABEL[stage]}
            </option>
          ))}
        </select>
      </label>
    </form>
  )
})
