/**
 * A seeded board on a running Guatu bench server, for the browser benchmarks: the demo ledger's
 * generator (deterministic), optionally every project placed on the map and the wall's map tile on.
 * Resolves once a fresh client receives every card, so the board is stored before anything is timed.
 */
import * as Y from 'yjs'
import { readBoardSettings, writeBoardSettings } from '@guatu/shared/board/boardSettingsAccess'
import { placeProject } from '@guatu/shared/board/coordinateCommands'
import { countProjects, listProjects } from '@guatu/shared/board/projectQueries'
import { generateDemoLedger } from '@guatu/shared/demo/generateLedger'
import { demoProjectId, seedBoardDoc } from '@guatu/shared/demo/seedBoard'
import { CoordinateSource } from '@guatu/shared/domain/coordinates'
import type { WallMap } from '@guatu/shared/progress/boardSettings'
import type { BenchServer } from './benchServers.ts'
import { RawClient } from './rawClient.ts'

export interface SeededBenchBoard {
  boardId: string
  /** The seeder's document: a full peer, still connected until `close`. */
  doc: Y.Doc
  close(): void
}

/** Deterministic spots scattered over a made-up county of about 0.9° by 0.7°. */
export function benchSpot(index: number): { lng: number; lat: number } {
  return { lng: 108.5 + ((index * 7919) % 9001) / 10_000, lat: 33.9 + ((index * 104_729) % 7001) / 10_000 }
}

export async function seedBenchBoard(server: BenchServer, cards: number, options: { placed?: boolean; wallMap?: WallMap } = {}): Promise<SeededBenchBoard> {
  const boardId = await server.createBoard(`bench-${cards}`)
  const doc = new Y.Doc()
  const ids = seedBoardDoc(doc, generateDemoLedger({ count: cards }), { idForIndex: demoProjectId })
  if (options.placed) ids.forEach((id, index) => placeProject(doc, id, { ...benchSpot(index), source: CoordinateSource.import }))
  if (options.wallMap) writeBoardSettings(doc, { ...readBoardSettings(doc, new Date().getFullYear()), wallMap: options.wallMap })
  const seeder = new RawClient(server.endpoint(boardId), { doc })
  await seeder.synced
  const check = new Y.Doc()
  const reader = new RawClient(server.endpoint(boardId), { doc: check })
  await reader.synced
  const complete = () => countProjects(check) >= cards && (!options.placed || listProjects(check).every((project) => project.coordinates))
  while (!complete()) await new Promise((resolve) => setTimeout(resolve, 50))
  reader.close()
  return { boardId, doc, close: () => seeder.close() }
}
