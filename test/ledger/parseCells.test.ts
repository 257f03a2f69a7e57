import { describe, expect, test } from 'vitest'
import { readCell } from '@guatu/server/ledger/cellText'
import { parseLedgerDate } from '@guatu/server/ledger/parseDate'
import { MoneyUnit, parseLedgerMoney } from '@guatu/server/ledger/parseMoney'
import { parseProblemCell } from '@guatu/server/ledger/problemText'
import { splitLeaders } from '@guatu/server/ledger/fieldLabels'

const YEAR = 2022
const money = (value: string | number, unit: MoneyUnit = MoneyUnit.yi) => parseLedgerMoney(readCell(value), unit)
const date = (value: string | number | Date) => parseLedgerDate(readCell(value), YEAR)

describe('reading money cells', () => {
  test('a number cell of 1.23 in a 亿元 column is exactly 12300 万元', () => {
    expect(money(1.23)).toEqual({ kind: 'amount', amount: '12300' })
  })

  test('numbers whose float is inexact still read as the decimal the office typed', () => {
    expect(money(0.1 + 0.2)).toEqual({ kind: 'amount', amount: '3000' })
    expect(money(5.78)).toEqual({ kind: 'amount', amount: '57800' })
    expect(money(1.234567)).toEqual({ kind: 'amount', amount: '12345.67' })
    expect(money(12345.67, MoneyUnit.wan)).toEqual({ kind: 'amount', amount: '12345.67' })
  })

  test('text with its own unit wins over the column unit', () => {
    expect(money('1.2亿元', MoneyUnit.wan)).toEqual({ kind: 'amount', amount: '12000' })
    expect(money('1.2亿', MoneyUnit.wan)).toEqual({ kind: 'amount', amount: '12000' })
    expect(money('12000万元')).toEqual({ kind: 'amount', amount: '12000' })
    expect(money('12,000万元')).toEqual({ kind: 'amount', amount: '12000' })
    expect(money('１２，０００万元')).toEqual({ kind: 'amount', amount: '12000' })
    expect(money('3,500.5', MoneyUnit.wan)).toEqual({ kind: 'amount', amount: '3500.5' })
  })

  test('more than two decimals of 万元 is an error, not a rounding', () => {
    expect(money('350.125', MoneyUnit.wan).kind).toBe('error')
    expect(money(350.125, MoneyUnit.wan).kind).toBe('error')
    expect(money(1.2345678).kind).toBe('error')
  })

  test('negative and unreadable amounts are errors; dashes and blanks are no amount', () => {
    expect(money(-0.5)).toMatchObject({ kind: 'error', message: expect.stringContaining('负数') })
    expect(money('-3000万元').kind).toBe('error')
    expect(money('约3亿').kind).toBe('error')
    expect(money('—')).toEqual({ kind: 'empty' })
    expect(money('')).toEqual({ kind: 'empty' })
  })
})

describe('reading date cells', () => {
  test.each([
    ['2022-03-15', '2022-03-15'],
    ['2022/3/15', '2022-03-15'],
    ['2022.3.15', '2022-03-15'],
    ['2022年3月15日', '2022-03-15'],
    ['2022 年 3 月 15 日', '2022-03-15'],
    ['20220315', '2022-03-15'],
    ['2022-03-15 00:00:00', '2022-03-15'],
    ['3月15日', '2022-03-15'],
  ])('"%s" is %s', (text, iso) => {
    expect(date(text)).toMatchObject({ kind: 'date', date: iso })
  })

  test.each([
    ['2022年3月', '2022-03-31'],
    ['2022.2', '2022-02-28'],
    ['2022-06', '2022-06-30'],
    ['3月底', '2022-03-31'],
    ['三月底', '2022-03-31'],
    ['9月末', '2022-09-30'],
    ['3月中旬', '2022-03-15'],
    ['3月上旬', '2022-03-05'],
    ['3月下旬', '2022-03-25'],
    ['二季度', '2022-06-30'],
    ['2022年底', '2022-12-31'],
  ])('a month or period "%s" is read as the deadline day %s', (text, iso) => {
    expect(date(text)).toMatchObject({ kind: 'date', date: iso })
  })

  test('real Excel dates and serial numbers read as their day', () => {
    expect(date(new Date('2022-03-15T00:00:00Z'))).toEqual({ kind: 'date', date: '2022-03-15' })
    expect(date(44635)).toEqual({ kind: 'date', date: '2022-03-15' })
  })

  test('待定 is a known absence, a dash is no date, and an impossible date is an error', () => {
    expect(date('待定')).toEqual({ kind: 'pending' })
    expect(date('—')).toEqual({ kind: 'empty' })
    expect(date('2022-13-45')).toMatchObject({ kind: 'error', message: expect.stringContaining('2022-13-45') })
    expect(date('2022-02-30').kind).toBe('error')
    expect(date('尽快').kind).toBe('error')
  })
})

describe('reading leaders and problems', () => {
  test('several leaders in one cell become a list whatever separates them', () => {
    for (const text of ['李建国、王海平', '李建国，王海平', '李建国,王海平', '李建国;王海平', '李建国／王海平', '李建国/王海平', '李建国 王海平']) {
      expect(splitLeaders(text)).toEqual(['李建国', '王海平'])
    }
  })

  test('numbered or semicolon-separated problems become one problem each with a guessed category', () => {
    const problems = parseProblemCell('1.用地指标未落实；2.环评批复尚未下达;3、融资1.2亿元尚未到位\n征地拆迁涉及群众诉求', YEAR)
    expect(problems.map((problem) => [problem.category, problem.description])).toEqual([
      ['land', '用地指标未落实'],
      ['environment', '环评批复尚未下达'],
      ['funding', '融资1.2亿元尚未到位'],
      ['demolition', '征地拆迁涉及群众诉求'],
    ])
  })

  test('a structured problem line keeps its category, lead unit, deadline and status', () => {
    expect(parseProblemCell('【水电路配套】园区供水、供电配套未到位（住建局，2022-09-05前，已解决）', YEAR)).toEqual([
      { category: 'utilities', description: '园区供水、供电配套未到位', leadUnit: '住建局', deadline: '2022-09-05', status: 'solved' },
    ])
    expect(parseProblemCell('[其他] 施工队伍不足（未解决）', YEAR)).toEqual([{ category: 'other', description: '施工队伍不足', leadUnit: '', status: 'open' }])
  })
})
