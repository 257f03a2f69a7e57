import { describe, expect, it } from 'vitest'
import { coordinatesSchema, formatCoordinates } from '@guatu/shared/domain/coordinates'
import { checkRecordField } from '@guatu/shared/board/recordSchemas'

describe('project coordinates', () => {
  it('accepts a point in China with where it came from', () => {
    expect(coordinatesSchema.safeParse({ lng: 108.9412, lat: 34.261, source: 'manual' }).success).toBe(true)
    expect(formatCoordinates({ lng: 108.9412, lat: 34.261 })).toBe('E108.9412 N34.2610')
  })

  it('refuses longitude and latitude swapped, in Chinese', () => {
    expect(checkRecordField('projects', 'coordinates', { lng: 34.261, lat: 108.9412, source: 'import' })).toMatch(/请检查经纬度是否填反/)
  })

  it('refuses a point without a source or with extra keys', () => {
    expect(checkRecordField('projects', 'coordinates', { lng: 108.9, lat: 34.2 })).toMatch(/坐标来源/)
    expect(checkRecordField('projects', 'coordinates', { lng: 108.9, lat: 34.2, source: 'manual', by: 'x' })).toBeTruthy()
    expect(checkRecordField('projects', 'coordinates', { lng: Number.NaN, lat: 34.2, source: 'manual' })).toBeTruthy()
  })
})
