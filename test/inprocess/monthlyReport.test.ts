import ExcelJS from 'exceljs'
import { describe, expect, test } from 'vitest'
import { createProject, updateProject } from '@guatu/shared/board/projectCommands'
import { listProjects } from '@guatu/shared/board/projectQueries'
import { todayInChina } from '@guatu/shared/domain/dates'
import type { WanAmount } from '@guatu/shared/domain/money'
import { createScreenLink } from '../helpers/accounts.ts'
import { connectClient, waitAllSynced, waitForDoc } from '../helpers/client.ts'
import { startInProcessServer } from '../helpers/inProcessServer.ts'
import { docxParagraphs } from '../helpers/minutesDocument.ts'
import { createBoard } from '../helpers/rest.ts'
import { zipTextEntries } from '../helpers/zipEntries.ts'

const wan = (text: string) => text as WanAmount

/** Tenths of a percent, half up, as the office rounds a rate: 13000 / 27000 → "48.1". */
function percent(numerator: number, denominator: number): string {
  return (Math.round((numerator / denominator) * 1000) / 10).toFixed(1)
}

describe('月报', () => {
  test('the month’s report as Word and Excel holds the totals, stage changes, investment against plan and 序时进度 and lights, as computed here from the figures entered', async () => {
    const server = await startInProcessServer()
    const today = todayInChina()
    const [year, month] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))]
    const board = await createBoard(server, '示例区', year)
    const admin = connectClient(server, board.id)
    await waitAllSynced([admin])
    const figures = [
      { name: '锂电材料项目', unit: '工信局', stage: 'started', total: 50000, plan: 20000, done: 9000 },
      { name: '光伏组件项目', unit: '工信局', stage: 'planning', total: 12000, plan: 3000, done: 0 },
      { name: '冷链物流园', unit: '商务局', stage: 'producing', total: 8000, plan: 4000, done: 4000 },
    ] as const
    for (const project of figures) {
      const id = createProject(admin.doc, { name: project.name, unit: project.unit, stage: project.stage })
      updateProject(admin.doc, id, {
        totalInvestment: wan(String(project.total)),
        annualPlanInvestment: wan(String(project.plan)),
        completedInvestment: wan(String(project.done)),
      })
    }
    const observer = connectClient(server, board.id)
    await waitForDoc(observer.doc, (doc) => listProjects(doc).filter((p) => p.completedInvestment === wan('4000')).length === 1, {
      message: 'the figures to be stored',
    })

    const sum = (pick: (project: (typeof figures)[number]) => number, unit?: string) =>
      figures.filter((project) => unit === undefined || project.unit === unit).reduce((total, project) => total + pick(project), 0)
    const yi = (wanAmount: number) => (wanAmount / 10_000).toFixed(2)
    const timeProgress = percent(month, 12)
    const query = `?month=${today.slice(0, 7)}`

    const docx = await fetch(`${server.url}/api/boards/${board.id}/monthly-report.docx${query}`, { headers: { authorization: `Bearer ${server.adminToken}` } })
    expect(docx.status).toBe(200)
    expect(docx.headers.get('content-disposition')).toContain(encodeURIComponent(`${year}年${month}月月报`))
    const files = zipTextEntries(new Uint8Array(await docx.arrayBuffer()))
    const documentXml = files.get('word/document.xml') ?? ''
    expect(documentXml).toMatch(/<w:pgMar w:top="2098" w:right="1474" w:bottom="1985" w:left="1588"/)
    const paragraphs = docxParagraphs(documentXml)
    expect(paragraphs[0]).toBe(`示例区${year}年${month}月项目推进月报`)
    expect(paragraphs).toContain(
      `截至${year}年${month}月${new Date(Date.UTC(year, month, 0)).getUTCDate()}日，共有项目3个，总投资${yi(sum((p) => p.total))}亿元，年度计划投资${yi(sum((p) => p.plan))}亿元，已完成投资${yi(sum((p) => p.done))}亿元。`,
    )
    expect(
      paragraphs.some((text) =>
        text.startsWith(
          `年度投资完成率${percent(
            sum((p) => p.done),
            sum((p) => p.plan),
          )}%，序时进度${timeProgress}%`,
        ),
      ),
    ).toBe(true)
    expect(paragraphs).toContain('本看板未启用报送周期，无报送情况。')
    expect(paragraphs.filter((text) => text.includes('新入库'))).toHaveLength(3)

    const xlsx = await fetch(`${server.url}/api/boards/${board.id}/monthly-report.xlsx${query}`, { headers: { authorization: `Bearer ${server.adminToken}` } })
    expect(xlsx.status).toBe(200)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(await xlsx.arrayBuffer())
    const summary = workbook.getWorksheet('总体情况')!
    const fact = (label: string) => {
      for (let row = 1; row <= summary.rowCount; row++) if (summary.getCell(row, 1).value === label) return summary.getCell(row, 2).value
      return undefined
    }
    expect(fact('项目数')).toBe(3)
    expect(fact('总投资（亿元）')).toBe(Number(yi(sum((p) => p.total))))
    expect(fact('年度计划投资（亿元）')).toBe(Number(yi(sum((p) => p.plan))))
    expect(fact('已完成投资（亿元）')).toBe(Number(yi(sum((p) => p.done))))
    expect(fact('投资完成率（%）')).toBe(
      Number(
        percent(
          sum((p) => p.done),
          sum((p) => p.plan),
        ),
      ),
    )
    expect(fact('序时进度（%）')).toBe(Number(timeProgress))
    const lights = ['绿', '蓝', '黄', '红'].map((light) => fact(`${light}灯项目数`))
    expect(lights.every((count) => typeof count === 'number')).toBe(true)
    expect((lights as number[]).reduce((total, count) => total + count, 0)).toBe(figures.length)

    const stageRows = (workbook.getWorksheet('分阶段')!.getSheetValues() as unknown[][]).slice(2).map((row) => row.slice(1, 5))
    expect(stageRows).toEqual([
      ['谋划', 0, 1, 1],
      ['签约', 0, 0, 0],
      ['开工', 0, 1, 1],
      ['投产', 0, 1, 1],
    ])
    const unitRows = (workbook.getWorksheet('分单位')!.getSheetValues() as unknown[][]).slice(2).map((row) => row.slice(1, 6))
    expect(unitRows).toEqual(
      ['工信局', '商务局'].map((unit) => [
        unit,
        figures.filter((p) => p.unit === unit).length,
        Number(yi(sum((p) => p.plan, unit))),
        Number(yi(sum((p) => p.done, unit))),
        Number(
          percent(
            sum((p) => p.done, unit),
            sum((p) => p.plan, unit),
          ),
        ),
      ]),
    )
  })

  test('the 月报 is read as the board is: nobody and another board’s screen link are refused, a bad month is a Chinese 400', async () => {
    const server = await startInProcessServer()
    const board = await createBoard(server, '示例区')
    const other = await createBoard(server, '另一块看板')
    const foreignLink = await createScreenLink(server, other.id)
    for (const [token, status] of [
      [null, 401],
      [foreignLink.token, 403],
    ] as const) {
      for (const path of ['', '.docx', '.xlsx']) {
        const response = await fetch(`${server.url}/api/boards/${board.id}/monthly-report${path}`, {
          headers: token ? { authorization: `Bearer ${token}` } : {},
        })
        expect(response.status, `${token ? 'foreign link' : 'nobody'} ${path}`).toBe(status)
      }
    }
    const bad = await fetch(`${server.url}/api/boards/${board.id}/monthly-report?month=2031-13`, { headers: { authorization: `Bearer ${server.adminToken}` } })
    expect(bad.status).toBe(400)
    expect(((await bad.json()) as { error: string }).error).toMatch(/[\u4e00-\u9fff]/)
  })
})
