import { memo, useState, type ChangeEvent } from 'react'
import { clearProjectArea, setProjectArea } from '@guatu/shared/board/areaCommands'
import type { Project } from '@guatu/shared/domain/project'
import { AREA_SOURCE_LABEL, AreaSource, areaCrossingProblem } from '@guatu/shared/domain/projectArea'
import { areaFromGeoJson } from '@guatu/shared/geo/areaFromGeoJson'
import { COORDINATE_SYSTEM_LABEL, CoordinateSystem, toWgs84 } from '@guatu/shared/geo/coordinateSystem'
import { readCoordinateText } from '@guatu/shared/geo/parseCoordinates'
import { useBoardConnection } from '../sync/useBoardConnection.ts'
import { CoordinateSystemSelect } from './CoordinateSystemSelect.tsx'

export type Vertex = [number, number]

/** A parcel's file is kilobytes; a county's survey pasted here by mistake is refused before it is read. */
const MAX_AREA_FILE_BYTES = 1024 * 1024

/**
 * 项目范围 in the panel: draw it vertex by vertex on the small map above (the draft lives in
 * PanelLocation, which owns the map), type or paste "经度,纬度" lines (the keyboard's way), or
 * read a GeoJSON Polygon file. Every way ends in setProjectArea, which refuses a crossing outline
 * with the server's own words before anything is sent.
 */
export const PanelArea = memo(function PanelArea({
  project,
  draft,
  onDraft,
}: {
  project: Project
  draft: Vertex[] | undefined
  onDraft: (draft: Vertex[] | undefined) => void
}) {
  const { doc } = useBoardConnection()
  const [error, setError] = useState<string | undefined>()
  const [lines, setLines] = useState('')
  const [system, setSystem] = useState<CoordinateSystem>(CoordinateSystem.wgs84)
  const area = project.area

  const save = (ring: Vertex[], source: AreaSource): boolean => {
    try {
      setProjectArea(doc, project.id, { ring, source })
      setError(undefined)
      return true
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : '保存失败')
      return false
    }
  }
  const closeDraft = () => {
    if (!draft) return
    const crossing = areaCrossingProblem(draft)
    if (crossing) return setError(crossing)
    if (save(draft, AreaSource.manual)) onDraft(undefined)
  }
  const saveLines = () => {
    const ring: Vertex[] = []
    const rows = lines.split(/\r?\n/).map((line) => line.trim())
    for (const [index, line] of rows.entries()) {
      if (line === '') continue
      const reading = readCoordinateText(line)
      if (reading.kind === 'error') return setError(`第 ${index + 1} 行：${reading.message}`)
      const point = toWgs84(reading.lng, reading.lat, system)
      ring.push([point.lng, point.lat])
    }
    if (save(ring, AreaSource.manual)) setLines('')
  }
  const readFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.currentTarget
    const file = input.files?.[0]
    input.value = ''
    if (!file) return
    if (file.size > MAX_AREA_FILE_BYTES) return setError('文件过大（最大 1 MB）：一个项目的范围只需一个面')
    let parsed: unknown
    try {
      parsed = JSON.parse(await file.text()) as unknown
    } catch {
      return setError('文件不是有效的 GeoJSON（JSON 格式错误）')
    }
    const read = areaFromGeoJson(parsed)
    if ('problem' in read) return setError(read.problem)
    save(
      read.area.ring.map(([lng, lat]): Vertex => [lng, lat]),
      AreaSource.import,
    )
  }

  return (
    <div className="panel-area" data-testid="panel-area">
      <p className="panel-location-now" data-testid="panel-area-now">
        项目范围：{area ? `${area.ring.length}个顶点（${AREA_SOURCE_LABEL[area.source]}）` : '未绘制'}
      </p>
      {draft ? (
        <div className="panel-location-actions">
          <span className="field-hint" data-testid="area-draft-count">
            在上方地图上依次点击范围的顶点（已选 {draft.length} 个）
          </span>
          <button type="button" disabled={draft.length === 0} onClick={() => onDraft(draft.slice(0, -1))} data-testid="area-undo">
            撤销上一点
          </button>
          <button type="button" disabled={draft.length < 3} onClick={closeDraft} data-testid="area-close">
            闭合并保存
          </button>
          <button type="button" className="link-button" onClick={() => onDraft(undefined)} data-testid="area-cancel">
            取消绘制
          </button>
        </div>
      ) : (
        <div className="panel-location-actions">
          <button type="button" onClick={() => onDraft([])} data-testid="area-draw">
            {area ? '重新绘制范围' : '绘制范围'}
          </button>
          <label className="panel-area-file">
            导入 GeoJSON 面文件
            <input type="file" accept=".geojson,.json,application/geo+json,application/json" onChange={readFile} data-testid="area-file" />
          </label>
          {area && (
            <button type="button" className="link-button" onClick={() => (clearProjectArea(doc, project.id), setError(undefined))} data-testid="area-clear">
              清除范围
            </button>
          )}
        </div>
      )}
      <div className="panel-area-lines">
        <label htmlFor={`area-lines-${project.id}`}>或按行输入顶点（每行“经度,纬度”，依次沿边界）</label>
        <textarea
          id={`area-lines-${project.id}`}
          rows={3}
          value={lines}
          placeholder={'108.9400,34.2600\n108.9500,34.2600\n108.9500,34.2700'}
          onChange={(event) => setLines(event.target.value)}
          data-testid="area-lines"
        />
        <div className="panel-location-actions">
          <CoordinateSystemSelect value={system} onChange={setSystem} testId="area-system" />
          <button type="button" disabled={lines.trim() === ''} onClick={saveLines} data-testid="area-lines-save">
            保存范围
          </button>
          {system !== CoordinateSystem.wgs84 && <span className="field-hint">将按 {COORDINATE_SYSTEM_LABEL[system]} 换算为 WGS-84 后保存</span>}
        </div>
      </div>
      {error && (
        <p className="field-error" role="alert" data-testid="area-error">
          {error}
        </p>
      )}
    </div>
  )
})
