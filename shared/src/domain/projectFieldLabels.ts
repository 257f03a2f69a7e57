import { formatChineseDate, isIsoDate } from './dates.ts'
import { INDUSTRY_LABEL, type Industry } from './industry.ts'
import { isMoneyField, MONEY_FIELD_LABEL } from './figureCheck.ts'
import { formatMoneyLabel, isWanAmount } from './money.ts'
import { NATURE_LABEL, type Nature } from './nature.ts'
import type { ProjectField } from './project.ts'
import { coordinatesSchema, formatCoordinates, COORDINATE_SOURCE_LABEL } from './coordinates.ts'
import { AREA_SOURCE_LABEL, areaSchema } from './projectArea.ts'
import { STAGE_LABEL, isStage } from './stage.ts'

/** The 台账 column name of each field, as offices write it. */
export const PROJECT_FIELD_LABEL: Record<ProjectField, string> = {
  name: '项目名称',
  nature: '建设性质',
  industry: '产业类别',
  cluster: '产业集群',
  location: '建设地点',
  scope: '建设内容及规模',
  totalInvestment: '总投资',
  annualPlanInvestment: '年度计划投资',
  completedInvestment: '已完成投资',
  stage: '当前阶段',
  rank: '排序',
  plannedSignDate: '计划签约时间',
  plannedStartDate: '计划开工时间',
  plannedProduceDate: '计划投产时间',
  actualSignDate: '实际签约时间',
  actualStartDate: '实际开工时间',
  actualProduceDate: '实际投产时间',
  unit: '责任单位',
  leaders: '包抓领导',
  owner: '责任人',
  phone: '联系电话',
  progressNote: '形象进度',
  registered: '是否入库',
  governmentFunded: '是否政府投资',
  seq: '序号',
  unconfirmedFigures: '待确认数字',
  coordinates: '坐标',
  area: '项目范围',
  projectCode: '项目代码',
  cumulativeInvestment: '累计完成投资（截至上年末）',
  carriedFrom: '上年看板',
  firstYear: '首次列入年度',
  restoredFrom: '恢复自',
}

/** A field's value as a person reads it: 5.78亿元, 2022年3月15日, 开工, 是/否; "（空）" when unset. */
export function formatFieldValue(field: ProjectField, value: unknown): string {
  if (value === undefined || value === null || value === '') return '（空）'
  switch (field) {
    case 'stage':
      return isStage(value) ? STAGE_LABEL[value] : String(value)
    case 'nature':
      return NATURE_LABEL[value as Nature] ?? String(value)
    case 'industry':
      return INDUSTRY_LABEL[value as Industry] ?? String(value)
    case 'totalInvestment':
    case 'annualPlanInvestment':
    case 'completedInvestment':
    case 'cumulativeInvestment':
      return isWanAmount(value) ? formatMoneyLabel(value) : String(value)
    case 'plannedSignDate':
    case 'plannedStartDate':
    case 'plannedProduceDate':
    case 'actualSignDate':
    case 'actualStartDate':
    case 'actualProduceDate':
      return isIsoDate(value) ? formatChineseDate(value) : String(value)
    case 'registered':
    case 'governmentFunded':
      return value === true ? '是' : '否'
    case 'leaders':
      return Array.isArray(value) ? value.join('、') || '（空）' : String(value)
    case 'unconfirmedFigures':
      return Array.isArray(value) ? value.map((item) => (isMoneyField(item) ? MONEY_FIELD_LABEL[item] : String(item))).join('、') || '（空）' : String(value)
    case 'coordinates': {
      const point = coordinatesSchema.safeParse(value)
      return point.success ? `${formatCoordinates(point.data)}（${COORDINATE_SOURCE_LABEL[point.data.source]}）` : String(value)
    }
    case 'area': {
      const area = areaSchema.safeParse(value)
      return area.success ? `${area.data.ring.length}个顶点的范围（${AREA_SOURCE_LABEL[area.data.source]}）` : String(value)
    }
    default:
      return String(value)
  }
}
