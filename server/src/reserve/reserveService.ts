import * as Y from 'yjs'
import { createProject } from '@guatu/shared/board/projectCommands'
import { readProject } from '@guatu/shared/board/projectQueries'
import { AuditAction } from '@guatu/shared/domain/auditAction'
import { principalId, principalLabel, type Principal } from '@guatu/shared/domain/principal'
import type { ProjectId } from '@guatu/shared/domain/project'
import { Role } from '@guatu/shared/domain/role'
import { Stage } from '@guatu/shared/domain/stage'
import {
  CANDIDATE_LEDGER_FIELDS,
  VettingStatus,
  isMoved,
  newCandidateId,
  type Candidate,
  type CandidateId,
  type CandidateInput,
  type CandidatePatch,
} from '@guatu/shared/domain/reserveCandidate'
import type { MoveCandidateResponse, VetCandidateRequest } from '@guatu/shared/api/reserve'
import {
  RESERVE_DOC_ID,
  candidateIdOfProject,
  correctCandidate,
  listCandidates,
  markCandidateMoved,
  projectIdForCandidate,
  proposeCandidate,
  readCandidate,
  vetCandidate,
} from '@guatu/shared/board/reserveDoc'
import { canProposeFor, canReadReserve, canVetCandidates, correctionRefusal } from '@guatu/shared/reserve/reservePermissions'
import { ProjectValidationError } from '@guatu/shared/board/commandOptions'
import type { AuditChange, AuditRecord, StoredAuditEntry } from '../audit/auditRecord.ts'
import type { BoardService } from '../boards/boardService.ts'
import { RequestError } from '../requestError.ts'
import type { BoardStorage } from '../storage/boardStorage.ts'
import type { CommitQueue } from '../sync/commitQueue.ts'
import type { RoomRegistry } from '../sync/roomRegistry.ts'
import type { ReserveStore } from './reserveStore.ts'
import { reserveWorkbook } from './reserveWorkbook.ts'
import type { ReserveImportPreview, ReserveImportResult } from '@guatu/shared/api/reserveImport'
import { todayInChina } from '@guatu/shared/domain/dates'
import type { LedgerParser } from '../ledger/ledgerParser.ts'
import { RESERVE_EXTRA_COLUMNS, RESERVE_KEPT_FIELDS, planReserveImport, type ReserveImportPlan } from './reserveImport.ts'

/** What an import answers: its preview (dry run), what it wrote, or why it wrote nothing. */
export type ReserveImportOutcome =
  | { kind: 'preview'; preview: ReserveImportPreview }
  | { kind: 'committed'; result: ReserveImportResult }
  | { kind: 'refused'; error: string; preview: ReserveImportPreview }

const NOT_FOUND = '储备项目不存在'

/**
 * 项目库: departments propose candidates for their units, the 项目办 vets them and moves approved
 * ones into a year's board. Every command is judged here against the caller's role and units
 * (shared/reserve/reservePermissions.ts) and stored with its history entry in the caller's name.
 */
export class ReserveService {
  /** 列入年度看板 runs one at a time: the check "already moved?" and the move must not interleave. */
  private moveTurn: Promise<unknown> = Promise.resolve()

  constructor(
    private readonly store: ReserveStore,
    /** The raw storage: the reserve's history is in the same audit table as the boards'. */
    private readonly storage: BoardStorage,
    private readonly boards: BoardService,
    private readonly rooms: RoomRegistry,
    private readonly commits: CommitQueue,
    private readonly parser: LedgerParser,
  ) {}

  async list(principal: Principal): Promise<Candidate[]> {
    requireReader(principal)
    return this.store.read(listCandidates)
  }

  async propose(principal: Principal, input: CandidateInput): Promise<Candidate> {
    if (!canProposeFor(principal, input.unit)) throw new RequestError(403, refusal(principal, `只能为本单位提出储备项目，「${input.unit}」不属于您的单位`))
    const id = newCandidateId()
    return this.store.change((doc) => {
      proposeCandidate(doc, id, input, actorOf(principal), new Date().toISOString())
      return { result: mustRead(doc, id), audit: [entry(principal, id, { action: AuditAction.proposeCandidate, to: input.name })] }
    })
  }

  async correct(principal: Principal, id: string, patch: CandidatePatch): Promise<Candidate> {
    requireReader(principal)
    return this.store.change((doc) => {
      const candidate = mustRead(doc, id)
      const refused = correctionRefusal(principal, candidate, patch)
      if (refused) throw new RequestError(403, refusal(principal, refused))
      const resubmit = candidate.status === VettingStatus.returned
      correctCandidate(doc, candidate.id, patch, resubmit)
      const audit: AuditRecord[] = []
      for (const [field, to] of Object.entries(patch)) {
        const from = candidate[field as keyof Candidate]
        if (JSON.stringify(from) !== JSON.stringify(to))
          audit.push(entry(principal, candidate.id, { action: AuditAction.editCandidate, field, from: from ?? null, to: to ?? null }))
      }
      if (resubmit)
        audit.push(
          entry(principal, candidate.id, { action: AuditAction.resubmitCandidate, field: 'status', from: candidate.status, to: VettingStatus.pending }),
        )
      return { result: mustRead(doc, candidate.id), audit }
    })
  }

  async vet(principal: Principal, id: string, verdict: VetCandidateRequest): Promise<Candidate> {
    if (!canVetCandidates(principal)) throw new RequestError(403, refusal(principal, '只有项目办可以审核储备项目'))
    return this.store.change((doc) => {
      const candidate = mustRead(doc, id)
      if (isMoved(candidate)) throw new RequestError(409, '该储备项目已列入年度看板，不能再审核')
      const at = new Date().toISOString()
      if (verdict.decision === 'approve') {
        if (candidate.status === VettingStatus.approved) return { result: candidate, audit: [] }
        vetCandidate(doc, candidate.id, { status: VettingStatus.approved }, actorOf(principal), at)
        const audit = [
          entry(principal, candidate.id, { action: AuditAction.approveCandidate, field: 'status', from: candidate.status, to: VettingStatus.approved }),
        ]
        return { result: mustRead(doc, candidate.id), audit }
      }
      const reason = verdict.reason.trim()
      vetCandidate(doc, candidate.id, { status: VettingStatus.returned, reason }, actorOf(principal), at)
      return {
        result: mustRead(doc, candidate.id),
        audit: [entry(principal, candidate.id, { action: AuditAction.returnCandidate, field: 'returnReason', from: null, to: reason })],
      }
    })
  }

  /**
   * 列入年度看板: the project first (in the 谋划 column, under an id derived from the candidate,
   * judged as the office's own change to the board), then the candidate marked moved. Each step is
   * durable before the next; running it again, after a crash between them or by a second click,
   * finds the project and only finishes what is missing: never two projects.
   */
  move(principal: Principal, id: string, boardId: string): Promise<MoveCandidateResponse> {
    if (!canVetCandidates(principal)) throw new RequestError(403, refusal(principal, '只有项目办可以将储备项目列入年度看板'))
    const run = this.moveTurn.then(() => this.moveNow(principal, id, boardId))
    this.moveTurn = run.catch(() => undefined)
    return run
  }

  private async moveNow(principal: Principal, id: string, boardId: string): Promise<MoveCandidateResponse> {
    const board = await this.boards.record(boardId)
    if (!board) throw new RequestError(404, '看板不存在')
    const candidate = await this.store.read((doc) => mustRead(doc, id))
    const projectId = projectIdForCandidate(candidate.id)
    if (candidate.movedBoardId === boardId) return { candidate, boardId, projectId: candidate.movedProjectId ?? projectId, created: false }
    if (isMoved(candidate)) throw new RequestError(409, '该储备项目已列入另一个年度看板')
    if (candidate.status !== VettingStatus.approved) throw new RequestError(409, '只有审核通过的储备项目才能列入年度看板')
    const created = await this.createOnBoard(principal, boardId, projectId as ProjectId, candidate)
    const moved = await this.store.change((doc) => {
      const now = mustRead(doc, candidate.id)
      if (isMoved(now)) return { result: now, audit: [] }
      markCandidateMoved(doc, candidate.id, boardId, projectId, new Date().toISOString())
      const audit = [
        entry(principal, candidate.id, { action: AuditAction.moveCandidate, recordId: projectId, field: 'movedBoardId', from: boardId, to: board.name }),
      ]
      return { result: mustRead(doc, candidate.id), audit }
    })
    return { candidate: moved, boardId, projectId, created }
  }

  private async createOnBoard(principal: Principal, boardId: string, projectId: ProjectId, candidate: Candidate): Promise<boolean> {
    const room = await this.rooms.open(boardId)
    if (!room) throw new RequestError(404, '看板不存在')
    try {
      if (readProject(room.doc, projectId)) return false
      const fields = Object.fromEntries(CANDIDATE_LEDGER_FIELDS.map((field) => [field, candidate[field]]))
      const scratch = new Y.Doc()
      Y.applyUpdate(scratch, Y.encodeStateAsUpdate(room.doc))
      const before = Y.encodeStateVector(scratch)
      try {
        createProject(scratch, { ...fields, stage: Stage.planning }, { id: projectId })
      } catch (error) {
        if (error instanceof ProjectValidationError) throw new RequestError(422, `无法列入看板：${error.message}`)
        throw error
      }
      const refused = room.applyAs(principal, Y.encodeStateAsUpdate(scratch, before))
      if (refused) throw new RequestError(403, refused)
      await this.commits.drained()
      return true
    } finally {
      this.rooms.releaseIfIdle(boardId)
    }
  }

  async history(principal: Principal, id: string): Promise<StoredAuditEntry[]> {
    requireReader(principal)
    await this.store.read((doc) => mustRead(doc, id))
    return this.storage.listHistory(RESERVE_DOC_ID, { projectId: id, limit: 500 })
  }

  /** The reserve as an .xlsx workbook, for whoever may read it. */
  async export(principal: Principal): Promise<{ name: string; file: Uint8Array }> {
    return reserveWorkbook(await this.list(principal))
  }

  /** Throws the refusal (403, in the caller's terms) unless `principal` may import the reserve. */
  requireImporter(principal: Principal): void {
    if (!canVetCandidates(principal)) throw new RequestError(403, refusal(principal, '只有项目办可以导入项目库'))
  }

  /**
   * 导入项目库 (the 项目办 only): the workbook is read by the ledger parser in its own process, then
   * planned against the reserve as stored at that moment. A dry run answers the plan; a commit
   * plans again inside the write (the reserve may have changed since the preview) and writes all
   * rows in one update with their history, or nothing when any row has an error.
   */
  async import(principal: Principal, file: Uint8Array, fileName: string, dryRun: boolean): Promise<ReserveImportOutcome> {
    this.requireImporter(principal)
    const parsed = await this.parser.parse(file, {
      year: Number(todayInChina().slice(0, 4)),
      fileName,
      extraColumns: RESERVE_EXTRA_COLUMNS,
      keptFields: RESERVE_KEPT_FIELDS,
    })
    if (dryRun) return { kind: 'preview', preview: await this.store.read((doc) => planReserveImport(parsed, listCandidates(doc)).preview) }
    return this.store.change<ReserveImportOutcome>((doc) => {
      const plan = planReserveImport(parsed, listCandidates(doc))
      if (plan.preview.errorRows > 0)
        return {
          result: { kind: 'refused', error: `有${plan.preview.errorRows}行有错误，未导入任何项目：请按行号改正后重新导入`, preview: plan.preview },
          audit: [],
        }
      const written = writeImport(doc, principal, plan)
      return { result: { kind: 'committed', result: written.result }, audit: written.audit }
    })
  }

  /** The candidate a board project came from, and its history in the reserve. */
  async origin(principal: Principal, boardId: string, projectId: string): Promise<{ candidate: Candidate; entries: StoredAuditEntry[] }> {
    requireReader(principal)
    const candidateId = candidateIdOfProject(projectId)
    const candidate = candidateId ? await this.store.read((doc) => readCandidate(doc, candidateId)) : undefined
    if (!candidate || candidate.movedBoardId !== boardId) throw new RequestError(404, '该项目不是从项目库列入的')
    return { candidate, entries: await this.storage.listHistory(RESERVE_DOC_ID, { projectId: candidate.id, limit: 500 }) }
  }
}

function requireReader(principal: Principal): void {
  if (!canReadReserve(principal)) throw new RequestError(403, principal.kind === 'screen' ? '大屏链接不能查看项目库' : '无权查看项目库')
}

/** A screen link or a leader hears why in their own terms, before any rule about units. */
function refusal(principal: Principal, message: string): string {
  if (principal.kind === 'screen') return '大屏链接不能查看或修改项目库'
  if (!canReadReserve(principal)) return '无权查看项目库'
  if (principal.role === Role.viewer) return '领导账号只能查看，不能修改'
  return message
}

function mustRead(doc: Y.Doc, id: string): Candidate {
  const candidate = readCandidate(doc, id)
  if (!candidate) throw new RequestError(404, NOT_FOUND)
  return candidate
}

function actorOf(principal: Principal) {
  return { id: principalId(principal), label: principalLabel(principal) }
}

function entry(principal: Principal, candidateId: CandidateId, change: Partial<AuditChange> & Pick<AuditChange, 'action'>): AuditRecord {
  return {
    projectId: candidateId,
    recordId: change.recordId ?? null,
    action: change.action,
    field: change.field ?? null,
    from: change.from ?? null,
    to: change.to ?? null,
    at: new Date().toISOString(),
    actorId: principalId(principal),
    actorLabel: principalLabel(principal),
  }
}

/** Every row of a checked plan, written into the reserve with its history entries. */
function writeImport(doc: Y.Doc, principal: Principal, plan: ReserveImportPlan): { result: ReserveImportResult; audit: AuditRecord[] } {
  const audit: AuditRecord[] = []
  const at = new Date().toISOString()
  for (const row of plan.rows) {
    if (row.create) {
      const id = newCandidateId()
      proposeCandidate(doc, id, row.create, actorOf(principal), at)
      audit.push(entry(principal, id, { action: AuditAction.proposeCandidate, to: row.create.name }))
    } else if (row.update) {
      const { id, patch, before } = row.update
      const resubmit = before.status === VettingStatus.returned
      correctCandidate(doc, id, patch, resubmit)
      for (const [field, to] of Object.entries(patch))
        audit.push(entry(principal, id, { action: AuditAction.editCandidate, field, from: before[field as keyof Candidate] ?? null, to: to ?? null }))
      if (resubmit) audit.push(entry(principal, id, { action: AuditAction.resubmitCandidate, field: 'status', from: before.status, to: VettingStatus.pending }))
    }
  }
  const { creates, updates, unchanged, kept } = plan.preview
  return { result: { created: creates, updated: updates, unchanged, kept }, audit }
}
