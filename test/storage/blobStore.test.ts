import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { FileBlobStore } from '@guatu/server/storage/fileBlobStore'
import { openPostgresPool } from '@guatu/server/storage/postgresDatabase'
import { PostgresBlobStore } from '@guatu/server/storage/postgresBlobStore'
import { createTestDatabase } from '../helpers/postgres.ts'
import { describeBlobStoreContract } from './blobStoreContract.ts'

describeBlobStoreContract('files under the data dir', async () => {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'guatu-blobs-'))
  return { open: () => FileBlobStore.open(dataDir), dispose: () => rm(dataDir, { recursive: true, force: true }) }
})

describeBlobStoreContract('PostgreSQL', async () => {
  const database = await createTestDatabase()
  const pools: Array<{ end(): Promise<void> }> = []
  return {
    open: async () => {
      const pool = await openPostgresPool(database.url)
      pools.push(pool)
      return new PostgresBlobStore(pool)
    },
    dispose: async () => {
      for (const pool of pools) await pool.end().catch(() => undefined)
      await database.drop()
    },
  }
})
