import { formatYi } from '@guatu/shared/domain/money'
import { Stage } from '@guatu/shared/domain/stage'
import type { BoundaryCollection, Boundaries } from './boundariesApi.ts'
import { echarts, type MapChartOption, type MapSeriesOption } from './mapEcharts.ts'
import type { MapPalette } from './mapPalette.ts'
import type { MapMarker, MapPoint } from './mapPoints.ts'
import type { TownshipFigure } from './townships.ts'
import { project, unproject } from './webMercator.ts'

/** A stage is a shape (the colour is the light's): 谋划 ○, 签约 ◇, 开工 △, 投产 □. */
export const STAGE_SYMBOL: Record<Stage, 'circle' | 'diamond' | 'triangle' | 'rect'> = {
  planning: 'circle',
  signed: 'diamond',
  started: 'triangle',
  producing: 'rect',
}

/** 乡镇 shading: by nothing, by how many projects, or by their 总投资. */
export const Choropleth = { none: 'none', count: 'count', investment: 'investment' } as const
export type Choropleth = (typeof Choropleth)[keyof typeof Choropleth]
export const CHOROPLETH_LABEL: Record<Choropleth, string> = { none: '不着色', count: '按项目个数', investment: '按总投资' }

type Extent = { minLng: number; maxLng: number; minLat: number; maxLat: number }

/**
 * Registers the outlines to draw under the points, and returns the name to draw them by. Without
 * the office's outlines the map is an invisible frame around the points' extent, so the points
 * still sit where they are relative to one another.
 */
export function registerBaseMap(
  name: string,
  boundaries: Boundaries,
  extent: Extent | undefined,
): { name: string; countyNames: ReadonlySet<string> } | undefined {
  const features: BoundaryCollection['features'] = []
  const countyNames = new Set<string>()
  for (const feature of boundaries.townships?.features ?? []) features.push(feature)
  for (const feature of boundaries.county?.features ?? []) {
    features.push(feature)
    countyNames.add(feature.properties.name)
  }
  if (features.length === 0) {
    if (!extent) return undefined
    const { minLng, maxLng, minLat, maxLat } = extent
    const frame = [
      [minLng, minLat],
      [maxLng, minLat],
      [maxLng, maxLat],
      [minLng, maxLat],
      [minLng, minLat],
    ] as [number, number][]
    features.push({ type: 'Feature', properties: { name: '' }, geometry: { type: 'Polygon', coordinates: [frame] } })
  }
  // ECharts' own GeoJSON type is looser than ours (validated in boundariesApi.ts).
  echarts.registerMap(name, { type: 'FeatureCollection', features } as unknown as Parameters<typeof echarts.registerMap>[1])
  return { name, countyNames }
}

export interface MapOptionInput {
  readonly mapName: string
  readonly countyNames: ReadonlySet<string>
  /** Whether the office's outlines are drawn (else the frame is invisible). */
  readonly outlined: boolean
  /**
   * Whether the office's tiles are drawn under the chart (TileLayer.tsx): the geo then uses their
   * Web-Mercator projection, so tiles are squares, and leaves the land unfilled so they show.
   */
  readonly tiled?: boolean
  readonly markers: readonly MapMarker[]
  readonly palette: MapPalette
  readonly symbolSize: number
  readonly roam: boolean
  readonly townships?: { readonly mode: Choropleth; readonly figures: readonly TownshipFigure[] }
  /** During a meeting on the wall: the reporting unit's projects stand out, the others are dimmed. */
  readonly unit?: string
  /** Keep the user's pan and zoom: only on the first option is the view set. */
  readonly view?: { readonly center?: number[]; readonly zoom?: number }
}

const DIMMED_OPACITY = 0.22

type MarkerStyleInput = Pick<MapOptionInput, 'palette' | 'symbolSize' | 'unit'>

function pointItem(point: MapPoint, input: MarkerStyleInput) {
  const dimmed = input.unit !== undefined && point.unit !== input.unit
  return {
    id: point.id,
    name: point.name,
    value: [point.lng, point.lat],
    symbol: STAGE_SYMBOL[point.stage],
    // Triangles and diamonds look smaller than circles of the same box: a little larger.
    symbolSize: point.stage === Stage.planning || point.stage === Stage.producing ? input.symbolSize : input.symbolSize * 1.2,
    itemStyle: { color: input.palette.light[point.light], opacity: dimmed ? DIMMED_OPACITY : 1 },
  }
}

function clusterItem(marker: Extract<MapMarker, { kind: 'cluster' }>, input: MarkerStyleInput) {
  const dimmed = input.unit !== undefined && !marker.members.some((member) => member.unit === input.unit)
  return {
    id: marker.key,
    name: `${marker.members.length}个项目`,
    value: [marker.lng, marker.lat, marker.members.length],
    symbolSize: input.symbolSize * (1.5 + Math.min(1.5, Math.log10(marker.members.length))),
    itemStyle: { color: input.palette.light[marker.light], opacity: dimmed ? DIMMED_OPACITY : 0.9 },
  }
}

/** How much of an area's colour fills it: enough to see the parcel, little enough to read the map through it. */
const AREA_FILL_OPACITY = 0.14

/**
 * 项目范围 as polygons under the points, outlined in the project's light (a custom series: ECharts
 * has no polygon layer on a geo of its own, and a custom series draws each ring in one path).
 */
function areaSeries(points: readonly MapPoint[], input: MarkerStyleInput): MapSeriesOption {
  const withArea = points.filter((point) => point.area !== undefined)
  return {
    type: 'custom',
    id: 'areas',
    data: withArea.map((point) => ({ id: point.id, name: point.name, value: [point.lng, point.lat] })),
    renderItem: (params, api) => {
      const point = withArea[params.dataIndex]
      if (!point?.area) return null
      const dimmed = input.unit !== undefined && point.unit !== input.unit
      const colour = input.palette.light[point.light]
      return {
        type: 'polygon',
        shape: { points: point.area.map(([lng, lat]) => api.coord([lng, lat])) },
        style: { fill: colour, fillOpacity: AREA_FILL_OPACITY, stroke: colour, lineWidth: 1.5, opacity: dimmed ? DIMMED_OPACITY : 0.85 },
      }
    },
  }
}

function townshipRegions(input: Pick<MapOptionInput, 'townships' | 'palette'>) {
  const shading = input.townships
  if (!shading || shading.mode === Choropleth.none) return []
  const valueOf = (figure: TownshipFigure) => (shading.mode === Choropleth.count ? figure.count : figure.totalCents)
  const top = Math.max(1, ...shading.figures.map(valueOf))
  return shading.figures.map((figure) => ({
    name: figure.name,
    itemStyle: { areaColor: `rgba(${input.palette.fillRgb}, ${(0.06 + (0.34 * valueOf(figure)) / top).toFixed(3)})` },
    // Printed, since nobody hovers over a wall: the 乡镇, its count and its 亿元.
    label: {
      show: true,
      formatter: shading.mode === Choropleth.count ? `${figure.name}\n${figure.count}个` : `${figure.name}\n${formatYi(figure.totalCents)}亿元`,
    },
  }))
}

/** The frame of the chart: outlines (shaded per 乡镇 when asked) and the layers' styles, without data. */
export function mapOption(input: Omit<MapOptionInput, 'markers'>): MapChartOption {
  const { palette } = input
  const countyRegions = [...input.countyNames].map((name) => ({
    name,
    itemStyle: { areaColor: 'transparent', borderColor: palette.countyBorder, borderWidth: 2.5 },
    label: { show: false },
  }))
  return {
    animation: false,
    textStyle: { fontFamily: palette.font, color: palette.ink },
    geo: {
      map: input.mapName,
      roam: input.roam,
      ...input.view,
      scaleLimit: { min: 0.5, max: 40 },
      // Degrees of longitude are shorter than degrees of latitude away from the equator: without
      // tiles a fixed aspect does; with tiles, the tiles' own projection (it includes the same).
      ...(input.tiled ? { projection: { project, unproject } } : { aspectScale: 0.85 }),
      layoutCenter: ['50%', '50%'],
      layoutSize: '94%',
      selectedMode: false,
      itemStyle: input.outlined
        ? { areaColor: input.tiled ? 'transparent' : palette.land, borderColor: palette.border, borderWidth: 1 }
        : { areaColor: 'transparent', borderColor: 'transparent', borderWidth: 0 },
      label: { show: input.outlined, color: palette.inkMuted, fontSize: 12 },
      emphasis: { disabled: true },
      regions: [...townshipRegions(input), ...countyRegions],
    },
    series: [
      { type: 'custom', id: 'areas', coordinateSystem: 'geo', silent: true, z: 2, data: [] },
      {
        type: 'scatter',
        id: 'projects',
        coordinateSystem: 'geo',
        data: [],
        itemStyle: { borderColor: palette.pointEdge, borderWidth: 1.2 },
        emphasis: { scale: 1.3 },
        z: 3,
      },
      {
        type: 'scatter',
        id: 'clusters',
        coordinateSystem: 'geo',
        symbol: 'circle',
        data: [],
        itemStyle: { borderColor: palette.pointEdge, borderWidth: 2 },
        label: {
          show: true,
          formatter: (item) => String((item.value as number[])[2] ?? ''),
          color: palette.pointEdge,
          fontWeight: 'bold',
          fontSize: input.symbolSize * 0.8,
        },
        z: 4,
      },
    ],
  }
}

/**
 * Only the layers' data, merged into the frame by series id: a live move redraws the markers and
 * leaves the outlines, the view and every style alone.
 */
export function markersOption(input: Pick<MapOptionInput, 'markers' | 'palette' | 'symbolSize' | 'unit'>): MapChartOption {
  const projects = input.markers.flatMap((marker) => (marker.kind === 'project' ? [pointItem(marker.point, input)] : []))
  const clusters = input.markers.flatMap((marker) => (marker.kind === 'cluster' ? [clusterItem(marker, input)] : []))
  return {
    series: [
      areaSeries(
        input.markers.flatMap((marker) => (marker.kind === 'project' ? [marker.point] : marker.members)),
        input,
      ),
      { type: 'scatter', id: 'projects', data: projects },
      { type: 'scatter', id: 'clusters', data: clusters },
    ],
  }
}
