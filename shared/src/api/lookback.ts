import { z } from 'zod'

/**
 * 回头看: the board as it stood at a past moment. `?at=<ISO time>` on the board
 * (`GET /api/boards/:id`, `GET /api/boards/:id/state`), progress, ranking and ledger export
 * endpoints answers with the board as it stood then, read-only, to anyone who may read the board.
 */
export const momentQuerySchema = z.object({
  at: z.iso
    .datetime({ offset: true, local: false, error: 'at 须为带时区的 ISO 时间（如 2022-08-16T15:00:00+08:00）' })
    .optional(),
})
export type MomentQuery = z.infer<typeof momentQuerySchema>

/** The query parameter naming the moment. */
export const MOMENT_PARAM = 'at'
