import { formatYi, isWanAmount, wanToCents } from '@guatu/shared/domain/money'

/** "= 5.78 亿元" under an amount typed in 万元, so nobody is off by a factor of 10,000. */
export function yiHint(wan: string): string | undefined {
  const trimmed = wan.trim()
  return isWanAmount(trimmed) ? `= ${formatYi(wanToCents(trimmed))} 亿元` : undefined
}
