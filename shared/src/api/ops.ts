import { z } from 'zod'

/** JSON answers for operators and load balancers (`/healthz`, `/readyz`); /metrics is Prometheus text. */

/** GET /healthz: the process answers. */
export const healthResponseSchema = z.object({ status: z.literal('ok') })
export type HealthResponse = z.infer<typeof healthResponseSchema>

/**
 * GET /readyz: 200 ready, 503 not ready. `checks` (each dependency answering) only for an operator
 * (a metrics token or an allowed address); a load balancer learns ready or not.
 */
export const readinessResponseSchema = z.object({
  status: z.enum(['ready', 'not ready']),
  checks: z.record(z.string(), z.boolean()).optional(),
})
export type ReadinessResponse = z.infer<typeof readinessResponseSchema>
