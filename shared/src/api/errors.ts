import { z } from 'zod'

/** Every refused or failed API call answers with this body: the reason, in Chinese, for the user. */
export const errorResponseSchema = z.object({ error: z.string() })
export type ErrorResponse = z.infer<typeof errorResponseSchema>
