import {
  boundariesPath,
  boundariesResponseSchema,
  type BoundariesResponse,
  type BoundaryFeature as SharedBoundaryFeature,
  type BoundaryFeatureCollection,
} from '@guatu/shared/api/boundaries'
import { ApiError, requestJson } from '../api/http.ts'

/** The office's base map as the server hands it out (shared/src/api/boundaries.ts). */
export type Boundaries = BoundariesResponse
export type BoundaryCollection = BoundaryFeatureCollection
export type BoundaryFeature = SharedBoundaryFeature

export const NO_BOUNDARIES: Boundaries = Object.freeze({})

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
