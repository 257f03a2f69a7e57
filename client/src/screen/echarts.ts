import { BarChart, LineChart, PieChart, type BarSeriesOption, type LineSeriesOption, type PieSeriesOption } from 'echarts/charts'
import { GridComponent, LegendComponent, type GridComponentOption, type LegendComponentOption } from 'echarts/components'
import * as echarts from 'echarts/core'
import { SVGRenderer } from 'echarts/renderers'

/**
 * Only what the wall's charts use, so the screen chunk carries a fraction of ECharts. SVG rather
 * than canvas: the screen is drawn on a 1920×1080 canvas scaled to the display, and vectors stay
 * sharp on a 4K wall where a canvas would be upscaled and blurred.
 */
echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, SVGRenderer])

export type ScreenChartOption = echarts.ComposeOption<BarSeriesOption | LineSeriesOption | PieSeriesOption | GridComponentOption | LegendComponentOption>

export { echarts }
