import { memo, useCallback } from 'react'
import { formatChineseDate } from '@guatu/shared/domain/dates'
import type { ProjectId } from '@guatu/shared/domain/project'
import { TIME_BASIS_LABEL } from '@guatu/shared/progress/boardSettings'
import { formatPercent } from '@guatu/shared/progress/fraction'
import { LightCounts } from '../lights/LightCounts.tsx'
import { useAllProjects } from '../sync/useAllProjects.ts'
import { useBoardConnection } from '../sync/useBoardConnection.ts'
import { GroupTable } from './GroupTable.tsx'
import { MilestoneList } from './MilestoneList.tsx'
import { MonthlyReportDownload } from './MonthlyReportDownload.tsx'
import { MonthlyTable } from './MonthlyTable.tsx'
import { StageRangeCounts } from './StageRangeCounts.tsx'
import { TargetTable } from './TargetTable.tsx'
import { useBoardProgress } from './useBoardProgress.ts'
import './progress.css'
import '../app/reportPage.css'

/**
 * 目标进度: the year's targets against 序时进度, per 责任单位 and 包抓领导, milestones and monthly
 * entries — computed live in the browser, so a card moved in the meeting shows here at once.
 */
export const ProgressPage = memo(function ProgressPage({
  boardId,
  onOpenProject,
  onError,
}: {
  boardId: string
  onOpenProject: (id: ProjectId) => void
  onError: (message: string) => void
}) {
  const progress = useBoardProgress()
  const projects = useAllProjects()
  const { view } = useBoardConnection()
  const projectOf = useCallback((id: ProjectId) => view.getProject(id), [view])
  const time = progress.timeProgress
  return (
    <div className="report-page" data-testid="progress-page">
      <header className="report-header">
        <h2>目标进度</h2>
        <p className="report-facts">
          <span>
            {progress.year}年 · 统计截止 <strong data-testid="progress-as-of">{formatChineseDate(progress.asOf)}</strong>
          </span>
          <span>
            序时进度（{TIME_BASIS_LABEL[time.basis]}）<strong data-testid="time-progress">{formatPercent(time.percentTenths)}</strong>
          </span>
          <span>
            共 {progress.board.projectCount} 个项目 · <LightCounts counts={progress.board.lights} testId="progress-light-counts" />
          </span>
        </p>
        <MonthlyReportDownload boardId={boardId} onError={onError} />
      </header>
      <section aria-labelledby="targets-title" className="report-section">
        <h3 id="targets-title">年度目标完成情况</h3>
        <TargetTable targets={progress.targets} />
      </section>
      <section aria-labelledby="range-title" className="report-section">
        <h3 id="range-title">阶段进展统计（按进入阶段日期）</h3>
        <StageRangeCounts projects={projects} asOf={progress.asOf} year={progress.year} />
      </section>
      <section aria-labelledby="milestones-title" className="report-section">
        <h3 id="milestones-title">节点</h3>
        <MilestoneList milestones={progress.milestones} projectOf={projectOf} onOpenProject={onOpenProject} />
      </section>
      <section aria-labelledby="units-title" className="report-section">
        <h3 id="units-title">按责任单位</h3>
        <GroupTable title="责任单位" rows={progress.units} board={progress.board} testId="unit-table" />
      </section>
      <section aria-labelledby="leaders-title" className="report-section">
        <h3 id="leaders-title">按包抓领导</h3>
        <GroupTable title="包抓领导" rows={progress.leaders} board={progress.board} testId="leader-table" />
      </section>
      <section aria-labelledby="monthly-title" className="report-section">
        <h3 id="monthly-title">{progress.year}年每月签约、开工、投产</h3>
        <MonthlyTable months={progress.monthly} />
      </section>
    </div>
  )
})
