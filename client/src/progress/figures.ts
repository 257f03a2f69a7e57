import { formatYi } from '@guatu/shared/domain/money'
import { GapStatus, type Completion } from '@guatu/shared/progress/completion'
import { formatPercent, type Rate } from '@guatu/shared/progress/fraction'
import { TargetMeasure } from '@guatu/shared/progress/boardProgress'

/** A count, or WanCents shown in 亿元, as the measure says. */
export function formatMeasure(value: number, measure: TargetMeasure): string {
  return measure === TargetMeasure.count || measure === TargetMeasure.countAtLeastYi ? `${value} 个` : `${formatYi(value)} 亿元`
}

export function formatRate(rate: Rate | null): string {
  return rate === null ? '—' : formatPercent(rate.percentTenths)
}

/** CSS class of a gap: 超 green, 滞后 red, 持平 neutral. */
export function gapClass(completion: Completion): string {
  switch (completion.status) {
    case GapStatus.ahead:
      return 'gap-ahead'
    case GapStatus.behind:
      return 'gap-behind'
    default:
      return 'gap-even'
  }
}

/** A mark in front of the gap text (which itself says 超/滞后/持平), so it never depends on colour. */
export const GAP_MARK: Record<GapStatus, string> = { ahead: '▲', behind: '▼', even: '＝' }
