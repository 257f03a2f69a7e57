import { formatMoneyLabel, wanToCents, type WanAmount } from './money.ts'

/**
 * Plausibility of a project's money figures, judged against the project itself. A figure that
 * fails is not refused — a 总投资 can be revised, a 续建 project's 已完成 can exceed a stale total —
 * but whoever enters it confirms it, and a department's confirmed-anyway figure waits for the
 * 项目办 (see `unconfirmedFigures` on the project record) before it counts on the screen and in
 * the rankings. The same checks run in the panel, on the server and in the ledger import preview.
 */
export const MONEY_FIELDS = ['totalInvestment', 'annualPlanInvestment', 'completedInvestment'] as const
export type MoneyField = (typeof MONEY_FIELDS)[number]

export function isMoneyField(value: unknown): value is MoneyField {
  return typeof value === 'string' && (MONEY_FIELDS as readonly string[]).includes(value)
}

export const MONEY_FIELD_LABEL: Record<MoneyField, string> = {
  totalInvestment: '总投资',
  annualPlanInvestment: '年度计划投资',
  completedInvestment: '已完成投资',
}

export const FigureConcernKind = {
  completedAboveTotal: 'completedAboveTotal',
  planAboveTotal: 'planAboveTotal',
  tenfoldChange: 'tenfoldChange',
  yiTypedAsWan: 'yiTypedAsWan',
} as const
export type FigureConcernKind = (typeof FigureConcernKind)[keyof typeof FigureConcernKind]

export interface FigureConcern {
  readonly field: MoneyField
  readonly kind: FigureConcernKind
  /** What looks wrong, in the words an office uses. */
  readonly message: string
}

export type Figures = Readonly<Record<MoneyField, WanAmount>>

/** A change of more than this factor, up or down, is asked about ("a change of more than 10×"). */
export const SUSPICIOUS_CHANGE_FACTOR = 10
const WAN_PER_YI = 10_000

function ratioText(ratio: number): string {
  if (ratio >= WAN_PER_YI) return `${Math.round(ratio / WAN_PER_YI).toLocaleString('zh-CN')}万倍`
  return `${ratio >= 100 ? Math.round(ratio) : ratio.toFixed(1)}倍`
}

/**
 * An amount in 万元 that is about 1/10000 of what it replaces (or of the 总投资 it belongs to) was
 * most likely typed in 亿元: "1.41" for 1.41亿元 in a 万元 column.
 */
function looksLikeYi(cents: number, referenceCents: number): boolean {
  if (cents <= 0 || referenceCents <= 0) return false
  const scaledUp = cents * WAN_PER_YI
  return scaledUp >= referenceCents / 3 && scaledUp <= referenceCents * 3
}

/**
 * Checks `after` (the project's figures with the change applied) against itself and, for the
 * fields that changed, against `before` (leave out a figure that is not trusted, e.g. one still
 * awaiting confirmation: correcting 99999999 back to 2033 is not a suspicious change). Returns one concern per thing that looks wrong; empty
 * when the figures are plausible. Only changed fields are judged, so an old oddity does not
 * block an unrelated edit.
 */
export function checkFigures(after: Figures, before: Partial<Figures> | undefined, changed: readonly MoneyField[] = MONEY_FIELDS): FigureConcern[] {
  const concerns: FigureConcern[] = []
  const cents = (figures: Figures, field: MoneyField) => wanToCents(figures[field])
  const total = cents(after, 'totalInvestment')
  const money = (field: MoneyField) => formatMoneyLabel(after[field])
  for (const field of changed) {
    const now = cents(after, field)
    const previousAmount = before?.[field]
    const previous = previousAmount === undefined ? 0 : wanToCents(previousAmount)
    const reference = previous > 0 ? previous : field === 'totalInvestment' ? 0 : total
    if (looksLikeYi(now, reference)) {
      const meant = formatMoneyLabel(String(Number(after[field]) * WAN_PER_YI) as WanAmount)
      concerns.push({
        field,
        kind: FigureConcernKind.yiTypedAsWan,
        message: `${MONEY_FIELD_LABEL[field]}填的是 ${after[field]} 万元，只有${previous > 0 ? '原值' : '总投资'}的万分之一左右，是否把亿元当成了万元？（应为 ${meant}？）`,
      })
      continue
    }
    if (previous > 0 && now > 0) {
      const ratio = now > previous ? now / previous : previous / now
      if (ratio > SUSPICIOUS_CHANGE_FACTOR) {
        const direction = now > previous ? '增加' : '减少'
        concerns.push({
          field,
          kind: FigureConcernKind.tenfoldChange,
          message: `${MONEY_FIELD_LABEL[field]}由 ${formatMoneyLabel(previousAmount ?? ('0' as WanAmount))} 改为 ${money(field)}，${direction}约${ratioText(ratio)}（超过${SUSPICIOUS_CHANGE_FACTOR}倍）`,
        })
      }
    }
  }
  const touches = (...fields: MoneyField[]) => fields.some((field) => changed.includes(field))
  if (total > 0 && touches('completedInvestment', 'totalInvestment') && cents(after, 'completedInvestment') > total) {
    concerns.push({
      field: changed.includes('completedInvestment') ? 'completedInvestment' : 'totalInvestment',
      kind: FigureConcernKind.completedAboveTotal,
      message: `已完成投资 ${money('completedInvestment')} 超过项目总投资 ${money('totalInvestment')}`,
    })
  }
  if (total > 0 && touches('annualPlanInvestment', 'totalInvestment') && cents(after, 'annualPlanInvestment') > total) {
    concerns.push({
      field: changed.includes('annualPlanInvestment') ? 'annualPlanInvestment' : 'totalInvestment',
      kind: FigureConcernKind.planAboveTotal,
      message: `年度计划投资 ${money('annualPlanInvestment')} 超过项目总投资 ${money('totalInvestment')}`,
    })
  }
  return concerns
}

/** The figures a change is judged against: the stored ones, less those still awaiting confirmation. */
export function trustedFigures(figures: Figures, unconfirmed: readonly MoneyField[] | undefined): Partial<Figures> {
  return Object.fromEntries(MONEY_FIELDS.filter((field) => !unconfirmed?.includes(field)).map((field) => [field, figures[field]]))
}

/** The fields a list of concerns is about, each once, in ledger order. */
export function concernedFields(concerns: readonly FigureConcern[]): MoneyField[] {
  return MONEY_FIELDS.filter((field) => concerns.some((concern) => concern.field === field))
}

interface FlaggedFigures {
  readonly unconfirmedFigures?: readonly MoneyField[] | undefined
}

/** Whether `field` of the project waits for the 项目办's confirmation. */
export function isFigureUnconfirmed(project: FlaggedFigures, field: MoneyField): boolean {
  return project.unconfirmedFigures?.includes(field) ?? false
}

/**
 * The project as totals, targets, lights and rankings count it: a figure waiting for the 项目办's
 * confirmation counts as 0 (the card still shows it, marked). The same object when nothing waits,
 * so memoized views keep their identity.
 */
export function countedProject<P extends Partial<Figures> & FlaggedFigures>(project: P): P {
  const flagged = project.unconfirmedFigures
  if (!flagged || flagged.length === 0) return project
  const counted: Record<string, unknown> = { ...(project as Record<string, unknown>) }
  for (const field of flagged) if (field in counted) counted[field] = '0'
  return counted as P
}
