import { memo } from 'react'
import { LIGHT_LABEL, LIGHT_RULE_LABEL, type FiredLight } from '@guatu/shared/progress/lights'
import './lights.css'

/** Every rule that fired, in plain Chinese: "进度 · 红灯：计划开工时间…已过37天仍未开工". */
export const LightReasons = memo(function LightReasons({ lights, id, className }: { lights: readonly FiredLight[]; id?: string; className?: string }) {
  return (
    <ul id={id} className={`light-reasons${className ? ` ${className}` : ''}`} data-testid="light-reasons">
      {lights.map((light) => (
        <li key={light.rule} className={`light-reason light-${light.light}`} data-rule={light.rule} data-light={light.light}>
          <span className="light-dot" aria-hidden="true" />
          <strong>
            {LIGHT_RULE_LABEL[light.rule]} · {LIGHT_LABEL[light.light]}灯
          </strong>
          ：{light.reason}
        </li>
      ))}
    </ul>
  )
})
