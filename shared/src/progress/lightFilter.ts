import { Light } from './lights.ts'

/**
 * The 预警 filter of the board, for the board view and the Excel export. It is not part of
 * ProjectFilter because lights depend on the board's settings and the day, not on a project alone;
 * it travels in the address next to the ProjectFilter parameters:
 *
 *   `light=red`     only projects whose worst light is 红
 *   `light=yellow`  worst light 黄 or 红 (黄灯及以上)
 *   `light=any`     any light at all, 蓝 included
 *
 * Unknown values are ignored (no filter).
 */
export const LightFilter = { red: 'red', yellow: 'yellow', any: 'any' } as const
export type LightFilter = (typeof LightFilter)[keyof typeof LightFilter]
export const LIGHT_FILTERS: readonly LightFilter[] = [LightFilter.red, LightFilter.yellow, LightFilter.any]
export const LIGHT_FILTER_LABEL: Record<LightFilter, string> = { red: '红灯', yellow: '黄灯及以上', any: '有预警（含蓝灯）' }

export const LIGHT_PARAM = 'light'

export function isLightFilter(value: string | null | undefined): value is LightFilter {
  return (LIGHT_FILTERS as readonly (string | null | undefined)[]).includes(value)
}

export function matchesLightFilter(worst: Light, filter: LightFilter): boolean {
  switch (filter) {
    case LightFilter.red:
      return worst === Light.red
    case LightFilter.yellow:
      return worst === Light.red || worst === Light.yellow
    case LightFilter.any:
      return worst !== Light.green
  }
}
