import { memo } from 'react'
import { STAGE_LABEL, STAGES, type Stage } from '@guatu/shared/domain/stage'
import { Light } from '@guatu/shared/progress/lights'
import { STAGE_SYMBOL } from './mapOption.ts'

const LIGHT_KEYS: readonly { light: Light; label: string }[] = [
  { light: Light.red, label: '红灯' },
  { light: Light.yellow, label: '黄灯' },
  { light: Light.blue, label: '蓝灯' },
  { light: Light.green, label: '无预警' },
]

/** The same shapes ECharts draws for each stage (mapOption.ts, STAGE_SYMBOL), as small SVGs. */
function StageShape({ stage }: { stage: Stage }) {
  const shape = STAGE_SYMBOL[stage]
  return (
    <svg className="map-legend-shape" viewBox="0 0 16 16" aria-hidden="true">
      {shape === 'circle' && <circle cx="8" cy="8" r="6" />}
      {shape === 'diamond' && <polygon points="8,1 15,8 8,15 1,8" />}
      {shape === 'triangle' && <polygon points="8,1 15,15 1,15" />}
      {shape === 'rect' && <rect x="2" y="2" width="12" height="12" />}
    </svg>
  )
}

/** 图例: the colour is the light, the shape the stage. */
export const MapLegend = memo(function MapLegend({ className }: { className?: string }) {
  return (
    <div className={`map-legend ${className ?? ''}`} aria-label="图例" role="group" data-testid="map-legend">
      <span className="map-legend-group">
        {LIGHT_KEYS.map(({ light, label }) => (
          <span key={light} className={`map-legend-item map-legend-light-${light}`}>
            <span className="map-legend-swatch" aria-hidden="true" />
            {label}
          </span>
        ))}
      </span>
      <span className="map-legend-group">
        {STAGES.map((stage) => (
          <span key={stage} className="map-legend-item">
            <StageShape stage={stage} />
            {STAGE_LABEL[stage]}
          </span>
        ))}
      </span>
    </div>
  )
})
