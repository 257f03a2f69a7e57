import { describe, expect, test } from 'vitest'
import { generateDemoLedger } from '@guatu/shared/demo/generateLedger'
import { columnTotals } from '@guatu/shared/board/projectFilter'
import { boardTotals } from '@guatu/shared/board/meetingCommands'
import {
  addCents,
  centsToWan,
  formatMoneyLabel,
  formatYi,
  isWanAmount,
  MAX_EXACT_SUM_TERMS,
  MAX_WAN,
  MAX_WAN_CENTS,
  sumCents,
  wanTextToWan,
  yiTextToWan,
  type WanAmount,
} from '@guatu/shared/domain/money'
import { checkProjectField, type Project } from '@guatu/shared/domain/project'
import { STAGES } from '@guatu/shared/domain/stage'
import { tallyOf } from '@guatu/shared/progress/stageCounts'

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

  test.each(['0.0000001', '-1', '1e3', '', '5.', '.5', '12,000', '5.78亿', 'abc'])('亿元 text %j is not an amount', (yi) => {
    expect(yiTextToWan(yi)).toBeUndefined()
  })

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

describe('the money ceiling', () => {
  test('a project may carry up to 10,000 亿元 and not a 百元 more, refused with the reason in Chinese', () => {
    expect(MAX_WAN).toBe(100_000_000)
    expect(checkProjectField('totalInvestment', '100000000')).toBeUndefined()
    expect(checkProjectField('totalInvestment', '100000000.01')).toBe('总投资不能超过10000亿元（100000000万元）')
    expect(checkProjectField('annualPlanInvestment', '999999999999.99')).toBe('年度计划投资不能超过10000亿元（100000000万元）')
    expect(isWanAmount('999999999999.99')).toBe(false)
    expect(yiTextToWan('10000')).toBe('100000000')
  })

  test('board sums stay exact at the ceiling for any board a county can hold, and refuse rather than drift beyond', () => {
    // Every project at the ceiling, as many as fit before the sum could leave the safe integers.
    const atCeiling = centsToWan(MAX_WAN_CENTS)
    const exact = sumCents(repeat(atCeiling, MAX_EXACT_SUM_TERMS))
    expect(BigInt(exact)).toBe(BigInt(MAX_WAN_CENTS) * BigInt(MAX_EXACT_SUM_TERMS))
    expect(Number.isSafeInteger(exact)).toBe(true)
    // One cent-level amount on top of 100,000 ceiling projects is still counted.
    expect(BigInt(sumCents([...repeat(atCeiling, 100_000), '0.01' as WanAmount]))).toBe(BigInt(MAX_WAN_CENTS) * 100_000n + 1n)
    // Past that, a sum is refused instead of silently rounded.
    expect(() => sumCents(repeat(atCeiling, MAX_EXACT_SUM_TERMS + 1))).toThrow(RangeError)
    expect(() => addCents(Number.MAX_SAFE_INTEGER, 1)).toThrow('金额合计超出可精确计算的范围')
  })

  test('column, stage and meeting totals of a board full of ceiling projects are exact', () => {
    const projects = Array.from(
      { length: 5_000 },
      (_, i) =>
        ({
          id: `p_ceiling${i}`,
          stage: STAGES[i % STAGES.length],
          totalInvestment: centsToWan(MAX_WAN_CENTS - i),
          annualPlanInvestment: '0.01',
          completedInvestment: '99999999.99',
        }) as unknown as Project,
    )
    const expectedTotal = BigInt(MAX_WAN_CENTS) * 5_000n - (4_999n * 5_000n) / 2n
    expect(BigInt(columnTotals(projects).totalInvestmentCents)).toBe(expectedTotal)
    expect(columnTotals(projects).annualPlanCents).toBe(5_000)
    expect(BigInt(columnTotals(projects).completedCents)).toBe(9_999_999_999n * 5_000n)
    expect(BigInt(boardTotals(projects).totalInvestmentCents)).toBe(expectedTotal)
    expect(BigInt(tallyOf(projects).investmentCents)).toBe(expectedTotal)
    expect(centsToWan(columnTotals(projects).totalInvestmentCents)).toBe(String(expectedTotal / 100n))
  })
})

function repeat(amount: WanAmount, times: number): Iterable<WanAmount> {
  return {
    *[Symbol.iterator]() {
      for (let i = 0; i < times; i++) yield amount
    },
  }
}
