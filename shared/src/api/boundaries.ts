import { z } from 'zod'

/**
 * REST for the office's own base map: the county boundary and its 乡镇 boundaries, drawn under the
 * projects with no online tiles (government networks are often cut off from the internet).
 *
 * `GET /api/boards/:boardId/boundaries` — to anyone who may read the board, a screen link included
 * (`?token=`): the wall screen draws it. Answers 200 with {@link BoundariesResponse}; both
 * collections are absent until the office uploads them. What comes back is already simplified for
 * display; `properties.name` is the 县 or 乡镇 name.
 *
 * `PUT /api/boards/:boardId/boundaries` — the project office only. A JSON body
 * {@link PutBoundariesRequest} of at most {@link MAX_BOUNDARY_UPLOAD_BYTES}, counted while it
 * arrives. Polygons and multipolygons only, within China, no self-intersecting ring, every 乡镇 named.
 * A collection left out keeps what is stored; `null` removes it. Answers 200 with the simplified
 * {@link BoundariesResponse}; a refused file answers 400 (413 when too large) with a Chinese message
 * and stores nothing.
 */

const position = z.tuple([z.number(), z.number()]).rest(z.number())
const ring = z.array(position)

export const boundaryGeometrySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('Polygon'), coordinates: z.array(ring) }),
  z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(ring)) }),
])
export type BoundaryGeometry = z.infer<typeof boundaryGeometrySchema>

export const boundaryFeatureSchema = z.object({
  type: z.literal('Feature'),
  /** `name`: the 县 or 乡镇 name, as the ledger's 乡镇 column spells it. */
  properties: z.object({ name: z.string() }),
  geometry: boundaryGeometrySchema,
})
export type BoundaryFeature = z.infer<typeof boundaryFeatureSchema>

/** A GeoJSON FeatureCollection of named (multi)polygons, simplified for display. */
export const boundaryFeatureCollectionSchema = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(boundaryFeatureSchema),
})
export type BoundaryFeatureCollection = z.infer<typeof boundaryFeatureCollectionSchema>

/** GET /api/boards/:boardId/boundaries */
export const boundariesResponseSchema = z.object({
  county: boundaryFeatureCollectionSchema.optional(),
  townships: boundaryFeatureCollectionSchema.optional(),
  /** ISO time of the last upload. */
  updatedAt: z.string().optional(),
})
export type BoundariesResponse = z.infer<typeof boundariesResponseSchema>

/**
 * PUT /api/boards/:boardId/boundaries. The collections are judged on the server (shape, China,
 * self-intersections, names), so the contract only says where they go.
 */
export const putBoundariesRequestSchema = z.object({
  county: z.unknown().optional(),
  townships: z.unknown().optional(),
})
export type PutBoundariesRequest = z.infer<typeof putBoundariesRequestSchema>

/** A county's 乡镇 boundaries are a few megabytes at survey precision; 20 MB leaves room and refuses a province. */
export const MAX_BOUNDARY_UPLOAD_BYTES = 20 * 1024 * 1024

/** Vertices kept per collection after simplification: enough for a wall screen, light for a phone. */
export const MAX_DISPLAY_VERTICES = 20_000

export function boundariesPath(boardId: string): string {
  return `/api/boards/${encodeURIComponent(boardId)}/boundaries`
}

/** GET: projects with coordinates as a GeoJSON FeatureCollection of points (same read rules as the board). */
export function projectsGeoJsonPath(boardId: string): string {
  return `/api/boards/${encodeURIComponent(boardId)}/projects.geojson`
}

/** GET: the map as a PNG drawn on the server (`?width=&height=`), for the 月报 and the minutes. */
export function mapPngPath(boardId: string): string {
  return `/api/boards/${encodeURIComponent(boardId)}/map.png`
}
