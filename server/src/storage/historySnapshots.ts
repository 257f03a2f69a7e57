import zlib from 'node:zlib'

/**
 * Kept snapshots (回头看) are stored deflated: a board's Yjs state shrinks about five times, and a
 * year of daily snapshots of a 2,000-project board is otherwise most of the database. Deflating
 * costs some 30 ms once a day per board; inflating a few ms per moment shown. The live snapshot
 * stays raw, as it is read on every board load.
 */
export function packHistorySnapshot(state: Uint8Array): Buffer {
  return zlib.deflateSync(state)
}

/** The state of a kept snapshot; `compressed` is false for those copied in by the migration. */
export function unpackHistorySnapshot(stored: Uint8Array, compressed: boolean | number): Uint8Array {
  return compressed ? new Uint8Array(zlib.inflateSync(stored)) : stored
}
