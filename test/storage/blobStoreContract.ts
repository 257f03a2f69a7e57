import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { BlobStore, PhotoBlobs } from '@guatu/server/storage/blobStore'

export interface BlobStoreHarness {
  /** Opens the same store again, as a restarted server would. */
  open(): Promise<BlobStore>
  dispose(): Promise<void>
}

const blobs = (seed: number): PhotoBlobs => ({
  original: new Uint8Array([0xff, 0xd8, 0xff, seed, 1, 2, 3]),
  screen: new Uint8Array([0xff, 0xd8, 0xff, seed, 4]),
  thumb: new Uint8Array([0xff, 0xd8, 0xff, seed, 5]),
})
const BLOB_A = 'a'.repeat(32)
const BLOB_B = 'b'.repeat(32)
const LATER = () => new Date(Date.now() + 60_000)

/** What every photo blob store must do, run against each backend (files, PostgreSQL). */
export function describeBlobStoreContract(name: string, makeHarness: () => Promise<BlobStoreHarness>): void {
  describe(`${name} photo blob store contract`, () => {
    let harness: BlobStoreHarness
    let store: BlobStore

    beforeEach(async () => {
      harness = await makeHarness()
      store = await harness.open()
    })
    afterEach(async () => {
      await store.close()
      await harness.dispose()
    })

    it('serves every variant of a stored photo, byte for byte, and nothing for an unknown one', async () => {
      await store.putPending({ boardId: 'board-1', blobId: BLOB_A }, blobs(1))
      expect(await store.get({ boardId: 'board-1', blobId: BLOB_A }, 'thumb')).toEqual(blobs(1).thumb)
      expect(await store.get({ boardId: 'board-1', blobId: BLOB_A }, 'original')).toEqual(blobs(1).original)
      expect(await store.get({ boardId: 'board-1', blobId: BLOB_B }, 'thumb')).toBeUndefined()
    })

    it("keeps boards apart: one board's blob id is not found under another board", async () => {
      await store.putPending({ boardId: 'board-1', blobId: BLOB_A }, blobs(1))
      expect(await store.get({ boardId: 'board-2', blobId: BLOB_A }, 'thumb')).toBeUndefined()
    })

    it('lists stored bytes as pending until confirmed, across a reopen, and only those stored before the given time', async () => {
      await store.putPending({ boardId: 'board-1', blobId: BLOB_A }, blobs(1))
      await store.putPending({ boardId: '看板/../2', blobId: BLOB_B }, blobs(2))
      expect(await store.listPending(new Date(Date.now() - 60_000))).toEqual([])
      await store.confirm({ boardId: 'board-1', blobId: BLOB_A })
      await store.close()
      store = await harness.open()
      expect(await store.listPending(LATER())).toEqual([{ boardId: '看板/../2', blobId: BLOB_B }])
      expect(await store.get({ boardId: '看板/../2', blobId: BLOB_B }, 'screen')).toEqual(blobs(2).screen)
    })

    it('removes every variant of a photo', async () => {
      await store.putPending({ boardId: 'board-1', blobId: BLOB_A }, blobs(1))
      await store.remove({ boardId: 'board-1', blobId: BLOB_A })
      expect(await store.get({ boardId: 'board-1', blobId: BLOB_A }, 'original')).toBeUndefined()
      expect(await store.listPending(LATER())).toEqual([])
    })

    it('refuses a blob id that is not the server’s own hex id, so no id reaches a path or a query', async () => {
      await expect(store.get({ boardId: 'board-1', blobId: '../../etc/passwd' }, 'thumb')).rejects.toThrow(/invalid blob id/)
    })
  })
}
