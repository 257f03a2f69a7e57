/** Section 5 of `pnpm bench`: a seeded Guatu board opened in Chromium by browser.ts's measureBoardInBrowser. */
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import * as Y from 'yjs'
import { countProjects } from '@guatu/shared/board/projectQueries'
import { generateDemoLedger } from '@guatu/shared/demo/generateLedger'
import { demoProjectId, seedBoardDoc } from '@guatu/shared/demo/seedBoard'
import { TEST_ADMIN_PASSWORD, TEST_ADMIN_USERNAME } from '../helpers/credentials.ts'
import { ServerKind, guatuHttp, startServer } from './benchServers.ts'
import { measureBoardInBrowser, type BrowserBoardFigures } from './browser.ts'
import { RawClient } from './rawClient.ts'

export async function browserFigures(cards: number): Promise<BrowserBoardFigures> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'guatu-bench-browser-'))
  const server = await startServer(ServerKind.guatu, dataDir)
  try {
    const boardId = await server.createBoard(`browser-${cards}`)
    const doc = new Y.Doc()
    seedBoardDoc(doc, generateDemoLedger({ count: cards }), { idForIndex: demoProjectId })
    const seeder = new RawClient(server.endpoint(boardId), { doc })
    await seeder.synced
    // Stored once a fresh client receives every card (the server answers after the write).
    const check = new Y.Doc()
    const reader = new RawClient(server.endpoint(boardId), { doc: check })
    await reader.synced
    while (countProjects(check) < cards) await new Promise((resolve) => setTimeout(resolve, 50))
    reader.close()
    seeder.close()
    return await measureBoardInBrowser({
      serverUrl: guatuHttp(server).url,
      boardId,
      username: TEST_ADMIN_USERNAME,
      password: TEST_ADMIN_PASSWORD,
      expectedCards: cards,
    })
  } finally {
    await server.stop()
    await rm(dataDir, { recursive: true, force: true })
  }
}
