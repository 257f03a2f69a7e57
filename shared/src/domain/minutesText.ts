import { chinaClock } from './chinaTime.ts'
import { formatChineseDate, isIsoDate } from './dates.ts'
import type { BoardTotals } from './meeting.ts'
import type { Minutes, MinutesChange, MinutesDecision, MinutesItem, MinutesNotice, MinutesProblem, UnitMinutes, UnitPart } from './minutes.ts'
import { formatYi } from './money.ts'
import { STAGE_LABEL, STAGES } from './stage.ts'
import { formatPercent, percentTenths } from '../progress/fraction.ts'

/**
 * The sentences and the before/after table of the minutes, written once so the web page and the
 * Word file cannot drift apart (an office compares the two).
 */
export const deadlineText = (deadline: string | undefined): string =>
  deadline === undefined || deadline === '' ? '未定时限' : isIsoDate(deadline) ? formatChineseDate(deadline) : deadline

export function problemText(problem: MinutesProblem): string {
  return `${problem.projectName}：【${problem.categoryLabel}】${problem.description}（牵头单位：${problem.leadUnit || '未定'}；时限：${deadlineText(problem.deadline)}）`
}

export function noticeText(notice: MinutesNotice): string {
  const level = notice.escalatedFrom ? `${notice.escalatedFrom}升级为${notice.levelLabel}` : notice.levelLabel
  return `${notice.projectName}：${level}，${notice.requirement}（办理时限：${deadlineText(notice.deadline)}）`
}

export function decisionText(decision: MinutesDecision): string {
  return `${decision.projectName}：${decision.content}（交办单位：${decision.assignee}；时限：${deadlineText(decision.deadline)}）`
}

/** One row of 会前会后总体情况; "—" where an older meeting did not record the figure. */
export interface TotalsRow {
  key: string
  label: string
  before: string
  after: string
  /** after − before, signed ("+1", "-0.52"), "—" when either is missing, "持平" when equal. */
  change: string
}

type Figure = { value: number; text: string } | undefined

const yi = (cents: number | undefined): Figure => (cents === undefined ? undefined : { value: cents, text: formatYi(cents) })
const countOf = (value: number | undefined): Figure => (value === undefined ? undefined : { value, text: String(value) })

/** "3 / 12（25.0%）", "86.26 / 200.00（43.1%）": done, target and the rate from one exact ratio, rounded once; the unit is in the row label. */
function ofTarget(done: number | undefined, target: number | undefined, money: boolean): Figure {
  if (done === undefined || target === undefined) return undefined
  const shown = (value: number) => (money ? formatYi(value) : String(value))
  const rate = target > 0 ? `（${formatPercent(percentTenths({ numerator: done, denominator: target }))}）` : ''
  return { value: done, text: `${shown(done)} / ${shown(target)}${rate}` }
}

function deltaText(before: Figure, after: Figure, money: boolean): string {
  if (!before || !after) return '—'
  const delta = after.value - before.value
  if (delta === 0) return '持平'
  const magnitude = money ? formatYi(Math.abs(delta)) : String(Math.abs(delta))
  return `${delta > 0 ? '+' : '-'}${magnitude}`
}

function row(key: string, label: string, before: Figure, after: Figure, money: boolean): TotalsRow {
  return { key, label, before: before?.text ?? '—', after: after?.text ?? '—', change: deltaText(before, after, money) }
}

/**
 * 会前 / 会后 / 变化: project count, 总投资 and 已完成投资 (亿元, against 年度计划), each stage's count
 * and 总投资, each year target's completion, and the projects under a red, yellow or blue light.
 */
export function totalsRows(before: BoardTotals, after: BoardTotals): TotalsRow[] {
  const rows: TotalsRow[] = [
    row('count', '项目总数（个）', countOf(before.projectCount), countOf(after.projectCount), false),
    row('total', '总投资（亿元）', yi(before.totalInvestmentCents), yi(after.totalInvestmentCents), true),
    row('completed', '已完成投资（亿元）', yi(before.completedInvestmentCents), yi(after.completedInvestmentCents), true),
    row(
      'completion',
      '已完成 / 年度计划投资（亿元）',
      ofTarget(before.completedInvestmentCents, before.annualPlanCents, true),
      ofTarget(after.completedInvestmentCents, after.annualPlanCents, true),
      true,
    ),
  ]
  for (const stage of STAGES) {
    const b = before.byStage[stage] ?? { count: 0, investmentCents: 0 }
    const a = after.byStage[stage] ?? { count: 0, investmentCents: 0 }
    rows.push(row(`stage.${stage}`, `${STAGE_LABEL[stage]}阶段项目（个）`, countOf(b.count), countOf(a.count), false))
    rows.push(row(`stageInvestment.${stage}`, `${STAGE_LABEL[stage]}阶段总投资（亿元）`, yi(b.investmentCents), yi(a.investmentCents), true))
  }
  const targetKeys = [...new Set([...(before.targets ?? []), ...(after.targets ?? [])].map((target) => target.key))]
  for (const key of targetKeys) {
    const b = before.targets?.find((target) => target.key === key)
    const a = after.targets?.find((target) => target.key === key)
    const money = (a ?? b)?.money ?? false
    rows.push(
      row(
        `target.${key}`,
        `目标：${(a ?? b)?.label ?? key}（${money ? '亿元' : '个'}）`,
        ofTarget(b?.done, b?.target, money),
        ofTarget(a?.done, a?.target, money),
        money,
      ),
    )
  }
  rows.push(row('light.red', '红灯项目（个）', countOf(before.lightProjects?.red), countOf(after.lightProjects?.red), false))
  rows.push(row('light.yellow', '黄灯项目（个）', countOf(before.lightProjects?.yellow), countOf(after.lightProjects?.yellow), false))
  rows.push(row('light.blue', '蓝灯项目（个）', countOf(before.lightProjects?.blue), countOf(after.lightProjects?.blue), false))
  return rows
}

/** A project's net change as one line; says when corrections or undone moves were folded into it. */
export function changeText(change: MinutesChange): string {
  const folded = change.foldedEntries > 0 ? `（会上另有${change.foldedEntries}条修改已更正或撤回，详见项目历史）` : ''
  return `${change.projectName}：${change.summary}${folded}`
}

export function solvedText(item: MinutesItem): string {
  return `${item.projectName}：${item.summary.replace(/^问题已解决：/, '')}（已销号）`
}

/** 时间: "2022年8月22日 09:30—11:05"; a running meeting has no end yet. */
export function meetingTimeText(meeting: Pick<Minutes['meeting'], 'date' | 'startedAt' | 'endedAt'>): string {
  const day = isIsoDate(meeting.date) ? formatChineseDate(meeting.date) : meeting.date
  return `${day} ${chinaClock(meeting.startedAt)}—${meeting.endedAt ? chinaClock(meeting.endedAt) : '（进行中）'}`
}

/** One part of a unit's report (changes, problems, notices, decisions), a line per item: the same words on the web and in Word. */
export function unitPartLines(unit: UnitMinutes, part: UnitPart): string[] {
  switch (part) {
    case 'changes':
      return unit.changes.map(changeText)
    case 'problemsRaised':
      return unit.problemsRaised.map(problemText)
    case 'problemsSolved':
      return unit.problemsSolved.map(solvedText)
    case 'noticesIssued':
      return unit.noticesIssued.map(noticeText)
    case 'decisions':
      return unit.decisions.map(decisionText)
  }
}
