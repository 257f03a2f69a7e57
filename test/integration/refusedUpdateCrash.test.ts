import { describe, expect, test } from 'vitest'
import type * as Y from 'yjs'
import { projectsRoot } from '@guatu/shared/board/boardDoc'
import { createProject, updateProject } from '@guatu/shared/board/projectCommands'
import { readProject } from '@guatu/shared/board/projectQueries'
import type { WanAmount } from '@guatu/shared/domain/money'
import { connectClient, waitAllSynced, waitForDoc } from '../helpers/client.ts'
import { createBoard, fetchBoard } from '../helpers/rest.ts'
import { startServer } from '../helpers/server.ts'
import { waitFor } from '../helpers/wait.ts'

const CHINESE = /[\u4e00-\u9fff]/

describe('sync protocol compatibility', () => {
  test.each([
    ['stage', 'bogus'],
    ['totalInvestment', '-5'],
    ['rank', ''],
    ['name', 42],
  ])('an update setting %s to %j is refused: the sender gets a Chinese reason, nobody sees it, a restart does not bring it back', async (field, value) => {
    const server = await startServer()
    const board = await createBoard(server, '非法写入')
    const honest = connectClient(server, board.id)
    const hostile = connectClient(server, board.id)
    const observer = connectClient(server, board.id)
    await waitAllSynced([honest, hostile, observer])
    const id = createProject(honest.doc, { name: '新材料产业园', stage: 'signed', unit: '工信局', totalInvestment: '12000' as WanAmount })
    await Promise.all(
      [hostile, observer].map((client) => waitForDoc(client.doc, (doc) => readProject(doc, id) !== undefined, { message: 'every client to see the card' })),
    )
    const rawValue = (doc: Y.Doc) => projectsRoot(doc).get(id)?.get(field)
    const original = rawValue(honest.doc)

    // A hostile or outdated client bypasses the shared commands and writes the map directly.
    projectsRoot(hostile.doc).get(id)?.set(field, value)
    await waitFor(() => hostile.deniedReasons.length > 0, { message: 'the server to send the sender a permission-denied message' })
    expect(hostile.deniedReasons[0]).toMatch(CHINESE)

    // A later valid edit from someone else reaches the observer after anything the server relayed before it.
    updateProject(honest.doc, id, { progressNote: '已完成土地摘牌' })
    await waitForDoc(observer.doc, (doc) => readProject(doc, id)?.progressNote === '已完成土地摘牌', {
      message: 'the observer to see the valid edit made after the refusal',
    })
    expect(rawValue(observer.doc)).toEqual(original)
    expect(rawValue(honest.doc)).toEqual(original)
    hostile.destroy()

    await server.kill('SIGKILL')
    await server.restart()
    const fresh = connectClient(server, board.id)
    await fresh.waitSynced()
    expect(rawValue(fresh.doc)).toEqual(original)
    expect(readProject(fresh.doc, id)?.progressNote).toBe('已完成土地摘牌')
    const { projects } = await fetchBoard(server, board.id)
    expect(projects.find((p) => p.id === id)).toEqual(readProject(fresh.doc, id))
  })
})
