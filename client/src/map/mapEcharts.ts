import { CustomChart, ScatterChart, type CustomSeriesOption, type ScatterSeriesOption } from 'echarts/charts'
import { GeoComponent, type GeoComponentOption } from 'echarts/components'
import * as echarts from 'echarts/core'
import { CanvasRenderer } from 'echarts/renderers'

/**
 * Only what the map uses: the office's outlines as an ECharts geo (no online tiles by default:
 * government networks are often cut off from the internet), scatter markers, and custom series
 * for 项目范围 polygons and the office's optional tile service. The wall's pulse on the latest
 * move is a CSS ring over the chart (ProjectMap.tsx), not an animated series.
 *
 * Canvas everywhere, the wall included: with 2,000 projects the SVG renderer built and diffed
 * thousands of elements on every move (about a second on the wall). The wall stays sharp when
 * its 1920×1080 design is scaled to 4K because the chart draws at the scaled pixel ratio.
 */
echarts.use([ScatterChart, CustomChart, GeoComponent, CanvasRenderer])

export type MapSeriesOption = ScatterSeriesOption | CustomSeriesOption
export type MapChartOption = echarts.ComposeOption<MapSeriesOption | GeoComponentOption>

export { echarts }
