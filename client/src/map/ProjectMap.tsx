import { memo, useCallback, useEffect, useId, useMemo, useRef, useState, type ReactNode } from 'react'
import type { ProjectId } from '@guatu/shared/domain/project'
import type { Boundaries } from './boundariesApi.ts'
import { echarts } from './mapEcharts.ts'
import { mapOption, markersOption, registerBaseMap, type Choropleth } from './mapOption.ts'
import { readMapPalette, type MapPalette } from './mapPalette.ts'
import { clusterPoints, samePlaces, pointsExtent, type MapMarker, type MapPoint } from './mapPoints.ts'
import { useSameWhileEqual } from '../screen/useSameWhileEqual.ts'
import { TileLayer } from './TileLayer.tsx'
import type { TownshipFigure } from './townships.ts'

export interface ProjectMapProps {
  readonly points: readonly MapPoint[]
  readonly boundaries: Boundaries
  readonly symbolSize: number
  /**
   * Device pixels per CSS pixel the canvas is drawn at: the wall passes its design's scale (×2 on a
   * 4K display) times the screen's, so markers stay sharp; elsewhere the screen's own ratio.
   */
  readonly pixelRatio?: number
  /** Markers closer than this (screen pixels) share a bubble. */
  readonly clusterRadiusPx?: number
  /** Pan and zoom with the mouse, the wheel and two fingers; the wall stays put. */
  readonly roam: boolean
  /** 乡镇 shading with its figures (townships.ts), when the office has 乡镇 outlines and asked for it. */
  readonly shading?: { readonly mode: Choropleth; readonly figures: readonly TownshipFigure[] }
  readonly unit?: string
  readonly pulseId?: ProjectId
  readonly label: string
  readonly className?: string
  /** A project's marker clicked. */
  readonly onOpen?: (id: ProjectId) => void
  /** What is drawn, for the list beside the chart (the keyboard's and screen reader's way in). */
  readonly renderList?: (markers: readonly MapMarker[]) => ReactNode
  /** The office's tile service, when it has one (off by default): tiles under the outlines. */
  readonly tiles?: MapTiles
}

/** A board's tiles to draw: through Guatu's proxy, named by the service's save time. */
export interface MapTiles {
  readonly boardId: string
  readonly version: string | undefined
  /** Printed in a corner: 天地图 requires its 审图号 on every map. */
  readonly attribution: string
}

/** A point's place in the chart's box, or nothing before the chart has a layout. */
function toPixel(instance: echarts.EChartsType, lng: number, lat: number): { x: number; y: number } | undefined {
  const at = instance.convertToPixel({ geoIndex: 0 }, [lng, lat]) as number[] | undefined
  const [x, y] = at ?? []
  return x !== undefined && y !== undefined && Number.isFinite(x) && Number.isFinite(y) ? { x, y } : undefined
}

/** The shortest time between two redraws of the markers for live changes (see the markers' effect). */
const MARKERS_EVERY_MS = 250

/** The nearest step of supercluster's zoom: markers are regrouped only when the scale crosses one. */
function zoomStep(pixelsPerDegree: number): number {
  return 2 ** Math.round(Math.log2(pixelsPerDegree))
}

/**
 * The projects on the office's base map, as an ECharts geo chart. The points are clustered for
 * the scale actually on screen (measured from the chart after layout, again after every pan,
 * zoom or resize), so what is one bubble on a phone is separate markers on the wall.
 */
export const ProjectMap = memo(function ProjectMap(props: ProjectMapProps) {
  const { points, boundaries, symbolSize, pixelRatio, clusterRadiusPx, roam, shading, unit, pulseId, label, onOpen, renderList, tiles } = props
  const tiled = tiles !== undefined
  const box = useRef<HTMLDivElement>(null)
  const chart = useRef<echarts.EChartsType | null>(null)
  const [palette, setPalette] = useState<MapPalette | null>(null)
  const [pixelsPerDegree, setPixelsPerDegree] = useState<number | undefined>()
  const onOpenRef = useRef(onOpen)
  onOpenRef.current = onOpen
  // Measures the scale on screen; set once the chart exists (read by the frame's effect).
  const measureRef = useRef<(() => void) | undefined>(undefined)
  const chartId = useId()
  // The tile layer follows the view: told after every pan, zoom, resize and redraw.
  const viewListeners = useRef(new Set<() => void>())
  const subscribeToView = useCallback((listener: () => void) => {
    viewListeners.current.add(listener)
    return () => void viewListeners.current.delete(listener)
  }, [])
  const currentChart = useCallback(() => chart.current, [])

  // Re-indexed only when a point is placed, moved on the map or leaves the filter: a stage move
  // or a new light keeps every place (and reorders the columns, which samePlaces ignores).
  const places = useSameWhileEqual(points, samePlaces)
  const clusters = useMemo(() => clusterPoints(places, clusterRadiusPx), [places, clusterRadiusPx])
  const extent = pointsExtent(points)
  const extentKey = extent ? `${extent.minLng},${extent.maxLng},${extent.minLat},${extent.maxLat}` : ''
  const base = useMemo(
    () => registerBaseMap(`guatu${chartId}${extentKey}`, boundaries, extent),
    // The extent as text: a live stage move gives new point objects at the same places.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [boundaries, extentKey, chartId],
  )
  const outlined = (boundaries.county?.features.length ?? 0) + (boundaries.townships?.features.length ?? 0) > 0
  const markers = useMemo(() => (pixelsPerDegree === undefined ? [] : clusters.markersAt(pixelsPerDegree, points)), [clusters, pixelsPerDegree, points])
  const pulse = useMemo(() => (pulseId === undefined ? undefined : points.find((point) => point.id === pulseId)), [points, pulseId])
  const [pulseAt, setPulseAt] = useState<{ x: number; y: number } | undefined>()
  const pulseRef = useRef(pulse)
  pulseRef.current = pulse
  // Where the scale is measured: the middle of the points (read by the chart's event handlers).
  const centerRef = useRef<[number, number]>([0, 0])
  if (extent) centerRef.current = [(extent.minLng + extent.maxLng) / 2, (extent.minLat + extent.maxLat) / 2]

  useEffect(() => {
    const element = box.current
    if (!element) return
    const instance = echarts.init(element, null, { renderer: 'canvas', ...(pixelRatio === undefined ? {} : { devicePixelRatio: pixelRatio }) })
    chart.current = instance
    setPalette(readMapPalette(element))
    // Cheap enough for every render: two conversions, never getOption() (a deep copy of every marker).
    const measure = () => {
      const [lng, lat] = centerRef.current
      const from = toPixel(instance, lng, lat)
      const to = toPixel(instance, lng + 0.1, lat)
      if (!from || !to) return
      const measured = Math.abs(to.x - from.x) * 10
      if (measured > 0) setPixelsPerDegree(zoomStep(measured))
      const latest = pulseRef.current
      const at = latest ? toPixel(instance, latest.lng, latest.lat) : undefined
      setPulseAt((current) => (current?.x === at?.x && current?.y === at?.y ? current : at))
      for (const listener of viewListeners.current) listener()
    }
    measureRef.current = measure
    instance.on('georoam', measure)
    instance.on('finished', measure)
    instance.on('click', (event) => {
      const data = event.data as { id?: string; value?: number[] } | undefined
      if (event.seriesId === 'projects' && data?.id) onOpenRef.current?.(data.id as ProjectId)
      else if (event.seriesId === 'clusters' && data?.value && roam) {
        // A bubble opens up: zoom in on it until its projects stand apart.
        const option = instance.getOption() as { geo?: { zoom?: number }[] }
        instance.setOption({ geo: { center: [data.value[0], data.value[1]], zoom: (option.geo?.[0]?.zoom ?? 1) * 2.5 } })
        measure()
      }
    })
    const resize = new ResizeObserver(() => {
      instance.resize()
      measure()
    })
    resize.observe(element)
    return () => {
      resize.disconnect()
      instance.dispose()
      chart.current = null
      measureRef.current = undefined
    }
  }, [roam, pixelRatio])

  // A new base map (another board's outlines, or the frame around the points) starts a new view;
  // so do tiles switched on or off (another projection: a merged option would keep the old one).
  useEffect(() => {
    chart.current?.clear()
    setPixelsPerDegree(undefined)
  }, [base, tiled])

  // The frame (outlines, shading, styles) only when it changes; the markers' data merge into it.
  useEffect(() => {
    const instance = chart.current
    if (!instance || !palette || !base) return
    instance.setOption(
      mapOption({ mapName: base.name, countyNames: base.countyNames, outlined, tiled, palette, symbolSize, roam, ...(shading ? { townships: shading } : {}) }),
      // The view (pan, zoom) is the chart's own: only the series and regions are replaced.
      { replaceMerge: ['series'] },
    )
    // setOption lays the geo out at once: measure now, not at the chart's first 'finished' (a frame
    // later, after whatever else the page renders meanwhile), so the markers follow straight away.
    measureRef.current?.()
    // The 乡镇 drawn, whatever the renderer: how a test sees that an upload reached an open page.
    box.current?.setAttribute('data-townships', (boundaries.townships?.features ?? []).map((feature) => feature.properties.name).join('、'))
  }, [base, palette, symbolSize, roam, shading, outlined, tiled, boundaries])

  // After the frame's effect (declared first), so a new frame gets its markers back at once. Live
  // moves alone redraw the canvas at most every MARKERS_EVERY_MS: during a meeting's burst each
  // redraw lays out and paints every marker, and a few redraws a second show every move.
  const markersDrawnAt = useRef(Number.NEGATIVE_INFINITY)
  const frameDrawn = useRef<unknown[]>([])
  useEffect(() => {
    const instance = chart.current
    if (!instance || !palette || !base) return
    const frame = [base, palette, symbolSize, roam, shading, outlined, tiled]
    const frameChanged = frame.some((value, index) => value !== frameDrawn.current[index])
    frameDrawn.current = frame
    const draw = () => {
      markersDrawnAt.current = performance.now()
      instance.setOption(markersOption({ markers, palette, symbolSize, ...(unit === undefined ? {} : { unit }) }))
      const drawn = markers.flatMap((marker) => (marker.kind === 'project' ? [marker.point] : marker.members))
      // What the canvas holds, for checks (a canvas has no elements to count).
      box.current?.setAttribute('data-drawn-points', String(drawn.length))
      box.current?.setAttribute('data-drawn-areas', String(drawn.filter((point) => point.area !== undefined).length))
    }
    const wait = markersDrawnAt.current + MARKERS_EVERY_MS - performance.now()
    if (frameChanged || wait <= 0) return draw()
    // A newer render replaces this one before it is drawn: the last markers are drawn on time.
    const timer = setTimeout(draw, wait)
    return () => clearTimeout(timer)
  }, [base, markers, palette, symbolSize, roam, unit, shading, outlined, tiled])

  // The pulse follows the latest move at once, without waiting for the chart's next render.
  useEffect(() => {
    const instance = chart.current
    const at = instance && pulse ? toPixel(instance, pulse.lng, pulse.lat) : undefined
    setPulseAt(at)
  }, [pulse, markers])

  return (
    <div className={`project-map ${props.className ?? ''}`}>
      <div className={tiled ? 'project-map-frame project-map-tiled' : 'project-map-frame'}>
        {tiles && base && (
          <TileLayer key={tiles.version ?? ''} boardId={tiles.boardId} version={tiles.version} chart={currentChart} subscribe={subscribeToView} />
        )}
        <div ref={box} className="project-map-chart" role="img" aria-label={label} data-testid="map-chart" />
        {tiles && tiles.attribution !== '' && (
          <span className="project-map-attribution" data-testid="map-attribution">
            {tiles.attribution}
          </span>
        )}
        {pulse && pulseAt && (
          <span
            key={pulse.id}
            className={`map-pulse light-${pulse.light}`}
            style={{ left: pulseAt.x, top: pulseAt.y }}
            data-testid="map-pulse"
            data-project-id={pulse.id}
            aria-hidden="true"
          />
        )}
      </div>
      {!base && (
        <p className="project-map-empty" data-testid="map-empty">
          暂无已标注位置的项目
        </p>
      )}
      {renderList?.(markers)}
    </div>
  )
})
