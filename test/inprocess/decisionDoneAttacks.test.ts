import { describe, expect, test } from 'vitest'
import { markDecisionDone, recordDecision, startMeeting, boardTotals } from '@guatu/shared/board/meetingCommands'
import { listDecisions } from '@guatu/shared/board/meetingQueries'
import { listProjects } from '@guatu/shared/board/projectQueries'
import { todayInChina, type IsoDate } from '@guatu/shared/domain/dates'
import type { Principal } from '@guatu/shared/domain/principal'
import { Role } from '@guatu/shared/domain/role'
import { connectClient, waitForDoc } from '../helpers/client.ts'
import { requestJson } from '../helpers/rest.ts'
import { flushThroughObserver, OTHER_UNIT, OWN_UNIT, startRoleBoard } from '../helpers/roleBoard.ts'
import { waitFor } from '../helpers/wait.ts'

/**
 * 确定事项 办结 (the new decision status, for 回头看's done/overdue): the project's unit marks its
 * own decision done and the server stamps who and when; the leader, a screen link and another
 * department are refused, and nobody can claim another person's name.
 */
describe('marking a 确定事项 done', () => {
  test('the unit marks its own decision done under its own name; leader, screen link and another department are refused', async () => {
    const board = await startRoleBoard()
    const me = (await requestJson<{ user: { id: string; username: string; displayName: string } }>(board.server, '/api/me')).body.user
    const chair: Principal = { kind: 'user', userId: me.id, username: me.username, displayName: me.displayName, role: Role.admin, units: [] }
    const meeting = startMeeting(
      board.admin.doc,
      { title: '调度会', date: todayInChina(), attendees: [OWN_UNIT, OTHER_UNIT], agenda: [OWN_UNIT, OTHER_UNIT] },
      boardTotals(listProjects(board.admin.doc)),
      chair,
    )
    const own = recordDecision(
      board.admin.doc,
      { meetingId: meeting, projectId: board.own, content: '协调电力增容', assignee: OWN_UNIT, deadline: '2030-01-01' as IsoDate },
      chair,
    )
    const other = recordDecision(
      board.admin.doc,
      { meetingId: meeting, projectId: board.other, content: '落实冷库用地', assignee: OTHER_UNIT, deadline: '2030-01-01' as IsoDate },
      chair,
    )
    await waitForDoc(board.observer.doc, (doc) => listDecisions(doc).length === 2, { message: 'the decisions to be stored' })

    const editor = connectClient(board.server, board.boardId, { token: board.editor.token })
    const viewer = connectClient(board.server, board.boardId, { token: board.viewer.token })
    const screen = connectClient(board.server, board.boardId, { token: board.screen.token })
    await Promise.all([editor.waitSynced(), viewer.waitSynced(), screen.waitSynced()])
    const editorPrincipal: Principal = {
      kind: 'user',
      userId: board.editor.user.id,
      username: board.editor.user.username,
      displayName: board.editor.user.displayName,
      role: Role.editor,
      units: [OWN_UNIT],
    }

    for (const [who, client] of [
      ['the leader', viewer],
      ['a screen link', screen],
      ['another department', editor],
    ] as const) {
      markDecisionDone(client.doc, other, editorPrincipal)
      await waitFor(() => client.deniedReasons.length > 0, { message: `${who}'s 办结 of 商务局's decision to be refused` })
    }
    await flushThroughObserver(board)
    expect(listDecisions(board.observer.doc).find((decision) => decision.id === other)?.status).toBeUndefined()

    const fresh = connectClient(board.server, board.boardId, { token: board.editor.token })
    await fresh.waitSynced()
    const impostor: Principal = { ...editorPrincipal, userId: me.id, displayName: '项目办王主任' }
    markDecisionDone(fresh.doc, own, impostor)
    await waitFor(() => fresh.deniedReasons.length > 0, { message: "a 办结 under another person's name to be refused" })

    const honest = connectClient(board.server, board.boardId, { token: board.editor.token })
    await honest.waitSynced()
    markDecisionDone(honest.doc, own, editorPrincipal)
    await waitForDoc(board.observer.doc, (doc) => listDecisions(doc).find((decision) => decision.id === own)?.status === 'done', {
      message: "工信局's 办结 of its own decision",
    })
    const done = listDecisions(board.observer.doc).find((decision) => decision.id === own)!
    expect(done.doneById).toBe(board.editor.user.id)
    expect(Math.abs(Date.parse(done.doneAt!) - Date.now())).toBeLessThan(60_000)
  })
})
