import { describe, expect, test } from 'vitest'
import type * as Y from 'yjs'
import { createProject, moveProject, updateProject } from '@guatu/shared/board/projectCommands'
import { listProjects, readProject } from '@guatu/shared/board/projectQueries'
import type { ProjectId } from '@guatu/shared/domain/project'
import { STAGES, type Stage } from '@guatu/shared/domain/stage'
import { projectsSnapshot, seedProjects, sortById } from '../helpers/board.ts'
import { connectClient, waitAllSynced, waitForDoc } from '../helpers/client.ts'
import { Rng } from '../helpers/prng.ts'
import { createBoard, fetchBoard, listBoards } from '../helpers/rest.ts'
import { startServer } from '../helpers/server.ts'

interface ExpectedCard {
  stage: Stage
  progressNote: string
}

/** Differences between a document and what the test knows every client has seen; empty when it matches. */
function differences(doc: Y.Doc, expected: ReadonlyMap<ProjectId, ExpectedCard>): string[] {
  const problems: string[] = []
  const projects = listProjects(doc)
  if (projects.length !== expected.size) problems.push(`${projects.length} projects, expected ${expected.size}`)
  for (const [id, card] of expected) {
    const project = readProject(doc, id)
    if (!project) problems.push(`${id} missing`)
    else if (project.stage !== card.stage || project.progressNote !== card.progressNote) {
      problems.push(`${id}: ${project.stage} "${project.progressNote}", expected ${card.stage} "${card.progressNote}"`)
    }
  }
  return problems
}

describe('durability across crashes', () => {
  test('a move a second client saw is still there after the server is killed with SIGKILL', async () => {
    const server = await startServer()
    const board = await createBoard(server, '断电测试')
    const mover = connectClient(server, board.id)
    const watcher = connectClient(server, board.id)
    await waitAllSynced([mover, watcher])
    const ids = seedProjects(mover.doc, 8, new Rng(1))
    const card = ids.find((id) => readProject(mover.doc, id)?.stage === 'planning') as ProjectId

    moveProject(mover.doc, card, { stage: 'started' })
    await waitForDoc(watcher.doc, (doc) => readProject(doc, card)?.stage === 'started', {
      message: 'the second client to see the card in 开工',
    })
    const seen = projectsSnapshot(watcher.doc)
    const exit = await server.kill('SIGKILL')
    expect(exit.signal).toBe('SIGKILL')
    mover.destroy()
    watcher.destroy()

    await server.restart()
    const fresh = connectClient(server, board.id)
    await fresh.waitSynced()
    expect(readProject(fresh.doc, card)?.stage).toBe('started')
    expect(projectsSnapshot(fresh.doc)).toBe(seen)
  })

  test('five crash-and-restart rounds with a growing history keep every project and every observed edit', async () => {
    const rng = new Rng(424242)
    const server = await startServer()
    const board = await createBoard(server, '反复重启')
    const expected = new Map<ProjectId, ExpectedCard>()

    for (let round = 1; round <= 5; round++) {
      if (round > 1) await server.restart()
      const writer = connectClient(server, board.id)
      const observer = connectClient(server, board.id)
      await waitAllSynced([writer, observer])
      // Everything observed before the previous crash must already be back.
      expect(differences(writer.doc, expected), `state after restart before round ${round}`).toEqual([])

      for (let i = 0; i < 6; i++) {
        const id = createProject(writer.doc, { name: `第${round}轮项目${i + 1}`, stage: 'planning', unit: '发改局' })
        expected.set(id, { stage: 'planning', progressNote: '' })
      }
      const ids = [...expected.keys()]
      for (let i = 0; i < 10; i++) {
        const id = rng.pick(ids)
        const card = expected.get(id) as ExpectedCard
        const stage = rng.pick(STAGES.filter((s) => s !== card.stage))
        moveProject(writer.doc, id, { stage })
        card.stage = stage
      }
      for (let i = 0; i < 10; i++) {
        const id = rng.pick(ids)
        const note = `第${round}轮第${i + 1}次：形象进度${rng.int(100)}%`
        updateProject(writer.doc, id, { progressNote: note })
        ;(expected.get(id) as ExpectedCard).progressNote = note
      }

      await waitForDoc(observer.doc, (doc) => differences(doc, expected).length === 0, {
        message: `the observer to see every edit of round ${round}`,
        describe: () => differences(observer.doc, expected).slice(0, 10).join('\n'),
      })
      await server.kill('SIGKILL')
      writer.destroy()
      observer.destroy()
    }

    await server.restart()
    const fresh = connectClient(server, board.id)
    await fresh.waitSynced()
    expect(expected.size).toBe(30)
    expect(differences(fresh.doc, expected)).toEqual([])

    const { projects } = await fetchBoard(server, board.id)
    expect(JSON.stringify(sortById(projects))).toBe(projectsSnapshot(fresh.doc))
    const summary = (await listBoards(server)).find((b) => b.id === board.id)
    expect(summary?.projectCount).toBe(30)
  })

  test('a change confirmed by savedAck survives SIGKILL even when no other client saw it', async () => {
    const server = await startServer()
    const board = await createBoard(server, '保存确认')
    const editor = connectClient(server, board.id, { acks: true })
    await editor.waitSynced()
    const id = createProject(editor.doc, { name: '冷链物流园', stage: 'signed', unit: '商务局' })
    moveProject(editor.doc, id, { stage: 'started' })
    updateProject(editor.doc, id, { progressNote: '主体结构封顶' })

    await editor.waitSaved()
    await server.kill('SIGKILL')
    editor.destroy()

    await server.restart()
    const fresh = connectClient(server, board.id)
    await fresh.waitSynced()
    const project = readProject(fresh.doc, id)
    expect(project?.stage).toBe('started')
    expect(project?.progressNote).toBe('主体结构封顶')
    expect(project?.actualStartDate).toMatch(/^\d{4}-\d{2}-\d{2}$/)
  })

  test('after a restart the REST board endpoint lists the same projects the document holds', async () => {
    const server = await startServer()
    const board = await createBoard(server, '接口一致', 2024)
    const editor = connectClient(server, board.id, { acks: true })
    await editor.waitSynced()
    seedProjects(editor.doc, 20, new Rng(99))
    await editor.waitSaved()
    const before = sortById(listProjects(editor.doc))
    await server.kill('SIGKILL')
    editor.destroy()

    await server.restart()
    const { board: stored, projects } = await fetchBoard(server, board.id)
    expect(stored).toMatchObject({ id: board.id, name: '接口一致', year: 2024 })
    expect(sortById(projects)).toEqual(before)
  })

  test('a client that keeps editing while the server is down delivers its edits after the restart', async () => {
    const server = await startServer()
    const board = await createBoard(server, '离线编辑')
    const editor = connectClient(server, board.id)
    await editor.waitSynced()
    const id = createProject(editor.doc, { name: '污水处理厂提标改造', stage: 'planning', unit: '住建局', governmentFunded: true })
    const watcher = connectClient(server, board.id)
    await waitForDoc(watcher.doc, (doc) => readProject(doc, id) !== undefined, { message: 'the watcher to see the card' })
    watcher.destroy()

    await server.kill('SIGKILL')
    // 政府投资项目 skips 签约: straight from 谋划 to 开工, made while the server is down.
    moveProject(editor.doc, id, { stage: 'started' })
    await server.restart({ keepPort: true })

    const fresh = connectClient(server, board.id)
    await waitForDoc(fresh.doc, (doc) => readProject(doc, id)?.stage === 'started', {
      timeoutMs: 30_000,
      message: 'the offline move to reach the restarted server',
    })
  })

  test('a server stopped with SIGTERM exits cleanly and keeps every edit', async () => {
    const server = await startServer()
    const board = await createBoard(server, '正常停机')
    const editor = connectClient(server, board.id)
    const watcher = connectClient(server, board.id)
    await waitAllSynced([editor, watcher])
    const ids = seedProjects(editor.doc, 12, new Rng(5))
    await waitForDoc(watcher.doc, (doc) => listProjects(doc).length === ids.length, { message: 'the watcher to see all cards' })

    const exit = await server.stop()
    expect(exit).toEqual({ code: 0, signal: null })
    editor.destroy()
    watcher.destroy()

    await server.restart()
    const fresh = connectClient(server, board.id)
    await fresh.waitSynced()
    expect(
      listProjects(fresh.doc)
        .map((p) => p.id)
        .sort(),
    ).toEqual([...ids].sort())
  })
})
