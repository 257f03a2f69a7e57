/**
 * Money is exact. The document stores amounts as decimal strings in 万元 with at most two decimals
 * ("57800", "350.5"); arithmetic happens on integer hundredths of 万元 (one unit = 100 元), so a
 * sum over thousands of projects never drifts the way a float sum does.
 */
export type WanAmount = string & { readonly __brand: 'WanAmount' }
/** Integer number of hundredths of 万元; a sum of them stays exact (see addCents). */
export type WanCents = number & { readonly __brand: 'WanCents' }

/** How an amount is written (digits, at most two decimals); MAX_WAN bounds its value. */
export const WAN_AMOUNT_PATTERN = /^(0|[1-9]\d{0,11})(\.\d{1,2})?$/
const CENTS_PER_WAN = 100
const WAN_PER_YI = 10_000
const CENTS_PER_YI = CENTS_PER_WAN * WAN_PER_YI

/**
 * The largest amount one project (or one target) may carry: 10,000 亿元 = 100,000,000 万元. The
 * largest single investments in China are a few thousand 亿元; a county's never come near. The
 * ceiling is what keeps board sums exact: at most 10^10 cents each, MAX_EXACT_SUM_TERMS amounts
 * (900,719, far past any board) add up below Number.MAX_SAFE_INTEGER.
 */
export const MAX_WAN = 100_000_000
export const MAX_YI = MAX_WAN / WAN_PER_YI
export const MAX_WAN_CENTS = MAX_WAN * CENTS_PER_WAN
export const MAX_EXACT_SUM_TERMS = Math.floor(Number.MAX_SAFE_INTEGER / MAX_WAN_CENTS)
/** The ceiling as people write it, for messages: "10000亿元（100000000万元）". */
export const MONEY_CEILING_TEXT = `${MAX_YI}亿元（${MAX_WAN}万元）`

export const ZERO_WAN = '0' as WanAmount

/** Written as an amount, whatever its size (see isWanAmount for the ceiling as well). */
export function isWanAmountText(value: unknown): value is string {
  return typeof value === 'string' && WAN_AMOUNT_PATTERN.test(value)
}

/** An amount written correctly and no more than the ceiling (MAX_WAN). */
export function isWanAmount(value: unknown): value is WanAmount {
  return isWanAmountText(value) && withinMoneyCeiling(value)
}

/** Whether an amount written as `text` (see isWanAmountText) is at most MAX_WAN. */
export function withinMoneyCeiling(text: string): boolean {
  const cents = parseScaledDecimal(text, 2)
  return cents !== undefined && cents <= MAX_WAN_CENTS
}

/**
 * Adds hundredths of 万元 and asserts that the total is still exact. With every amount under the
 * ceiling this cannot fail for a real board; if it ever does, a wrong total shown to a 调度会 or
 * written to an export is worse than a refusal, so it throws instead of rounding silently.
 */
export function addCents(total: number, cents: number): WanCents {
  const sum = total + cents
  if (!Number.isSafeInteger(sum)) throw new RangeError(`金额合计超出可精确计算的范围（${total} + ${cents}）`)
  return sum as WanCents
}

/** Parses a non-negative decimal string into an integer scaled by 10^digits, without floats. */
function parseScaledDecimal(text: string, digits: number): number | undefined {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(text.trim())
  if (!match) return undefined
  const whole = match[1] ?? '0'
  const fraction = match[2] ?? ''
  if (fraction.length > digits && /[1-9]/.test(fraction.slice(digits))) return undefined
  const scaled = Number(whole + fraction.slice(0, digits).padEnd(digits, '0'))
  return Number.isSafeInteger(scaled) ? scaled : undefined
}

/**
 * Amounts read before: the wall and the board sum every project's money on each batch of moves,
 * and a board holds a few thousand distinct amounts. Cleared when it grows past any real board.
 */
const centsOfAmount = new Map<string, WanCents>()
const MAX_REMEMBERED_AMOUNTS = 50_000

export function wanToCents(amount: WanAmount): WanCents {
  const known = centsOfAmount.get(amount)
  if (known !== undefined) return known
  const cents = (parseScaledDecimal(amount, 2) ?? 0) as WanCents
  if (centsOfAmount.size >= MAX_REMEMBERED_AMOUNTS) centsOfAmount.clear()
  centsOfAmount.set(amount, cents)
  return cents
}

export function centsToWan(cents: number): WanAmount {
  if (!Number.isSafeInteger(cents) || cents < 0) throw new RangeError(`金额无效: ${cents}`)
  const whole = Math.floor(cents / CENTS_PER_WAN)
  const fraction = cents % CENTS_PER_WAN
  if (fraction === 0) return String(whole) as WanAmount
  return `${whole}.${String(fraction).padStart(2, '0').replace(/0$/, '')}` as WanAmount
}

/** Reads an amount written in 亿元 ("5.78") as 万元 exactly; undefined when it is not a plain amount. */
export function yiTextToWan(text: string): WanAmount | undefined {
  const cents = parseScaledDecimal(text, 6)
  return cents === undefined ? undefined : centsToWan(cents)
}

/** Reads an amount written in 万元 ("12000", "350.5"); undefined when it is not a plain amount. */
export function wanTextToWan(text: string): WanAmount | undefined {
  const cents = parseScaledDecimal(text, 2)
  return cents === undefined ? undefined : centsToWan(cents)
}

export function sumCents(amounts: Iterable<WanAmount>): WanCents {
  let total = 0 as WanCents
  for (const amount of amounts) total = addCents(total, wanToCents(amount))
  return total
}

/** Formats hundredths of 万元 as 亿元 with two decimals, rounding half up: 5780000 → "5.78". */
export function formatYi(cents: number, decimals = 2): string {
  const unit = CENTS_PER_YI / 10 ** decimals
  const rounded = Math.round(cents / unit)
  const whole = Math.floor(rounded / 10 ** decimals)
  if (decimals === 0) return String(whole)
  const fraction = String(rounded % 10 ** decimals).padStart(decimals, '0')
  return `${whole}.${fraction}`
}

/** Formats an amount for a card: "5.78亿元" from 1亿 up, "350万元" below. */
export function formatMoneyLabel(amount: WanAmount): string {
  const cents = wanToCents(amount)
  if (cents >= CENTS_PER_YI) return `${formatYi(cents)}亿元`
  return `${amount}万元`
}
