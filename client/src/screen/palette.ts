import type { Industry } from '@guatu/shared/domain/industry'
import type { Stage } from '@guatu/shared/domain/stage'

/** Colours of the dark wall; the charts use the same ones as the CSS (tokens.css, .sw-screen-root). */
export const STAGE_COLOR: Record<Stage, string> = {
  planning: '#8fb0dd',
  signed: '#3d8bff',
  started: '#ff9f2e',
  producing: '#2fd08a',
}

export const INDUSTRY_COLOR: Record<Industry | 'unset', string> = {
  primary: '#7bd88f',
  secondary: '#3d8bff',
  tertiary: '#b57bff',
  infrastructure: '#ffb547',
  social: '#3fd0ff',
  /** 未分类: a neutral grey, so it never reads as one of the sectors. */
  unset: '#8a94a6',
}

export const WALL_TEXT = '#e6f1ff'
export const WALL_TEXT_MUTED = '#9db6d9'
export const WALL_GRID = 'rgba(120, 170, 255, 0.18)'
/** The wall's font list (tokens.css, .sw-screen-root): the bundled Noto Sans SC first, so charts match the tiles. */
export const WALL_FONT = "'Noto Sans SC', 'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', 'WenQuanYi Micro Hei', sans-serif"
