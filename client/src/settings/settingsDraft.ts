import { boardSettingsSchema, MilestoneKind, TimeBasis, WallMap, type BoardSettings, type Milestone } from '@guatu/shared/progress/boardSettings'
import { PROGRESS_STAGES, ProgressStage } from '@guatu/shared/progress/stageEntry'

/**
 * The settings form as typed: every number is text until saved, so a half-typed "1." or an empty
 * box is never silently turned into 0. fromDraft converts back and the shared schema judges it.
 */
export interface StageTargetDraft {
  count: string
  countAtLeastYi: string
  investmentWan: string
}

export interface MilestoneDraft {
  id: string
  kind: MilestoneKind
  label: string
  deadline: string
  stage: ProgressStage
  minCount: string
  atLeastYi: boolean
}

export interface SettingsDraft {
  asOf: string
  timeBasis: TimeBasis
  targets: Record<ProgressStage, StageTargetDraft>
  investmentToCompleteWan: string
  milestones: MilestoneDraft[]
  thresholds: {
    schedule: { blueAfterDays: string; yellowAfterDays: string; redAfterDays: string }
    investment: { yellowBelowPoints: string; redBelowPoints: string }
    registration: { yellowAfterMonths: string; redAfterMonths: string }
  }
  wallMap: WallMap
}

const text = (value: number | string | undefined) => (value === undefined ? '' : String(value))

function milestoneDraft(milestone: Milestone): MilestoneDraft {
  const base = { id: milestone.id, label: milestone.label ?? '' }
  switch (milestone.kind) {
    case MilestoneKind.allNewStartedBy:
      return { ...base, kind: milestone.kind, deadline: milestone.deadline, stage: ProgressStage.started, minCount: '', atLeastYi: false }
    case MilestoneKind.monthlyQuota:
      return { ...base, kind: milestone.kind, deadline: '', stage: milestone.stage, minCount: String(milestone.minCount), atLeastYi: milestone.atLeastYi }
  }
}

export function toDraft(settings: BoardSettings): SettingsDraft {
  const { schedule, investment, registration } = settings.thresholds
  return {
    asOf: settings.asOf ?? '',
    timeBasis: settings.timeBasis,
    targets: Object.fromEntries(
      PROGRESS_STAGES.map((stage) => {
        const target = settings.targets[stage]
        return [stage, { count: text(target.count), countAtLeastYi: text(target.countAtLeastYi), investmentWan: text(target.investmentWan) }]
      }),
    ) as Record<ProgressStage, StageTargetDraft>,
    investmentToCompleteWan: text(settings.investmentToCompleteWan),
    milestones: settings.milestones.map(milestoneDraft),
    thresholds: {
      schedule: { blueAfterDays: text(schedule.blueAfterDays), yellowAfterDays: text(schedule.yellowAfterDays), redAfterDays: text(schedule.redAfterDays) },
      investment: { yellowBelowPoints: text(investment.yellowBelowPoints), redBelowPoints: text(investment.redBelowPoints) },
      registration: { yellowAfterMonths: text(registration.yellowAfterMonths), redAfterMonths: text(registration.redAfterMonths) },
    },
    wallMap: settings.wallMap ?? WallMap.off,
  }
}

/** A number from the form; text that is not one is passed on as text, so the schema names the field ("须为数字"). */
function number(value: string): number | string {
  const trimmed = value.trim()
  if (trimmed === '') return trimmed
  const parsed = Number(trimmed)
  return Number.isFinite(parsed) ? parsed : trimmed
}

function optionalNumber(value: string): number | string | undefined {
  return value.trim() === '' ? undefined : number(value)
}

function optionalText(value: string): string | undefined {
  return value.trim() === '' ? undefined : value.trim()
}

function milestoneValue(draft: MilestoneDraft): unknown {
  const label = optionalText(draft.label)
  const base = { id: draft.id, ...(label === undefined ? {} : { label }) }
  switch (draft.kind) {
    case MilestoneKind.allNewStartedBy:
      return { ...base, kind: draft.kind, deadline: draft.deadline }
    case MilestoneKind.monthlyQuota:
      return { ...base, kind: draft.kind, stage: draft.stage, minCount: number(draft.minCount), atLeastYi: draft.atLeastYi }
  }
}

function withoutUndefined(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined))
}

export type SettingsErrors = ReadonlyMap<string, string>

/**
 * Checks the draft with the shared schema (what the server checks too). Errors are keyed by the
 * path of the field ("targets.started.count", "thresholds.schedule", "milestones.0.deadline").
 */
export function fromDraft(
  draft: SettingsDraft,
  year: number,
): { settings: BoardSettings; errors?: undefined } | { settings?: undefined; errors: SettingsErrors } {
  const { schedule, investment, registration } = draft.thresholds
  const value = {
    year,
    asOf: draft.asOf.trim() === '' ? null : draft.asOf.trim(),
    timeBasis: draft.timeBasis,
    targets: Object.fromEntries(
      PROGRESS_STAGES.map((stage) => {
        const target = draft.targets[stage]
        return [
          stage,
          withoutUndefined({
            count: optionalNumber(target.count),
            countAtLeastYi: optionalNumber(target.countAtLeastYi),
            investmentWan: optionalText(target.investmentWan),
          }),
        ]
      }),
    ),
    ...withoutUndefined({ investmentToCompleteWan: optionalText(draft.investmentToCompleteWan) }),
    milestones: draft.milestones.map(milestoneValue),
    thresholds: {
      schedule: {
        blueAfterDays: number(schedule.blueAfterDays),
        yellowAfterDays: number(schedule.yellowAfterDays),
        redAfterDays: number(schedule.redAfterDays),
      },
      investment: { yellowBelowPoints: number(investment.yellowBelowPoints), redBelowPoints: number(investment.redBelowPoints) },
      registration: { yellowAfterMonths: number(registration.yellowAfterMonths), redAfterMonths: number(registration.redAfterMonths) },
    },
    ...(draft.wallMap === WallMap.off ? {} : { wallMap: draft.wallMap }),
  }
  const parsed = boardSettingsSchema.safeParse(value)
  if (parsed.success) return { settings: parsed.data }
  const errors = new Map<string, string>()
  for (const issue of parsed.error.issues) {
    const key = issue.path.join('.')
    if (!errors.has(key)) errors.set(key, issue.message)
  }
  return { errors }
}

export function newMilestone(kind: MilestoneKind): MilestoneDraft {
  return {
    id: `m_${crypto.randomUUID().replaceAll('-', '').slice(0, 12)}`,
    kind,
    label: '',
    deadline: '',
    stage: ProgressStage.signed,
    minCount: '1',
    atLeastYi: true,
  }
}
