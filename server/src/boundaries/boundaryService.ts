import type { BoundariesResponse } from '@guatu/shared/api/boundaries'
import { canManageBoards, canReadBoard } from '@guatu/shared/domain/permissions'
import type { Principal } from '@guatu/shared/domain/principal'
import { RequestError } from '../requestError.ts'
import type { BoardStorage } from '../storage/boardStorage.ts'
import type { BoundaryStore, StoredBoundaries } from '../storage/boundaryStore.ts'
import type { BoundaryAnnouncer } from './announceBoundaries.ts'
import { BoundaryLevel, BoundaryRefusal, checkBoundaryCollection } from './boundaryCheck.ts'

/** What an upload says about each collection: left out keeps it, `null` removes it. */
export interface BoundaryUpload {
  county?: unknown
  townships?: unknown
}

/**
 * The office's base map (contract: shared/src/api/boundaries.ts): read by whoever may read the
 * board, a wall screen included; replaced by the project office only, after every collection it
 * sends has been judged, so a refused file leaves the stored map as it was. An accepted upload is
 * announced in the board document, so open pages redraw without a reload.
 */
export class BoundaryService {
  constructor(
    private readonly storage: BoardStorage,
    private readonly store: BoundaryStore,
    private readonly announce: BoundaryAnnouncer,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async read(boardId: string, principal: Principal): Promise<BoundariesResponse> {
    if (!canReadBoard(principal, boardId)) throw new RequestError(403, '无权查看此看板')
    if (!(await this.storage.getBoard(boardId))) throw new RequestError(404, '看板不存在')
    return (await this.store.get(boardId)) ?? {}
  }

  /** The stored map, for documents the server draws for a reader it has already checked. */
  async stored(boardId: string): Promise<BoundariesResponse> {
    return (await this.store.get(boardId)) ?? {}
  }

  async replace(boardId: string, principal: Principal, upload: BoundaryUpload): Promise<BoundariesResponse> {
    if (!canManageBoards(principal)) throw new RequestError(403, '只有项目办可以上传县界和乡镇边界')
    if (!(await this.storage.getBoard(boardId))) throw new RequestError(404, '看板不存在')
    if (upload.county === undefined && upload.townships === undefined) throw new RequestError(400, '请上传县界（county）或乡镇边界（townships）')
    try {
      const county = upload.county === null || upload.county === undefined ? undefined : checkBoundaryCollection(upload.county, BoundaryLevel.county)
      const townships =
        upload.townships === null || upload.townships === undefined ? undefined : checkBoundaryCollection(upload.townships, BoundaryLevel.township)
      const stored = (await this.store.get(boardId)) ?? { updatedAt: '' }
      const next: StoredBoundaries = {
        ...pick('county', upload.county === undefined ? stored.county : county),
        ...pick('townships', upload.townships === undefined ? stored.townships : townships),
        updatedAt: this.now().toISOString(),
      }
      await this.store.put(boardId, next)
      // Stored first: a page that hears of the upload must find the new map when it asks.
      await this.announce(boardId, principal, next.updatedAt)
      return next
    } catch (error) {
      if (error instanceof BoundaryRefusal) throw new RequestError(400, error.message)
      throw error
    }
  }

  /** The demo board's made-up boundaries (server/src/demo), stored as the office would upload them. */
  async seed(boardId: string, upload: { county: unknown; townships: unknown }): Promise<void> {
    const county = checkBoundaryCollection(upload.county, BoundaryLevel.county)
    const townships = checkBoundaryCollection(upload.townships, BoundaryLevel.township)
    await this.store.put(boardId, { county, townships, updatedAt: this.now().toISOString() })
  }
}

/** `{ [key]: value }`, or nothing when value is undefined (stored JSON never holds `undefined`). */
function pick<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>)
}
