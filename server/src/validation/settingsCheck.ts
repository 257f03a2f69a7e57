import { isSettingKey, SettingKey } from '@guatu/shared/board/boardSettingsAccess'
import { canManageBoards } from '@guatu/shared/domain/permissions'
import type { Principal } from '@guatu/shared/domain/principal'
import { reportingSettingsSchema } from '@guatu/shared/domain/reportingPeriod'
import { columnMappingSchema } from '@guatu/shared/ledger/columnMapping'
import { boardSettingsSchema } from '@guatu/shared/progress/boardSettings'
import type { SettingEffect } from './updateEffects.ts'

/**
 * Board settings (targets, 序时进度 basis, warning thresholds, the remembered ledger column mapping)
 * belong to the project office and must be complete, valid objects. Returns the reason when refused.
 */
export function checkSettings(principal: Principal, settings: readonly SettingEffect[], serverWrite = false): string | undefined {
  if (settings.length === 0) return undefined
  if (!canManageBoards(principal)) return '只有项目办可以修改看板设置（目标、口径和预警阈值）'
  for (const effect of settings) {
    if (!isSettingKey(effect.key)) return `未知的看板设置：${effect.key.slice(0, 40)}`
    // Announced by the server on a real upload: a client that wrote it would send every page
    // fetching a map that did not change, or hide one that did.
    if (effect.key === SettingKey.boundariesVersion) {
      if (!serverWrite) return '边界版本由服务器在上传边界时记录，不能直接修改'
      if (effect.kind !== 'setSetting' || typeof effect.value !== 'string' || effect.value.length > 40) return '边界版本无效'
    }
    if (effect.kind === 'setSetting' && effect.key === SettingKey.boardSettings) {
      const parsed = boardSettingsSchema.safeParse(effect.value)
      if (!parsed.success) return parsed.error.issues[0]?.message ?? '看板设置无效'
    }
    if (effect.kind === 'setSetting' && effect.key === SettingKey.reporting) {
      const parsed = reportingSettingsSchema.safeParse(effect.value)
      if (!parsed.success) return `报送设置无效：${parsed.error.issues[0]?.message ?? ''}`
    }
    if (effect.kind === 'setSetting' && effect.key === SettingKey.columnMapping) {
      const parsed = columnMappingSchema.safeParse(effect.value)
      if (!parsed.success) return `台账列映射无效：${parsed.error.issues[0]?.message ?? ''}`
    }
  }
  return undefined
}
