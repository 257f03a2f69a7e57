import { useDeferredValue, useMemo } from 'react'
import { boardToday } from '@guatu/shared/progress/boardToday'
import { WallMap } from '@guatu/shared/progress/boardSettings'
import { lightsLookupFor } from '../lights/lightCache.ts'
import { ConnectionState } from '../sync/connectionStatus.ts'
import { useAllProblems } from '../sync/useAllProblems.ts'
import { useBoardSettings } from '../sync/useBoardSettings.ts'
import { useBoardColumns } from '../sync/useBoardColumns.ts'
import { useConnectionStatus } from '../sync/useConnectionStatus.ts'
import { FeedTile } from './FeedTile.tsx'
import { IndustryTile } from './IndustryTile.tsx'
import { MapTile } from './MapTile.tsx'
import { MonthlyTile } from './MonthlyTile.tsx'
import { RankingTile } from './RankingTile.tsx'
import { useReportingStanding } from './useReportingStanding.ts'
import { ScreenHeader } from './ScreenHeader.tsx'
import { allProjects, boardTotals, computeScreenFigures } from './screenFigures.ts'
import { StageTiles } from './StageTiles.tsx'
import { TargetsTile } from './TargetsTile.tsx'
import { useClock } from './useClock.ts'
import { useDataTime } from './useDataTime.ts'
import { useMeetingNow } from './useMeetingNow.ts'
import { useMoveFeed } from './useMoveFeed.ts'
import { useSameWhileEqual } from './useSameWhileEqual.ts'
import { useThrottledValue } from './useThrottledValue.ts'
import { turnSide } from './unitTurnFigures.ts'
import { UnitTurnTile } from './UnitTurnTile.tsx'
import { useMeetingDecisionProjects } from './useMeetingDecisions.ts'
import { WarningsTile } from './WarningsTile.tsx'

/** The clock only drives 数据截至 and "today"; minutes are what the wall prints. */
const CLOCK_TICK_MS = 15_000
/** The figures' tiles follow a burst of moves at this pace (see useThrottledValue). */
const FIGURES_EVERY_MS = 1_000

/**
 * The wall: every figure recomputed from the live document (the view store), never polled. Totals
 * come straight from the columns; the rest (targets, lights, ranking) from shared/progress for the
 * board's 数据截至 day.
 */
export function WallScreen({ title }: { title: string }) {
  const columns = useBoardColumns()
  const problems = useAllProblems()
  const settings = useBoardSettings()
  const meeting = useMeetingNow()
  const feed = useMoveFeed()
  const status = useConnectionStatus()
  const now = useClock(CLOCK_TICK_MS)
  const dataTime = useDataTime(now, status.state === ConnectionState.connected && status.synced)
  const asOf = boardToday(settings, new Date(now))

  const totals = useMemo(() => boardTotals(columns), [columns])
  // Lights, targets and the ranking are computed from every project (about 100 ms for 2,000 on
  // a slow PC): they follow the document at most once a second and a frame behind, while the
  // headline counts above and the map update at once. A lone move still shows at once.
  const projects = useMemo(() => allProjects(columns), [columns])
  const deferredProjects = useDeferredValue(useThrottledValue(projects, FIGURES_EVERY_MS))
  const deferredProblems = useDeferredValue(useThrottledValue(problems, FIGURES_EVERY_MS))
  const standing = useReportingStanding(settings.year, asOf)
  const figures = useMemo(
    () =>
      computeScreenFigures({ projects: deferredProjects, problems: deferredProblems, settings, asOf, ...(standing ? { reporting: standing.ranking } : {}) }),
    [deferredProjects, deferredProblems, settings, asOf, standing],
  )
  // The tiles whose figures a move did not change keep their props (and their charts) as they are.
  const industries = useSameWhileEqual(figures.industries)
  const monthlyFigures = useSameWhileEqual(figures.progress.monthly)
  const targets = useSameWhileEqual(figures.progress.targets)
  const ranking = useSameWhileEqual(figures.ranking)
  const timeProgress = useSameWhileEqual(figures.progress.timeProgress)
  const notReported = useSameWhileEqual(standing ? { period: standing.period, units: standing.notReported } : undefined)
  const unit = meeting?.reportingUnit
  const decisionProjects = useMeetingDecisionProjects()
  const turn = useMemo(() => {
    if (!unit) return undefined
    const mine = deferredProjects.filter((project) => project.unit === unit)
    const common = { problems: deferredProblems, decisionProjects, asOf }
    return {
      mine: turnSide({ ...common, projects: mine, progress: figures.progress.units.find((row) => row.name === unit) }),
      all: turnSide({ ...common, projects: deferredProjects, progress: figures.progress.board }),
    }
  }, [unit, deferredProjects, deferredProblems, decisionProjects, asOf, figures.progress])
  const wallMap = settings.wallMap ?? WallMap.off
  const lightsOf = lightsLookupFor(settings, asOf)
  // The map follows the document at once (not a frame behind with the figures): its points are
  // cached per project, so a move costs one point, and the wall shows the move before the sums.
  const map = <MapTile projects={projects} lightsOf={lightsOf} unit={unit} latestMoveId={feed.items[0]?.projectId} />
  const unitTurn = unit && turn ? <UnitTurnTile unit={unit} mine={turn.mine} all={turn.all} /> : undefined
  // The map stays up while a unit reports: in 产业结构's place, the 汇报单位 tile takes 月度走势's.
  const firstLower = wallMap === WallMap.replaceIndustry ? map : (unitTurn ?? <IndustryTile industries={industries} />)
  const monthly = <MonthlyTile monthly={monthlyFigures} year={settings.year} asOf={asOf} />
  const secondUpper = wallMap === WallMap.besideIndustry ? map : wallMap === WallMap.replaceIndustry && unitTurn ? unitTurn : monthly
  const warnings = useSameWhileEqual(
    useMemo(() => (unit ? figures.warnings.filter((warning) => warning.unit === unit) : figures.warnings), [figures.warnings, unit]),
  )
  const boardLights = useSameWhileEqual(figures.progress.board.lights)

  return (
    <div className="sw-wall">
      <ScreenHeader title={title} asOf={asOf} dataTime={dataTime} timeProgress={timeProgress} meeting={meeting} connection={status.state} />
      <StageTiles totals={totals} />
      <div className="sw-wall-main">
        <div className="sw-wall-column">
          <TargetsTile targets={targets} timeProgress={timeProgress} />
          {firstLower}
        </div>
        <div className="sw-wall-column">
          {secondUpper}
          <WarningsTile warnings={warnings} unit={unit} projectLights={unit ? turn?.mine.progress?.lights : boardLights} />
        </div>
        <div className="sw-wall-column">
          <RankingTile ranking={ranking} {...(notReported ? { notReported } : {})} />
          <FeedTile feed={feed} unit={unit} />
        </div>
      </div>
    </div>
  )
}
