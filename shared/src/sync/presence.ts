import { z } from 'zod'
import type { Principal } from '../domain/principal.ts'
import { ROLES, type Role } from '../domain/role.ts'

/** Limits of a presence state's fields; the server cuts the names it vouches for to these. */
export const PRESENCE_NAME_MAX = 40
export const PRESENCE_UNIT_MAX = 50

/** What a person is doing with a card right now, shown to everyone else as a mark on that card. */
export const ActivityKind = {
  dragging: 'dragging',
  editing: 'editing',
} as const
export type ActivityKind = (typeof ActivityKind)[keyof typeof ActivityKind]

/**
 * The awareness state every Guatu client publishes. Read with `readPresence`: peers are untrusted.
 * The server vouches for `user`: it replaces `name`, `unit` and `role` with the authenticated
 * account's before anyone else sees the state (server/src/sync/presenceGate.ts); only `color` and
 * `activity` are the client's own.
 */
export const presenceSchema = z.object({
  user: z.object({
    name: z.string().max(PRESENCE_NAME_MAX),
    color: z.string().regex(/^#[0-9a-fA-F]{6}$/),
    unit: z.string().max(PRESENCE_UNIT_MAX).optional(),
    /** Stamped by the server from the account; a client's own value is replaced. */
    role: z.enum(ROLES as [Role, ...Role[]]).optional(),
  }),
  activity: z
    .object({
      kind: z.enum([ActivityKind.dragging, ActivityKind.editing]),
      projectId: z.string().max(64),
    })
    .nullable()
    .optional(),
})
export type Presence = z.infer<typeof presenceSchema>

export function readPresence(state: unknown): Presence | undefined {
  const parsed = presenceSchema.safeParse(state)
  return parsed.success ? parsed.data : undefined
}

/**
 * Who a principal is on the board, as the server vouches for it: the account's name, units and
 * role. A screen link is nobody: it publishes no presence.
 */
export function vouchedIdentity(principal: Principal): Omit<Presence['user'], 'color'> | undefined {
  if (principal.kind === 'screen') return undefined
  const name = (principal.displayName || principal.username).slice(0, PRESENCE_NAME_MAX)
  const unit = principal.units.join('、').slice(0, PRESENCE_UNIT_MAX)
  return unit ? { name, unit, role: principal.role } : { name, role: principal.role }
}
