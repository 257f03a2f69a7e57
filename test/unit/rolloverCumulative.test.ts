import { describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { createProject } from '@guatu/shared/board/projectCommands'
import { planRollover } from '@guatu/shared/board/rolloverCommands'
import type { IsoDate } from '@guatu/shared/domain/dates'
import type { WanAmount } from '@guatu/shared/domain/money'

const NOTE = /累计仅计2022年已完成投资/

describe('新建年度看板: the carried 累计完成投资 is never a silent guess', () => {
  test('a project started before last year with no 累计 of its own is flagged in the preview; one started last year or with its 累计 is not', () => {
    const doc = new Y.Doc()
    const old = createProject(doc, {
      name: '老城改造',
      unit: '住建局',
      stage: 'started',
      actualStartDate: '2020-05-01' as IsoDate,
      completedInvestment: '800' as WanAmount,
    })
    const undated = createProject(doc, { name: '污水管网', unit: '住建局', stage: 'started', completedInvestment: '300' as WanAmount })
    const fresh = createProject(doc, {
      name: '新材料产业园',
      unit: '工信局',
      stage: 'started',
      actualStartDate: '2022-03-01' as IsoDate,
      completedInvestment: '500' as WanAmount,
    })
    const known = createProject(doc, {
      name: '物流园二期',
      unit: '商务局',
      stage: 'started',
      actualStartDate: '2019-09-01' as IsoDate,
      completedInvestment: '200' as WanAmount,
      cumulativeInvestment: '1500' as WanAmount,
    })
    const plan = planRollover(doc, { boardId: 'b2022', year: 2022 }, 2023)
    const changes = (id: string) => plan.carried.find((project) => project.id === id)!.changes.join('；')
    expect(changes(old)).toMatch(/2020年开工且无累计完成投资/)
    expect(changes(undated)).toMatch(/开工时间未填且无累计完成投资/)
    expect(changes(fresh)).not.toMatch(NOTE)
    expect(changes(known)).not.toMatch(NOTE)
    expect(plan.carried.find((project) => project.id === known)!.fields.cumulativeInvestment).toBe('1700')
  })
})
