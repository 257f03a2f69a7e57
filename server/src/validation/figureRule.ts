import type * as Y from 'yjs'
import { RecordCollection, collectionRoot } from '@guatu/shared/board/boardDoc'
import { checkFigures, isMoneyField, trustedFigures, MONEY_FIELD_LABEL, MONEY_FIELDS, type Figures, type MoneyField } from '@guatu/shared/domain/figureCheck'
import { isWanAmount, ZERO_WAN, type WanAmount } from '@guatu/shared/domain/money'
import { canManageBoards } from '@guatu/shared/domain/permissions'
import type { Principal } from '@guatu/shared/domain/principal'
import type { UpdateEffect } from './updateEffects.ts'

type FieldEffect = Extract<UpdateEffect, { kind: 'setField' | 'clearField' }>

const FLAGS_FIELD = 'unconfirmedFigures'

function flagsOf(value: unknown): MoneyField[] {
  return Array.isArray(value) ? value.filter(isMoneyField) : []
}

/**
 * 待确认数字 (project.unconfirmedFigures): a department may never confirm a figure, its own
 * included — only the 项目办 removes a flag. A department may drop a flag only in the update that
 * replaces the figure by a plausible one, and an implausible figure it writes must be flagged in
 * the same update, so a hand-made client cannot put 99999999 on the wall unmarked. Judged on the
 * project as stored before the update; new projects are judged when their figures are next changed.
 */
export function checkFigureAuthority(doc: Y.Doc, principal: Principal, effects: readonly UpdateEffect[]): string | undefined {
  if (canManageBoards(principal)) return undefined
  const touched = new Map<string, FieldEffect[]>()
  for (const effect of effects) {
    if (effect.collection !== RecordCollection.projects || (effect.kind !== 'setField' && effect.kind !== 'clearField')) continue
    if (effect.field !== FLAGS_FIELD && !isMoneyField(effect.field)) continue
    touched.set(effect.id, [...(touched.get(effect.id) ?? []), effect])
  }
  const projects = collectionRoot(doc, RecordCollection.projects)
  for (const [id, projectEffects] of touched) {
    const stored = projects.get(id)
    if (!stored) continue
    const storedAmount = (field: MoneyField) => {
      const value = stored.get(field)
      return isWanAmount(value) ? value : ZERO_WAN
    }
    const before = Object.fromEntries(MONEY_FIELDS.map((field) => [field, storedAmount(field)])) as Figures
    const after: Record<MoneyField, WanAmount> = { ...before }
    const written: MoneyField[] = []
    let flags = flagsOf(stored.get(FLAGS_FIELD))
    const storedFlags = flags
    for (const effect of projectEffects) {
      if (effect.field === FLAGS_FIELD) flags = effect.kind === 'setField' ? flagsOf(effect.value) : []
      else if (isMoneyField(effect.field) && effect.kind === 'setField' && isWanAmount(effect.value)) {
        after[effect.field] = effect.value
        written.push(effect.field)
      }
    }
    const trusted = trustedFigures(before, storedFlags)
    const concernsOf = (field: MoneyField) => checkFigures(after, trusted, [field])
    for (const field of storedFlags) {
      if (flags.includes(field)) continue
      if (!written.includes(field) || concernsOf(field).length > 0)
        return `只有项目办可以确认待确认数字（${MONEY_FIELD_LABEL[field]}），本单位可以改正后重新填报`
    }
    for (const field of written) {
      const concern = concernsOf(field)[0]
      if (concern && !flags.includes(field)) return `${concern.message}：确需填报的，须标记为待项目办确认`
    }
  }
  return undefined
}
