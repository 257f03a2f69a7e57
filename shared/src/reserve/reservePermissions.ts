import { FieldWriter } from '../domain/fieldPolicy.ts'
import { canEditProjectOfUnit, canManageBoards } from '../domain/permissions.ts'
import type { Principal } from '../domain/principal.ts'
import { isDutyRole } from '../domain/role.ts'
import { CANDIDATE_POLICY, VettingStatus, isMoved, type Candidate, type CandidatePatch } from '../domain/reserveCandidate.ts'

/**
 * Who may do what in the 项目库. The server enforces these on every command; the page uses the
 * same functions only to hide what would be refused.
 */

/** The office, departments and leaders read the reserve; a wall screen and the 三员 do not. */
export function canReadReserve(principal: Principal): boolean {
  return principal.kind === 'user' && !isDutyRole(principal.role)
}

/** A department proposes for its own units; the office for any. */
export function canProposeFor(principal: Principal, unit: string): boolean {
  return canEditProjectOfUnit(principal, unit)
}

/** 审核 (approve, return) and 列入年度看板 are the 项目办's. */
export function canVetCandidates(principal: Principal): boolean {
  return canManageBoards(principal)
}

/**
 * Why `principal` may not make this correction, or undefined when it may. A candidate on a board
 * is settled; an approved one is corrected by the office only (a department's change would undo
 * the vetting); fields follow CANDIDATE_POLICY.
 */
export function correctionRefusal(principal: Principal, candidate: Candidate, patch: CandidatePatch): string | undefined {
  if (!canEditProjectOfUnit(principal, candidate.unit)) return '只能修改本单位提出的储备项目'
  if (isMoved(candidate)) return '该储备项目已列入年度看板，不能再修改'
  const office = canManageBoards(principal)
  if (!office && candidate.status === VettingStatus.approved) return '已审核通过的储备项目只能由项目办修改'
  for (const field of Object.keys(patch) as Array<keyof CandidatePatch>) {
    const writer = CANDIDATE_POLICY.fields[field].writer
    if (writer === FieldWriter.holder && patch[field] !== candidate[field] && !office) return '责任单位只能由项目办调整'
    if (writer !== FieldWriter.department && writer !== FieldWriter.holder) return '该字段不能修改'
  }
  return undefined
}
