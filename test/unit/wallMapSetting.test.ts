import { describe, expect, test } from 'vitest'
import { boardSettingsSchema, DEFAULT_BOARD_SETTINGS, WallMap } from '@guatu/shared/progress/boardSettings'
import { fromDraft, toDraft } from '../../client/src/settings/settingsDraft.ts'

describe('the wall map setting (大屏地图)', () => {
  test('saving the settings form keeps the chosen wall map, and 不显示 leaves the key out', () => {
    const chosen = { ...DEFAULT_BOARD_SETTINGS(2025), wallMap: WallMap.besideIndustry }
    expect(fromDraft(toDraft(chosen), 2025).settings?.wallMap).toBe(WallMap.besideIndustry)
    const off = fromDraft({ ...toDraft(chosen), wallMap: WallMap.off }, 2025).settings
    expect(off && 'wallMap' in off).toBe(false)
    expect(toDraft(DEFAULT_BOARD_SETTINGS(2025)).wallMap, 'a board saved before the map existed shows no map').toBe(WallMap.off)
  })

  test('a value other than the three choices is refused in Chinese', () => {
    const parsed = boardSettingsSchema.safeParse({ ...DEFAULT_BOARD_SETTINGS(2025), wallMap: 'fullScreen' })
    expect(parsed.success).toBe(false)
    expect(parsed.error?.issues[0]?.message).toBe('大屏地图须为不显示、并列或替换')
  })
})
