import { describe, expect, test } from 'vitest'
import { checkFigures, countedProject, FigureConcernKind, type Figures } from '@guatu/shared/domain/figureCheck'
import type { WanAmount } from '@guatu/shared/domain/money'
import { computeBoardProgress } from '@guatu/shared/progress/boardProgress'
import { d, project, settings2022, wan } from '../progress/fixtures.ts'

const figures = (total: string, plan: string, completed: string): Figures => ({
  totalInvestment: total as WanAmount,
  annualPlanInvestment: plan as WanAmount,
  completedInvestment: completed as WanAmount,
})

/** The project: 总投资 1.41亿元, 年度计划 5000万元, 已完成 2033万元. */
const BEFORE = figures('14100', '5000', '2033')

describe('plausibility of a money figure', () => {
  test('99999999万元 of 已完成投资 on a 1.41亿元 project is explained as above the total and a ten-thousandfold change', () => {
    const concerns = checkFigures({ ...BEFORE, completedInvestment: wan('99999999') }, BEFORE, ['completedInvestment'])
    expect(concerns.map((concern) => concern.message)).toEqual([
      '已完成投资由 2033万元 改为 10000.00亿元，增加约5万倍（超过10倍）',
      '已完成投资 10000.00亿元 超过项目总投资 1.41亿元',
    ])
  })

  test('a 年度计划投资 above the 总投资 is asked about', () => {
    const concerns = checkFigures({ ...BEFORE, annualPlanInvestment: wan('15000') }, BEFORE, ['annualPlanInvestment'])
    expect(concerns.map((concern) => concern.kind)).toEqual([FigureConcernKind.planAboveTotal])
  })

  test('1.41 typed into the 万元 总投资 box where 1.41亿元 was meant is recognised as 亿 typed for 万', () => {
    const [concern] = checkFigures({ ...BEFORE, totalInvestment: wan('1.41') }, BEFORE, ['totalInvestment'])
    expect(concern?.kind).toBe(FigureConcernKind.yiTypedAsWan)
    expect(concern?.message).toContain('是否把亿元当成了万元？（应为 1.41亿元？）')
  })

  test('an ordinary monthly update passes without a question', () => {
    expect(checkFigures({ ...BEFORE, completedInvestment: wan('2600') }, BEFORE, ['completedInvestment'])).toEqual([])
  })

  test('a figure awaiting confirmation counts as nothing in the targets and totals', () => {
    const settings = settings2022((s) => {
      s.asOf = d('2022-08-20')
      s.investmentToCompleteWan = wan('100000')
    })
    const held = project('held', { completedInvestment: wan('99999999'), unconfirmedFigures: ['completedInvestment'] })
    const fine = project('fine', { completedInvestment: wan('2033') })
    const progress = computeBoardProgress({ projects: [held, fine], problems: [], settings, asOf: d('2022-08-20') })
    expect(progress.targets.find((row) => row.key === 'investment')?.completion.done).toBe(203300)
    expect(countedProject(held).completedInvestment).toBe('0')
    expect(countedProject(fine)).toBe(fine)
  })
})
