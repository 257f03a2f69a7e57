import * as Y from 'yjs'
import { parseStored } from '../domain/safeText.ts'
import { ZERO_WAN } from '../domain/money.ts'
import {
  CANDIDATE_FIELDS,
  OPTIONAL_CANDIDATE_FIELDS,
  VettingStatus,
  candidateFieldSchemas,
  isCandidateId,
  type Candidate,
  type CandidateField,
  type CandidateId,
  type CandidateInput,
  type CandidatePatch,
} from '../domain/reserveCandidate.ts'

/**
 * The 项目库 is one Yjs document per installation, stored beside the boards under this id (never
 * listed as a board). Its one root, `candidates`, maps a candidate id to a Y.Map of its fields —
 * the same shape as a board's records, so storage, history and durability are the boards' own.
 */
export const RESERVE_DOC_ID = 'reserve'

export const ReserveRoot = { candidates: 'candidates' } as const
export type ReserveRoot = (typeof ReserveRoot)[keyof typeof ReserveRoot]

export type CandidateMap = Y.Map<unknown>

export function candidatesRoot(doc: Y.Doc): Y.Map<CandidateMap> {
  return doc.getMap<CandidateMap>(ReserveRoot.candidates)
}

/** What a proposal holds where the form left a field out. */
const CANDIDATE_DEFAULTS = {
  cluster: '',
  location: '',
  scope: '',
  totalInvestment: ZERO_WAN,
  annualPlanInvestment: ZERO_WAN,
  leaders: [] as string[],
  owner: '',
  phone: '',
  governmentFunded: false,
  sourceUnit: '',
}

/** Who did something, as the server authenticated them. */
export interface CandidateActor {
  id: string
  label: string
}

/** One candidate, validated on read; undefined when a required field is unreadable. */
export function readCandidate(doc: Y.Doc, id: string): Candidate | undefined {
  const map = candidatesRoot(doc).get(id)
  if (!isCandidateId(id) || typeof map?.get !== 'function') return undefined
  const values: Record<string, unknown> = { id }
  for (const field of CANDIDATE_FIELDS) {
    const parsed = parseStored(candidateFieldSchemas[field], map.get(field))
    if (parsed.success) values[field] = parsed.data
    else if (!(OPTIONAL_CANDIDATE_FIELDS as readonly string[]).includes(field)) return undefined
  }
  return values as Candidate
}

/** Every readable candidate, newest proposal first. */
export function listCandidates(doc: Y.Doc): Candidate[] {
  const candidates: Candidate[] = []
  for (const id of candidatesRoot(doc).keys()) {
    const candidate = readCandidate(doc, id)
    if (candidate) candidates.push(candidate)
  }
  return candidates.sort((a, b) => b.proposedAt.localeCompare(a.proposedAt) || a.id.localeCompare(b.id))
}

function writeFields(map: CandidateMap, values: Partial<Record<CandidateField, unknown>>): void {
  for (const [field, value] of Object.entries(values)) {
    if (value === undefined) continue
    if (map.get(field) !== value || Array.isArray(value)) map.set(field, value)
  }
}

/** A new candidate, 待审核, proposed by `actor` at `at` (both the server's). */
export function proposeCandidate(doc: Y.Doc, id: CandidateId, input: CandidateInput, actor: CandidateActor, at: string): void {
  doc.transact(() => {
    const map = new Y.Map<unknown>()
    candidatesRoot(doc).set(id, map)
    writeFields(map, {
      ...CANDIDATE_DEFAULTS,
      ...input,
      sourceUnit: input.sourceUnit ?? input.unit,
      status: VettingStatus.pending,
      proposedById: actor.id,
      proposedByLabel: actor.label,
      proposedAt: at,
    })
  })
}

/**
 * A correction. A returned candidate corrected by its department is submitted again: back to
 * 待审核, its return reason kept in history, not on the record.
 */
export function correctCandidate(doc: Y.Doc, id: CandidateId, patch: CandidatePatch, resubmit: boolean): void {
  const map = candidatesRoot(doc).get(id)
  if (!map) return
  doc.transact(() => {
    writeFields(map, patch)
    if (resubmit) {
      map.set('status', VettingStatus.pending)
      map.delete('returnReason')
    }
  })
}

/** The office's verdict: 已通过, or 退回 with its reason. */
export function vetCandidate(
  doc: Y.Doc,
  id: CandidateId,
  verdict: { status: typeof VettingStatus.approved } | { status: typeof VettingStatus.returned; reason: string },
  actor: CandidateActor,
  at: string,
): void {
  const map = candidatesRoot(doc).get(id)
  if (!map) return
  doc.transact(() => {
    map.set('status', verdict.status)
    if (verdict.status === VettingStatus.returned) map.set('returnReason', verdict.reason)
    else map.delete('returnReason')
    map.set('vettedById', actor.id)
    map.set('vettedByLabel', actor.label)
    map.set('vettedAt', at)
  })
}

/** The candidate entered `boardId` as `projectId`; written by the server once that project is stored. */
export function markCandidateMoved(doc: Y.Doc, id: CandidateId, boardId: string, projectId: string, at: string): void {
  const map = candidatesRoot(doc).get(id)
  if (!map) return
  doc.transact(() => writeFields(map, { movedBoardId: boardId, movedProjectId: projectId, movedAt: at }))
}

/**
 * The id a candidate's project takes on a board: derived from the candidate, so "列入年度看板" run
 * twice (or on two processes at once) names one project, and the project leads back to its candidate.
 */
export function projectIdForCandidate(id: CandidateId): string {
  return `p_rsv_${id.slice(2)}`
}

/** The candidate a board project came from, when it came from the reserve. */
export function candidateIdOfProject(projectId: string): CandidateId | undefined {
  const candidate = projectId.startsWith('p_rsv_') ? `c_${projectId.slice(6)}` : undefined
  return isCandidateId(candidate) ? candidate : undefined
}
