import { memo, useCallback, useMemo } from 'react'
import type { Project, ProjectId } from '@guatu/shared/domain/project'
import { Light } from '@guatu/shared/progress/lights'
import type { LightsOf } from '../lights/lightCache.ts'
import { MapLegend } from '../map/MapLegend.tsx'
import { MapMarkerList } from '../map/MapMarkerList.tsx'
import { placeProjects, type MapMarker, type MapPoint } from '../map/mapPoints.ts'
import { ProjectMap } from '../map/ProjectMap.tsx'
import { boundariesOf, useBoundaries } from '../map/useBoundaries.ts'
import { useMapTiles } from '../map/useTileService.ts'
import { useBoardConnection } from '../sync/useBoardConnection.ts'
import { designScale, useViewportKey } from './ScreenCanvas.tsx'
import { Figure, ScreenTile } from './ScreenTile.tsx'
import '../map/map.css'

/** Marker size on the 1920×1080 design; ×2 on a 4K wall, like every other figure. */
const WALL_SYMBOL_PX = 14
/** The tile is small: bubbles only where markers would really touch. */
const WALL_CLUSTER_RADIUS_PX = 12

/** The map in words for a screen reader: how many projects, how many of each light, whose turn. */
function wallLabel(placed: readonly MapPoint[], unit: string | undefined): string {
  const counts = { red: 0, yellow: 0, blue: 0 }
  for (const point of placed) if (point.light !== Light.green) counts[point.light] += 1
  const turn = unit === undefined ? '' : `，突出显示${unit}的${placed.filter((point) => point.unit === unit).length}个`
  return `项目分布地图：${placed.length}个项目，红灯${counts.red}个、黄灯${counts.yellow}个、蓝灯${counts.blue}个${turn}`
}

/**
 * 项目分布 on the wall: every placed project in its light's colour and its stage's shape, live.
 * The latest move pulses; while a unit reports, its projects stand out and the others are dimmed.
 * Nothing waits for a pointer: the legend and the counts are printed, and the wall never pans.
 */
export const MapTile = memo(function MapTile({
  projects,
  lightsOf,
  unit,
  latestMoveId,
}: {
  projects: readonly Project[]
  lightsOf: LightsOf
  unit: string | undefined
  latestMoveId: ProjectId | undefined
}) {
  const { boardId } = useBoardConnection()
  const [width = 0, height = 0] = useViewportKey().split('x').map(Number)
  // The canvas is drawn at the wall's scale: the 1920×1080 design blown up to 4K stays sharp.
  const pixelRatio = window.devicePixelRatio * Math.max(1, designScale(width, height))
  const boundaries = boundariesOf(useBoundaries(boardId))
  const tiles = useMapTiles(boardId)
  const { placed, unplaced } = useMemo(() => placeProjects(projects, lightsOf), [projects, lightsOf])
  const mine = unit === undefined ? undefined : placed.filter((point) => point.unit === unit).length
  const renderList = useCallback((markers: readonly MapMarker[]) => <MapMarkerList markers={markers} unit={unit} hidden />, [unit])
  return (
    <ScreenTile
      title={unit ? `项目分布 · ${unit}` : '项目分布'}
      className="sw-tile-map"
      aside={
        <span className="sw-tile-note">
          {mine !== undefined && <Figure value={String(mine)} unit={`个 / ${placed.length}个`} testId="wall-map-mine" />}
          {mine === undefined && <Figure value={String(placed.length)} unit="个已标注" testId="wall-map-count" />}
          {unplaced.length > 0 && <span>未标注{unplaced.length}个</span>}
        </span>
      }
    >
      <div className="sw-map" data-testid="wall-map" data-placed={placed.length}>
        <ProjectMap
          className="sw-map-chart"
          points={placed}
          boundaries={boundaries}
          symbolSize={WALL_SYMBOL_PX}
          pixelRatio={pixelRatio}
          clusterRadiusPx={WALL_CLUSTER_RADIUS_PX}
          roam={false}
          {...(tiles ? { tiles } : {})}
          {...(unit === undefined ? {} : { unit })}
          {...(latestMoveId === undefined ? {} : { pulseId: latestMoveId })}
          label={wallLabel(placed, unit)}
          renderList={renderList}
        />
        <MapLegend className="sw-map-legend" />
      </div>
    </ScreenTile>
  )
})
