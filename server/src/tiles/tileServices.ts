import type { PutTileServiceRequest, TileCoordinate, TileServiceResponse } from '@guatu/shared/api/tileService'
import { canManageBoards, canReadBoard } from '@guatu/shared/domain/permissions'
import type { Principal } from '@guatu/shared/domain/principal'
import { tileUrl } from '@guatu/shared/domain/tileService'
import type { BoundaryAnnouncer } from '../boundaries/announceBoundaries.ts'
import { RequestError } from '../requestError.ts'
import type { BoardStorage } from '../storage/boardStorage.ts'
import type { StoredTileService, TileServiceStore } from '../storage/tileServiceStore.ts'
import type { Tile, TileProxy } from './tileProxy.ts'

/**
 * The office's tile service (contract: shared/src/api/tileService.ts): configured by the project
 * office alone, its template (with 天地图's key) shown to the office alone, its tiles served to
 * whoever may read the board through {@link TileProxy}. A change is announced like a boundary
 * upload (the same base-map version), so open maps start or stop drawing tiles without a reload.
 */
export class TileServices {
  constructor(
    private readonly storage: BoardStorage,
    private readonly store: TileServiceStore,
    private readonly proxy: TileProxy,
    private readonly announce: BoundaryAnnouncer,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async read(boardId: string, principal: Principal): Promise<TileServiceResponse> {
    const service = await this.readable(boardId, principal)
    return describe(service, canManageBoards(principal))
  }

  async replace(boardId: string, principal: Principal, request: PutTileServiceRequest): Promise<TileServiceResponse> {
    if (!canManageBoards(principal)) throw new RequestError(403, '只有项目办可以设置底图服务')
    if (!(await this.storage.getBoard(boardId))) throw new RequestError(404, '看板不存在')
    const updatedAt = this.now().toISOString()
    const service: StoredTileService | null = request === null ? null : { ...request, updatedAt }
    await this.store.put(boardId, service)
    // Stored first: a page that hears of the change must find the new service when it asks.
    await this.announce(boardId, principal, updatedAt)
    return describe(service ?? undefined, true)
  }

  /** Tile (z, x, y) of the board's service; 404 when the board has none. */
  async tile(boardId: string, principal: Principal, coordinate: TileCoordinate): Promise<Tile> {
    const service = await this.readable(boardId, principal)
    if (!service) throw new RequestError(404, '此看板未设置底图服务')
    // The template in the key: a changed address never serves the old service's tiles.
    const key = `${boardId}\n${service.urlTemplate}\n${coordinate.z}/${coordinate.x}/${coordinate.y}`
    return this.proxy.tile(key, tileUrl(service.urlTemplate, coordinate))
  }

  private async readable(boardId: string, principal: Principal): Promise<StoredTileService | undefined> {
    if (!canReadBoard(principal, boardId)) throw new RequestError(403, '无权查看此看板')
    if (!(await this.storage.getBoard(boardId))) throw new RequestError(404, '看板不存在')
    return this.store.get(boardId)
  }
}

function describe(service: StoredTileService | undefined, office: boolean): TileServiceResponse {
  if (!service) return { configured: false, attribution: '' }
  return { configured: true, attribution: service.attribution, updatedAt: service.updatedAt, ...(office ? { urlTemplate: service.urlTemplate } : {}) }
}
