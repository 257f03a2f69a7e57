import { EffectScatterChart, ScatterChart, type EffectScatterSeriesOption, type ScatterSeriesOption } from 'echarts/charts'
import { GeoComponent, type GeoComponentOption } from 'echarts/components'
import * as echarts from 'echarts/core'
import { CanvasRenderer, SVGRenderer } from 'echarts/renderers'

/**
 * Only what the map uses: the office's outlines as an ECharts geo (no online tiles: government
 * networks are often cut off from the internet), scatter markers, and a pulsing ring for the
 * latest move on the wall. Both renderers: canvas on the board (thousands of points stay smooth
 * while panning), SVG on the wall (sharp when the 1920×1080 canvas is scaled to 4K).
 */
echarts.use([ScatterChart, EffectScatterChart, GeoComponent, CanvasRenderer, SVGRenderer])

export type MapChartOption = echarts.ComposeOption<ScatterSeriesOption | EffectScatterSeriesOption | GeoComponentOption>

export { echarts }
