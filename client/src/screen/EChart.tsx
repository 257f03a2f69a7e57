import { memo, useEffect, useRef } from 'react'
import { echarts, type ScreenChartOption } from './echarts.ts'

/**
 * One ECharts instance filling its box, following the box's size. Nothing on the wall reacts to
 * the pointer (no tooltip, no hover emphasis): every figure is printed on the chart itself.
 */
export const EChart = memo(function EChart({ option, label }: { option: ScreenChartOption; label: string }) {
  const box = useRef<HTMLDivElement>(null)
  const chart = useRef<echarts.EChartsType | null>(null)

  useEffect(() => {
    const element = box.current
    if (!element) return
    const instance = echarts.init(element, null, { renderer: 'svg' })
    chart.current = instance
    const resize = new ResizeObserver(() => instance.resize())
    resize.observe(element)
    return () => {
      resize.disconnect()
      instance.dispose()
      chart.current = null
    }
  }, [])

  useEffect(() => {
    chart.current?.setOption(option)
  }, [option])

  return <div ref={box} className="sw-screen-chart" role="img" aria-label={label} />
})
