import { memo } from 'react'
import { formatChineseDate, type IsoDate } from '@guatu/shared/domain/dates'
import { isProblemOverdue, PROBLEM_CATEGORY_LABEL, PROBLEM_STATUS_LABEL } from '@guatu/shared/domain/problem'
import type { ProjectId } from '@guatu/shared/domain/project'
import { formatHistoryTime } from '../history/formatHistoryTime.ts'
import type { ProblemRow } from './problemList.ts'

/** The problems, one per row; a row opens its project's panel (Enter works too). */
export const ProblemTable = memo(function ProblemTable({
  rows,
  today,
  onOpenProject,
}: {
  rows: readonly ProblemRow[]
  today: IsoDate
  onOpenProject: (id: ProjectId) => void
}) {
  if (rows.length === 0) return <p className="column-empty">没有符合条件的问题。</p>
  return (
    <div className="problems-table-scroll">
      <table className="data-table problems-table">
        <thead>
          <tr>
            <th scope="col">项目名称</th>
            <th scope="col">责任单位</th>
            <th scope="col">问题类别</th>
            <th scope="col">问题描述</th>
            <th scope="col">牵头单位</th>
            <th scope="col">解决时限</th>
            <th scope="col">状态</th>
            <th scope="col">提出</th>
            <th scope="col">销号</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ problem, project }) => {
            const overdue = isProblemOverdue(problem, today)
            const open = () => onOpenProject(problem.projectId)
            return (
              <tr
                key={problem.id}
                className={`problem-row${overdue ? ' problem-is-overdue' : ''}`}
                data-testid="problem-row"
                data-status={problem.status}
                tabIndex={0}
                onClick={open}
                onKeyDown={(event) => {
                  if (event.key === 'Enter') open()
                }}
                aria-label={`${project?.name ?? '项目'}：${problem.description}，按回车打开项目`}
              >
                <td>{project?.name ?? '（项目已删除）'}</td>
                <td>{project?.unit ?? '—'}</td>
                <td>{PROBLEM_CATEGORY_LABEL[problem.category]}</td>
                <td className="problem-description">{problem.description}</td>
                <td>{problem.leadUnit || '—'}</td>
                <td className={overdue ? 'overdue-text' : undefined}>
                  {problem.deadline ? formatChineseDate(problem.deadline) : '—'}
                  {overdue && <span className="problem-badge problem-overdue">逾期</span>}
                </td>
                <td>
                  <span className={`problem-status status-${problem.status}`}>{PROBLEM_STATUS_LABEL[problem.status]}</span>
                </td>
                <td>
                  {problem.raisedByLabel}
                  <br />
                  <small>{formatHistoryTime(problem.raisedAt)}</small>
                </td>
                <td>
                  {problem.solvedByLabel ?? '—'}
                  {problem.solvedAt && (
                    <>
                      <br />
                      <small>{formatHistoryTime(problem.solvedAt)}</small>
                    </>
                  )}
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </div>
  )
})
