import { memo, useMemo, useState } from 'react'
import { ChoiceFilter } from '../filter/ChoiceFilter.tsx'
import { formatChineseDate } from '@guatu/shared/domain/dates'
import {
  isNoticeReplyOverdue,
  NOTICE_LEVEL_LABEL,
  NOTICE_LEVELS,
  NOTICE_STATUS_LABEL,
  NoticeStatus,
  type Notice,
  type NoticeLevel,
} from '@guatu/shared/domain/notice'
import type { ProjectId } from '@guatu/shared/domain/project'
import { formatHistoryTime } from '../history/formatHistoryTime.ts'
import { useBoardToday } from '../progress/useBoardToday.ts'
import { useAllNotices } from '../sync/useAllNotices.ts'
import { useAllProjects } from '../sync/useAllProjects.ts'
import { noticeSeverity } from './openNotices.ts'
import './notices.css'
import '../app/reportPage.css'

const byName = new Intl.Collator('zh-CN').compare
const STATUSES = [NoticeStatus.open, NoticeStatus.closed] as const

/** Open first, then the highest rung, then the earliest deadline. */
function compareNotices(a: Notice, b: Notice): number {
  const open = (notice: Notice) => (notice.status === NoticeStatus.open ? 0 : 1)
  return open(a) - open(b) || noticeSeverity(b.level) - noticeSeverity(a.level) || (a.deadline < b.deadline ? -1 : a.deadline > b.deadline ? 1 : 0)
}

/** 督办清单: every 督办单 on the board, live; replies past their deadline stand out. A row opens its project. */
export const NoticesPage = memo(function NoticesPage({ onOpenProject }: { onOpenProject: (id: ProjectId) => void }) {
  const notices = useAllNotices()
  const projects = useAllProjects()
  const today = useBoardToday()
  const [status, setStatus] = useState<NoticeStatus | ''>(NoticeStatus.open)
  const [level, setLevel] = useState<NoticeLevel | ''>('')
  const [unit, setUnit] = useState('')
  const rows = useMemo(() => {
    const byId = new Map(projects.map((project) => [project.id, project]))
    return notices.map((notice) => ({ notice, project: byId.get(notice.projectId) }))
  }, [notices, projects])
  const units = useMemo(() => [...new Set(rows.flatMap((row) => (row.project ? [row.project.unit] : [])))].sort(byName), [rows])
  const shown = useMemo(
    () =>
      rows
        .filter(
          (row) =>
            (status === '' || row.notice.status === status) && (level === '' || row.notice.level === level) && (unit === '' || row.project?.unit === unit),
        )
        .sort((a, b) => compareNotices(a.notice, b.notice)),
    [rows, status, level, unit],
  )
  const openCount = notices.filter((notice) => notice.status === NoticeStatus.open).length
  const overdueCount = notices.filter((notice) => isNoticeReplyOverdue(notice, today)).length

  return (
    <div className="report-page" data-testid="notices-page">
      <header className="report-header">
        <h2>督办清单</h2>
        <p className="report-facts">
          <span data-testid="notices-totals" data-open={openCount} data-overdue={overdueCount}>
            共 {notices.length} 件，督办中 {openCount} 件
            {overdueCount > 0 && <span className="problem-badge problem-overdue">逾期未答复 {overdueCount} 件</span>}
          </span>
        </p>
      </header>
      <div className="filter-bar" role="search" aria-label="筛选督办单">
        <ChoiceFilter
          label="状态"
          value={status}
          options={STATUSES}
          labelOf={(value) => NOTICE_STATUS_LABEL[value]}
          onChange={setStatus}
          testId="notices-filter-status"
        />
        <ChoiceFilter
          label="等级"
          value={level}
          options={NOTICE_LEVELS}
          labelOf={(value) => NOTICE_LEVEL_LABEL[value]}
          onChange={setLevel}
          testId="notices-filter-level"
        />
        <ChoiceFilter label="责任单位" value={unit} options={units} onChange={setUnit} testId="notices-filter-unit" />
      </div>
      {shown.length === 0 ? (
        <p className="column-empty">没有符合条件的督办单。</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table notices-table">
            <thead>
              <tr>
                <th scope="col">等级</th>
                <th scope="col">项目名称</th>
                <th scope="col">责任单位</th>
                <th scope="col">督办要求</th>
                <th scope="col">办理时限</th>
                <th scope="col">状态</th>
                <th scope="col">办理情况</th>
                <th scope="col">下发</th>
              </tr>
            </thead>
            <tbody>
              {shown.map(({ notice, project }) => {
                const overdue = isNoticeReplyOverdue(notice, today)
                const open = () => onOpenProject(notice.projectId)
                return (
                  <tr
                    key={notice.id}
                    className={`notice-row${overdue ? ' problem-is-overdue' : ''}`}
                    data-testid="notice-row"
                    data-level={notice.level}
                    data-status={notice.status}
                    data-overdue={overdue ? 'true' : undefined}
                    tabIndex={0}
                    onClick={open}
                    onKeyDown={(event) => {
                      if (event.key === 'Enter') open()
                    }}
                    aria-label={`${NOTICE_LEVEL_LABEL[notice.level]}，${project?.name ?? '项目'}：${notice.requirement}${overdue ? '，逾期未答复' : ''}，按回车打开项目`}
                  >
                    <td>
                      <span className={`notice-badge notice-${notice.level}`}>{NOTICE_LEVEL_LABEL[notice.level]}</span>
                    </td>
                    <td className="cell-name">{project?.name ?? '（项目已删除）'}</td>
                    <td>{project?.unit ?? '—'}</td>
                    <td>{notice.requirement}</td>
                    <td className={overdue ? 'overdue-text' : undefined}>
                      {formatChineseDate(notice.deadline)}
                      {overdue && <span className="problem-badge problem-overdue">逾期未答复</span>}
                    </td>
                    <td>{NOTICE_STATUS_LABEL[notice.status]}</td>
                    <td>{notice.reply ? `${notice.reply}（${notice.repliedByLabel ?? '—'}）` : '尚未答复'}</td>
                    <td>
                      {notice.issuedByLabel} · {formatHistoryTime(notice.issuedAt)}
                    </td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </div>
      )}
    </div>
  )
})
