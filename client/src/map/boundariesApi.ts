import { z } from 'zod'
import { ApiError, requestJson } from '../api/http.ts'

/**
 * The office's base map as the server hands it out (`GET /api/boards/:boardId/boundaries`): the
 * county outline and the 乡镇 outlines, GeoJSON with `properties.name` the 县/乡镇 name. Checked
 * here only as far as drawing needs (polygons with a name); the server validates uploads fully.
 * At merge this moves to the shared API schema of the boundary upload.
 */
const position = z.tuple([z.number(), z.number()]).rest(z.number())
const ring = z.array(position)
const geometrySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('Polygon'), coordinates: z.array(ring) }),
  z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(ring)) }),
])
const featureSchema = z.object({
  type: z.literal('Feature'),
  properties: z.object({ name: z.string() }).loose(),
  geometry: geometrySchema,
})
const collectionSchema = z.object({ type: z.literal('FeatureCollection'), features: z.array(featureSchema) })

export const boundariesResponseSchema = z.object({
  county: collectionSchema.optional(),
  townships: collectionSchema.optional(),
  updatedAt: z.string().optional(),
})

export type Boundaries = z.infer<typeof boundariesResponseSchema>
export type BoundaryCollection = z.infer<typeof collectionSchema>
export type BoundaryFeature = z.infer<typeof featureSchema>

export const NO_BOUNDARIES: Boundaries = Object.freeze({})

export function boundariesPath(boardId: string): string {
  return `/api/boards/${encodeURIComponent(boardId)}/boundaries`
}

/**
 * The board's boundaries, or none: a board whose office has uploaded none (404), or a server
 * without the endpoint yet, shows the points alone, fitted to their extent.
 */
export async function fetchBoundaries(boardId: string, signal?: AbortSignal): Promise<Boundaries> {
  try {
    return await requestJson(boundariesPath(boardId), boundariesResponseSchema, signal ? { signal } : {})
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return NO_BOUNDARIES
    throw error
  }
}
