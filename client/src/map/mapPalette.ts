import type { Light } from '@guatu/shared/progress/lights'

/** The map's colours, read from the design tokens of the element the chart is drawn in. */
export interface MapPalette {
  readonly light: Record<Light, string>
  readonly land: string
  readonly border: string
  readonly countyBorder: string
  readonly pointEdge: string
  readonly ink: string
  readonly inkMuted: string
  readonly highlight: string
  /** "r, g, b" of the 乡镇 shading; its alpha carries the figure. */
  readonly fillRgb: string
  readonly font: string
}

/**
 * ECharts takes colours as strings, not CSS variables, so they are read from the tokens as
 * computed on the chart's element: the board's light theme, or the wall's night theme
 * (.sw-screen-root) for the same names. No colour is written here.
 */
export function readMapPalette(element: Element): MapPalette {
  const style = getComputedStyle(element)
  const token = (name: string) => style.getPropertyValue(name).trim()
  return {
    // 绿 (no warning) is "none" on the map: a neutral point, so the eye goes to 红/黄/蓝.
    light: { red: token('--light-red'), yellow: token('--light-yellow'), blue: token('--light-blue'), green: token('--map-point-none') },
    land: token('--map-land'),
    border: token('--map-border'),
    countyBorder: token('--map-county-border'),
    pointEdge: token('--map-point-edge'),
    ink: token('--ink'),
    inkMuted: token('--ink-muted'),
    highlight: token('--highlight'),
    fillRgb: token('--map-fill-rgb'),
    font: token('--font-ui'),
  }
}
