import { randomBytes } from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import { PHOTO_VARIANTS, type PhotoVariant } from '@guatu/shared/domain/photo'
import { assertBlobKey, type BlobKey, type BlobStore, type PhotoBlobs } from './blobStore.ts'

/** Present in a photo's directory until its record is confirmed. */
const PENDING_MARKER = 'pending'
/** Where a photo is assembled before one rename makes it visible whole. */
const INCOMING = '.incoming'

/**
 * Photo bytes as files under `<GUATU_DATA_DIR>/photos/<board, hex>/<blobId>/<variant>`. A photo is
 * written into a scratch directory, each file fsynced, then renamed into place in one step, so a
 * kill leaves either no photo or a whole one (and half-written scratch directories, removed on
 * open). Board ids are hex-encoded in paths: no id can name a path outside the store.
 */
export class FileBlobStore implements BlobStore {
  private constructor(private readonly root: string) {}

  static async open(dataDir: string): Promise<FileBlobStore> {
    const root = path.join(dataDir, 'photos')
    await fs.rm(path.join(root, INCOMING), { recursive: true, force: true })
    await fs.mkdir(path.join(root, INCOMING), { recursive: true })
    return new FileBlobStore(root)
  }

  async putPending(key: BlobKey, blobs: PhotoBlobs): Promise<void> {
    assertBlobKey(key)
    const scratch = path.join(this.root, INCOMING, randomBytes(12).toString('hex'))
    await fs.mkdir(scratch)
    try {
      for (const variant of PHOTO_VARIANTS) await writeDurably(path.join(scratch, variant), blobs[variant])
      await writeDurably(path.join(scratch, PENDING_MARKER), new Uint8Array())
      await syncDirectory(scratch)
      const boardDir = this.boardDir(key.boardId)
      await fs.mkdir(boardDir, { recursive: true })
      await fs.rename(scratch, this.photoDir(key))
      await syncDirectory(boardDir)
    } catch (error) {
      await fs.rm(scratch, { recursive: true, force: true })
      throw error
    }
  }

  async confirm(key: BlobKey): Promise<void> {
    assertBlobKey(key)
    await fs.rm(path.join(this.photoDir(key), PENDING_MARKER), { force: true })
    await syncDirectory(this.photoDir(key))
  }

  async get(key: BlobKey, variant: PhotoVariant): Promise<Uint8Array | undefined> {
    assertBlobKey(key)
    try {
      return new Uint8Array(await fs.readFile(path.join(this.photoDir(key), variant)))
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
      throw error
    }
  }

  async listPending(storedBefore: Date): Promise<BlobKey[]> {
    const pending: BlobKey[] = []
    for (const boardHex of await fs.readdir(this.root)) {
      if (boardHex === INCOMING) continue
      const boardId = Buffer.from(boardHex, 'hex').toString('utf8')
      for (const blobId of await fs.readdir(path.join(this.root, boardHex))) {
        const marker = await fs.stat(path.join(this.root, boardHex, blobId, PENDING_MARKER)).catch(() => undefined)
        if (marker && marker.mtimeMs < storedBefore.getTime()) pending.push({ boardId, blobId })
      }
    }
    return pending
  }

  async remove(key: BlobKey): Promise<void> {
    assertBlobKey(key)
    await fs.rm(this.photoDir(key), { recursive: true, force: true })
  }

  async close(): Promise<void> {}

  private boardDir(boardId: string): string {
    return path.join(this.root, Buffer.from(boardId, 'utf8').toString('hex'))
  }

  private photoDir(key: BlobKey): string {
    return path.join(this.boardDir(key.boardId), key.blobId)
  }
}

async function writeDurably(file: string, bytes: Uint8Array): Promise<void> {
  const handle = await fs.open(file, 'wx')
  try {
    await handle.writeFile(bytes)
    await handle.sync()
  } finally {
    await handle.close()
  }
}

async function syncDirectory(dir: string): Promise<void> {
  const handle = await fs.open(dir, 'r')
  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
}
