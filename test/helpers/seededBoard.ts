import { seedProjects } from './board.ts'
import { connectClient } from './client.ts'
import { Rng } from './prng.ts'
import { createBoard } from './rest.ts'
import type { TestServer } from './server.ts'

/**
 * A server from `start` (in process, or a real process where the test kills it) and a board with
 * `count` seeded projects, durable, and the client that seeded them.
 */
export async function seededBoard(start: () => Promise<TestServer>, name: string, count: number, seed: number) {
  const server = await start()
  const board = await createBoard(server, name)
  const client = connectClient(server, board.id, { acks: true })
  await client.waitSynced()
  const ids = seedProjects(client.doc, count, new Rng(seed))
  await client.waitSaved()
  return { server, board, client, ids }
}
