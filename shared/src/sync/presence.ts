import { z } from 'zod'

/** What a person is doing with a card right now, shown to everyone else as a mark on that card. */
export const ActivityKind = {
  dragging: 'dragging',
  editing: 'editing',
} as const
export type ActivityKind = (typeof ActivityKind)[keyof typeof ActivityKind]

/** The awareness state every Guatu client publishes. Read with `readPresence`: peers are untrusted. */
export const presenceSchema = z.object({
  user: z.object({
    name: z.string().max(40),
    color: z.string().regex(/^#[0-9a-fA-F]{6}$/),
    unit: z.string().max(50).optional(),
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
