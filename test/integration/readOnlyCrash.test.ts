import { describe, expect, test } from 'vitest'
import { moveProject } from '@guatu/shared/board/projectCommands'
import { readProject } from '@guatu/shared/board/projectQueries'
import { connectClient } from '../helpers/client.ts'
import { fetchBoard } from '../helpers/rest.ts'
import { flushThroughObserver, startRoleBoard, waitDenied } from '../helpers/roleBoard.ts'
import { startServer } from '../helpers/server.ts'

// A real process: the refused move must also be absent after SIGKILL. The other role tests run in
// process (test/inprocess/roles.test.ts).

describe('read-only principals', () => {
  test.each(['viewer', 'screen link'] as const)(
    "a %s's move through a real y-websocket client is refused, seen by no other client and gone after a crash",
    async (kind) => {
      const board = await startRoleBoard({}, startServer)
      const token = kind === 'viewer' ? board.viewer.token : board.screen.token
      const reader = connectClient(board.server, board.boardId, { token })
      await reader.waitSynced()
      expect(readProject(reader.doc, board.own)?.stage, 'a read-only principal still reads the board').toBe('planning')

      moveProject(reader.doc, board.own, { stage: 'started' })
      expect(await waitDenied(reader, `the ${kind}'s move`)).toMatch(/只能查看/)

      await flushThroughObserver(board)
      expect(readProject(board.observer.doc, board.own)?.stage).toBe('planning')
      reader.destroy()

      await board.server.kill('SIGKILL')
      await board.server.restart()
      const fresh = connectClient(board.server, board.boardId)
      await fresh.waitSynced()
      expect(readProject(fresh.doc, board.own)?.stage).toBe('planning')
      expect(readProject(fresh.doc, board.own)?.actualStartDate).toBeUndefined()
      const { projects } = await fetchBoard(board.server, board.boardId)
      expect(projects.find((p) => p.id === board.own)?.stage).toBe('planning')
    },
  )
})
