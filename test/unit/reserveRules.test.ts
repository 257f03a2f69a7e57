import { describe, expect, it } from 'vitest'
import { Industry } from '@guatu/shared/domain/industry'
import type { WanAmount } from '@guatu/shared/domain/money'
import type { Principal } from '@guatu/shared/domain/principal'
import { ReserveLevel, VettingStatus, type Candidate, type CandidateId } from '@guatu/shared/domain/reserveCandidate'
import { Role } from '@guatu/shared/domain/role'
import { candidateIdOfProject, projectIdForCandidate } from '@guatu/shared/board/reserveDoc'
import { CandidateStage, countCandidates, matchesReserveFilter } from '@guatu/shared/reserve/reserveFilter'
import { canReadReserve, canVetCandidates, correctionRefusal } from '@guatu/shared/reserve/reservePermissions'

const user = (role: Role, units: string[] = []): Principal => ({ kind: 'user', userId: `u_${role}`, username: role, displayName: role, role, units })
const office = user(Role.admin)
const department = user(Role.editor, ['工信局'])
const leader = user(Role.viewer)
const screen: Principal = { kind: 'screen', linkId: 'l1', boardId: 'b1', name: '大屏' }

function candidate(overrides: Partial<Candidate> = {}): Candidate {
  return {
    id: 'c_0123456789abcdef0123' as CandidateId,
    name: '锂电池隔膜项目',
    cluster: '',
    location: '',
    scope: '',
    totalInvestment: '12000' as WanAmount,
    annualPlanInvestment: '0' as WanAmount,
    unit: '工信局',
    leaders: [],
    owner: '',
    phone: '',
    governmentFunded: false,
    level: ReserveLevel.preparing,
    sourceUnit: '城关镇',
    status: VettingStatus.pending,
    proposedById: 'u1',
    proposedByLabel: '工信局',
    proposedAt: '2026-12-01T00:00:00.000Z',
    ...overrides,
  }
}

describe('项目库 rules', () => {
  it('lets the office, departments and leaders read the reserve, never a screen link', () => {
    expect([office, department, leader, screen].map(canReadReserve)).toEqual([true, true, true, false])
    expect([office, department, leader, screen].map(canVetCandidates)).toEqual([true, false, false, false])
  })

  it('lets a department correct its own pending or returned candidate, not another unit’s, not an approved or moved one', () => {
    expect(correctionRefusal(department, candidate(), { name: '新名' })).toBeUndefined()
    expect(correctionRefusal(department, candidate({ status: VettingStatus.returned }), { name: '新名' })).toBeUndefined()
    expect(correctionRefusal(department, candidate({ unit: '商务局' }), { name: '新名' })).toMatch(/本单位/)
    expect(correctionRefusal(department, candidate(), { unit: '商务局' })).toMatch(/项目办/)
    expect(correctionRefusal(department, candidate({ status: VettingStatus.approved }), { name: '新名' })).toMatch(/项目办/)
    expect(correctionRefusal(office, candidate({ movedBoardId: 'b1', movedProjectId: 'p_rsv_x' }), { name: '新名' })).toMatch(/已列入/)
    expect(correctionRefusal(leader, candidate(), { name: '新名' })).toBeDefined()
  })

  it('counts by level and industry and filters by every list filter', () => {
    const list = [
      candidate(),
      candidate({
        id: 'c_1111111111aaaaaaaaaa' as CandidateId,
        level: ReserveLevel.planning,
        industry: Industry.secondary,
        name: '冷链物流园',
        unit: '商务局',
      }),
      candidate({
        id: 'c_2222222222bbbbbbbbbb' as CandidateId,
        industry: Industry.secondary,
        movedBoardId: 'b1',
        movedProjectId: 'p',
        status: VettingStatus.approved,
      }),
    ]
    expect(countCandidates(list)).toEqual({ total: 3, byLevel: { planning: 1, preparing: 2, proposed: 0 }, byIndustry: { unset: 1, secondary: 2 } })
    expect(list.filter((c) => matchesReserveFilter(c, { stage: CandidateStage.moved })).map((c) => c.id)).toEqual(['c_2222222222bbbbbbbbbb'])
    expect(list.filter((c) => matchesReserveFilter(c, { industry: 'unset' })).map((c) => c.id)).toEqual(['c_0123456789abcdef0123'])
    expect(list.filter((c) => matchesReserveFilter(c, { unit: '商务局', name: '冷链' }))).toHaveLength(1)
    expect(list.filter((c) => matchesReserveFilter(c, { level: ReserveLevel.preparing, stage: CandidateStage.pending }))).toHaveLength(1)
  })

  it('derives one project id per candidate and leads back from it', () => {
    const id = 'c_0123456789abcdef0123' as CandidateId
    expect(projectIdForCandidate(id)).toBe('p_rsv_0123456789abcdef0123')
    expect(candidateIdOfProject(projectIdForCandidate(id))).toBe(id)
    expect(candidateIdOfProject('p_0123456789abcdef0123')).toBeUndefined()
  })
})
