import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon'
import { describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { BoundaryLevel, checkBoundaryCollection } from '@guatu/server/boundaries/boundaryCheck'
import { DEMO_LOCATION_TOWNSHIP, demoBoundaries, demoCoordinates } from '@guatu/shared/demo/demoMap'
import { DEMO_TOWN_LOCATION } from '@guatu/shared/demo/demoVocabulary'
import { generateDemoLedger } from '@guatu/shared/demo/generateLedger'
import { createPrng } from '@guatu/shared/demo/prng'
import { seedBoardDoc } from '@guatu/shared/demo/seedBoard'

describe('the demo board’s made-up map', () => {
  test('the county and its eight 乡镇 pass the same checks as an office’s upload, and come out the same every time', () => {
    const map = demoBoundaries()
    expect(demoBoundaries()).toEqual(map)
    const county = checkBoundaryCollection(map.county, BoundaryLevel.county)
    const townships = checkBoundaryCollection(map.townships, BoundaryLevel.township)
    expect(county.features).toHaveLength(1)
    expect(townships.features.map((feature) => feature.properties.name).sort()).toEqual(
      ['北塬镇', '南川镇', '城东街道', '城西街道', '柳湾乡', '河滨街道', '石桥镇', '经开区'].sort(),
    )
  })

  test('every town unit of the demo ledger has its 乡镇 on the map', () => {
    const names = new Set(demoBoundaries().townships.features.map((feature) => feature.properties.name))
    for (const location of Object.values(DEMO_TOWN_LOCATION)) expect(names.has(DEMO_LOCATION_TOWNSHIP[location]!), location).toBe(true)
  })

  test('every demo project gets a point inside its own 乡镇 and inside the county', () => {
    const map = demoBoundaries()
    const random = createPrng(23)
    const ledger = generateDemoLedger()
    let placed = 0
    for (const fields of ledger.projects) {
      const point = demoCoordinates(fields.location ?? '', random)
      expect(point, `建设地点 ${fields.location}`).toBeDefined()
      const township = map.townships.features.find((feature) => feature.properties.name === DEMO_LOCATION_TOWNSHIP[fields.location!])!
      expect(booleanPointInPolygon([point!.lng, point!.lat], township), `${fields.name} in ${township.properties.name}`).toBe(true)
      expect(booleanPointInPolygon([point!.lng, point!.lat], map.county.features[0]!)).toBe(true)
      placed++
    }
    expect(placed).toBe(ledger.projects.length)
    // The seeded board keeps them: the points are valid project values.
    const doc = new Y.Doc()
    expect(() =>
      seedBoardDoc(doc, { projects: ledger.projects.map((fields) => ({ ...fields, coordinates: demoCoordinates(fields.location!, random)! })) }),
    ).not.toThrow()
  })
})
