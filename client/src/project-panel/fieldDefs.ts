import { INDUSTRIES, INDUSTRY_LABEL, INDUSTRY_UNSET_LABEL } from '@guatu/shared/domain/industry'
import { NATURES, NATURE_LABEL, NATURE_UNSET_LABEL } from '@guatu/shared/domain/nature'
import type { ProjectField } from '@guatu/shared/domain/project'
import { PROJECT_FIELD_LABEL } from '@guatu/shared/domain/projectFieldLabels'

/** How a field is edited. `stage` is separate because it is changed by moving the card, not by a patch. */
export type FieldKind =
  | { kind: 'text'; multiline?: boolean; inputMode?: 'tel' }
  | { kind: 'money' }
  /** An amount outside the figure checks (累计完成投资), typed in 万元. */
  | { kind: 'amount' }
  /** 项目代码: normalised as typed (full-width digits and dashes), empty clears it. */
  | { kind: 'code' }
  | { kind: 'date' }
  | { kind: 'leaders' }
  | { kind: 'seq' }
  | { kind: 'boolean' }
  /** `unsetLabel`: what an absent value reads as (未分类), shown until someone chooses. */
  | { kind: 'select'; options: readonly { value: string; label: string }[]; unsetLabel?: string }
  | { kind: 'stage' }

// The rank is set by dragging, 待确认数字 by the figure checks, 恢复自 by a restore, 坐标 on the map,
// 上年看板 and 首次列入年度 by the 新建年度看板 rollover: none typed in the panel.
export type EditableField = Exclude<ProjectField, 'rank' | 'unconfirmedFigures' | 'restoredFrom' | 'coordinates' | 'area' | 'carriedFrom' | 'firstYear'>

export interface FieldDef {
  label: string
  editor: FieldKind
  /** Shown under the field while it is not in error. */
  hint?: string
}

/** 实际签约/开工/投产时间 are written by the move (the board's 今天); the owning unit corrects them when a card was moved late. */
const ACTUAL_DATE_HINT = '移动卡片时按看板日期（统计截止，未设则今天）记录，本单位可更正，修改记入历史'

/**
 * Every field of the 台账 a person edits; rank is the card's position and changes only by dragging.
 * Labels are the ledger's column names from shared/, the same the history and the Excel export use.
 */
export const FIELD_DEFS: Record<EditableField, FieldDef> = {
  name: { label: PROJECT_FIELD_LABEL.name, editor: { kind: 'text' } },
  stage: { label: PROJECT_FIELD_LABEL.stage, editor: { kind: 'stage' } },
  nature: {
    label: PROJECT_FIELD_LABEL.nature,
    editor: { kind: 'select', options: NATURES.map((value) => ({ value, label: NATURE_LABEL[value] })), unsetLabel: NATURE_UNSET_LABEL },
  },
  industry: {
    label: PROJECT_FIELD_LABEL.industry,
    editor: { kind: 'select', options: INDUSTRIES.map((value) => ({ value, label: INDUSTRY_LABEL[value] })), unsetLabel: INDUSTRY_UNSET_LABEL },
  },
  cluster: { label: PROJECT_FIELD_LABEL.cluster, editor: { kind: 'text' } },
  location: { label: PROJECT_FIELD_LABEL.location, editor: { kind: 'text' } },
  scope: { label: PROJECT_FIELD_LABEL.scope, editor: { kind: 'text', multiline: true } },
  totalInvestment: { label: PROJECT_FIELD_LABEL.totalInvestment, editor: { kind: 'money' } },
  annualPlanInvestment: { label: PROJECT_FIELD_LABEL.annualPlanInvestment, editor: { kind: 'money' } },
  completedInvestment: { label: PROJECT_FIELD_LABEL.completedInvestment, editor: { kind: 'money' } },
  plannedSignDate: { label: PROJECT_FIELD_LABEL.plannedSignDate, editor: { kind: 'date' } },
  plannedStartDate: { label: PROJECT_FIELD_LABEL.plannedStartDate, editor: { kind: 'date' } },
  plannedProduceDate: { label: PROJECT_FIELD_LABEL.plannedProduceDate, editor: { kind: 'date' } },
  actualSignDate: { label: PROJECT_FIELD_LABEL.actualSignDate, editor: { kind: 'date' }, hint: ACTUAL_DATE_HINT },
  actualStartDate: { label: PROJECT_FIELD_LABEL.actualStartDate, editor: { kind: 'date' }, hint: ACTUAL_DATE_HINT },
  actualProduceDate: { label: PROJECT_FIELD_LABEL.actualProduceDate, editor: { kind: 'date' }, hint: ACTUAL_DATE_HINT },
  unit: { label: PROJECT_FIELD_LABEL.unit, editor: { kind: 'text' } },
  leaders: { label: PROJECT_FIELD_LABEL.leaders, editor: { kind: 'leaders' } },
  owner: { label: PROJECT_FIELD_LABEL.owner, editor: { kind: 'text' } },
  phone: { label: PROJECT_FIELD_LABEL.phone, editor: { kind: 'text', inputMode: 'tel' } },
  progressNote: { label: PROJECT_FIELD_LABEL.progressNote, editor: { kind: 'text', multiline: true } },
  registered: { label: PROJECT_FIELD_LABEL.registered, editor: { kind: 'boolean' } },
  governmentFunded: { label: PROJECT_FIELD_LABEL.governmentFunded, editor: { kind: 'boolean' } },
  seq: { label: PROJECT_FIELD_LABEL.seq, editor: { kind: 'seq' } },
  projectCode: {
    label: PROJECT_FIELD_LABEL.projectCode,
    editor: { kind: 'code' },
    hint: '投资项目在线审批监管平台赋予的24位代码，如 2022-610000-44-01-123456',
  },
  cumulativeInvestment: {
    label: PROJECT_FIELD_LABEL.cumulativeInvestment,
    editor: { kind: 'amount' },
    hint: '以前年度完成的投资，新建年度看板时自动结转；只有项目办可以更正',
  },
}

/** The panel's sections, in the order of a printed 台账. */
export const FIELD_GROUPS: readonly { title: string; fields: readonly EditableField[] }[] = [
  {
    title: '基本信息',
    fields: ['name', 'projectCode', 'seq', 'stage', 'nature', 'industry', 'cluster', 'location', 'scope', 'governmentFunded', 'registered'],
  },
  { title: '投资（万元）', fields: ['totalInvestment', 'annualPlanInvestment', 'completedInvestment', 'cumulativeInvestment'] },
  {
    title: '时间节点',
    fields: ['plannedSignDate', 'actualSignDate', 'plannedStartDate', 'actualStartDate', 'plannedProduceDate', 'actualProduceDate'],
  },
  { title: '责任', fields: ['unit', 'leaders', 'owner', 'phone'] },
  { title: '进展', fields: ['progressNote'] },
]
