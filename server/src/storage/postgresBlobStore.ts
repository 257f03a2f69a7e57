import type pg from 'pg'
import { PHOTO_VARIANTS, type PhotoVariant } from '@guatu/shared/domain/photo'
import { assertBlobKey, type BlobKey, type BlobStore, type PhotoBlobs } from './blobStore.ts'
import { inTransaction } from './postgresDatabase.ts'

/**
 * Photo bytes in PostgreSQL (`photo_blobs`, one row per variant), when the server is scaled out
 * and no process has the others' files. All variants go in one transaction: a kill mid-upload
 * leaves nothing. The pool is the board storage's; closing it is the storage's job.
 */
export class PostgresBlobStore implements BlobStore {
  constructor(private readonly pool: pg.Pool) {}

  async putPending(key: BlobKey, blobs: PhotoBlobs): Promise<void> {
    assertBlobKey(key)
    const at = new Date().toISOString()
    await inTransaction(this.pool, async (client) => {
      for (const variant of PHOTO_VARIANTS) {
        await client.query('INSERT INTO photo_blobs (board_id, blob_id, variant, data, pending, created_at) VALUES ($1, $2, $3, $4, TRUE, $5)', [
          key.boardId,
          key.blobId,
          variant,
          Buffer.from(blobs[variant].buffer, blobs[variant].byteOffset, blobs[variant].byteLength),
          at,
        ])
      }
    })
  }

  async confirm(key: BlobKey): Promise<void> {
    assertBlobKey(key)
    await this.pool.query('UPDATE photo_blobs SET pending = FALSE WHERE board_id = $1 AND blob_id = $2', [key.boardId, key.blobId])
  }

  async get(key: BlobKey, variant: PhotoVariant): Promise<Uint8Array | undefined> {
    assertBlobKey(key)
    const { rows } = await this.pool.query<{ data: Buffer }>('SELECT data FROM photo_blobs WHERE board_id = $1 AND blob_id = $2 AND variant = $3', [
      key.boardId,
      key.blobId,
      variant,
    ])
    return rows[0] ? new Uint8Array(rows[0].data) : undefined
  }

  async listPending(storedBefore: Date): Promise<BlobKey[]> {
    const { rows } = await this.pool.query<{ board_id: string; blob_id: string }>(
      'SELECT DISTINCT board_id, blob_id FROM photo_blobs WHERE pending AND created_at < $1',
      [storedBefore.toISOString()],
    )
    return rows.map((row) => ({ boardId: row.board_id, blobId: row.blob_id }))
  }

  async remove(key: BlobKey): Promise<void> {
    assertBlobKey(key)
    await this.pool.query('DELETE FROM photo_blobs WHERE board_id = $1 AND blob_id = $2', [key.boardId, key.blobId])
  }

  async close(): Promise<void> {}
}
