import { describe, expect, test } from 'vitest'
import type { WanAmount } from '@guatu/shared/domain/money'
import type { Project } from '@guatu/shared/domain/project'
import { Stage } from '@guatu/shared/domain/stage'
import { Light } from '@guatu/shared/progress/lights'
import { clusterPoints, placeProjects, pointsExtent, type MapMarker } from '../../client/src/map/mapPoints.ts'
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
    for (const pixelsPerDegree of [64, 512, 2048, 16384, 262144]) expect(memberIds(clusters.markersAt(pixelsPerDegree))).toEqual(all)

    const phone = clusters.markersAt(256)
    const wall = clusters.markersAt(16384)
    expect(phone.length, 'a phone-sized map shows bubbles').toBeLessThan(placed.length / 4)
    expect(wall.filter((marker) => marker.kind === 'project').length, 'a large map shows most projects apart').toBeGreaterThan(placed.length / 2)
    const holdingRed = phone.find((marker) => marker.kind === 'cluster' && marker.members.some((member) => member.name === '项目7'))
    expect(holdingRed?.kind === 'cluster' && holdingRed.light).toBe(Light.red)
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
