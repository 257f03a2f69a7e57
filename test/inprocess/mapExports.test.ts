import sharp from 'sharp'
import { beforeAll, describe, expect, test } from 'vitest'
import { renderMapPng } from '@guatu/server/boundaries/mapImage'
import type { ProjectPointFeature } from '@guatu/server/boundaries/projectsGeoJson'
import { boundariesPath, boundariesResponseSchema, mapPngPath, projectsGeoJsonPath } from '@guatu/shared/api/boundaries'
import { createScreenLink } from '../helpers/accounts.ts'
import { startInProcessServer } from '../helpers/inProcessServer.ts'
import { createBoard, expectParsed, fetchBoard, requestJson } from '../helpers/rest.ts'
import type { TestServer } from '../helpers/server.ts'

const DEMO = 'demo'

interface PointCollection {
  type: string
  features: Array<{ id: string; geometry: { type: string; coordinates: [number, number] }; properties: Record<string, string> }>
}

describe('the demo board’s map out of the box, and projects as GeoJSON', () => {
  let server: TestServer

  beforeAll(async () => {
    server = await startInProcessServer({ demo: true })
  })

  test('the demo board has its made-up county and eight 乡镇, readable by its wall screen', async () => {
    const screen = await createScreenLink(server, DEMO)
    const read = expectParsed(
      await requestJson(server, `${boundariesPath(DEMO)}?token=${screen.token}`, { token: null }),
      200,
      boundariesResponseSchema,
      'demo boundaries as the wall screen',
    )
    expect(read.county?.features).toHaveLength(1)
    expect(read.townships?.features).toHaveLength(8)
  })

  test('projects.geojson holds every demo project as a point with name, unit, stage, light and investment', async () => {
    const board = await fetchBoard(server, DEMO)
    const response = await requestJson<PointCollection>(server, projectsGeoJsonPath(DEMO))
    expect(response.status).toBe(200)
    expect(response.contentType).toContain('application/geo+json')
    expect(response.headers.get('content-disposition')).toContain('attachment')
    const collection = response.body
    expect(collection.type).toBe('FeatureCollection')
    expect(collection.features).toHaveLength(board.projects.length)
    const first = collection.features.find((feature) => feature.id === board.projects[0]!.id)!
    expect(first.geometry).toEqual({ type: 'Point', coordinates: [board.projects[0]!.coordinates!.lng, board.projects[0]!.coordinates!.lat] })
    expect(first.properties).toMatchObject({ name: board.projects[0]!.name, unit: board.projects[0]!.unit, stage: board.projects[0]!.stage })
    expect(['green', 'blue', 'yellow', 'red']).toContain(first.properties.light)
    expect(first.properties.investmentYi).toMatch(/^\d+(\.\d+)?$/)
  })

  test('a screen link of another board and no credentials read no projects', async () => {
    const other = await createBoard(server, '另一块看板')
    const otherScreen = await createScreenLink(server, other.id)
    expect((await requestJson(server, `${projectsGeoJsonPath(DEMO)}?token=${otherScreen.token}`, { token: null })).status).toBe(403)
    expect((await requestJson(server, projectsGeoJsonPath(DEMO), { token: null })).status).toBe(401)
  })

  test('map.png is a PNG of the asked size, drawn on the server', async () => {
    const screen = await createScreenLink(server, DEMO)
    const response = await fetch(`${server.url}${mapPngPath(DEMO)}?width=1200&height=800&token=${screen.token}`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('image/png')
    const meta = await sharp(Buffer.from(await response.arrayBuffer())).metadata()
    expect([meta.format, meta.width, meta.height]).toEqual(['png', 1200, 800])
    expect((await requestJson(server, `${mapPngPath(DEMO)}?width=99999`)).status).toBe(400)
  })

  test('every project is drawn where it is: the pixels at its point are neither the page nor the 乡镇 fill', async () => {
    const boundaries = boundariesResponseSchema.parse((await requestJson(server, boundariesPath(DEMO))).body)
    const points = (await requestJson<{ features: ProjectPointFeature[] }>(server, projectsGeoJsonPath(DEMO))).body.features
    const { png, drawnAt } = await renderMapPng({ title: '示范县 项目分布图', boundaries, points, width: 1600, height: 1000 })
    const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true })
    expect([info.width, info.height]).toEqual([1600, 1000])
    const pixel = (x: number, y: number) => {
      const offset = (Math.round(y) * info.width + Math.round(x)) * info.channels
      return [data[offset]!, data[offset + 1]!, data[offset + 2]!]
    }
    const background = ['255,255,255', '241,243,244']
    expect(drawnAt.size).toBe(points.length)
    for (const point of points) {
      const [x, y] = drawnAt.get(point.id)!
      expect(x > 0 && x < 1600 && y > 0 && y < 1000, point.properties.name).toBe(true)
      expect(background, `${point.properties.name} at ${x},${y}`).not.toContain(pixel(x, y).join(','))
    }
  })
  test('a project’s 项目范围 is drawn around its point, tinting the ground, and nothing where there is none', async () => {
    const boundaries = boundariesResponseSchema.parse((await requestJson(server, boundariesPath(DEMO))).body)
    const [point] = (await requestJson<{ features: ProjectPointFeature[] }>(server, projectsGeoJsonPath(DEMO))).body.features
    if (!point) throw new Error('the demo board has no placed project')
    const [lng, lat] = point.geometry.coordinates
    const ring: [number, number][] = [
      [lng - 0.03, lat - 0.03],
      [lng + 0.03, lat - 0.03],
      [lng + 0.03, lat + 0.03],
      [lng - 0.03, lat + 0.03],
    ]
    const draw = async (areas: { id: string; ring: [number, number][]; light: typeof point.properties.light }[]) => {
      const { png, drawnAt } = await renderMapPng({ title: '范围', boundaries, points: [point], areas, width: 1600, height: 1000 })
      const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true })
      const [x, y] = drawnAt.get(point.id)!
      // Beside the marker (12 px wide), well inside the parcel (0.06° is tens of pixels here).
      const offset = (Math.round(y) * info.width + Math.round(x + 14)) * info.channels
      return [data[offset]!, data[offset + 1]!, data[offset + 2]!].join(',')
    }
    const bare = await draw([])
    const withArea = await draw([{ id: point.id, ring, light: 'red' }])
    expect(withArea, 'the parcel tints the ground beside the point').not.toBe(bare)
  })
})
