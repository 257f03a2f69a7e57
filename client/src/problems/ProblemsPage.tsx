import { memo, useMemo, useState } from 'react'
import { PROBLEM_CATEGORIES, PROBLEM_CATEGORY_LABEL, PROBLEM_STATUS_LABEL, ProblemStatus, type ProblemCategory } from '@guatu/shared/domain/problem'
import type { Project, ProjectId } from '@guatu/shared/domain/project'
import { STAGES } from '@guatu/shared/domain/stage'
import { useAllProblems } from '../sync/useAllProblems.ts'
import { useBoardColumns } from '../sync/useBoardColumns.ts'
import { EMPTY_PROBLEM_FILTER, inScope, joinProjects, listed, problemTotals, startOfWeek, type ProblemListFilter } from './problemList.ts'
import { ProblemTable } from './ProblemTable.tsx'
import { useBoardToday } from '../progress/useBoardToday.ts'
import './problems.css'

const byName = new Intl.Collator('zh-CN').compare
const STATUSES = [ProblemStatus.open, ProblemStatus.solved] as const

/**
 * 问题清单: every problem on the board, live, for 对账销号 in a meeting. The counts on top are over
 * the chosen category and unit, so 办结率 stays the share of those problems that are solved
 * whatever the table is narrowed to.
 */
export const ProblemsPage = memo(function ProblemsPage({ onOpenProject }: { onOpenProject: (id: ProjectId) => void }) {
  const problems = useAllProblems()
  const columns = useBoardColumns()
  const today = useBoardToday()
  const [filter, setFilter] = useState<ProblemListFilter>(EMPTY_PROBLEM_FILTER)
  const projects = useMemo(() => {
    const byId = new Map<ProjectId, Project>()
    for (const stage of STAGES) for (const project of columns[stage].cards) byId.set(project.id, project)
    return byId
  }, [columns])
  const rows = useMemo(() => joinProjects(problems, (id) => projects.get(id)), [problems, projects])
  const units = useMemo(() => [...new Set(rows.flatMap((row) => (row.project ? [row.project.unit] : [])))].sort(byName), [rows])
  // `today` changes at midnight, and with it (on Mondays) the week.
  const weekStart = useMemo(() => startOfWeek(new Date(`${today}T00:00:00`)), [today])
  const scoped = useMemo(() => rows.filter((row) => inScope(row, filter)), [rows, filter])
  const shown = useMemo(() => scoped.filter((row) => listed(row, filter, weekStart)), [scoped, filter, weekStart])
  const totals = problemTotals(scoped)
  const set = (patch: Partial<ProblemListFilter>) => setFilter((current) => ({ ...current, ...patch }))

  return (
    <div className="problems-page" data-testid="problems-page">
      <h2 className="problems-title">问题清单</h2>
      <p className="problems-totals" data-testid="problems-totals" data-total={totals.total} data-solved={totals.solved}>
        共 {totals.total} 个问题，已解决 {totals.solved} 个，办结率 {totals.rate === undefined ? '—' : `${totals.rate}%`}
      </p>
      <div className="filter-bar" role="search" aria-label="筛选问题">
        <label className="filter-inline">
          问题类别
          <select
            value={filter.category}
            data-testid="problems-filter-category"
            onChange={(event) => set({ category: PROBLEM_CATEGORIES.find((value) => value === event.target.value) ?? '' })}
          >
            <option value="">全部</option>
            {PROBLEM_CATEGORIES.map((value: ProblemCategory) => (
              <option key={value} value={value}>
                {PROBLEM_CATEGORY_LABEL[value]}
              </option>
            ))}
          </select>
        </label>
        <label className="filter-inline">
          责任单位
          <select value={filter.unit} data-testid="problems-filter-unit" onChange={(event) => set({ unit: event.target.value })}>
            <option value="">全部</option>
            {units.map((unit) => (
              <option key={unit} value={unit}>
                {unit}
              </option>
            ))}
          </select>
        </label>
        <label className="filter-inline">
          状态
          <select
            value={filter.status}
            data-testid="problems-filter-status"
            onChange={(event) => set({ status: STATUSES.find((value) => value === event.target.value) ?? '' })}
          >
            <option value="">全部</option>
            {STATUSES.map((value) => (
              <option key={value} value={value}>
                {PROBLEM_STATUS_LABEL[value]}
              </option>
            ))}
          </select>
        </label>
        <label className="filter-inline filter-check">
          <input
            type="checkbox"
            checked={filter.solvedThisWeek}
            data-testid="problems-filter-week"
            onChange={(event) => set({ solvedThisWeek: event.target.checked })}
          />
          本周解决
        </label>
        <span className="field-hint">显示 {shown.length} 个</span>
      </div>
      <ProblemTable rows={shown} today={today} onOpenProject={onOpenProject} />
    </div>
  )
})
