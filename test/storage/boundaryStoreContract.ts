import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { BoardStorage } from '@guatu/server/storage/boardStorage'
import type { BoundaryStore, StoredBoundaries } from '@guatu/server/storage/boundaryStore'

export interface BoundaryStoreHarness {
  /** Opens the same database again, as a restarted (or another) server process would. */
  open(): Promise<{ boards: BoardStorage; boundaries: BoundaryStore; close(): Promise<void> }>
  dispose(): Promise<void>
}

const ring = (lng: number, lat: number): [number, number][] => [
  [lng, lat],
  [lng + 0.1, lat],
  [lng + 0.1, lat + 0.1],
  [lng, lat],
]
const map = (name: string, updatedAt: string): StoredBoundaries => ({
  county: { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { name }, geometry: { type: 'Polygon', coordinates: [ring(108.8, 34.1)] } }] },
  updatedAt,
})

/** The behaviour every BoundaryStore adapter must have, run against a real database of each kind. */
export function describeBoundaryStoreContract(name: string, makeHarness: () => Promise<BoundaryStoreHarness>): void {
  describe(`${name} boundary store contract`, () => {
    let harness: BoundaryStoreHarness
    let opened: Awaited<ReturnType<BoundaryStoreHarness['open']>>

    beforeEach(async () => {
      harness = await makeHarness()
      opened = await harness.open()
      for (const id of ['b1', 'b2']) await opened.boards.createBoard({ id, name: id, year: 2026, projectCount: 0 })
    })
    afterEach(async () => {
      await opened.close()
      await harness.dispose()
    })

    it('a board without an upload has no boundaries', async () => {
      expect(await opened.boundaries.get('b1')).toBeUndefined()
    })

    it('what is put is read back whole after a restart, per board, and a second put replaces the first', async () => {
      await opened.boundaries.put('b1', map('甲县', '2026-01-01T00:00:00.000Z'))
      await opened.boundaries.put('b2', map('乙县', '2026-01-02T00:00:00.000Z'))
      await opened.boundaries.put('b1', map('丙县', '2026-01-03T00:00:00.000Z'))
      await opened.close()
      opened = await harness.open()
      expect(await opened.boundaries.get('b1')).toEqual(map('丙县', '2026-01-03T00:00:00.000Z'))
      expect(await opened.boundaries.get('b2')).toEqual(map('乙县', '2026-01-02T00:00:00.000Z'))
    })
  })
}
