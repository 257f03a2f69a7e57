import { Stage } from '@guatu/shared/domain/stage'
import type { LedgerFields } from './ledgerTypes.ts'

/** The furthest stage a project has an actual date for: 实际投产 → 投产 … none → 谋划. */
export function inferStage(fields: LedgerFields): Stage {
  if (fields.actualProduceDate) return Stage.producing
  if (fields.actualStartDate) return Stage.started
  if (fields.actualSignDate) return Stage.signed
  return Stage.planning
}
