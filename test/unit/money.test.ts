import { describe, expect, test } from 'vitest'
import { generateDemoLedger } from '@guatu/shared/demo/generateLedger'
import {
  centsToWan,
  formatMoneyLabel,
  formatYi,
  isWanAmount,
  sumCents,
  wanTextToWan,
  yiTextToWan,
  type WanAmount,
} from '@guatu/shared/domain/money'
import { checkProjectField } from '@guatu/shared/domain/project'

const MONEY_FIELDS = ['totalInvestment', 'annualPlanInvestment', 'completedInvestment'] as const
/** 亿元 written to the millionth (one hundredth of 万元), as a ledger exported from a spreadsheet may. */
const YI_DECIMALS = 6

/** Writes a 万元 amount as 亿元 text with BigInt only, independent of the code under test. */
function wanToYiText(wan: string): string {
  const [whole = '0', fraction = ''] = wan.split('.')
  const millionths = BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0'))
  const text = millionths.toString().padStart(YI_DECIMALS + 1, '0')
  return `${text.slice(0, -YI_DECIMALS)}.${text.slice(-YI_DECIMALS)}`
}

/** Millionths of 亿元 (= hundredths of 万元) from 亿元 text, with BigInt only. */
function yiTextToMillionths(yi: string): bigint {
  const [whole = '0', fraction = ''] = yi.split('.')
  return BigInt(whole) * 10n ** BigInt(YI_DECIMALS) + BigInt(fraction.padEnd(YI_DECIMALS, '0'))
}

describe('money', () => {
  test('the sums of 2,000 projects read from 亿元 text are exact to the 百元', () => {
    const { projects } = generateDemoLedger({ seed: 7, count: 2000 })
    for (const field of MONEY_FIELDS) {
      const yiTexts = projects.map((project) => wanToYiText(project[field]))
      const expected = yiTexts.reduce((total, yi) => total + yiTextToMillionths(yi), 0n)
      const amounts = yiTexts.map((yi) => yiTextToWan(yi) ?? ('invalid' as WanAmount))

      expect(amounts.filter((amount) => !isWanAmount(amount))).toEqual([])
      expect(BigInt(sumCents(amounts))).toBe(expected)
      const roundedHundredthsOfYi = (expected + 5_000n) / 10_000n
      const expectedYiText = `${roundedHundredthsOfYi / 100n}.${String(roundedHundredthsOfYi % 100n).padStart(2, '0')}`
      expect(formatYi(sumCents(amounts))).toBe(expectedYiText)
    }
  })

  test('demo completed investments are reported to the 百元, so a float sum of them drifts and the exact one does not', () => {
    const { projects } = generateDemoLedger({ seed: 7, count: 2000 })
    const amounts = projects.map((project) => project.completedInvestment)
    const floatSum = amounts.reduce((total, wan) => total + Number(wan), 0)

    expect(amounts.some((wan) => /\.\d\d$/.test(wan))).toBe(true)
    expect(String(floatSum)).not.toBe(centsToWan(sumCents(amounts)))
  })

  test.each([
    ['5.78', '57800'],
    ['0', '0'],
    ['0.000001', '0.01'],
    ['5.780000000', '57800'],
    [' 5.78 ', '57800'],
    ['62.2', '622000'],
    ['0.0350', '350'],
  ])('亿元 text %j reads as %s 万元', (yi, wan) => {
    expect(yiTextToWan(yi)).toBe(wan)
  })

  test.each(['0.0000001', '-1', '1e3', '', '5.', '.5', '12,000', '5.78亿', 'abc'])(
    '亿元 text %j is not an amount',
    (yi) => {
      expect(yiTextToWan(yi)).toBeUndefined()
    },
  )

  test.each([
    [5_780_000, 2, '5.78'],
    [5_000, 2, '0.01'],
    [4_999, 2, '0.00'],
    [0, 2, '0.00'],
    [1_500_000, 0, '2'],
    [1_499_999, 0, '1'],
    [123, 4, '0.0001'],
    [62_200_000_000, 2, '62200.00'],
  ])('formatYi(%d, %d) rounds half up to %s', (cents, decimals, text) => {
    expect(formatYi(cents, decimals)).toBe(text)
  })

  test('an amount with three decimals of 万元 is rejected, with the reason in Chinese', () => {
    expect(isWanAmount('1.234')).toBe(false)
    expect(wanTextToWan('1.234')).toBeUndefined()
    expect(checkProjectField('totalInvestment', '1.234')).toBe('总投资须为不小于0的金额（万元，最多两位小数）')
    expect(checkProjectField('totalInvestment', 1.23)).toBe('总投资须为不小于0的金额（万元，最多两位小数）')
  })

  test('a trailing zero beyond two decimals is only a way of writing the same amount', () => {
    expect(wanTextToWan('1.230')).toBe('1.23')
    expect(wanTextToWan('350.50')).toBe('350.5')
  })

  test('cards show 亿元 from 1亿 up and 万元 below', () => {
    expect(formatMoneyLabel('57800' as WanAmount)).toBe('5.78亿元')
    expect(formatMoneyLabel('10000' as WanAmount)).toBe('1.00亿元')
    expect(formatMoneyLabel('9999.99' as WanAmount)).toBe('9999.99万元')
    expect(formatMoneyLabel('350.5' as WanAmount)).toBe('350.5万元')
  })

  test('a negative or fractional number of cents is not an amount', () => {
    expect(() => centsToWan(-1)).toThrow(RangeError)
    expect(() => centsToWan(1.5)).toThrow(RangeError)
    expect(centsToWan(5)).toBe('0.05')
    expect(centsToWan(35_050)).toBe('350.5')
  })
})
