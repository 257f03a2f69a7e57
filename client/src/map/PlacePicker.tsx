import { LinesChart } from 'echarts/charts'
import { memo, useEffect, useId, useMemo, useRef, useState } from 'react'
import type { Coordinates } from '@guatu/shared/domain/coordinates'
import type { Stage } from '@guatu/shared/domain/stage'
import type { Boundaries } from './boundariesApi.ts'
import { echarts } from './mapEcharts.ts'
import { registerBaseMap, STAGE_SYMBOL } from './mapOption.ts'
import { readMapPalette, type MapPalette } from './mapPalette.ts'
import { pointsExtent } from './mapPoints.ts'

// The outline of a 项目范围 (and the one being drawn): only the panel's small map needs lines.
echarts.use([LinesChart])

type Vertex = readonly [number, number]

/**
 * A small map in the project panel: a tap or a click puts the project there, or, while an outline
 * is drawn, adds the next vertex of its 项目范围. Drawn on the office's
 * outlines, or, without them, in a frame around the board's placed projects (there is nothing
 * else to place against offline). The project's own point is shown in its stage's shape.
 */
const PlacePicker = memo(function PlacePicker({
  boundaries,
  around,
  point,
  stage,
  disabled,
  area,
  draft,
  onPick,
}: {
  boundaries: Boundaries
  /** The board's placed points, for the frame when the office has no outlines. */
  around: readonly Pick<Coordinates, 'lng' | 'lat'>[]
  point: Coordinates | undefined
  stage: Stage
  disabled: boolean
  /** The project's stored 项目范围 (an open ring). */
  area: readonly Vertex[] | undefined
  /** The outline being drawn: its vertices so far, drawn open. */
  draft: readonly Vertex[] | undefined
  onPick: (lng: number, lat: number) => void
}) {
  const box = useRef<HTMLDivElement>(null)
  const chart = useRef<echarts.EChartsType | null>(null)
  const [palette, setPalette] = useState<MapPalette | null>(null)
  const pick = useRef({ onPick, disabled })
  pick.current = { onPick, disabled }
  const id = useId()
  const framed = [...around, ...(point ? [point] : []), ...[...(area ?? []), ...(draft ?? [])].map(([lng, lat]) => ({ lng, lat }))]
  const extent = pointsExtent(framed)
  const extentKey = extent ? `${extent.minLng},${extent.maxLng},${extent.minLat},${extent.maxLat}` : ''
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the extent as text, see ProjectMap
  const base = useMemo(() => registerBaseMap(`guatu-pick${id}${extentKey}`, boundaries, extent), [boundaries, extentKey, id])
  const outlined = (boundaries.county?.features.length ?? 0) + (boundaries.townships?.features.length ?? 0) > 0

  useEffect(() => {
    const element = box.current
    if (!element) return
    const instance = echarts.init(element, null, { renderer: 'canvas' })
    chart.current = instance
    setPalette(readMapPalette(element))
    // A click anywhere on the map, not only on a drawn shape: ECharts' own click event fires only on shapes.
    instance.getZr().on('click', (event) => {
      if (pick.current.disabled) return
      const at = instance.convertFromPixel({ geoIndex: 0 }, [event.offsetX, event.offsetY]) as number[] | undefined
      if (at && Number.isFinite(at[0]) && Number.isFinite(at[1])) pick.current.onPick(Number(at[0]?.toFixed(6)), Number(at[1]?.toFixed(6)))
    })
    const resize = new ResizeObserver(() => instance.resize())
    resize.observe(element)
    return () => {
      resize.disconnect()
      instance.dispose()
      chart.current = null
    }
  }, [])

  useEffect(() => {
    const instance = chart.current
    if (!instance || !palette || !base) return
    instance.setOption(
      {
        animation: false,
        geo: {
          map: base.name,
          roam: true,
          aspectScale: 0.85,
          layoutCenter: ['50%', '50%'],
          layoutSize: '94%',
          selectedMode: false,
          silent: true,
          itemStyle: outlined
            ? { areaColor: palette.land, borderColor: palette.border, borderWidth: 1 }
            : { areaColor: 'transparent', borderColor: palette.border, borderWidth: 1 },
          label: { show: outlined, color: palette.inkMuted, fontSize: 11 },
        },
        series: [
          {
            type: 'scatter',
            id: 'here',
            coordinateSystem: 'geo',
            silent: true,
            symbol: STAGE_SYMBOL[stage],
            symbolSize: 16,
            itemStyle: { color: palette.highlight, borderColor: palette.pointEdge, borderWidth: 1.5 },
            data: point ? [[point.lng, point.lat]] : [],
          },
          {
            type: 'lines',
            id: 'area',
            coordinateSystem: 'geo',
            polyline: true,
            silent: true,
            lineStyle: { color: palette.highlight, width: 2, opacity: 1 },
            data: area && area.length > 2 ? [{ coords: [...area, area[0]!].map(([lng, lat]) => [lng, lat]) }] : [],
          },
          {
            type: 'lines',
            id: 'draft',
            coordinateSystem: 'geo',
            polyline: true,
            silent: true,
            lineStyle: { color: palette.ink, width: 2, type: 'dashed', opacity: 1 },
            data: draft && draft.length > 1 ? [{ coords: draft.map(([lng, lat]) => [lng, lat]) }] : [],
          },
          {
            type: 'scatter',
            id: 'draft-vertices',
            coordinateSystem: 'geo',
            silent: true,
            symbolSize: 8,
            itemStyle: { color: palette.ink, borderColor: palette.pointEdge, borderWidth: 1 },
            data: (draft ?? []).map(([lng, lat]) => [lng, lat]),
          },
        ],
      },
      { replaceMerge: ['series'] },
    )
  }, [base, palette, point, stage, outlined, area, draft])

  // Always in the page (the chart is bound to it once); hidden while there is nothing to place against.
  return (
    <div
      ref={box}
      hidden={!base}
      className="place-picker"
      role="img"
      aria-label={draft ? '点击地图依次添加项目范围的顶点' : '点击地图标注项目位置'}
      data-testid="place-picker"
      data-disabled={disabled || undefined}
      data-drawing={draft ? 'true' : undefined}
    />
  )
})

export default PlacePicker
