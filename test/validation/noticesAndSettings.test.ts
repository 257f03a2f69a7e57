import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { readBoardSettings, readColumnMapping, writeBoardSettings, writeColumnMapping } from '@guatu/shared/board/boardSettingsAccess'
import { metaRoot } from '@guatu/shared/board/boardDoc'
import { closeNotice, escalateNotice, issueNotice, replyToNotice } from '@guatu/shared/board/noticeCommands'
import { listNotices } from '@guatu/shared/board/noticeQueries'
import { createProject } from '@guatu/shared/board/projectCommands'
import type { Principal } from '@guatu/shared/domain/principal'
import { DEFAULT_BOARD_SETTINGS } from '@guatu/shared/progress/boardSettings'
import { auditSummary } from '@guatu/server/audit/auditRecord'
import { describeChanges, describeSettingChanges } from '@guatu/server/audit/describeChanges'
import { checkPermissions } from '@guatu/server/validation/rolePolicy'
import { checkSchema } from '@guatu/server/validation/schemaCheck'
import { checkSettings } from '@guatu/server/validation/settingsCheck'
import { analyzeUpdate } from '../helpers/updateEffects.ts'

const gongxin: Principal = { kind: 'user', userId: 'u_gx', username: 'gongxinju', displayName: '工信局联络员', role: 'editor', units: ['工信局'] }
const admin: Principal = { kind: 'user', userId: 'u_admin', username: 'admin', displayName: '项目办', role: 'admin', units: [] }
const requirement = { level: 'blue' as const, requirement: '9月底前完成土地摘牌', deadline: '2022-09-30' as never }

function setup() {
  const server = new Y.Doc()
  const own = createProject(server, { name: '华能高性能纤维项目', unit: '工信局' })
  const client = new Y.Doc()
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server))
  return { server, client, own }
}

/** The server's verdict on `change` made on the client by `principal`, plus its history; applied when accepted. */
function judge(server: Y.Doc, client: Y.Doc, principal: Principal, change: () => void) {
  const updates: Uint8Array[] = []
  const capture = (update: Uint8Array) => updates.push(update)
  client.on('update', capture)
  change()
  client.off('update', capture)
  const update = Y.mergeUpdates(updates)
  const analysis = analyzeUpdate(server, update)
  if (!analysis.ok) return { reason: analysis.reason, history: [] }
  const reason = checkPermissions(server, principal, analysis.effects) ?? checkSettings(principal, analysis.settings) ?? checkSchema(server, analysis.effects)
  const history = [...describeChanges(server, analysis.effects), ...describeSettingChanges(server, analysis.settings)].map(auditSummary)
  if (reason === undefined) Y.applyUpdate(server, update)
  return { reason, history }
}

describe('督办单 on the server', () => {
  it('lets the project office issue, escalate and close a notice, and the department reply, each step in history', () => {
    const { server, client, own } = setup()
    let id = ''
    expect(judge(server, client, admin, () => (id = issueNotice(client, own, requirement, admin)))).toEqual({
      reason: undefined,
      history: ['下发蓝色督办：9月底前完成土地摘牌'],
    })
    expect(judge(server, client, admin, () => escalateNotice(client, id as never))).toEqual({ reason: undefined, history: ['督办升级：蓝色督办 → 黄色督办'] })
    expect(judge(server, client, gongxin, () => replyToNotice(client, id as never, '已完成摘牌公告', gongxin))).toEqual({
      reason: undefined,
      history: ['答复督办：已完成摘牌公告'],
    })
    expect(judge(server, client, admin, () => closeNotice(client, id as never, admin)).history).toEqual(['督办办结：9月底前完成土地摘牌'])
    expect(listNotices(server)).toMatchObject([{ level: 'yellow', status: 'closed', repliedByLabel: '工信局联络员（工信局）', closedById: 'u_admin' }])
  })

  it('refuses a department issuing, escalating or closing a notice, and replying in another name', () => {
    const { server, client, own } = setup()
    expect(judge(server, client, gongxin, () => issueNotice(client, own, requirement, gongxin)).reason).toBe('只有项目办可以下发或删除督办单')
    const fresh = setup()
    let id = ''
    judge(fresh.server, fresh.client, admin, () => (id = issueNotice(fresh.client, fresh.own, requirement, admin)))
    expect(judge(fresh.server, fresh.client, gongxin, () => escalateNotice(fresh.client, id as never)).reason).toBe(
      '督办单只能由项目办修改，责任单位只能填写办理情况',
    )
    const forged = setup()
    let forgedId = ''
    judge(forged.server, forged.client, admin, () => (forgedId = issueNotice(forged.client, forged.own, requirement, admin)))
    expect(judge(forged.server, forged.client, gongxin, () => replyToNotice(forged.client, forgedId as never, '已办', admin)).reason).toBe(
      '只能以自己的名义下发、答复或办结督办单',
    )
  })
})

describe('board settings in the document', () => {
  it('lets the project office set targets and thresholds, recorded in history', () => {
    const { server, client } = setup()
    const settings = { ...DEFAULT_BOARD_SETTINGS(2022), targets: { signed: { count: 40 }, started: { count: 94 }, producing: { count: 60 } } }
    expect(judge(server, client, admin, () => writeBoardSettings(client, settings))).toEqual({
      reason: undefined,
      history: ['修改看板设置（目标、口径或预警阈值）'],
    })
    expect(readBoardSettings(server, 2022).targets.started.count).toBe(94)
  })

  it('refuses settings from a department and settings that break the schema', () => {
    const { server, client } = setup()
    expect(judge(server, client, gongxin, () => writeBoardSettings(client, DEFAULT_BOARD_SETTINGS(2022))).reason).toBe(
      '只有项目办可以修改看板设置（目标、口径和预警阈值）',
    )
    const fresh = setup()
    const broken = { ...DEFAULT_BOARD_SETTINGS(2022), timeBasis: 'weekly' }
    expect(judge(fresh.server, fresh.client, admin, () => metaRoot(fresh.client).set('settings', broken)).reason).toBe('序时进度口径须为按月或按日')
    const unknown = setup()
    expect(judge(unknown.server, unknown.client, admin, () => metaRoot(unknown.client).set('theme', 'dark')).reason).toBe('未知的看板设置：theme')
  })

  it('lets only the project office remember the ledger column mapping, and only a valid one', () => {
    const viewer: Principal = { kind: 'user', userId: 'u_ld', username: 'lingdao', displayName: '领导', role: 'viewer', units: [] }
    for (const principal of [gongxin, viewer]) {
      const { server, client } = setup()
      expect(judge(server, client, principal, () => writeColumnMapping(client, { 推进情况: 'stageEvidence' })).reason).toBe(
        '只有项目办可以修改看板设置（目标、口径和预警阈值）',
      )
      expect(readColumnMapping(server)).toEqual({})
    }
    const broken = setup()
    expect(judge(broken.server, broken.client, admin, () => metaRoot(broken.client).set('ledgerColumns', { 推进情况: 'rank' })).reason).toMatch(
      /^台账列映射无效/,
    )
    const { server, client } = setup()
    expect(judge(server, client, admin, () => writeColumnMapping(client, { 推进情况: 'stageEvidence' })).reason).toBeUndefined()
    expect(readColumnMapping(server)).toEqual({ 推进情况: 'stageEvidence' })
  })

  it('reads defaults when nothing is stored', () => {
    expect(readBoardSettings(new Y.Doc(), 2023)).toEqual(DEFAULT_BOARD_SETTINGS(2023))
  })
})
