/** GeoJSON boundary files for tests, built from squares around a made-up county at E108.9 N34.2. */

export type Ring = [number, number][]

/** A closed square ring, `size` degrees wide, with its south-west corner at (lng, lat). */
export function squareRing(lng: number, lat: number, size: number): Ring {
  return [
    [lng, lat],
    [lng + size, lat],
    [lng + size, lat + size],
    [lng, lat + size],
    [lng, lat],
  ]
}

export function polygonFeature(name: string | undefined, ring: Ring): unknown {
  return { type: 'Feature', properties: name === undefined ? {} : { name, 人口: 12000 }, geometry: { type: 'Polygon', coordinates: [ring] } }
}

export function collection(...features: unknown[]): { type: 'FeatureCollection'; features: unknown[] } {
  return { type: 'FeatureCollection', features }
}

/** A county of 0.2° square split into four named 乡镇. */
export function sampleCounty(): { county: unknown; townships: unknown } {
  return {
    county: collection(polygonFeature('示例县', squareRing(108.8, 34.1, 0.2))),
    townships: collection(
      polygonFeature('北塬镇', squareRing(108.8, 34.2, 0.1)),
      polygonFeature('南川镇', squareRing(108.8, 34.1, 0.1)),
      polygonFeature('石桥镇', squareRing(108.9, 34.1, 0.1)),
      polygonFeature('柳湾乡', squareRing(108.9, 34.2, 0.1)),
    ),
  }
}

/** A bow tie: the ring's second edge crosses its fourth near E108.95 N34.25. */
export const BOW_TIE: Ring = [
  [108.9, 34.2],
  [109.0, 34.3],
  [109.0, 34.2],
  [108.9, 34.3],
  [108.9, 34.2],
]

/** A ring with `count` vertices on a circle: a survey-grade outline to be simplified. */
export function denseRing(count: number): Ring {
  const ring: Ring = []
  for (let i = 0; i < count; i++) {
    const angle = (2 * Math.PI * i) / count
    ring.push([108.9 + 0.1 * Math.cos(angle) + 0.00001 * Math.sin(angle * 40), 34.2 + 0.1 * Math.sin(angle)])
  }
  ring.push(ring[0]!)
  return ring
}
