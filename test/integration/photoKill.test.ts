import { readdir } from 'node:fs/promises'
import path from 'node:path'
import pg from 'pg'
import sharp from 'sharp'
import { describe, expect, test } from 'vitest'
import { photoPath } from '@guatu/shared/api/photos'
import { listPhotos } from '@guatu/shared/board/photoQueries'
import { createProject } from '@guatu/shared/board/projectCommands'
import { listProjects } from '@guatu/shared/board/projectQueries'
import { PHOTO_VARIANTS } from '@guatu/shared/domain/photo'
import { Role } from '@guatu/shared/domain/role'
import { createAccount } from '../helpers/accounts.ts'
import { deferCleanup } from '../helpers/cleanup.ts'
import { connectClient, waitAllSynced, waitForDoc } from '../helpers/client.ts'
import { uploadPhotos } from '../helpers/photoFiles.ts'
import { createTestDatabase } from '../helpers/postgres.ts'
import { createBoard } from '../helpers/rest.ts'
import { startServer, type TestServer } from '../helpers/server.ts'

/** A noisy 3000×2000 JPEG: a few megabytes that take the server a moment to decode and resize. */
async function heavyPhoto(seed: number): Promise<Uint8Array> {
  const image = sharp({ create: { width: 3000, height: 2000, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 100 + seed, sigma: 40 } } })
  return new Uint8Array(await image.jpeg({ quality: 90 }).toBuffer())
}

interface Backend {
  name: string
  env: () => Promise<Record<string, string>>
  /** Photos whose bytes are in the store (pending or not), and how many are still pending. */
  stored: (server: TestServer, env: Record<string, string>) => Promise<{ photos: number; pending: number }>
}

const BACKENDS: Backend[] = [
  {
    name: 'files under the data dir',
    env: async () => ({}),
    stored: async (server) => {
      const root = path.join(server.dataDir, 'photos')
      let photos = 0
      let pending = 0
      for (const board of await readdir(root)) {
        if (board === '.incoming') continue
        for (const blob of await readdir(path.join(root, board))) {
          photos++
          if ((await readdir(path.join(root, board, blob))).includes('pending')) pending++
        }
      }
      return { photos, pending }
    },
  },
  {
    name: 'PostgreSQL',
    env: async () => {
      const database = await createTestDatabase()
      deferCleanup(() => database.drop())
      return { GUATU_DATABASE_URL: database.url }
    },
    stored: async (_server, env) => {
      const client = new pg.Client({ connectionString: env.GUATU_DATABASE_URL })
      await client.connect()
      try {
        const { rows } = await client.query<{ photos: string; pending: string }>(
          'SELECT COUNT(DISTINCT blob_id) AS photos, COUNT(DISTINCT blob_id) FILTER (WHERE pending) AS pending FROM photo_blobs',
        )
        return { photos: Number(rows[0]!.photos), pending: Number(rows[0]!.pending) }
      } finally {
        await client.end()
      }
    },
  },
]

describe.each(BACKENDS)('a server killed during photo uploads ($name)', (backend) => {
  test('loses no photo anyone was told is saved, shows no half photo, and leaves no orphaned bytes after the cleanup on start', async () => {
    const env = { ...(await backend.env()), GUATU_LOG_LEVEL: 'warn' }
    const server = await startServer({ env })
    const board = await createBoard(server, '照片断电测试')
    const admin = connectClient(server, board.id)
    await waitAllSynced([admin])
    const projectId = createProject(admin.doc, { name: '工信局现场项目', stage: 'started', unit: '工信局' })
    const editor = await createAccount(server, {
      username: 'gxj_photo',
      password: 'gongxin-pass-2025',
      role: Role.editor,
      units: ['工信局'],
      displayName: '工信局联络员',
    })
    await waitForDoc(admin.doc, (doc) => listProjects(doc).length === 1, { message: 'the project to exist' })
    const photos = await Promise.all([0, 1, 2, 3, 4, 5].map(heavyPhoto))

    // Six uploads at once; the server is killed the moment the first is answered, the rest mid-way.
    const answered: string[] = []
    let killed: Promise<unknown> | undefined
    const uploads = photos.map((bytes, index) =>
      uploadPhotos(server, board.id, projectId, [{ name: `现场${index}.jpg`, bytes }], { token: editor.token })
        .then((response) => {
          if (response.status === 201) answered.push(...(response.body.photos ?? []).map((photo) => photo.id))
          killed ??= server.kill('SIGKILL')
        })
        .catch(() => undefined),
    )
    await Promise.all(uploads)
    await killed
    expect(answered.length).toBeGreaterThan(0)

    await server.restart()
    const reader = connectClient(server, board.id)
    await reader.waitSynced()
    const records = listPhotos(reader.doc)
    for (const id of answered)
      expect(
        records.map((photo) => photo.id),
        'a photo answered 201 survives the kill',
      ).toContain(id)
    for (const photo of records) {
      for (const variant of PHOTO_VARIANTS) {
        const response = await fetch(`${server.url}${photoPath(board.id, photo.id, variant)}`, { headers: { authorization: `Bearer ${server.adminToken}` } })
        expect(response.status, `${variant} of a visible photo`).toBe(200)
      }
    }
    expect(await backend.stored(server, env), 'bytes only for photos on the board, none left pending').toEqual({ photos: records.length, pending: 0 })
  })
})
