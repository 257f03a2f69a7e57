import { describe, expect, test } from 'vitest'
import { UsageError, parseCliArgs } from '@guatu/server/cli/cliArgs'
import { describePlan } from '@guatu/server/cli/printPlan'
import type { ImportPlanJson } from '@guatu/server/ledger/planJson'

describe('the ledger command line', () => {
  test('an import with --dry-run previews one file against one board', () => {
    expect(parseCliArgs(['import', '台账.xlsx', '--board', 'b1', '--url', 'http://127.0.0.1:9000/', '--token', 't', '--dry-run'])).toEqual({
      command: 'import',
      file: '台账.xlsx',
      board: 'b1',
      url: 'http://127.0.0.1:9000',
      token: 't',
      dryRun: true,
    })
  })

  test('an export needs --out, and the token may come from GUATU_TOKEN', () => {
    expect(parseCliArgs(['export', '--board=b1', '--out', 'a.xlsx'], { GUATU_TOKEN: 'env-token' })).toMatchObject({
      command: 'export',
      out: 'a.xlsx',
      token: 'env-token',
    })
    expect(() => parseCliArgs(['export', '--board', 'b1', '--token', 't'])).toThrow(/--out/)
  })

  test('a missing board, token or unknown flag is a usage error in Chinese', () => {
    expect(() => parseCliArgs(['import', 'a.xlsx', '--token', 't'])).toThrow(UsageError)
    expect(() => parseCliArgs(['import', 'a.xlsx', '--board', 'b1'])).toThrow(/令牌/)
    expect(() => parseCliArgs(['import', 'a.xlsx', '--board', 'b1', '--token', 't', '--force', '1'])).toThrow(/未知参数/)
  })

  test('the preview prints counts, total in 亿元, changes and every error with its row', () => {
    const row = {
      sheetName: '台账',
      stage: 'started' as const,
      stageSource: 'words',
      stageSourceLabel: '进度文字',
      stageEvidence: '已开工',
      inferred: [] as string[],
      issues: [],
    }
    const plan: ImportPlanJson = {
      creates: 0,
      updates: 1,
      unchanged: 5,
      format: 'xlsx',
      sheets: [{ name: '台账', hasLedger: true, chosen: true, rows: 7 }],
      year: 2022,
      unknownColumns: [],
      inferredCounts: [],
      reportDate: { date: '2022-08-20', source: 'title', sourceLabel: '表头标题行', text: '填报日期：2022年8月20日' },
      rows: [
        {
          ...row,
          rowNumber: 4,
          action: 'update',
          name: '甲项目',
          changes: ['总投资：1.50亿元 → 2.00亿元'],
          inferred: ['当前阶段按进度文字“已开工”推定为“开工”'],
        },
        { ...row, rowNumber: 9, action: 'error', name: '乙项目' },
      ],
      errors: [{ rowNumber: 9, column: '计划开工时间', severity: 'error', message: '日期不存在：2022-13-45' }],
      warnings: [{ severity: 'warning', message: '台账中没有“当前阶段”列' }],
      checks: [],
      page: { offset: 0, limit: 200, rowCount: 2 },
      counts: { errorRows: 1, errors: 1, warnings: 1 },
      totals: { rows: 7, projects: 6, totalInvestmentWan: '123456.78' as ImportPlanJson['totals']['totalInvestmentWan'] },
    }
    const text = describePlan(plan, true).join('\n')
    expect(text).toContain('总投资 12.35 亿元')
    expect(text).toContain('更新 1 个，无变化 5 个，错误 1 处')
    expect(text).toContain('填报日期 2022-08-20（来源：表头标题行）')
    expect(text).toContain(
      '第4行 更新：甲项目（阶段依据：进度文字“已开工”）\n      总投资：1.50亿元 → 2.00亿元\n      推定：当前阶段按进度文字“已开工”推定为“开工”',
    )
    expect(text).toContain('第9行“计划开工时间”：日期不存在：2022-13-45')
    expect(text).toContain('整表：台账中没有“当前阶段”列')
  })
})
