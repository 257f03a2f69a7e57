import { describe, expect, test } from 'vitest'
import { moveProject, updateProject } from '@guatu/shared/board/projectCommands'
import { readProject } from '@guatu/shared/board/projectQueries'
import type { WanAmount } from '@guatu/shared/domain/money'
import { connectClient, waitForDoc } from '../helpers/client.ts'
import { fetchHistory } from '../helpers/rest.ts'
import { EDITOR_DISPLAY_NAME, flushThroughObserver, startRoleBoard } from '../helpers/roleBoard.ts'
import { waitFor } from '../helpers/wait.ts'

/** A name someone else in the meeting has: the history must never believe a client's presence. */
const CLAIMED_NAME = '项目办王主任'

describe('change history', () => {
  test('moves and edits by two users are listed newest first with the authenticated actor, never the name a client claims', async () => {
    const board = await startRoleBoard()
    const { admin, observer, own, other } = board
    const editor = connectClient(board.server, board.boardId, { token: board.editor.token })
    await editor.waitSynced()
    editor.provider.awareness.setLocalStateField('user', { name: CLAIMED_NAME, color: '#2980b9', unit: '项目办' })

    moveProject(editor.doc, own, { stage: 'started' })
    await waitForDoc(observer.doc, (doc) => readProject(doc, own)?.stage === 'started', { message: "the editor's move to be stored" })
    updateProject(editor.doc, own, { totalInvestment: '60000' as WanAmount })
    await waitForDoc(observer.doc, (doc) => readProject(doc, own)?.totalInvestment === '60000', { message: "the editor's edit to be stored" })
    moveProject(admin.doc, own, { stage: 'producing' })
    await waitForDoc(observer.doc, (doc) => readProject(doc, own)?.stage === 'producing', { message: "the admin's move to be stored" })
    updateProject(admin.doc, own, { progressNote: '设备安装调试完成' })
    moveProject(admin.doc, other, { stage: 'signed' })
    await waitForDoc(observer.doc, (doc) => readProject(doc, own)?.progressNote === '设备安装调试完成' && readProject(doc, other)?.stage === 'signed', {
      message: "the admin's last edits to be stored",
    })
    expect(editor.deniedReasons).toEqual([])

    const entries = await fetchHistory(board.server, board.boardId, { projectId: own })
    expect(
      entries.every((entry) => entry.projectId === own),
      'a projectId filter lists only that project',
    ).toBe(true)
    const times = entries.map((entry) => Date.parse(entry.at))
    expect(times.every((time) => Number.isFinite(time))).toBe(true)
    expect(
      [...times].sort((a, b) => b - a),
      'newest first',
    ).toEqual(times)

    const interesting = entries.filter(
      (entry) => entry.action === 'move' || (entry.action === 'edit' && (entry.field === 'totalInvestment' || entry.field === 'progressNote')),
    )
    expect(interesting.map((entry) => [entry.action, entry.field])).toEqual([
      ['edit', 'progressNote'],
      ['move', 'stage'],
      ['edit', 'totalInvestment'],
      ['move', 'stage'],
    ])
    const [note, adminMove, editorEdit, editorMove] = interesting as [
      (typeof entries)[number],
      (typeof entries)[number],
      (typeof entries)[number],
      (typeof entries)[number],
    ]

    expect(editorMove.actor.label).toContain(EDITOR_DISPLAY_NAME)
    expect(editorMove.summary).toContain('谋划 → 开工')
    expect([editorMove.from, editorMove.to]).toEqual(['planning', 'started'])
    expect(editorEdit.actor.label).toContain(EDITOR_DISPLAY_NAME)
    expect(editorEdit.summary).toContain('总投资')
    expect([editorEdit.from, editorEdit.to]).toEqual(['57800', '60000'])
    expect(editorEdit.actor.id).toBe(editorMove.actor.id)

    expect(adminMove.summary).toContain('开工 → 投产')
    expect(note.to).toBe('设备安装调试完成')
    expect(adminMove.actor.id).toBe(note.actor.id)
    expect(adminMove.actor.id).not.toBe(editorMove.actor.id)
    for (const entry of entries) expect(entry.actor.label).not.toContain(CLAIMED_NAME)

    const otherEntries = await fetchHistory(board.server, board.boardId, { projectId: other })
    expect(otherEntries.filter((entry) => entry.action === 'move').map((entry) => entry.summary)).toEqual([expect.stringContaining('谋划 → 签约')])
  })

  test('a refused change leaves no trace in the history', async () => {
    const board = await startRoleBoard()
    const viewer = connectClient(board.server, board.boardId, { token: board.viewer.token })
    await viewer.waitSynced()
    moveProject(viewer.doc, board.own, { stage: 'started' })
    await waitFor(() => viewer.deniedReasons.length > 0, { message: "the viewer's move to be refused" })
    await flushThroughObserver(board)
    const entries = await fetchHistory(board.server, board.boardId, { projectId: board.own })
    expect(entries.filter((entry) => entry.action === 'move')).toEqual([])
  })
})
