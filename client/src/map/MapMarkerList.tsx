import { memo } from 'react'
import type { ProjectId } from '@guatu/shared/domain/project'
import { STAGE_LABEL } from '@guatu/shared/domain/stage'
import { Light, LIGHT_LABEL } from '@guatu/shared/progress/lights'
import type { MapMarker, MapPoint } from './mapPoints.ts'

function lightWord(light: Light): string {
  return light === Light.green ? '无预警' : `${LIGHT_LABEL[light]}灯`
}

const PointItem = memo(function PointItem({
  point,
  unit,
  onOpen,
}: {
  point: MapPoint
  unit: string | undefined
  onOpen: ((id: ProjectId) => void) | undefined
}) {
  const text = `${point.name} · ${STAGE_LABEL[point.stage]} · ${lightWord(point.light)}`
  return (
    <li
      data-testid="map-point"
      data-project-id={point.id}
      data-light={point.light}
      data-stage={point.stage}
      data-dimmed={unit !== undefined && point.unit !== unit ? 'true' : undefined}
      className={`map-point light-${point.light}`}
    >
      {onOpen ? (
        <button type="button" className="map-point-button" onClick={() => onOpen(point.id)}>
          <span className="light-dot" aria-hidden="true" />
          {text}
        </button>
      ) : (
        text
      )}
    </li>
  )
})

/**
 * The markers as a list: every project on the map, one button each (Tab, then Enter opens its
 * panel), grouped under the bubble that holds it. It is what a keyboard or a screen reader uses,
 * and it names stage and light in words for anyone who cannot tell the colours apart.
 */
export const MapMarkerList = memo(function MapMarkerList({
  markers,
  unit,
  onOpen,
  hidden,
}: {
  markers: readonly MapMarker[]
  unit?: string
  onOpen?: (id: ProjectId) => void
  /**
   * On the wall nobody tabs through 2,000 lines and nothing may spill out of a tile: the list stays
   * in the page (what the chart was given, for checks) but is not shown; the chart's label sums it up.
   */
  hidden?: boolean
}) {
  return (
    <ul className="map-marker-list" hidden={hidden} aria-label="地图上的项目" data-testid="map-marker-list">
      {markers.map((marker) =>
        marker.kind === 'project' ? (
          <PointItem key={marker.point.id} point={marker.point} unit={unit} onOpen={onOpen} />
        ) : (
          <li key={marker.key} className="map-cluster" data-testid="map-cluster" data-light={marker.light}>
            <span className="map-cluster-title">{marker.members.length}个项目（相距较近，已合并显示）</span>
            <ul>
              {marker.members.map((point) => (
                <PointItem key={point.id} point={point} unit={unit} onOpen={onOpen} />
              ))}
            </ul>
          </li>
        ),
      )}
    </ul>
  )
})
