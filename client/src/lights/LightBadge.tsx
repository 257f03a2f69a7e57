import { memo } from 'react'
import { LIGHT_LABEL, type Light } from '@guatu/shared/progress/lights'
import './lights.css'

/** The card's worst light as a coloured dot with its word (红/黄/蓝), for people who cannot tell colours apart. */
export const LightBadge = memo(function LightBadge({ light, describedBy }: { light: Exclude<Light, 'green'>; describedBy?: string }) {
  return (
    <span className={`light-badge light-${light}`} data-testid="light-badge" data-light={light} aria-describedby={describedBy}>
      <span className="light-dot" aria-hidden="true" />
      {LIGHT_LABEL[light]}灯
    </span>
  )
})
