import { memo } from 'react'
import { LIGHT_LABEL, Light } from '@guatu/shared/progress/lights'
import './lights.css'

const SHOWN = [Light.red, Light.yellow, Light.blue] as const

/** "红 3 · 黄 5 · 蓝 2": each count with its colour and its word, never colour alone. */
export const LightCounts = memo(function LightCounts({
  counts,
  testId,
  compact = false,
}: {
  counts: Record<Light, number>
  testId?: string
  compact?: boolean
}) {
  const label = SHOWN.map((light) => `${LIGHT_LABEL[light]}灯 ${counts[light]} 个`).join('，')
  return (
    <span
      className={`light-counts${compact ? ' light-counts-compact' : ''}`}
      data-testid={testId}
      data-red={counts.red}
      data-yellow={counts.yellow}
      data-blue={counts.blue}
      aria-label={`预警：${label}`}
      title={label}
    >
      {SHOWN.map((light, index) => (
        <span key={light} className={`light-count light-${light}`} aria-hidden="true">
          {index > 0 && <span className="light-sep">·</span>}
          <span className="light-dot" />
          {LIGHT_LABEL[light]} {counts[light]}
        </span>
      ))}
    </span>
  )
})
