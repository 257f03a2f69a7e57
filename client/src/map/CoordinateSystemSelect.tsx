import { memo } from 'react'
import { COORDINATE_SYSTEM_LABEL, COORDINATE_SYSTEMS, isCoordinateSystem, type CoordinateSystem } from '@guatu/shared/geo/coordinateSystem'

/**
 * Which map a typed or pasted point was copied from: the board keeps WGS-84, so a 高德 or 百度
 * point is converted (geo/coordinateSystem.ts), and the panel says into what before it is saved.
 */
export const CoordinateSystemSelect = memo(function CoordinateSystemSelect({
  value,
  onChange,
  testId,
}: {
  value: CoordinateSystem
  onChange: (system: CoordinateSystem) => void
  testId: string
}) {
  return (
    <label>
      坐标系
      <select
        value={value}
        data-testid={testId}
        onChange={(event) => {
          if (isCoordinateSystem(event.target.value)) onChange(event.target.value)
        }}
      >
        {COORDINATE_SYSTEMS.map((system) => (
          <option key={system} value={system}>
            {COORDINATE_SYSTEM_LABEL[system]}
          </option>
        ))}
      </select>
    </label>
  )
})
