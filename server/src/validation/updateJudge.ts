import type * as Y from 'yjs'
import { RECORD_SCHEMAS } from '@guatu/shared/board/recordSchemas'
import type { RecordStamp } from '@guatu/shared/board/recordStamps'
import { FieldWriter, type FieldEvent } from '@guatu/shared/domain/fieldPolicy'
import { RecordCollection } from '@guatu/shared/board/boardDoc'
import { canManageBoards, canWrite, editRefusal } from '@guatu/shared/domain/permissions'
import { principalId, type Principal } from '@guatu/shared/domain/principal'
import { CandidateBoard } from './candidateBoard.ts'
import { ClientOwners } from './clientOwners.ts'
import { checkReview } from './reviewRule.ts'
import { checkPermissions } from './rolePolicy.ts'
import { checkSchema } from './schemaCheck.ts'
import { checkSettings } from './settingsCheck.ts'
import { noNeeds, preflightUpdate, type HistoryNeeds } from './updatePreflight.ts'
import type { SettingEffect, UpdateEffect } from './updateEffects.ts'
import { UpdateEvents } from './updateEvents.ts'
import { UpdateQuotas } from './updateQuotas.ts'

export type Verdict =
  /** Nothing the board lacks; nothing to store or forward. */
  | { outcome: 'noop' }
  | {
      outcome: 'accepted'
      effects: UpdateEffect[]
      settings: SettingEffect[]
      newClients: number[]
      stamps: RecordStamp[]
      /** Judged without the candidate copy (see plainOverwriteEffects): the copy has yet to take it. */
      direct?: Uint8Array
    }
  | { outcome: 'gap'; needs: HistoryNeeds; reason: string }
  | { outcome: 'rejected'; reason: string }

export interface JudgeOptions {
  /** Other processes serve the same board: history this one lacks may be in storage (see preflight). */
  clustered: boolean
}

/**
 * Decides on every update to one board before the live document sees it: preflight on the encoded
 * structs (parse, ownership of client ids, content, completeness), then integration into a
 * candidate copy, whose real effects are checked against the sender's role, the board schema and
 * quotas. An accepted update must then be applied to the live board at once and unchanged
 * (`accepted`), so that what is stored and broadcast is exactly what was judged.
 */
export class UpdateJudge {
  readonly owners = new ClientOwners()
  private readonly candidate: CandidateBoard
  private readonly quotas = new UpdateQuotas()

  constructor(
    private readonly live: () => Y.Doc,
    private readonly options: JudgeOptions,
  ) {
    this.candidate = new CandidateBoard(live)
  }

  /** `ownersFresh`: the owners were just read from storage, so an unknown one stays unknown. */
  /** `serverWrite`: the server's own update on the principal's behalf (see RecordWriter.server). */
  judge(principal: Principal, update: Uint8Array, now = new Date(), ownersFresh = false, serverWrite = false): Verdict {
    const doc = this.live()
    const pre = preflightUpdate(doc, update, {
      principalId: principalId(principal),
      readOnly: canWrite(principal) ? undefined : editRefusal(principal, ''),
      owners: this.owners.ownerOf,
      clustered: this.options.clustered && !ownersFresh,
    })
    if (pre.kind === 'noop') return { outcome: 'noop' }
    if (pre.kind === 'refused') return { outcome: 'rejected', reason: pre.reason }
    if (pre.kind === 'gap') return { outcome: 'gap', needs: pre.needs, reason: pre.reason }
    const office = canManageBoards(principal)
    const tooLarge = this.quotas.checkMessage(office, pre.bytes)
    if (tooLarge) return { outcome: 'rejected', reason: tooLarge }
    let effects: UpdateEffect[]
    let settings: SettingEffect[] = []
    if (pre.direct) {
      effects = pre.direct
    } else {
      const integration = this.candidate.integrate(update)
      if (!integration.ok)
        return integration.gap ? { outcome: 'gap', needs: noNeeds(), reason: integration.reason } : { outcome: 'rejected', reason: integration.reason }
      if (!integration.changed) return { outcome: 'noop' }
      ;({ effects, settings } = integration)
    }
    const reason =
      checkPermissions(doc, principal, effects, serverWrite) ??
      checkReview(doc, principal, effects, now) ??
      checkSettings(principal, settings, serverWrite) ??
      checkSchema(doc, effects) ??
      this.quotas.checkCreations(doc, principalId(principal), office, effects, now.getTime())
    if (reason !== undefined) {
      if (!pre.direct) this.candidate.discard()
      return { outcome: 'rejected', reason }
    }
    const stamps = stampsFor(effects, now)
    return pre.direct
      ? { outcome: 'accepted', effects, settings, newClients: pre.newClients, stamps, direct: update }
      : { outcome: 'accepted', effects, settings, newClients: pre.newClients, stamps }
  }

  /** The live board took the accepted update: the sender now owns the client ids it introduced. */
  accepted(verdict: Extract<Verdict, { outcome: 'accepted' }>, principal: Principal, now = new Date()) {
    if (verdict.direct) this.candidate.follow()
    this.quotas.recordCreations(principalId(principal), verdict.effects, now.getTime())
    return this.owners.claim(verdict.newClients, principalId(principal))
  }

  /** The live board changed without judgement (another process, a server stamp, a catch-up). */
  follow(): void {
    this.candidate.follow()
  }

  /** Frees the candidate copy until the next update needs it. */
  release(): void {
    this.candidate.release()
  }
}

/**
 * Times the server stamps with its own clock: every declared stamped field whose event happens in
 * this update, whether or not the client wrote one (a client's value never stands).
 */
function stampsFor(effects: readonly UpdateEffect[], now: Date): RecordStamp[] {
  const events = new UpdateEvents(effects)
  const at = now.toISOString()
  const stamps: RecordStamp[] = []
  for (const { collection, id } of events.records.values()) {
    for (const { field, event } of STAMPED_FIELDS[collection]) {
      if (events.happens(collection, id, event)) stamps.push({ collection, id, field, value: at })
    }
  }
  return stamps
}

/**
 * Each collection's stamped fields, listed once: walking the schema's policy with Object.entries
 * on every move made a fresh array per field per record, a tenth of all the bytes a move
 * allocated (docs/benchmarks.md, "The slow garbage").
 */
const STAMPED_FIELDS = {} as Record<RecordCollection, ReadonlyArray<{ field: string; event: FieldEvent }>>
for (const collection of Object.values(RecordCollection)) {
  STAMPED_FIELDS[collection] = Object.entries(RECORD_SCHEMAS[collection].policy.fields).flatMap(([field, policy]) =>
    policy.writer === FieldWriter.stampedTime ? [{ field, event: policy.event }] : [],
  )
}
