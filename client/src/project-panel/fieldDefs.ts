import { INDUSTRIES, INDUSTRY_LABEL } from '@guatu/shared/domain/industry'
import { NATURES, NATURE_LABEL } from '@guatu/shared/domain/nature'
import type { ProjectField } from '@guatu/shared/domain/project'

/** How a field is edited. `stage` is separate because it is changed by moving the card, not by a patch. */
export type FieldKind =
  | { kind: 'text'; multiline?: boolean; inputMode?: 'tel' }
  | { kind: 'money' }
  | { kind: 'date' }
  | { kind: 'leaders' }
  | { kind: 'seq' }
  | { kind: 'boolean' }
  | { kind: 'select'; options: readonly { value: string; label: string }[] }
  | { kind: 'stage' }

export type EditableField = Exclude<ProjectField, 'rank'>

export interface FieldDef {
  label: string
  editor: FieldKind
}

/** Every field of the 台账 a person edits; rank is the card's position and changes only by dragging. */
export const FIELD_DEFS: Record<EditableField, FieldDef> = {
  name: { label: '项目名称', editor: { kind: 'text' } },
  stage: { label: '当前阶段', editor: { kind: 'stage' } },
  nature: {
    label: '建设性质',
    editor: { kind: 'select', options: NATURES.map((value) => ({ value, label: NATURE_LABEL[value] })) },
  },
  industry: {
    label: '产业类别',
    editor: { kind: 'select', options: INDUSTRIES.map((value) => ({ value, label: INDUSTRY_LABEL[value] })) },
  },
  cluster: { label: '产业集群', editor: { kind: 'text' } },
  location: { label: '建设地点', editor: { kind: 'text' } },
  scope: { label: '建设内容及规模', editor: { kind: 'text', multiline: true } },
  totalInvestment: { label: '总投资', editor: { kind: 'money' } },
  annualPlanInvestment: { label: '年度计划投资', editor: { kind: 'money' } },
  completedInvestment: { label: '已完成投资', editor: { kind: 'money' } },
  plannedSignDate: { label: '计划签约时间', editor: { kind: 'date' } },
  plannedStartDate: { label: '计划开工时间', editor: { kind: 'date' } },
  plannedProduceDate: { label: '计划投产时间', editor: { kind: 'date' } },
  actualSignDate: { label: '实际签约时间', editor: { kind: 'date' } },
  actualStartDate: { label: '实际开工时间', editor: { kind: 'date' } },
  actualProduceDate: { label: '实际投产时间', editor: { kind: 'date' } },
  unit: { label: '责任单位', editor: { kind: 'text' } },
  leaders: { label: '包抓领导', editor: { kind: 'leaders' } },
  owner: { label: '责任人', editor: { kind: 'text' } },
  phone: { label: '联系电话', editor: { kind: 'text', inputMode: 'tel' } },
  progressNote: { label: '形象进度', editor: { kind: 'text', multiline: true } },
  registered: { label: '已入库（统计库）', editor: { kind: 'boolean' } },
  governmentFunded: { label: '政府投资项目', editor: { kind: 'boolean' } },
  seq: { label: '序号', editor: { kind: 'seq' } },
}

/** The panel's sections, in the order of a printed 台账. */
export const FIELD_GROUPS: readonly { title: string; fields: readonly EditableField[] }[] = [
  {
    title: '基本信息',
    fields: ['name', 'seq', 'stage', 'nature', 'industry', 'cluster', 'location', 'scope', 'governmentFunded', 'registered'],
  },
  { title: '投资（万元）', fields: ['totalInvestment', 'annualPlanInvestment', 'completedInvestment'] },
  {
    title: '时间节点',
    fields: [
      'plannedSignDate',
      'actualSignDate',
      'plannedStartDate',
      'actualStartDate',
      'plannedProduceDate',
      'actualProduceDate',
    ],
  },
  { title: '责任', fields: ['unit', 'leaders', 'owner', 'phone'] },
  { title: '进展', fields: ['progressNote'] },
]
