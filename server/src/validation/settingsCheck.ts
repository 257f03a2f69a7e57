import { isSettingKey, SettingKey } from '@guatu/shared/board/boardSettingsAccess'
import { canManageBoards } from '@guatu/shared/domain/permissions'
import type { Principal } from '@guatu/shared/domain/principal'
import { boardSettingsSchema } from '@guatu/shared/progress/boardSettings'
import type { SettingEffect } from './updateEffects.ts'

/**
 * Board settings (targets, 序时进度 basis, warning thresholds) belong to the project office and
 * must be a complete, valid settings object. Returns the reason when refused.
 */
export function checkSettings(principal: Principal, settings: readonly SettingEffect[]): string | undefined {
  if (settings.length === 0) return undefined
  if (!canManageBoards(principal)) return '只有项目办可以修改看板设置（目标、口径和预警阈值）'
  for (const effect of settings) {
    if (!isSettingKey(effect.key)) return `未知的看板设置：${effect.key.slice(0, 40)}`
    if (effect.kind === 'setSetting' && effect.key === SettingKey.boardSettings) {
      const parsed = boardSettingsSchema.safeParse(effect.value)
      if (!parsed.success) return parsed.error.issues[0]?.message ?? '看板设置无效'
    }
  }
  return undefined
}
