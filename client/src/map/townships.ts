import booleanPointInPolygon from '@turf/boolean-point-in-polygon'
import { addCents, type WanCents } from '@guatu/shared/domain/money'
import type { BoundaryCollection } from './boundariesApi.ts'
import type { MapPoint } from './mapPoints.ts'

/** Count and 总投资 of the shown projects inside one 乡镇. */
export interface TownshipFigure {
  readonly name: string
  readonly count: number
  readonly totalCents: WanCents
}

/**
 * Which 乡镇 each shown project lies in, summed: the choropleth's figures. A point on no 乡镇 (outside
 * the uploaded outlines) counts nowhere rather than in a guessed neighbour.
 */
export function townshipFigures(townships: BoundaryCollection, points: readonly MapPoint[]): TownshipFigure[] {
  return townships.features.map((feature) => {
    let count = 0
    let totalCents = 0 as WanCents
    for (const point of points) {
      if (!booleanPointInPolygon([point.lng, point.lat], feature.geometry)) continue
      count += 1
      totalCents = addCents(totalCents, point.totalCents)
    }
    return { name: feature.properties.name, count, totalCents }
  })
}
