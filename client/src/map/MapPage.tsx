import { memo, useCallback, useMemo, useState } from 'react'
import type { Project, ProjectId } from '@guatu/shared/domain/project'
import { STAGES } from '@guatu/shared/domain/stage'
import type { BoardQuery } from '../filter/boardQuery.ts'
import { useFollowedQuery } from '../filter/useFollowedQuery.ts'
import { useVisibleColumns } from '../filter/useVisibleColumns.ts'
import { useLightsOf } from '../lights/useLightsOf.ts'
import { useBoardColumns } from '../sync/useBoardColumns.ts'
import { useProblemsByProject } from '../sync/useProblemsByProject.ts'
import { MapLegend } from './MapLegend.tsx'
import { MapMarkerList } from './MapMarkerList.tsx'
import { Choropleth, CHOROPLETH_LABEL } from './mapOption.ts'
import { placeProjects, type MapMarker } from './mapPoints.ts'
import { ProjectMap } from './ProjectMap.tsx'
import { TownshipTable } from './TownshipTable.tsx'
import { townshipFigures } from './townships.ts'
import { UnplacedList } from './UnplacedList.tsx'
import { boundariesOf, useBoundaries } from './useBoundaries.ts'
import { useMapTiles } from './useTileService.ts'
import './map.css'

const CHOROPLETHS = [Choropleth.none, Choropleth.count, Choropleth.investment] as const

function isChoropleth(value: string): value is Choropleth {
  return (CHOROPLETHS as readonly string[]).includes(value)
}

/**
 * 地图 (挂图作战 on a map): the board's projects where they are, coloured by light and shaped by
 * stage, under the same filter as the board (the address's, narrowed to the reporting unit while
 * following a meeting). A marker or its line in the list opens the project panel; the projects
 * still without a place are listed so the office can place them.
 */
const MapPage = memo(function MapPage({ boardId, query, onOpen }: { boardId: string; query: BoardQuery; onOpen: (id: ProjectId) => void }) {
  const shown = useFollowedQuery(query)
  const columns = useBoardColumns()
  const problems = useProblemsByProject()
  const lightsOf = useLightsOf()
  const visible = useVisibleColumns(columns, shown.filter, problems, shown.light, lightsOf)
  const projects = useMemo<readonly Project[]>(() => STAGES.flatMap((stage) => visible[stage]), [visible])
  const { placed, unplaced } = useMemo(() => placeProjects(projects, lightsOf), [projects, lightsOf])
  const boundariesState = useBoundaries(boardId)
  const boundaries = boundariesOf(boundariesState)
  const tiles = useMapTiles(boardId)
  const hasTownships = (boundaries.townships?.features.length ?? 0) > 0
  const [choropleth, setChoropleth] = useState<Choropleth>(Choropleth.none)
  const shading = useMemo(
    () => (boundaries.townships && choropleth !== Choropleth.none ? { mode: choropleth, figures: townshipFigures(boundaries.townships, placed) } : undefined),
    [boundaries.townships, choropleth, placed],
  )
  const renderList = useCallback((markers: readonly MapMarker[]) => <MapMarkerList markers={markers} onOpen={onOpen} />, [onOpen])

  return (
    <div className="map-page" data-testid="map-page" data-placed={placed.length} data-unplaced={unplaced.length}>
      <div className="map-toolbar">
        <MapLegend />
        {hasTownships && (
          <label className="map-choropleth">
            乡镇着色
            <select
              value={choropleth}
              data-testid="map-choropleth"
              onChange={(event) => {
                const value = event.target.value
                if (isChoropleth(value)) setChoropleth(value)
              }}
            >
              {CHOROPLETHS.map((mode) => (
                <option key={mode} value={mode}>
                  {CHOROPLETH_LABEL[mode]}
                </option>
              ))}
            </select>
          </label>
        )}
        <span className="map-count" data-testid="map-count">
          地图上 {placed.length} 个项目
        </span>
        {boundariesState.status === 'error' && (
          <span className="map-warning" role="alert">
            边界未能加载（{boundariesState.message}），只显示项目位置
          </span>
        )}
      </div>
      <div className="map-body">
        <ProjectMap
          className="map-page-map"
          points={placed}
          boundaries={boundaries}
          symbolSize={14}
          roam
          {...(shading ? { shading } : {})}
          {...(tiles ? { tiles } : {})}
          label={`项目分布地图：${placed.length}个项目，颜色表示预警，形状表示阶段`}
          onOpen={onOpen}
          renderList={renderList}
        />
        <UnplacedList projects={unplaced} onOpen={onOpen} />
        {shading && <TownshipTable mode={shading.mode} figures={shading.figures} />}
      </div>
    </div>
  )
})

export default MapPage
