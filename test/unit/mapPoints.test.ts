import { describe, expect, test } from 'vitest'
import type { WanAmount } from '@guatu/shared/domain/money'
import type { Project } from '@guatu/shared/domain/project'
import { Stage } from '@guatu/shared/domain/stage'
import { Light } from '@guatu/shared/progress/lights'
import { markersOption } from '../../client/src/map/mapOption.ts'
import type { MapPalette } from '../../client/src/map/mapPalette.ts'
import { clusterPoints, placeProjects, samePlaces, pointsExtent, type MapMarker } from '../../client/src/map/mapPoints.ts'
import { townshipFigures } from '../../client/src/map/townships.ts'
import type { LightsOf } from '../../client/src/lights/lightCache.ts'
import { card } from '../helpers/clientCards.ts'

const manual = (lng: number, lat: number) => ({ lng, lat, source: 'manual' as const })

/** Lights as a test decides them, by name. */
function lightsBy(byName: Record<string, Light>): LightsOf {
  return (project: Project) => ({ lights: [], worst: byName[project.name] ?? Light.green })
}

const memberIds = (markers: readonly MapMarker[]) =>
  markers.flatMap((marker) => (marker.kind === 'project' ? [marker.point.id] : marker.members.map((member) => member.id))).sort()

describe('projects on the map', () => {
  test('projects with coordinates become points in their light and stage; the others are listed as 未标注位置', () => {
    const projects = [
      card('开发区电池厂', Stage.started, { coordinates: manual(108.95, 34.27), totalInvestment: '12000' as WanAmount }),
      card('城东物流园', Stage.signed),
      card('高铁新城', Stage.producing, { coordinates: manual(108.9, 34.3) }),
    ]
    const { placed, unplaced } = placeProjects(projects, lightsBy({ 开发区电池厂: Light.red }))
    expect(placed.map((point) => [point.name, point.stage, point.light, point.totalCents])).toEqual([
      ['开发区电池厂', 'started', 'red', 1_200_000],
      ['高铁新城', 'producing', 'green', 0],
    ])
    expect(unplaced.map((project) => project.name)).toEqual(['城东物流园'])
  })

  test('clustering keeps every project exactly once at every scale, and a bubble takes its worst light', () => {
    // 300 projects in a county about 0.6° across, a few of them red.
    const projects = Array.from({ length: 300 }, (_, index) =>
      card(`项目${index}`, Stage.planning, { coordinates: manual(108.6 + ((index * 37) % 61) / 100, 34.0 + ((index * 53) % 59) / 100) }),
    )
    const lights = lightsBy({ 项目7: Light.red, 项目8: Light.yellow })
    const { placed } = placeProjects(projects, lights)
    const clusters = clusterPoints(placed)
    const all = placed.map((point) => point.id).sort()
    for (const pixelsPerDegree of [64, 512, 2048, 16384, 262144]) expect(memberIds(clusters.markersAt(pixelsPerDegree, placed))).toEqual(all)

    const phone = clusters.markersAt(256, placed)
    const wall = clusters.markersAt(16384, placed)
    expect(phone.length, 'a phone-sized map shows bubbles').toBeLessThan(placed.length / 4)
    expect(wall.filter((marker) => marker.kind === 'project').length, 'a large map shows most projects apart').toBeGreaterThan(placed.length / 2)
    const holdingRed = phone.find((marker) => marker.kind === 'cluster' && marker.members.some((member) => member.name === '项目7'))
    expect(holdingRed?.kind === 'cluster' && holdingRed.light).toBe(Light.red)
  })

  test('a stage move or a new light keeps the cluster index: markers show the project as it is now', () => {
    const projects = Array.from({ length: 40 }, (_, index) =>
      card(`项目${index}`, Stage.planning, { coordinates: manual(108.6 + index / 100, 34.0 + (index % 7) / 100) }),
    )
    const before = placeProjects(projects, lightsBy({})).placed
    const clusters = clusterPoints(before)
    // 项目3 moves to 开工 and turns red; the columns reorder (it now comes last).
    const moved = card('项目3', Stage.started, { coordinates: projects[3]!.coordinates! })
    const after = placeProjects([...projects.filter((project) => project.name !== '项目3'), moved], lightsBy({ 项目3: Light.red })).placed
    expect(samePlaces(before, after), 'same places, same index').toBe(true)
    const wall = clusters.markersAt(262144, after)
    const shown = wall.flatMap((marker) => (marker.kind === 'project' ? [marker.point] : marker.members)).find((point) => point.name === '项目3')
    expect([shown?.stage, shown?.light]).toEqual([Stage.started, Light.red])
    const bubble = clusters.markersAt(64, after).find((marker) => marker.kind === 'cluster' && marker.members.some((member) => member.name === '项目3'))
    expect(bubble?.kind === 'cluster' && bubble.light, 'the bubble holding it turns red').toBe(Light.red)
    // A project placed elsewhere is a new place: a new index.
    const placedElsewhere = placeProjects([...projects.slice(1), card('项目0', Stage.planning, { coordinates: manual(109.5, 34.5) })], lightsBy({})).placed
    expect(samePlaces(before, placedElsewhere)).toBe(false)
    expect(samePlaces(before, before.slice(1)), 'one project fewer').toBe(false)
  })

  test('a project’s 项目范围 is drawn as a polygon in its light under the points; without one, nothing', () => {
    const ring: [number, number][] = [
      [108.9, 34.2],
      [109.0, 34.2],
      [109.0, 34.3],
    ]
    const { placed } = placeProjects(
      [
        card('产业园', Stage.started, { coordinates: manual(108.95, 34.25), area: { ring, source: 'manual' } }),
        card('物流园', Stage.signed, { coordinates: manual(108.8, 34.1) }),
      ],
      lightsBy({ 产业园: Light.yellow }),
    )
    const palette = { light: { red: 'R', yellow: 'Y', blue: 'B', green: 'G' } } as unknown as MapPalette
    const option = markersOption({ markers: placed.map((point) => ({ kind: 'project' as const, point })), palette, symbolSize: 14 })
    const series = option.series as { id: string; data: { id: string }[]; z?: number; renderItem?: (params: unknown, api: unknown) => unknown }[]
    const areas = series.find((each) => each.id === 'areas')
    expect(areas?.data.map((item) => item.id)).toEqual(['p_产业园'])
    // The chart's coordinate conversion, stood in by a plain scale: the polygon has the ring's vertices.
    const drawn = areas?.renderItem?.({ dataIndex: 0 }, { coord: ([lng, lat]: number[]) => [lng! * 10, lat! * 10] }) as {
      type: string
      shape: { points: number[][] }
      style: { stroke: string; fill: string; fillOpacity: number }
    }
    expect(drawn.type).toBe('polygon')
    expect(drawn.shape.points).toEqual(ring.map(([lng, lat]) => [lng * 10, lat * 10]))
    expect([drawn.style.stroke, drawn.style.fill]).toEqual(['Y', 'Y'])
    expect(drawn.style.fillOpacity, 'a light fill: the map shows through').toBeLessThan(0.3)
  })

  test('the extent frames the points with a margin, even a single point', () => {
    const single = pointsExtent([{ lng: 108.9, lat: 34.2 }])
    expect(single && single.maxLng - single.minLng).toBeGreaterThan(0.03)
    expect(pointsExtent([])).toBeUndefined()
  })

  test('乡镇 figures count the projects inside each outline and sum their 总投资 exactly', () => {
    const square = (minLng: number, minLat: number) => ({
      type: 'Polygon' as const,
      coordinates: [
        [
          [minLng, minLat],
          [minLng + 0.1, minLat],
          [minLng + 0.1, minLat + 0.1],
          [minLng, minLat + 0.1],
          [minLng, minLat],
        ] as [number, number][],
      ],
    })
    const townships = {
      type: 'FeatureCollection' as const,
      features: [
        { type: 'Feature' as const, properties: { name: '城关镇' }, geometry: square(108.9, 34.2) },
        { type: 'Feature' as const, properties: { name: '新丰镇' }, geometry: square(109.0, 34.2) },
      ],
    }
    const { placed } = placeProjects(
      [
        card('甲', Stage.planning, { coordinates: manual(108.95, 34.25), totalInvestment: '10000.5' as WanAmount }),
        card('乙', Stage.planning, { coordinates: manual(108.91, 34.21), totalInvestment: '0.25' as WanAmount }),
        card('丙', Stage.planning, { coordinates: manual(109.05, 34.25), totalInvestment: '300' as WanAmount }),
        card('丁', Stage.planning, { coordinates: manual(110, 35), totalInvestment: '999' as WanAmount }),
      ],
      lightsBy({}),
    )
    expect(townshipFigures(townships, placed)).toEqual([
      { name: '城关镇', count: 2, totalCents: 1_000_075 },
      { name: '新丰镇', count: 1, totalCents: 30_000 },
    ])
  })
})
