import { describe, expect, test } from 'vitest'
import { collectionRoot, projectsRoot, RecordCollection } from '@guatu/shared/board/boardDoc'
import { readReportingSettings, writeReportingSettings } from '@guatu/shared/board/boardSettingsAccess'
import { moveProject, updateProject } from '@guatu/shared/board/projectCommands'
import { readProject } from '@guatu/shared/board/projectQueries'
import { confirmProposals, proposeChange, returnProposal, submitPeriod } from '@guatu/shared/board/reviewCommands'
import { listSubmissions, openProposalsOf } from '@guatu/shared/board/reviewQueries'
import type { UserPrincipal } from '@guatu/shared/domain/principal'
import { proposalIdOf } from '@guatu/shared/domain/proposal'
import { DEFAULT_REPORTING_SETTINGS, periodOf } from '@guatu/shared/domain/reportingPeriod'
import { todayInChina } from '@guatu/shared/domain/dates'
import { MessageType } from '@guatu/shared/sync/protocol'
import type { UserMeResponse } from '@guatu/shared/api/session'
import { waitForDoc } from '../helpers/client.ts'
import { captureUpdate, openRawSyncSocket, type RawSyncSocket } from '../helpers/rawSocket.ts'
import { createBoard, expectStatus, requestJson } from '../helpers/rest.ts'
import { createScreenLink } from '../helpers/accounts.ts'
import type { ReportingStatusResponse } from '@guatu/shared/api/reporting'
import { EDITOR_DISPLAY_NAME, OTHER_UNIT, OWN_UNIT, flushThroughObserver, startRoleBoard, type RoleBoard } from '../helpers/roleBoard.ts'

const CHINESE = /[\u4e00-\u9fff]/

/** The board of the role tests with the reporting cycle turned on (monthly, money and stage reviewed). */
async function reviewBoard(): Promise<RoleBoard & { office: UserPrincipal; department: UserPrincipal }> {
  const board = await startRoleBoard()
  writeReportingSettings(board.admin.doc, DEFAULT_REPORTING_SETTINGS)
  await waitForDoc(board.observer.doc, (doc) => readReportingSettings(doc) !== undefined, { message: 'the reporting cycle to reach everyone' })
  const me = expectStatus(await requestJson<UserMeResponse>(board.server, '/api/me'), 200, 'GET /api/me').user
  const office: UserPrincipal = { kind: 'user', userId: me.id, username: me.username, displayName: me.displayName, role: 'admin', units: [...me.units] }
  const department: UserPrincipal = {
    kind: 'user',
    userId: board.editor.user.id,
    username: board.editor.user.username,
    displayName: EDITOR_DISPLAY_NAME,
    role: 'editor',
    units: [OWN_UNIT],
  }
  return { ...board, office, department }
}

type Who = 'department' | 'viewer' | 'screen'

async function socketOf(board: RoleBoard, who: Who): Promise<RawSyncSocket> {
  const token = who === 'viewer' ? board.viewer.token : who === 'screen' ? board.screen.token : board.editor.token
  const raw = await openRawSyncSocket(board.server, board.boardId, { token })
  await raw.waitForFrame((frame) => frame.type === MessageType.sync && frame.syncType === 1, 'the board state (SyncStep2)')
  return raw
}

/** Sends the change as a raw frame and returns the server's refusal, which must be Chinese. */
async function refused(raw: RawSyncSocket, change: () => void, what: string): Promise<string> {
  raw.sendUpdate(captureUpdate(raw.doc, change))
  await raw.waitForFrame((frame) => frame.type === MessageType.auth, `the server to refuse ${what}`)
  const reason = raw.deniedReasons()[0] ?? ''
  expect(reason).toMatch(CHINESE)
  return reason
}

describe('proposals: what the server lets each role do', () => {
  test('a department writing a reviewed figure or dragging its card directly is refused; the office’s own edits and moves stay immediate', async () => {
    const board = await reviewBoard()
    const raw = await socketOf(board, 'department')
    expect(await refused(raw, () => updateProject(raw.doc, board.own, { completedInvestment: '2600' as never }), 'a direct write of 已完成投资')).toContain(
      '已完成投资须经项目办审核',
    )
    const drag = await socketOf(board, 'department')
    expect(await refused(drag, () => moveProject(drag.doc, board.own, { stage: 'started' }), 'a direct stage move')).toContain('当前阶段须经项目办审核')
    // Not reviewed: the department's 形象进度 still goes straight in.
    const note = await socketOf(board, 'department')
    note.sendUpdate(captureUpdate(note.doc, () => updateProject(note.doc, board.own, { progressNote: '主体结构封顶' })))
    await waitForDoc(board.observer.doc, (doc) => readProject(doc, board.own)?.progressNote === '主体结构封顶', { message: 'the unreviewed edit to arrive' })

    moveProject(board.admin.doc, board.own, { stage: 'signed' })
    updateProject(board.admin.doc, board.own, { completedInvestment: '100' as never })
    await waitForDoc(
      board.observer.doc,
      (doc) => readProject(doc, board.own)?.completedInvestment === '100' && readProject(doc, board.own)?.stage === 'signed',
      {
        message: "the office's own edit and move to arrive at once",
      },
    )
    expect(readProject(board.observer.doc, board.own)?.completedInvestment).toBe('100')
  })

  test('a department’s proposal is accepted in its own name with the server’s time, and the project keeps its confirmed value', async () => {
    const board = await reviewBoard()
    const raw = await socketOf(board, 'department')
    const before = Date.now()
    raw.sendUpdate(
      captureUpdate(raw.doc, () =>
        proposeChange(raw.doc, board.own, 'completedInvestment', '2600', board.department, { now: new Date('2020-01-01T00:00:00Z') }),
      ),
    )
    await waitForDoc(board.observer.doc, (doc) => openProposalsOf(doc, board.own).length === 1, { message: 'the proposal to reach the office' })
    await waitForDoc(board.observer.doc, (doc) => Date.parse(openProposalsOf(doc, board.own)[0]?.proposedAt ?? '') >= before, {
      message: 'the server to stamp the proposal with its own clock, not the forged 2020',
    })
    expect(openProposalsOf(board.observer.doc, board.own)[0]).toMatchObject({ status: 'pending', value: '2600', proposedById: board.editor.user.id })
    expect(readProject(board.observer.doc, board.own)?.completedInvestment).toBe('0')
    expect(raw.deniedReasons()).toEqual([])
  })

  test('a proposal in someone else’s name is refused', async () => {
    const board = await reviewBoard()
    const raw = await socketOf(board, 'department')
    const reason = await refused(
      raw,
      () => proposeChange(raw.doc, board.own, 'completedInvestment', '2600', { ...board.department, displayName: '项目办王主任', units: [] }),
      'a proposal under the office’s name',
    )
    expect(reason).toBe('只能以自己的名义申报、确认或退回')
  })

  test('a department forging a confirm — the status alone, or with the figure, or with a confirmer — is refused and changes nothing', async () => {
    const board = await reviewBoard()
    const editorRaw = await socketOf(board, 'department')
    editorRaw.sendUpdate(captureUpdate(editorRaw.doc, () => proposeChange(editorRaw.doc, board.own, 'completedInvestment', '2600', board.department)))
    await waitForDoc(board.observer.doc, (doc) => openProposalsOf(doc, board.own).length === 1, { message: 'the proposal to arrive' })
    const id = proposalIdOf(board.own, 'completedInvestment')
    const forgeries: { name: string; change: (raw: RawSyncSocket) => void; reason: RegExp }[] = [
      {
        name: 'status confirmed',
        change: (raw) => collectionRoot(raw.doc, RecordCollection.proposals).get(id)?.set('status', 'confirmed'),
        reason: /只有项目办可以确认或退回申报/,
      },
      {
        name: 'status confirmed with the figure written',
        change: (raw) =>
          raw.doc.transact(() => {
            collectionRoot(raw.doc, RecordCollection.proposals).get(id)?.set('status', 'confirmed')
            projectsRoot(raw.doc).get(board.own)?.set('completedInvestment', '2600')
          }),
        reason: /只有项目办可以确认或退回申报|已完成投资须经项目办审核/,
      },
      {
        name: 'the confirmer named as the office',
        change: (raw) =>
          raw.doc.transact(() => {
            const map = collectionRoot(raw.doc, RecordCollection.proposals).get(id)
            map?.set('status', 'confirmed')
            map?.set('confirmedById', board.office.userId)
            map?.set('confirmedByLabel', '项目办')
            map?.set('confirmedAt', '2020-01-01T00:00:00.000Z')
          }),
        reason: /只能以自己的名义|只有项目办可以确认或退回申报/,
      },
      {
        name: 'a return cleared by the unit itself',
        change: (raw) => collectionRoot(raw.doc, RecordCollection.proposals).get(id)?.set('returns', 0),
        reason: /只有项目办可以确认或退回申报/,
      },
    ]
    for (const forgery of forgeries) {
      const raw = await socketOf(board, 'department')
      expect(await refused(raw, () => forgery.change(raw), forgery.name), forgery.name).toMatch(forgery.reason)
      raw.close()
    }
    await flushThroughObserver(board)
    expect(openProposalsOf(board.observer.doc, board.own)[0]).toMatchObject({ status: 'pending', value: '2600' })
    expect(openProposalsOf(board.observer.doc, board.own)[0]?.confirmedById).toBeUndefined()
    expect(readProject(board.observer.doc, board.own)?.completedInvestment).toBe('0')
  })

  test('the office’s confirm must write the figure in the same update; done so, project and proposal change together', async () => {
    const board = await reviewBoard()
    const editorRaw = await socketOf(board, 'department')
    editorRaw.sendUpdate(captureUpdate(editorRaw.doc, () => proposeChange(editorRaw.doc, board.own, 'completedInvestment', '2600', board.department)))
    await waitForDoc(board.admin.doc, (doc) => openProposalsOf(doc, board.own).length === 1, { message: 'the proposal to reach the office' })
    const id = proposalIdOf(board.own, 'completedInvestment')
    const officeRaw = await openRawSyncSocket(board.server, board.boardId)
    await officeRaw.waitForFrame((frame) => frame.type === MessageType.sync && frame.syncType === 1, 'the board state')
    expect(
      await refused(
        officeRaw,
        () => {
          const map = collectionRoot(officeRaw.doc, RecordCollection.proposals).get(id)
          map?.set('status', 'confirmed')
          map?.set('confirmedById', board.office.userId)
        },
        'a confirm that leaves the project figure as it was',
      ),
    ).toBe('确认申报须在同一次修改中写入项目的已完成投资')

    expect(confirmProposals(board.admin.doc, [id], board.office)).toEqual([id])
    await waitForDoc(board.observer.doc, (doc) => readProject(doc, board.own)?.completedInvestment === '2600', { message: 'the confirmed figure to arrive' })
    expect(openProposalsOf(board.observer.doc, board.own)).toEqual([])
    expect(collectionRoot(board.observer.doc, RecordCollection.proposals).get(id)?.get('confirmedById')).toBe(board.office.userId)
  })

  test('a return needs a reason; the unit then may only resubmit, not clear the return', async () => {
    const board = await reviewBoard()
    const editorRaw = await socketOf(board, 'department')
    editorRaw.sendUpdate(captureUpdate(editorRaw.doc, () => proposeChange(editorRaw.doc, board.own, 'completedInvestment', '2600', board.department)))
    await waitForDoc(board.admin.doc, (doc) => openProposalsOf(doc, board.own).length === 1, { message: 'the proposal to reach the office' })
    const id = proposalIdOf(board.own, 'completedInvestment')
    const officeRaw = await openRawSyncSocket(board.server, board.boardId)
    await officeRaw.waitForFrame((frame) => frame.type === MessageType.sync && frame.syncType === 1, 'the board state')
    expect(
      await refused(
        officeRaw,
        () => {
          const map = collectionRoot(officeRaw.doc, RecordCollection.proposals).get(id)
          map?.set('status', 'returned')
          map?.set('returns', 1)
        },
        'a return without a reason',
      ),
    ).toBe('退回须写明原因')
    returnProposal(board.admin.doc, id, '与统计局口径不符，请核实', board.office)
    await waitForDoc(board.observer.doc, (doc) => openProposalsOf(doc, board.own)[0]?.status === 'returned', { message: 'the return to arrive' })
    const raw = await socketOf(board, 'department')
    expect(
      await refused(raw, () => collectionRoot(raw.doc, RecordCollection.proposals).get(id)?.set('status', 'pending'), 'un-returning without a value'),
    ).toBe('修改申报值须重新提交审核（状态为待审核）')
    await flushThroughObserver(board)
    expect(openProposalsOf(board.observer.doc, board.own)[0]).toMatchObject({ status: 'returned', returnReason: '与统计局口径不符，请核实', returns: 1 })
  })

  test('a department cannot propose on another unit’s project, nor report for another unit', async () => {
    const board = await reviewBoard()
    const raw = await socketOf(board, 'department')
    expect(
      await refused(raw, () => proposeChange(raw.doc, board.other, 'completedInvestment', '100', board.department), 'a proposal on 商务局’s project'),
    ).toMatch(/商务局/)
    const report = await socketOf(board, 'department')
    const period = periodOf(DEFAULT_REPORTING_SETTINGS, todayInChina()).id
    expect(await refused(report, () => submitPeriod(report.doc, OTHER_UNIT, period, board.department), 'a 报送 for 商务局')).toMatch(/商务局/)
    const early = await socketOf(board, 'department')
    expect(await refused(early, () => submitPeriod(early.doc, OWN_UNIT, '2999-12', board.department), 'a 报送 of a period not begun')).toBe(
      '报送期尚未开始，不能提前报送',
    )
    const own = await socketOf(board, 'department')
    own.sendUpdate(captureUpdate(own.doc, () => submitPeriod(own.doc, OWN_UNIT, period, board.department, { now: new Date('2020-01-01T00:00:00Z') })))
    await waitForDoc(board.observer.doc, (doc) => listSubmissions(doc).length === 1, { message: 'the unit’s own 报送 to arrive' })
    expect(listSubmissions(board.observer.doc)[0]).toMatchObject({ unit: OWN_UNIT, periodId: period, submittedById: board.editor.user.id })
    expect(Date.parse(listSubmissions(board.observer.doc)[0]?.submittedAt ?? '')).toBeGreaterThan(Date.parse('2025-01-01'))
  })

  for (const who of ['viewer', 'screen'] as const) {
    test(`the ${who === 'viewer' ? 'leader (viewer)' : 'screen link'} can neither propose, confirm, return nor report`, async () => {
      const board = await reviewBoard()
      const period = periodOf(DEFAULT_REPORTING_SETTINGS, todayInChina()).id
      const attempts: { name: string; change: (raw: RawSyncSocket) => void }[] = [
        { name: 'propose', change: (raw) => proposeChange(raw.doc, board.own, 'completedInvestment', '2600', board.department) },
        { name: 'report', change: (raw) => submitPeriod(raw.doc, OWN_UNIT, period, board.department) },
        { name: 'settings', change: (raw) => writeReportingSettings(raw.doc, { ...DEFAULT_REPORTING_SETTINGS, enabled: false }) },
      ]
      for (const attempt of attempts) {
        const raw = await socketOf(board, who)
        expect(await refused(raw, () => attempt.change(raw), `${who}: ${attempt.name}`)).toMatch(/只能查看/)
        raw.close()
      }
      await flushThroughObserver(board)
      expect(openProposalsOf(board.observer.doc, board.own)).toEqual([])
      expect(listSubmissions(board.observer.doc)).toEqual([])
      expect(readReportingSettings(board.observer.doc)?.enabled).toBe(true)
    })
  }

  test('only the office sets up the reporting cycle', async () => {
    const board = await reviewBoard()
    const raw = await socketOf(board, 'department')
    expect(
      await refused(raw, () => writeReportingSettings(raw.doc, { ...DEFAULT_REPORTING_SETTINGS, reviewedFields: [] }), 'a department turning review off'),
    ).toMatch(/只有项目办可以修改看板设置/)
  })

  test('GET …/reporting is read by whoever may read the board, a screen link included, and by nobody else', async () => {
    const board = await reviewBoard()
    const path = `/api/boards/${board.boardId}/reporting`
    for (const token of [board.viewer.token, board.screen.token, board.editor.token]) {
      const answer = expectStatus(await requestJson<ReportingStatusResponse>(board.server, path, { token }), 200, `GET ${path}`)
      expect(answer.units.map((row) => row.unit)).toEqual(['发改局', OWN_UNIT, OTHER_UNIT])
    }
    expect((await requestJson(board.server, path, { token: null })).status).toBe(401)
    const elsewhere = await createBoard(board.server, '另一块看板')
    const foreign = await createScreenLink(board.server, elsewhere.id, { name: '别处大屏' })
    expect((await requestJson(board.server, path, { token: foreign.token })).status).toBe(403)
    expect((await requestJson(board.server, `${path}?period=2026-W49`)).status).toBe(400)
  })
})
