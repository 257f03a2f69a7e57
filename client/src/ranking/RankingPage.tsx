import { memo, useMemo, useState } from 'react'
import { formatChineseDate, isIsoDate, type IsoDate } from '@guatu/shared/domain/dates'
import { RANKING_GROUP_LABEL, RANKING_WEIGHTS as W, RankingGroup } from '@guatu/shared/progress/ranking'
import { downloadRanking } from '../api/reportsApi.ts'
import { useAsOf } from '../progress/useAsOf.ts'
import { useAllProblems } from '../sync/useAllProblems.ts'
import { useAllProjects } from '../sync/useAllProjects.ts'
import { useBoardSettings } from '../sync/useBoardSettings.ts'
import { HonourList } from './HonourList.tsx'
import { RankingTable } from './RankingTable.tsx'
import { useWeeklyRanking } from './useWeeklyRanking.ts'
import './ranking.css'
import '../app/reportPage.css'

const GROUPS = [RankingGroup.unit, RankingGroup.leader] as const

/**
 * 一周一晾晒: the week's ranking per 责任单位 or 包抓领导 with the change in rank, 红榜 and 黑榜, and
 * the Excel sheet the office publishes. Any day picks its Monday–Sunday week; by default the week
 * of the board's as-of day.
 */
export const RankingPage = memo(function RankingPage({ boardId, onError }: { boardId: string; onError: (message: string) => void }) {
  const settings = useBoardSettings()
  const asOf = useAsOf(settings)
  const [weekInput, setWeekInput] = useState('')
  const [by, setBy] = useState<RankingGroup>(RankingGroup.unit)
  const week: IsoDate = isIsoDate(weekInput) ? weekInput : asOf
  const projects = useAllProjects()
  const problems = useAllProblems()
  const version = useMemo(() => [projects, problems, settings], [projects, problems, settings])
  const state = useWeeklyRanking(boardId, week, by, version)
  const ranking = state.ranking
  const [downloading, setDownloading] = useState(false)
  const download = () => {
    setDownloading(true)
    downloadRanking(boardId, week, by)
      .catch((error: unknown) => onError(error instanceof Error ? error.message : '导出失败'))
      .finally(() => setDownloading(false))
  }
  return (
    <div className="report-page" data-testid="ranking-page">
      <header className="report-header">
        <h2>一周一晾晒</h2>
        {ranking && (
          <p className="report-facts" data-testid="ranking-week" data-from={ranking.week.from} data-to={ranking.week.to}>
            <span>
              {formatChineseDate(ranking.week.from)} 至 {formatChineseDate(ranking.week.to)}
            </span>
            <span>数据截至 {formatChineseDate(ranking.cutoff)}</span>
          </p>
        )}
      </header>
      <div className="filter-bar" role="group" aria-label="排名选项">
        <label className="filter-inline">
          周次（任选一天）
          <input type="date" value={weekInput || asOf} onChange={(event) => setWeekInput(event.target.value)} data-testid="ranking-week-input" />
        </label>
        <div className="segmented" role="radiogroup" aria-label="排名对象">
          {GROUPS.map((group) => (
            <label key={group} className={by === group ? 'segment segment-on' : 'segment'}>
              <input type="radio" name="ranking-by" value={group} checked={by === group} onChange={() => setBy(group)} data-testid={`ranking-by-${group}`} />按
              {RANKING_GROUP_LABEL[group]}
            </label>
          ))}
        </div>
        <button type="button" onClick={download} disabled={downloading} data-testid="ranking-export">
          {downloading ? '正在导出…' : '导出Excel'}
        </button>
        {state.status === 'loading' && <span role="status">正在计算排名…</span>}
      </div>
      {state.status === 'error' && (
        <p className="error-text" role="alert">
          {state.message}
        </p>
      )}
      {ranking && (
        <>
          <div className="honour-lists">
            <HonourList kind="red" rows={ranking.redList} />
            <HonourList kind="black" rows={ranking.blackList} />
          </div>
          <RankingTable rows={ranking.rows} groupLabel={RANKING_GROUP_LABEL[ranking.groupBy]} />
          <p className="report-note">
            得分：每个阶段推进 +{W.advance}，每个问题办结 +{W.problemSolved}，每个逾期项目 {W.overdue}，黄灯项目 {W.yellow}、红灯项目 {W.red}，
            另加投资完成率与序时进度之差（百分点，最多 ±{W.investmentGapCapPoints}）。
          </p>
        </>
      )}
    </div>
  )
})
