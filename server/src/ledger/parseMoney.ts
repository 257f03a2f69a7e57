import { isWanAmount, MONEY_CEILING_TEXT, wanTextToWan, yiTextToWan, type WanAmount } from '@guatu/shared/domain/money'
import { normalizeText, type LedgerCell } from './cellText.ts'

/** The unit a plain number in a money column is written in: the column header decides. */
export const MoneyUnit = {
  yi: 'yi',
  wan: 'wan',
} as const
export type MoneyUnit = (typeof MoneyUnit)[keyof typeof MoneyUnit]

export const MONEY_UNIT_LABEL: Record<MoneyUnit, string> = { yi: '亿元', wan: '万元' }

export type MoneyResult = { kind: 'empty' } | { kind: 'amount'; amount: WanAmount } | { kind: 'error'; message: string }

const EMPTY_MARKS = new Set(['', '-', '—', '——', '--', '/', '无', '\\'])
const DECIMAL = /^\d+(?:\.\d+)?$/

/**
 * Reads a money cell into 万元, exactly: the number is handled as decimal text, never multiplied
 * as a float, so 1.23 (亿元) is "12300" and a sum of 2,000 rows adds up to the 万元 cent.
 * Text may carry its own unit ("1.2亿元", "12,000万元", "1.2亿"), which wins over the column's.
 * Negative amounts and amounts finer than 0.01 万元 are errors, not roundings: the ledger is
 * the office's figure, and silently changing it would make the 合计 disagree.
 */
export function parseLedgerMoney(cell: LedgerCell, columnUnit: MoneyUnit): MoneyResult {
  const compact = normalizeText(cell.text).replace(/[,，\s]/g, '')
  if (cell.number === undefined && EMPTY_MARKS.has(compact)) return { kind: 'empty' }
  if (/^[-−]/.test(compact) || (cell.number !== undefined && cell.number < 0)) {
    return { kind: 'error', message: `金额不能为负数：${cell.text}` }
  }
  const match = /^(.*?)(亿元|亿|万元|万)?$/.exec(compact)
  const digits = match?.[1] ?? ''
  const unit: MoneyUnit = match?.[2] === undefined ? columnUnit : match[2].startsWith('亿') ? MoneyUnit.yi : MoneyUnit.wan
  if (!DECIMAL.test(digits)) return { kind: 'error', message: `金额无法识别：${cell.text}` }
  const amount = unit === MoneyUnit.yi ? yiTextToWan(digits) : wanTextToWan(digits)
  if (amount === undefined) {
    return { kind: 'error', message: `金额最多精确到0.01万元（${unit === MoneyUnit.yi ? '亿元最多6位小数' : '万元最多2位小数'}）：${cell.text}` }
  }
  if (!isWanAmount(amount)) return { kind: 'error', message: `金额超过上限${MONEY_CEILING_TEXT}：${cell.text}` }
  return { kind: 'amount', amount }
}

/** 万元 (exact string) → 亿元 as exact decimal text with up to 6 decimals: "12345.67" → "1.234567". */
export function wanToYiText(amount: WanAmount): string {
  const [whole = '0', fraction = ''] = amount.split('.')
  const padded = whole.padStart(5, '0')
  const yiWhole = padded.slice(0, -4).replace(/^0+(?=\d)/, '')
  const yiFraction = (padded.slice(-4) + fraction).replace(/0+$/, '')
  return yiFraction ? `${yiWhole}.${yiFraction}` : yiWhole
}
