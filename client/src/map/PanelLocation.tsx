import { lazy, memo, Suspense, useMemo, useState } from 'react'
import { clearProjectCoordinates, placeProject } from '@guatu/shared/board/coordinateCommands'
import { COORDINATE_SOURCE_LABEL, CoordinateSource, coordinatesSchema, formatCoordinates, type Coordinates } from '@guatu/shared/domain/coordinates'
import { photoLocation } from '@guatu/shared/domain/photo'
import type { Project } from '@guatu/shared/domain/project'
import { useAllProjects } from '../sync/useAllProjects.ts'
import { useBoardConnection } from '../sync/useBoardConnection.ts'
import { useProjectPhotos } from '../sync/useProjectPhotos.ts'
import { boundariesOf, useBoundaries } from './useBoundaries.ts'
import './map.css'

// The small map carries ECharts: fetched when a panel opens, not with the board.
const PlacePicker = lazy(() => import('./PlacePicker.tsx'))

/**
 * 项目位置 in the panel: where the project is and where that came from; a click on the small map,
 * typed 经度/纬度 (the keyboard's way), or the newest 形象进度照片 with a GPS fix places it. Each
 * writes the one `coordinates` value; the server checks the role and the unit as for any field.
 */
export const PanelLocation = memo(function PanelLocation({ project, readOnly }: { project: Project; readOnly: boolean }) {
  const { doc, boardId } = useBoardConnection()
  const boundaries = boundariesOf(useBoundaries(boardId))
  const photos = useProjectPhotos(project.id)
  const photoPoint = useMemo(() => photos.map(photoLocation).find((location) => location !== undefined), [photos])
  const all = useAllProjects()
  const around = useMemo(() => all.flatMap((other) => (other.coordinates ? [other.coordinates] : [])), [all])
  const point = project.coordinates
  const [error, setError] = useState<string | undefined>()
  const [lngText, setLngText] = useState('')
  const [latText, setLatText] = useState('')

  const place = (next: Coordinates | undefined) => {
    if (next) {
      const checked = coordinatesSchema.safeParse(next)
      if (!checked.success) {
        setError(checked.error.issues[0]?.message ?? '坐标无效')
        return
      }
    }
    try {
      if (next) placeProject(doc, project.id, next)
      else clearProjectCoordinates(doc, project.id)
      setError(undefined)
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : '保存失败')
    }
  }
  const placeTyped = () => {
    const lng = Number(lngText)
    const lat = Number(latText)
    if (lngText.trim() === '' || latText.trim() === '' || !Number.isFinite(lng) || !Number.isFinite(lat)) {
      setError('请填写经度和纬度（度，如 108.9412 和 34.2610）')
      return
    }
    place({ lng, lat, source: CoordinateSource.manual })
  }

  return (
    <fieldset className="field-group panel-location" data-testid="panel-location" disabled={readOnly}>
      <legend>项目位置</legend>
      <p className="panel-location-now" data-testid="panel-location-now">
        {point ? `${formatCoordinates(point)}（${COORDINATE_SOURCE_LABEL[point.source]}）` : '未标注位置'}
      </p>
      <Suspense fallback={null}>
        <PlacePicker
          boundaries={boundaries}
          around={around}
          point={point}
          stage={project.stage}
          disabled={readOnly}
          onPick={(lng, lat) => place({ lng, lat, source: CoordinateSource.manual })}
        />
      </Suspense>
      <div className="panel-location-actions">
        <label>
          经度
          <input inputMode="decimal" value={lngText} onChange={(event) => setLngText(event.target.value)} data-testid="location-lng" />
        </label>
        <label>
          纬度
          <input inputMode="decimal" value={latText} onChange={(event) => setLatText(event.target.value)} data-testid="location-lat" />
        </label>
        <button type="button" onClick={placeTyped} data-testid="location-save">
          标注
        </button>
        {photoPoint && (
          <button
            type="button"
            onClick={() => place({ lng: photoPoint.lng, lat: photoPoint.lat, source: CoordinateSource.photo })}
            data-testid="location-from-photo"
          >
            使用照片位置
          </button>
        )}
        {point && (
          <button type="button" className="link-button" onClick={() => place(undefined)} data-testid="location-clear">
            清除位置
          </button>
        )}
      </div>
      {error && (
        <p className="field-error" role="alert" data-testid="location-error">
          {error}
        </p>
      )}
    </fieldset>
  )
})
