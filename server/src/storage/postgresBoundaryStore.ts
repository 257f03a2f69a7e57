import type pg from 'pg'
import type { BoundaryStore, StoredBoundaries } from './boundaryStore.ts'

/** Boundaries in PostgreSQL (table from postgresDatabase.ts), shared by every process of a scaled-out server. */
export class PostgresBoundaryStore implements BoundaryStore {
  constructor(private readonly pool: pg.Pool) {}

  async get(boardId: string): Promise<StoredBoundaries | undefined> {
    // Kept as text, not JSONB: it is read and written whole, and text keeps it byte for byte.
    const { rows } = await this.pool.query<{ body: string }>('SELECT body FROM board_boundaries WHERE board_id = $1', [boardId])
    return rows[0] ? (JSON.parse(rows[0].body) as StoredBoundaries) : undefined
  }

  async put(boardId: string, boundaries: StoredBoundaries): Promise<void> {
    await this.pool.query(
      `INSERT INTO board_boundaries (board_id, body, updated_at) VALUES ($1, $2, $3)
       ON CONFLICT (board_id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at`,
      [boardId, JSON.stringify(boundaries), boundaries.updatedAt],
    )
  }
}
