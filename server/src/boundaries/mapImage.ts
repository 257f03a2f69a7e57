import type * as ECharts from 'echarts'
import type { BoundariesResponse } from '@guatu/shared/api/boundaries'
import type { Stage } from '@guatu/shared/domain/stage'
import type { Light } from '@guatu/shared/progress/lights'
import type { ProjectPointFeature } from './projectsGeoJson.ts'
import { loadSharp } from '../imaging/loadSharp.ts'

/**
 * The map as a PNG for the 月报 and the minutes: ECharts rendered on the server to SVG (no browser,
 * no canvas), then rasterised by sharp (librsvg, with the machine's CJK fonts for the 乡镇 names).
 * Points coloured by light, shaped by stage, over the office's own boundaries: no online tiles.
 */
export interface MapImageInput {
  title: string
  boundaries: BoundariesResponse
  points: readonly ProjectPointFeature[]
  /** 项目范围 of placed projects, drawn as light polygons in the project's light under the points. */
  areas?: readonly MapImageArea[]
  width: number
  height: number
}

export interface MapImageArea {
  id: string
  ring: readonly (readonly [number, number])[]
  light: Light
}

/** Print colours, fixed: a PNG pasted into a Word document has no theme to follow. */
const LIGHT_COLOUR: Record<Light, string> = { red: '#d93025', yellow: '#f2a600', blue: '#1a73e8', green: '#188038' }
const STAGE_SYMBOL: Record<Stage, string> = { planning: 'circle', signed: 'diamond', started: 'triangle', producing: 'rect' }

/** Light enough to read the 乡镇 names through a parcel. */
const AREA_FILL_OPACITY = 0.18

export const MAP_IMAGE_LIMITS = { minSide: 200, maxSide: 4000 } as const

/** The PNG, and where each project was drawn (pixels), which the tests check. */
export async function renderMapPng(input: MapImageInput): Promise<{ png: Buffer; drawnAt: Map<string, [number, number]> }> {
  // Loaded at the first map image: ECharts is some 3 MB of code a server drawing no map never needs.
  const echarts: typeof ECharts = await import('echarts')
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: input.width, height: input.height })
  try {
    // ECharts keeps maps by name, process-wide. Registering, drawing and serialising run without
    // an await in between, so two boards rendered at once never see each other's map.
    const mapName = 'guatu-board'
    // The county first: drawn after them, it would cover the 乡镇 borders.
    const features = [...(input.boundaries.county?.features ?? []), ...(input.boundaries.townships?.features ?? [])]
    const withMap = features.length > 0
    const areas = input.areas ?? []
    if (withMap) echarts.registerMap(mapName, { type: 'FeatureCollection', features } as unknown as Parameters<typeof ECharts.registerMap>[1])
    chart.setOption({
      animation: false,
      backgroundColor: '#ffffff',
      title: { text: input.title, left: 'center', top: 12, textStyle: { fontFamily: 'Noto Sans CJK SC', fontSize: 20, color: '#202124' } },
      geo: withMap
        ? {
            map: mapName,
            roam: false,
            top: 56,
            bottom: 24,
            label: { show: true, fontFamily: 'Noto Sans CJK SC', fontSize: 12, color: '#5f6368' },
            itemStyle: { areaColor: '#f1f3f4', borderColor: '#9aa0a6', borderWidth: 1 },
          }
        : undefined,
      xAxis: withMap ? undefined : { type: 'value', scale: true, show: false },
      yAxis: withMap ? undefined : { type: 'value', scale: true, show: false },
      series: [
        {
          // Under the points: a parcel is the ground the project stands on.
          type: 'custom',
          coordinateSystem: withMap ? 'geo' : 'cartesian2d',
          silent: true,
          z: 1,
          data: areas.map((area) => area.ring[0]),
          renderItem: (params: { dataIndex: number }, api: { coord: (at: readonly number[]) => number[] }) => {
            const area = areas[params.dataIndex]
            if (!area) return null
            const colour = LIGHT_COLOUR[area.light]
            return {
              type: 'polygon',
              shape: { points: area.ring.map((vertex) => api.coord(vertex)) },
              style: { fill: colour, fillOpacity: AREA_FILL_OPACITY, stroke: colour, lineWidth: 1.5 },
            }
          },
        },
        {
          type: 'scatter',
          z: 2,
          coordinateSystem: withMap ? 'geo' : 'cartesian2d',
          symbolSize: 12,
          data: input.points.map((point) => ({
            name: point.properties.name,
            value: point.geometry.coordinates,
            symbol: STAGE_SYMBOL[point.properties.stage],
            itemStyle: { color: LIGHT_COLOUR[point.properties.light], borderColor: '#ffffff', borderWidth: 1 },
          })),
        },
      ],
    })
    const drawnAt = new Map<string, [number, number]>()
    for (const point of input.points) {
      const pixel = chart.convertToPixel(withMap ? { geoIndex: 0 } : { seriesIndex: 0 }, point.geometry.coordinates) as number[] | undefined
      if (pixel) drawnAt.set(point.id, [pixel[0]!, pixel[1]!])
    }
    const svg = chart.renderToSVGString()
    const sharp = await loadSharp()
    const png = await sharp(Buffer.from(svg)).png().toBuffer()
    return { png, drawnAt }
  } finally {
    chart.dispose()
  }
}
