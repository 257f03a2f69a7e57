import { existsSync } from 'node:fs'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { describe, expect, test } from 'vitest'
import { readBoardSettings } from '@guatu/shared/board/boardSettingsAccess'
import { boardTotals, setReportingUnit, startMeeting } from '@guatu/shared/board/meetingCommands'
import { moveProject } from '@guatu/shared/board/projectCommands'
import { listProjects, readProject } from '@guatu/shared/board/projectQueries'
import type { IsoDate } from '@guatu/shared/domain/dates'
import { wanToCents } from '@guatu/shared/domain/money'
import type { Principal } from '@guatu/shared/domain/principal'
import { Role } from '@guatu/shared/domain/role'
import { STAGES } from '@guatu/shared/domain/stage'
import { boardToday } from '@guatu/shared/progress/boardToday'
import { projectLights } from '@guatu/shared/progress/lights'
import { createAccount, createScreenLink } from '../helpers/accounts.ts'
import { artifactPath, launchBrowser, signInThroughLoginPage } from '../helpers/browser.ts'
import { connectClient, waitForDoc } from '../helpers/client.ts'
import { openBoard, moveRightWithKeyboard } from '../helpers/keyboardBoard.ts'
import { CLIENT_DIST } from '../helpers/paths.ts'
import { expectStatus, requestJson } from '../helpers/rest.ts'
import { startServer } from '../helpers/server.ts'
import { waitFor } from '../helpers/wait.ts'
import { layoutProblems } from '../helpers/wallLayout.ts'
import type { UserMeResponse } from '@guatu/shared/api/session'

const UI_TIMEOUT_MS = 15_000
const DEMO_BOARD = 'demo'
const UNIT = '工信局'
const GX = { username: 'gxj_meeting', password: 'gongxin-meeting-2025', displayName: '工信局刘科长' }
const IMPOSSIBLE_WAN = '99999999'

const card = (id: string) => `[data-testid="card-${id}"]`

async function openWall(browser: Browser, url: string, errors: string[]): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, deviceScaleFactor: 1, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })
  const page = await context.newPage()
  page.on('pageerror', (error) => errors.push(`${error.name}: ${error.message}`))
  await page.goto(url)
  await page.locator('[data-testid="screen-connection"][data-state="connected"]').waitFor({ timeout: UI_TIMEOUT_MS })
  return page
}

/** A figure the wall prints in a data attribute (exact counts, or hundredths of 万元). */
const wallTarget = async (page: Page, key: string) => {
  const all = JSON.parse((await page.getByTestId('screen-targets').getAttribute('data-done')) ?? '{}') as Record<string, number>
  return all[key] ?? Number.NaN
}
const attr = async (page: Page, testId: string, name: string) => Number(await page.getByTestId(testId).getAttribute(name))
/** Whether a 最新动态 line of kind `kind` is about the project and says `word` (names may be shortened to fit). */
const feedHas = (page: Page, projectId: string, kind: string, word: string) =>
  page
    .getByTestId('screen-feed-item')
    .evaluateAll(
      (items, [id, wanted, said]) =>
        items.some(
          (item) => item.getAttribute('data-project') === id && item.getAttribute('data-kind') === wanted && (item.textContent ?? '').includes(said ?? ''),
        ),
      [projectId, kind, word],
    )
const text = async (page: Page, testId: string) => ((await page.getByTestId(testId).textContent()) ?? '').trim()

describe('a 调度会 on the demo board: one today, plausible figures, one set of numbers', () => {
  test('a keyboard move counts toward 签约, a forced 99999999 stays off the wall until the office confirms, and board, progress page and wall agree', async () => {
    if (!existsSync(path.join(CLIENT_DIST, 'index.html'))) throw new Error(`${CLIENT_DIST}/index.html is missing: run pnpm build first`)
    const server = await startServer({ demo: true })
    const link = await createScreenLink(server, DEMO_BOARD)
    await createAccount(server, { ...GX, role: Role.editor, units: [UNIT] })
    const admin = connectClient(server, DEMO_BOARD, { acks: true })
    await admin.waitSynced()
    const settings = readBoardSettings(admin.doc, 2022)
    const today = boardToday(settings)
    expect(settings.asOf, 'the demo board is reviewed as of its 统计截止').not.toBeNull()

    // A 工信局 card still in 谋划 whose planned signing has passed, and another whose money 工信局 will mistype.
    const projects = listProjects(admin.doc)
    const late = projects.find(
      (project) =>
        project.unit === UNIT &&
        project.stage === 'planning' &&
        !project.governmentFunded &&
        projectLights(project, settings, today).some((light) => light.rule === 'schedule'),
    )
    const money = projects.find(
      (project) => project.unit === UNIT && project.stage === 'started' && wanToCents(project.totalInvestment) > 0 && project.id !== late?.id,
    )
    if (!late || !money) throw new Error(`the demo board needs a late 谋划 project and a started project of ${UNIT}`)

    const { user } = expectStatus(await requestJson<UserMeResponse>(server, '/api/me'), 200, 'GET /api/me')
    const office: Principal = { kind: 'user', userId: user.id, username: user.username, displayName: user.displayName, role: user.role, units: user.units }
    const units = [...new Set(projects.map((project) => project.unit))]
    const meeting = startMeeting(
      admin.doc,
      { title: '8月重点项目调度会', date: today as IsoDate, attendees: units, agenda: units },
      boardTotals(projects),
      office,
    )
    setReportingUnit(admin.doc, meeting, UNIT)
    await admin.waitSaved()

    const browser = await launchBrowser()
    const errors: string[] = []
    const boardUrl = `${server.url}/board/${DEMO_BOARD}`
    const wall = await openWall(browser, `${server.url}${link.url}`, errors)
    await wall.getByTestId('screen-unit-turn').waitFor({ timeout: UI_TIMEOUT_MS })
    const { page: officePage } = await openBoard(browser, boardUrl, errors)
    await officePage.waitForSelector(card(late.id), { timeout: UI_TIMEOUT_MS })

    // 1. The office moves the late card to 签约 with the keyboard: it counts, and its warning goes.
    expect(await officePage.locator(card(late.id)).textContent()).toContain('仍未签约')
    const signedBefore = await wallTarget(wall, 'signed.count')
    await moveRightWithKeyboard(officePage, late.id, 'signed', '签约')
    await waitForDoc(admin.doc, (doc) => readProject(doc, late.id)?.stage === 'signed', { message: 'the keyboard move to reach the server' })
    expect(readProject(admin.doc, late.id)?.actualSignDate, "the move records the board's 今天, not the clock").toBe(today)
    await waitFor(async () => (await wallTarget(wall, 'signed.count')) === signedBefore + 1, {
      timeoutMs: UI_TIMEOUT_MS,
      message: '签约项目数 on the wall to rise by one',
    })
    await waitFor(async () => !((await officePage.locator(card(late.id)).textContent()) ?? '').includes('仍未签约'), {
      timeoutMs: UI_TIMEOUT_MS,
      message: "the card's schedule warning to clear",
    })

    // 2. 工信局 types 99999999万元 as 已完成投资: asked, forced, flagged, and kept off the wall.
    const investmentBefore = await wallTarget(wall, 'investment')
    const gxContext = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' })
    const gxPage = await gxContext.newPage()
    gxPage.on('pageerror', (error) => errors.push(`${error.name}: ${error.message}`))
    await signInThroughLoginPage(gxPage, boardUrl, GX.username, GX.password)
    await gxPage.locator(card(money.id)).click()
    const field = gxPage.locator(`[id="project-${money.id}-completedInvestment"]`)
    await field.fill(IMPOSSIBLE_WAN)
    await field.press('Enter')
    const confirm = gxPage.getByTestId('figure-confirm')
    await confirm.waitFor({ timeout: UI_TIMEOUT_MS })
    expect(await confirm.textContent()).toContain('超过项目总投资')
    expect(readProject(admin.doc, money.id)?.completedInvestment, 'nothing is saved before the confirmation').toBe(money.completedInvestment)
    await gxPage.getByTestId('figure-confirm-save').click()
    await waitForDoc(admin.doc, (doc) => readProject(doc, money.id)?.completedInvestment === IMPOSSIBLE_WAN, { message: 'the forced figure to be stored' })
    expect(readProject(admin.doc, money.id)?.unconfirmedFigures).toEqual(['completedInvestment'])
    await officePage.locator(`${card(money.id)} [data-testid="card-unconfirmed"]`).waitFor({ timeout: UI_TIMEOUT_MS })

    // 工信局 corrects its own 实际开工时间: not past the cut-off, and the correction is in the history under its name.
    const startField = gxPage.locator(`[id="project-${money.id}-actualStartDate"]`)
    await startField.fill('2022-08-21')
    await startField.press('Enter')
    await gxPage.getByText('实际日期不能晚于统计截止日期 2022-08-20').waitFor({ timeout: UI_TIMEOUT_MS })
    await startField.fill('2022-03-01')
    await startField.press('Enter')
    await waitForDoc(admin.doc, (doc) => readProject(doc, money.id)?.actualStartDate === '2022-03-01', {
      message: "the department's date correction to be stored",
    })
    type History = { entries: { actor: { label: string }; field: string | null; to: unknown }[] }
    const history = expectStatus(await requestJson<History>(server, `/api/boards/${DEMO_BOARD}/history?projectId=${money.id}`), 200, 'GET the history')
    expect(history.entries.find((entry) => entry.field === 'actualStartDate')).toMatchObject({
      actor: { label: `${GX.displayName}（${UNIT}）` },
      to: '2022-03-01',
    })
    expect(await wallTarget(wall, 'investment'), 'the flagged figure stays off the wall').toBe(investmentBefore - wanToCents(money.completedInvestment))

    // The wall during 工信局's turn: its own figures beside the totals; nothing overflows (CJK font installed).
    const unitCurrent = await text(wall, 'screen-turn-current-unit')
    const boardCurrent = await Promise.all(
      (['signed', 'started', 'producing'] as const).map((stage) => attr(officePage, `column-count-${stage}`, 'data-value')),
    )
    expect(unitCurrent, "the turn's 当前在该阶段 matches the followed board's columns").toBe(boardCurrent.join(' / '))
    await wall.screenshot({ path: await artifactPath('screen-unit-turn-1920x1080.png') })
    expect(await layoutProblems(wall)).toEqual([])

    // 3. The office confirms the figure: now it counts.
    await officePage.locator(card(money.id)).click()
    await officePage.getByTestId('figure-confirm-stored').click()
    await waitForDoc(admin.doc, (doc) => readProject(doc, money.id)?.unconfirmedFigures === undefined, { message: "the office's confirmation to be stored" })
    await waitFor(
      async () => (await wallTarget(wall, 'investment')) === investmentBefore - wanToCents(money.completedInvestment) + wanToCents(IMPOSSIBLE_WAN as never),
      {
        timeoutMs: UI_TIMEOUT_MS,
        message: 'the confirmed figure to count on the wall',
      },
    )
    await officePage.getByRole('button', { name: '关闭项目详情' }).click()

    // 4. Between turns: board, progress page and wall show the same count for everything they count.
    setReportingUnit(admin.doc, meeting, undefined)
    await admin.waitSaved()
    await wall.getByTestId('screen-unit-turn').waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS })
    await waitFor(async () => (await attr(officePage, 'column-count-planning', 'data-value')) === Number(await text(wall, 'screen-stage-count-planning')), {
      timeoutMs: UI_TIMEOUT_MS,
      message: 'the board to show every unit again',
    })
    for (const stage of STAGES) {
      expect(await attr(officePage, `column-count-${stage}`, 'data-value'), `当前在${stage}`).toBe(Number(await text(wall, `screen-stage-count-${stage}`)))
    }
    const boardLights = { red: await attr(officePage, 'board-light-counts', 'data-red'), yellow: await attr(officePage, 'board-light-counts', 'data-yellow') }
    expect(
      { red: await attr(wall, 'screen-red-projects', 'data-count'), yellow: await attr(wall, 'screen-yellow-projects', 'data-count') },
      '红灯/黄灯项目',
    ).toEqual(boardLights)

    await officePage.goto(`${boardUrl}/progress`)
    await officePage.getByTestId('target-table').waitFor({ timeout: UI_TIMEOUT_MS })
    expect({
      red: await attr(officePage, 'progress-light-counts', 'data-red'),
      yellow: await attr(officePage, 'progress-light-counts', 'data-yellow'),
    }).toEqual(boardLights)
    const progressTargets = await officePage
      .getByTestId('target-row')
      .evaluateAll((rows) => rows.map((row) => [row.getAttribute('data-key'), Number(row.getAttribute('data-done'))] as const))
    const wallTargets: (readonly [string | null, number])[] = []
    for (const [key] of progressTargets) wallTargets.push([key, await wallTarget(wall, key ?? '')])
    expect(progressTargets.length).toBeGreaterThan(3)
    expect(wallTargets, 'every target the progress page shows, the wall shows with the same figure').toEqual(progressTargets)

    // The feed carries money and 退回, not only forward moves.
    await waitFor(() => feedHas(wall, money.id, 'money', '已完成投资'), {
      timeoutMs: UI_TIMEOUT_MS,
      message: `the feed to list the money change of ${money.name}`,
    })
    moveProject(admin.doc, late.id, { stage: 'planning' })
    await waitFor(() => feedHas(wall, late.id, 'back', '退回'), { timeoutMs: UI_TIMEOUT_MS, message: `the feed to mark ${late.name} 退回` })
    expect(errors).toEqual([])
    await browser.close()
  })
})
