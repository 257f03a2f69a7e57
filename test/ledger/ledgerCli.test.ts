import { describe, expect, test } from 'vitest'
import { UsageError, parseCliArgs } from '@guatu/server/cli/cliArgs'
import { describePlan } from '@guatu/server/cli/printPlan'
import type { ImportPlanJson } from '@guatu/server/ledger/planJson'

describe('the ledger command line', () => {
  test('an import with --dry-run previews one file against one board', () => {
    expect(parseCliArgs(['import', '台账.xlsx', '--board', 'b1', '--url', 'http://127.0.0.1:9000/', '--token', 't', '--dry-run'])).toEqual({
      command: 'import', file: '台账.xlsx', board: 'b1', url: 'http://127.0.0.1:9000', token: 't', dryRun: true,
    })
  })

  test('an export needs --out, and the token may come from GUATU_TOKEN', () => {
    expect(parseCliArgs(['export', '--board=b1', '--out', 'a.xlsx'], { GUATU_TOKEN: 'env-token' })).toMatchObject({ command: 'export', out: 'a.xlsx', token: 'env-token' })
    expect(() => parseCliArgs(['export', '--board', 'b1', '--token', 't'])).toThrow(/--out/)
  })

  test('a missing board, token or unknown flag is a usage error in Chinese', () => {
    expect(() => parseCliArgs(['import', 'a.xlsx', '--token', 't'])).toThrow(UsageError)
    expect(() => parseCliArgs(['import', 'a.xlsx', '--board', 'b1'])).toThrow(/令牌/)
    expect(() => parseCliArgs(['import', 'a.xlsx', '--board', 'b1', '--token', 't', '--force', '1'])).toThrow(/未知参数/)
  })

  test('the preview prints counts, total in 亿元, changes and every error with its row', () => {
    const plan: ImportPlanJson = {
      creates: 0, updates: 1, unchanged: 5,
      rows: [
        { rowNumber: 4, action: 'update', name: '甲项目', changes: ['总投资：1.50亿元 → 2.00亿元'], issues: [] },
        { rowNumber: 9, action: 'error', name: '乙项目', issues: [] },
      ],
      errors: [{ rowNumber: 9, column: '计划开工时间', severity: 'error', message: '日期不存在：2022-13-45' }],
      warnings: [{ severity: 'warning', message: '台账中没有“当前阶段”列' }],
      totals: { rows: 7, projects: 6, totalInvestmentWan: '123456.78' as ImportPlanJson['totals']['totalInvestmentWan'] },
    }
    const text = describePlan(plan, true).join('\n')
    expect(text).toContain('总投资 12.35 亿元')
    expect(text).toContain('更新 1 个，无变化 5 个，错误 1 处')
    expect(text).toContain('第4行 更新：甲项目\n      总投资：1.50亿元 → 2.00亿元')
    expect(text).toContain('第9行“计划开工时间”：日期不存在：2022-13-45')
    expect(text).toContain('整表：台账中没有“当前阶段”列')
  })
})
