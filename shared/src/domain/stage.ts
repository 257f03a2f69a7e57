/** The four pipeline stages of a key project, in pipeline order. Labels are data: never compare them in logic. */
export const Stage = {
  planning: 'planning',
  signed: 'signed',
  started: 'started',
  producing: 'producing',
} as const
export type Stage = (typeof Stage)[keyof typeof Stage]

export const STAGES: readonly Stage[] = [Stage.planning, Stage.signed, Stage.started, Stage.producing]

export const STAGE_LABEL: Record<Stage, string> = {
  planning: '谋划',
  signed: '签约',
  started: '开工',
  producing: '投产',
}

export function isStage(value: unknown): value is Stage {
  return typeof value === 'string' && (STAGES as readonly string[]).includes(value)
}

/** Finds a stage from its Chinese ledger label (当前阶段 column), e.g. '开工' → 'started'. */
export function stageFromLabel(label: string): Stage | undefined {
  const trimmed = label.trim()
  return STAGES.find((stage) => STAGE_LABEL[stage] === trimmed)
}
