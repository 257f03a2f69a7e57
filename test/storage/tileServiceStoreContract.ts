import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { BoardStorage } from '@guatu/server/storage/boardStorage'
import type { StoredTileService, TileServiceStore } from '@guatu/server/storage/tileServiceStore'

export interface TileServiceStoreHarness {
  /** Opens the same database again, as a restarted (or another) server process would. */
  open(): Promise<{ boards: BoardStorage; tileServices: TileServiceStore; close(): Promise<void> }>
  dispose(): Promise<void>
}

const service = (host: string, updatedAt: string): StoredTileService => ({
  urlTemplate: `https://${host}/vec_w/wmts?TILEMATRIX={TileMatrix}&TILEROW={TileRow}&TILECOL={TileCol}&tk=secret`,
  attribution: '审图号：GS(2024)0568号',
  updatedAt,
})

/** The behaviour every TileServiceStore adapter must have, run against a real database of each kind. */
export function describeTileServiceStoreContract(name: string, makeHarness: () => Promise<TileServiceStoreHarness>): void {
  describe(`${name} tile service store contract`, () => {
    let harness: TileServiceStoreHarness
    let opened: Awaited<ReturnType<TileServiceStoreHarness['open']>>

    beforeEach(async () => {
      harness = await makeHarness()
      opened = await harness.open()
      for (const id of ['b1', 'b2']) await opened.boards.createBoard({ id, name: id, year: 2026, projectCount: 0 })
    })
    afterEach(async () => {
      await opened.close()
      await harness.dispose()
    })

    it('a board starts with tiles off', async () => {
      expect(await opened.tileServices.get('b1')).toBeUndefined()
    })

    it('what is saved is read back after a restart, per board; a second save replaces the first', async () => {
      await opened.tileServices.put('b1', service('t0.tianditu.gov.cn', '2026-01-01T00:00:00.000Z'))
      await opened.tileServices.put('b2', service('gis.intranet', '2026-01-02T00:00:00.000Z'))
      await opened.tileServices.put('b1', service('t1.tianditu.gov.cn', '2026-01-03T00:00:00.000Z'))
      await opened.close()
      opened = await harness.open()
      expect(await opened.tileServices.get('b1')).toEqual(service('t1.tianditu.gov.cn', '2026-01-03T00:00:00.000Z'))
      expect(await opened.tileServices.get('b2')).toEqual(service('gis.intranet', '2026-01-02T00:00:00.000Z'))
    })

    it('switching tiles off clears the board’s service alone, and stays off after a restart', async () => {
      await opened.tileServices.put('b1', service('t0.tianditu.gov.cn', '2026-01-01T00:00:00.000Z'))
      await opened.tileServices.put('b2', service('gis.intranet', '2026-01-02T00:00:00.000Z'))
      await opened.tileServices.put('b1', null)
      await opened.tileServices.put('b1', null)
      await opened.close()
      opened = await harness.open()
      expect(await opened.tileServices.get('b1')).toBeUndefined()
      expect(await opened.tileServices.get('b2')).toEqual(service('gis.intranet', '2026-01-02T00:00:00.000Z'))
    })
  })
}
