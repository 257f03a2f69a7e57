import selfIntersections from 'geojson-polygon-self-intersections'

/** [longitude, latitude] */
export type Position = [number, number]

/** Thrown from the search's callback to stop at the first crossing: one is enough to refuse. */
class Crossing {
  constructor(readonly at: Position) {}
}

/**
 * Where one polygon's rings cross themselves or each other, if anywhere: the one check behind an
 * uploaded 乡镇 boundary and a drawn 项目范围 (a crossing outline is filled wrongly and counts
 * projects in the wrong place). Rings are closed GeoJSON rings (first position repeated last).
 */
export function firstRingCrossing(rings: readonly (readonly Position[])[]): Position | undefined {
  try {
    selfIntersections(
      { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: rings.map((ring) => ring.map(([lng, lat]) => [lng, lat])) } },
      {
        callbackFunction: ({ isect }) => {
          throw new Crossing([isect[0]!, isect[1]!])
        },
      },
    )
  } catch (error) {
    if (error instanceof Crossing) return error.at
    throw error
  }
  return undefined
}

/** The ring closed the GeoJSON way, its first position repeated last (a 项目范围 is kept open). */
export function closeRing(ring: readonly Position[]): Position[] {
  const first = ring[0]
  const last = ring[ring.length - 1]
  if (!first || !last || (first[0] === last[0] && first[1] === last[1])) return [...ring]
  return [...ring, first]
}
