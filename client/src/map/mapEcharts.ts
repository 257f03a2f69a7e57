import { ScatterChart, type ScatterSeriesOption } from 'echarts/charts'
import { GeoComponent, type GeoComponentOption } from 'echarts/components'
import * as echarts from 'echarts/core'
import { CanvasRenderer, SVGRenderer } from 'echarts/renderers'

/**
 * Only what the map uses: the office's outlines as an ECharts geo (no online tiles: government
 * networks are often cut off from the internet) and scatter markers. The wall's pulse on the
 * latest move is a CSS ring over the chart (ProjectMap.tsx), not an animated series: an animated
 * series makes the SVG renderer diff every marker on every frame. Both renderers: canvas on the board (thousands of points stay smooth
 * while panning), SVG on the wall (sharp when the 1920×1080 canvas is scaled to 4K).
 */
echarts.use([ScatterChart, GeoComponent, CanvasRenderer, SVGRenderer])

export type MapChartOption = echarts.ComposeOption<ScatterSeriesOption | GeoComponentOption>

export { echarts }
