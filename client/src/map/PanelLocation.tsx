import { lazy, memo, Suspense, useMemo, useState } from 'react'
import { clearProjectCoordinates, placeProject } from '@guatu/shared/board/coordinateCommands'
import { COORDINATE_SOURCE_LABEL, CoordinateSource, coordinatesSchema, formatCoordinates, type Coordinates } from '@guatu/shared/domain/coordinates'
import { photoLocation } from '@guatu/shared/domain/photo'
import type { Project } from '@guatu/shared/domain/project'
import { COORDINATE_SYSTEM_LABEL, CoordinateSystem, toWgs84 } from '@guatu/shared/geo/coordinateSystem'
import { readCoordinateText } from '@guatu/shared/geo/parseCoordinates'
import { useAllProjects } from '../sync/useAllProjects.ts'
import { useBoardConnection } from '../sync/useBoardConnection.ts'
import { useProjectPhotos } from '../sync/useProjectPhotos.ts'
import { CoordinateSystemSelect } from './CoordinateSystemSelect.tsx'
import { PanelArea, type Vertex } from './PanelArea.tsx'
import { boundariesOf, useBoundaries } from './useBoundaries.ts'
import './map.css'

// The small map carries ECharts: fetched when a panel opens, not with the board.
const PlacePicker = lazy(() => import('./PlacePicker.tsx'))

/**
 * 项目位置 in the panel: where the project is and where that came from; a click on the small map,
 * typed 经度/纬度 or a pasted point (the keyboard's way; one copied from 高德/腾讯/百度 converted
 * from the system chosen), or the newest 形象进度照片 with a GPS fix places it. Each writes the one
 * `coordinates` value; the server checks the role and the unit as for any field. Below it, the
 * project's 项目范围 (PanelArea), drawn on the same small map.
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
  const [pasted, setPasted] = useState('')
  const [system, setSystem] = useState<CoordinateSystem>(CoordinateSystem.wgs84)
  const [draft, setDraft] = useState<Vertex[] | undefined>()

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
    const pastedText = pasted.trim()
    let written: { lng: number; lat: number }
    if (pastedText !== '') {
      const reading = readCoordinateText(pastedText)
      if (reading.kind === 'error') return setError(reading.message)
      written = reading
    } else {
      written = { lng: Number(lngText), lat: Number(latText) }
      if (lngText.trim() === '' || latText.trim() === '' || !Number.isFinite(written.lng) || !Number.isFinite(written.lat)) {
        setError('请填写经度和纬度（度，如 108.9412 和 34.2610），或粘贴“108.9412,34.2610”')
        return
      }
    }
    const point = toWgs84(written.lng, written.lat, system)
    place({ ...point, source: CoordinateSource.manual })
    setPasted('')
  }
  const pick = (lng: number, lat: number) => {
    if (draft) setDraft([...draft, [lng, lat]])
    else place({ lng, lat, source: CoordinateSource.manual })
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
          area={project.area?.ring}
          draft={draft}
          onPick={pick}
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
        <label>
          或粘贴坐标
          <input value={pasted} placeholder="108.9412,34.2610" onChange={(event) => setPasted(event.target.value)} data-testid="location-paste" />
        </label>
        <CoordinateSystemSelect value={system} onChange={setSystem} testId="location-system" />
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
      {system !== CoordinateSystem.wgs84 && (
        <p className="field-hint" data-testid="location-system-note">
          输入的坐标将按 {COORDINATE_SYSTEM_LABEL[system]} 换算为 WGS-84 后标注
        </p>
      )}
      {error && (
        <p className="field-error" role="alert" data-testid="location-error">
          {error}
        </p>
      )}
      <PanelArea project={project} draft={draft} onDraft={setDraft} />
    </fieldset>
  )
})
