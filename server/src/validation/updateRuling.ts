import type * as Y from 'yjs'
import type { RecordStamp } from '@guatu/shared/board/recordStamps'
import { principalId, principalLabel, type Principal } from '@guatu/shared/domain/principal'
import type { AuditRecord } from '../audit/auditRecord.ts'
import { describeChanges, describeSettingChanges } from '../audit/describeChanges.ts'
import type { ClientClaim } from '../storage/boardStorage.ts'
import type { UpdateJudge } from './updateJudge.ts'
import type { HistoryNeeds } from './updatePreflight.ts'

/** The one decision a board room asks for an incoming update, with all it must store alongside. */
export type Ruling =
  /** Nothing the board lacks: nothing to apply, store or forward. */
  | { outcome: 'noop' }
  | { outcome: 'gap'; needs: HistoryNeeds; reason: string }
  | { outcome: 'rejected'; reason: string }
  /**
   * Apply these exact bytes to the live board now, storing `audit` and `claims` with them, then
   * write `stamps` (the server's times of events) in the same commit.
   */
  | { outcome: 'accepted'; audit: AuditRecord[]; claims: ClientClaim[]; stamps: RecordStamp[] }

/**
 * Judges `update` from `principal` against the live board (see UpdateJudge) and, when accepted,
 * describes its history entries in the sender's name and records the client ids it introduces as
 * the sender's. Only the room may call it with an update it then applies at once: the judge's
 * candidate copy and owners take the update as applied.
 */
export function ruleOnUpdate(
  judge: UpdateJudge,
  live: Y.Doc,
  principal: Principal,
  update: Uint8Array,
  now: Date,
  ownersFresh = false,
  serverWrite = false,
): Ruling {
  const verdict = judge.judge(principal, update, now, ownersFresh, serverWrite)
  if (verdict.outcome !== 'accepted') return verdict
  const at = now.toISOString()
  const actor = { actorId: principalId(principal), actorLabel: principalLabel(principal) }
  const changes = [...describeChanges(live, verdict.effects), ...describeSettingChanges(live, verdict.settings)]
  const audit = changes.map((change) => ({ ...change, at, ...actor }))
  return { outcome: 'accepted', audit, claims: judge.accepted(verdict, principal, now), stamps: verdict.stamps }
}
