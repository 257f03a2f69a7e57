import type * as Y from 'yjs'
import { CandidateBoard } from '@guatu/server/validation/candidateBoard'
import type { SettingEffect, UpdateEffect } from '@guatu/server/validation/updateEffects'
import { preflightUpdate } from '@guatu/server/validation/updatePreflight'

export type Analysis = { ok: true; effects: UpdateEffect[]; settings: SettingEffect[] } | { ok: false; reason: string; gap?: true }

/**
 * What an update really does to `doc`, as the server's judge reads it (preflight, then integration
 * into a candidate copy), for tests of the policy and schema layers on their own. Client ids count as
 * the sender's; `doc` itself is left unchanged.
 */
export function analyzeUpdate(doc: Y.Doc, update: Uint8Array): Analysis {
  const pre = preflightUpdate(doc, update, { principalId: 'sender', readOnly: undefined, owners: () => 'sender', clustered: false })
  if (pre.kind === 'refused') return { ok: false, reason: pre.reason }
  if (pre.kind === 'gap') return { ok: false, reason: pre.reason, gap: true }
  if (pre.kind === 'noop') return { ok: true, effects: [], settings: [] }
  const integration = new CandidateBoard(() => doc).integrate(update)
  if (!integration.ok) return integration
  return { ok: true, effects: integration.effects, settings: integration.settings }
}
