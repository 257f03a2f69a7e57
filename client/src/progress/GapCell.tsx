import { memo } from 'react'
import type { Completion } from '@guatu/shared/progress/completion'
import { GAP_MARK, gapClass } from './figures.ts'
import './progress.css'

/** "▼ 滞后序时进度 15.0 个百分点" in red, "▲ 超序时进度 …" in green; "—" without a target. */
export const GapCell = memo(function GapCell({ completion }: { completion: Completion }) {
  if (completion.text === null || completion.status === null) return <td className="gap-none">—</td>
  return (
    <td className={`gap-cell ${gapClass(completion)}`} data-gap-status={completion.status} data-gap-tenths={completion.gapTenths}>
      <span className="gap-mark" aria-hidden="true">
        {GAP_MARK[completion.status]}
      </span>{' '}
      {completion.text}
    </td>
  )
})
