import type { Coordinates } from '../domain/coordinates.ts'
import { createPrng, type Prng } from './prng.ts'

/**
 * The demo board's base map: a made-up county of eight made-up 乡镇, drawn here from a jittered
 * grid (not traced from any map provider), and a point for each demo project inside its 乡镇. The
 * same seed gives the same map on every machine.
 *
 * The 乡镇 are the demo ledger's own: its town units and the 经开区, laid out 4 × 2.
 */
export const DEMO_TOWNSHIPS: readonly (readonly string[])[] = [
  ['柳湾乡', '北塬镇', '城西街道', '城东街道'],
  ['石桥镇', '南川镇', '经开区', '河滨街道'],
]

export const DEMO_COUNTY_NAME = '示范县'

/** Which 乡镇 a demo 建设地点 lies in (DEMO_TOWN_LOCATION and the clusters' locations). */
export const DEMO_LOCATION_TOWNSHIP: Readonly<Record<string, string>> = {
  城东片区: '城东街道',
  城西片区: '城西街道',
  河滨新区: '河滨街道',
  北塬镇: '北塬镇',
  南川镇: '南川镇',
  石桥镇: '石桥镇',
  柳湾乡: '柳湾乡',
  经开区: '经开区',
  高新技术产业园: '经开区',
  物流园区: '城西街道',
  现代农业示范园: '北塬镇',
  文旅融合发展区: '柳湾乡',
}

const ORIGIN = { lng: 108.62, lat: 34.08 }
const CELL = { lng: 0.11, lat: 0.09 }
/** Each grid vertex moves at most this share of a cell: far too little for edges to cross. */
const JITTER = 0.18
const COLUMNS = DEMO_TOWNSHIPS[0]!.length
const ROWS = DEMO_TOWNSHIPS.length

type Position = [number, number]
interface DemoPolygon {
  type: 'Feature'
  properties: { name: string }
  geometry: { type: 'Polygon'; coordinates: Position[][] }
}
export interface DemoBoundaries {
  county: { type: 'FeatureCollection'; features: DemoPolygon[] }
  townships: { type: 'FeatureCollection'; features: DemoPolygon[] }
}

const round = (value: number) => Math.round(value * 1e5) / 1e5

/**
 * Vertices on a grid twice as fine as the cells (corners and edge midpoints), each nudged once so
 * the 乡镇 that share an edge share its wobbles exactly; the county's edge is walked on the same
 * vertices, so the 乡镇 tile it without gaps.
 */
function gridVertices(random: Prng): Position[][] {
  const vertices: Position[][] = []
  for (let row = 0; row <= ROWS * 2; row++) {
    const line: Position[] = []
    for (let column = 0; column <= COLUMNS * 2; column++) {
      const dx = (random.next() - 0.5) * JITTER * CELL.lng
      const dy = (random.next() - 0.5) * JITTER * CELL.lat
      line.push([round(ORIGIN.lng + (column / 2) * CELL.lng + dx), round(ORIGIN.lat + (row / 2) * CELL.lat + dy)])
    }
    vertices.push(line)
  }
  return vertices
}

/** The closed ring around grid cells [c0, c1) × [r0, r1) (in half-cell steps), counter-clockwise. */
function ringAround(vertices: Position[][], c0: number, c1: number, r0: number, r1: number): Position[] {
  const ring: Position[] = []
  for (let c = c0; c < c1; c++) ring.push(vertices[r0]![c]!)
  for (let r = r0; r < r1; r++) ring.push(vertices[r]![c1]!)
  for (let c = c1; c > c0; c--) ring.push(vertices[r1]![c]!)
  for (let r = r1; r > r0; r--) ring.push(vertices[r]![c0]!)
  ring.push(ring[0]!)
  return ring
}

const polygon = (name: string, ring: Position[]): DemoPolygon => ({ type: 'Feature', properties: { name }, geometry: { type: 'Polygon', coordinates: [ring] } })

/** The made-up county and its eight 乡镇, as GeoJSON the office could have uploaded. */
export function demoBoundaries(seed = 2022): DemoBoundaries {
  const vertices = gridVertices(createPrng(seed))
  const townships: DemoPolygon[] = []
  // Row 0 of DEMO_TOWNSHIPS is the north: grid rows count from the south.
  DEMO_TOWNSHIPS.forEach((names, northRow) =>
    names.forEach((name, column) => {
      const row = ROWS - 1 - northRow
      townships.push(polygon(name, ringAround(vertices, column * 2, column * 2 + 2, row * 2, row * 2 + 2)))
    }),
  )
  return {
    county: { type: 'FeatureCollection', features: [polygon(DEMO_COUNTY_NAME, ringAround(vertices, 0, COLUMNS * 2, 0, ROWS * 2))] },
    townships: { type: 'FeatureCollection', features: townships },
  }
}

/**
 * A point for a project at 建设地点 `location`, inside its 乡镇: drawn from the middle of the cell,
 * clear of the jittered edges by more than the jitter. Undefined for a place the map does not know.
 */
export function demoCoordinates(location: string, random: Prng): Coordinates | undefined {
  const township = DEMO_LOCATION_TOWNSHIP[location]
  if (!township) return undefined
  const northRow = DEMO_TOWNSHIPS.findIndex((names) => names.includes(township))
  const column = DEMO_TOWNSHIPS[northRow]!.indexOf(township)
  const row = ROWS - 1 - northRow
  const margin = JITTER * 1.5
  const u = margin + random.next() * (1 - 2 * margin)
  const v = margin + random.next() * (1 - 2 * margin)
  return { lng: round(ORIGIN.lng + (column + u) * CELL.lng), lat: round(ORIGIN.lat + (row + v) * CELL.lat), source: 'manual' }
}
