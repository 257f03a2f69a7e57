import Supercluster from 'supercluster'
import type { CoordinateSource } from '@guatu/shared/domain/coordinates'
import { countedProject } from '@guatu/shared/domain/figureCheck'
import { wanToCents, type WanCents } from '@guatu/shared/domain/money'
import type { Project, ProjectId } from '@guatu/shared/domain/project'
import type { ProjectArea } from '@guatu/shared/domain/projectArea'
import type { Stage } from '@guatu/shared/domain/stage'
import { Light, LIGHT_SEVERITY } from '@guatu/shared/progress/lights'
import type { LightsOf } from '../lights/lightCache.ts'

/** A project placed on the map, with what its marker shows: colour by light, shape by stage. */
export interface MapPoint {
  readonly id: ProjectId
  readonly name: string
  readonly unit: string
  readonly stage: Stage
  readonly light: Light
  readonly lng: number
  readonly lat: number
  readonly source: CoordinateSource
  readonly totalCents: WanCents
  /** 项目范围, when the project has one: drawn light under the points. */
  readonly area?: ProjectArea['ring']
}

export interface PlacedProjects {
  readonly placed: readonly MapPoint[]
  /** 未标注位置: the projects the office still has to place, in board order. */
  readonly unplaced: readonly Project[]
}

/**
 * Points already made, per project view model: the view store keeps an unchanged project's record
 * identical, so after a move only the moved project gets a new point and only its line re-renders.
 */
const pointCache = new WeakMap<Project, MapPoint>()

function pointOf(project: Project, coordinates: NonNullable<Project['coordinates']>, light: Light): MapPoint {
  const cached = pointCache.get(project)
  if (cached?.light === light) return cached
  const point: MapPoint = {
    id: project.id,
    name: project.name,
    unit: project.unit,
    stage: project.stage,
    light,
    lng: coordinates.lng,
    lat: coordinates.lat,
    source: coordinates.source,
    totalCents: wanToCents(countedProject(project).totalInvestment),
    ...(project.area ? { area: project.area.ring } : {}),
  }
  pointCache.set(project, point)
  return point
}

/** Splits the projects into those on the map (as points) and those without coordinates. */
export function placeProjects(projects: readonly Project[], lightsOf: LightsOf): PlacedProjects {
  const placed: MapPoint[] = []
  const unplaced: Project[] = []
  for (const project of projects) {
    if (project.coordinates) placed.push(pointOf(project, project.coordinates, lightsOf(project).worst))
    else unplaced.push(project)
  }
  return { placed, unplaced }
}

/** What is drawn: one project, or a bubble standing for several too close to tell apart. */
export type MapMarker =
  | { readonly kind: 'project'; readonly point: MapPoint }
  | {
      readonly kind: 'cluster'
      readonly key: string
      readonly lng: number
      readonly lat: number
      /** The worst light among the members: a bubble hiding a red project is red. */
      readonly light: Light
      readonly members: readonly MapPoint[]
    }

/** How close (in screen pixels) two markers may come before they share a bubble, by default. */
export const CLUSTER_RADIUS_PX = 28
/** Supercluster's tile size: its radius is in pixels of a 512-pixel tile. */
const TILE_EXTENT_PX = 512
const MAX_CLUSTER_ZOOM = 18

export interface MapClusters {
  /**
   * The markers at a zoom level where `pixelsPerDegree` pixels show one degree of longitude, made
   * of `points` (the current light and stage of each indexed project, found by id).
   */
  readonly markersAt: (pixelsPerDegree: number, points: readonly MapPoint[]) => readonly MapMarker[]
}

/** Who is grouped with whom at one zoom level: it depends on places only, not on stage or light. */
type Grouping = readonly (
  { readonly id: ProjectId } | { readonly key: string; readonly lng: number; readonly lat: number; readonly ids: readonly ProjectId[] }
)[]

/**
 * Whether the cluster index still holds: every project at the same place, whatever the order (a
 * stage move reorders the columns but moves no point). One pass and a lookup per point: the wall
 * asks on every batch of moves, with thousands of points.
 */
export function samePlaces(earlier: readonly Pick<MapPoint, 'id' | 'lng' | 'lat'>[], now: readonly Pick<MapPoint, 'id' | 'lng' | 'lat'>[]): boolean {
  if (earlier === now) return true
  if (earlier.length !== now.length) return false
  const places = new Map<ProjectId, Pick<MapPoint, 'lng' | 'lat'>>()
  for (const point of earlier) places.set(point.id, point)
  return now.every((point) => {
    const place = places.get(point.id)
    return place !== undefined && place.lng === point.lng && place.lat === point.lat
  })
}

/**
 * Indexes the points' places once (supercluster's k-d tree per zoom level) and remembers each
 * level's grouping, so a live stage or light change (the wall's common case) costs a lookup per
 * marker, not a re-index of thousands of projects; build a new one only when the places change (`samePlaces`).
 */
export function clusterPoints(points: readonly Pick<MapPoint, 'id' | 'lng' | 'lat'>[], radiusPx: number = CLUSTER_RADIUS_PX): MapClusters {
  const ids = points.map((point) => point.id)
  const index = new Supercluster<{ index: number }>({ radius: radiusPx, extent: TILE_EXTENT_PX, maxZoom: MAX_CLUSTER_ZOOM, minPoints: 2 })
  index.load(
    points.map((point, at) => ({
      type: 'Feature' as const,
      properties: { index: at },
      geometry: { type: 'Point' as const, coordinates: [point.lng, point.lat] },
    })),
  )
  const idAt = (at: number) => {
    const id = ids[at]
    if (id === undefined) throw new Error('聚合索引与项目不一致')
    return id
  }
  const groupings = new Map<number, Grouping>()
  const groupingAt = (level: number): Grouping => {
    const known = groupings.get(level)
    if (known) return known
    const grouping: Grouping = index.getClusters([-180, -85, 180, 85], level).map((feature) => {
      const properties = feature.properties
      if (!('cluster' in properties) || !properties.cluster) return { id: idAt((properties as { index: number }).index) }
      const [lng = 0, lat = 0] = feature.geometry.coordinates
      const members = index.getLeaves(properties.cluster_id, Infinity).map((leaf) => idAt(leaf.properties.index))
      return { key: `c${properties.cluster_id}`, lng, lat, ids: members }
    })
    groupings.set(level, grouping)
    return grouping
  }
  return {
    markersAt: (pixelsPerDegree, current) => {
      // The whole world (360°) is TILE_EXTENT_PX · 2^zoom pixels wide at `zoom`.
      const zoom = Math.log2((360 * pixelsPerDegree) / TILE_EXTENT_PX)
      const level = Math.max(0, Math.min(MAX_CLUSTER_ZOOM + 1, Math.floor(zoom)))
      const byId = new Map(current.map((point) => [point.id, point]))
      return groupingAt(level).flatMap((group): MapMarker[] => {
        if ('id' in group) {
          const point = byId.get(group.id)
          return point ? [{ kind: 'project', point }] : []
        }
        const members = group.ids.flatMap((id) => byId.get(id) ?? [])
        const [only] = members
        if (members.length === 1 && only) return [{ kind: 'project', point: only }]
        return members.length === 0 ? [] : [{ kind: 'cluster', key: group.key, lng: group.lng, lat: group.lat, light: worstOf(members), members }]
      })
    },
  }
}

function worstOf(points: readonly MapPoint[]): Light {
  let worst: Light = Light.green
  for (const point of points) if (LIGHT_SEVERITY[point.light] > LIGHT_SEVERITY[worst]) worst = point.light
  return worst
}

/** The extent of the points, padded so the outermost markers are not cut by the edge. */
export function pointsExtent(points: readonly Pick<MapPoint, 'lng' | 'lat'>[]): { minLng: number; maxLng: number; minLat: number; maxLat: number } | undefined {
  if (points.length === 0) return undefined
  let minLng = Infinity
  let maxLng = -Infinity
  let minLat = Infinity
  let maxLat = -Infinity
  for (const point of points) {
    minLng = Math.min(minLng, point.lng)
    maxLng = Math.max(maxLng, point.lng)
    minLat = Math.min(minLat, point.lat)
    maxLat = Math.max(maxLat, point.lat)
  }
  // A single project (or several at one spot) still gets a county-sized frame around it.
  const pad = Math.max((maxLng - minLng) * 0.08, (maxLat - minLat) * 0.08, 0.02)
  return { minLng: minLng - pad, maxLng: maxLng + pad, minLat: minLat - pad, maxLat: maxLat + pad }
}
