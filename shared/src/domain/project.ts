import { z } from 'zod'
import { plainText } from './safeText.ts'
import { FieldWriter, RecordWriter, writtenBy, type FieldPolicy, type RecordPolicy } from './fieldPolicy.ts'
import { isIsoDate, type IsoDate } from './dates.ts'
import { INDUSTRIES, Industry } from './industry.ts'
import { MONEY_FIELDS, type MoneyField } from './figureCheck.ts'
import { isWanAmountText, MONEY_CEILING_TEXT, withinMoneyCeiling, ZERO_WAN, type WanAmount } from './money.ts'
import { NATURES, Nature } from './nature.ts'
import { isRankKey } from './rank.ts'
import { STAGES, Stage } from './stage.ts'
import { coordinatesSchema } from './coordinates.ts'
import { areaSchema } from './projectArea.ts'
import { projectCodeSchema } from './projectCode.ts'

/** A project id is opaque and stable: the key of the project in the board document. */
export type ProjectId = string & { readonly __brand: 'ProjectId' }

export const PROJECT_ID_PATTERN = /^[A-Za-z0-9_-]{6,64}$/

export function isProjectId(value: unknown): value is ProjectId {
  return typeof value === 'string' && PROJECT_ID_PATTERN.test(value)
}

export function newProjectId(): ProjectId {
  return `p_${crypto.randomUUID().replaceAll('-', '').slice(0, 20)}` as ProjectId
}

/** Free text every export can hold (domain/safeText.ts). */
const text = plainText
const requiredText = (label: string, max: number) => text(label, max).refine((value) => value.trim().length > 0, { error: `${label}不能为空` })
const money = (label: string) =>
  z
    .custom<WanAmount>(isWanAmountText, { error: `${label}须为不小于0的金额（万元，最多两位小数）` })
    .refine(withinMoneyCeiling, { error: `${label}不能超过${MONEY_CEILING_TEXT}` })
const date = (label: string) => z.custom<IsoDate>(isIsoDate, { error: `${label}须为有效日期（如 2022-03-15）` })

/**
 * One validator per document field, so the server can check a single changed field of a
 * project without rebuilding the whole record. Keys are the Yjs map keys (docs/board-schema.md).
 */
export const projectFieldSchemas = {
  name: requiredText('项目名称', 200),
  nature: z.enum(NATURES as [Nature, ...Nature[]], { error: '建设性质须为新建、续建或前期' }),
  industry: z.enum(INDUSTRIES as [Industry, ...Industry[]], {
    error: '产业类别须为一产、二产、三产、基础设施或社会事业',
  }),
  cluster: text('产业集群', 50),
  location: text('建设地点', 100),
  scope: text('建设内容及规模', 2000),
  totalInvestment: money('总投资'),
  annualPlanInvestment: money('年度计划投资'),
  completedInvestment: money('已完成投资'),
  stage: z.enum(STAGES as [Stage, ...Stage[]], { error: '当前阶段须为谋划、签约、开工或投产' }),
  rank: z.custom<string>(isRankKey, { error: '排序键无效' }),
  plannedSignDate: date('计划签约时间'),
  plannedStartDate: date('计划开工时间'),
  plannedProduceDate: date('计划投产时间'),
  actualSignDate: date('实际签约时间'),
  actualStartDate: date('实际开工时间'),
  actualProduceDate: date('实际投产时间'),
  unit: requiredText('责任单位', 50),
  leaders: z.array(requiredText('包抓领导', 20), { error: '包抓领导须为姓名列表' }).max(10, { error: '包抓领导最多10人' }),
  owner: text('责任人', 20),
  phone: z.string({ error: '联系电话必须是文字' }).regex(/^[0-9+\-() ]{0,20}$/, { error: '联系电话格式不正确' }),
  progressNote: text('形象进度', 2000),
  registered: z.boolean({ error: '是否入库须为是或否' }),
  governmentFunded: z.boolean({ error: '是否政府投资须为是或否' }),
  seq: z.number({ error: '序号须为数字' }).int({ error: '序号须为整数' }).min(0, { error: '序号不能为负' }),
  /**
   * 待确认数字: money fields whose value failed the plausibility checks (domain/figureCheck.ts) and
   * was entered anyway. Such a figure stays on the card, marked, but is not counted in totals,
   * targets, the screen or the rankings until the 项目办 confirms it. Absent = every figure counts.
   *
   * Who may write it (server/src/validation/figureRule.ts enforces):
   * - the project's 责任单位: may only ADD a field, and must, in the same update that writes an
   *   implausible figure; may drop a field only in an update that replaces that figure by a
   *   plausible one. It can never confirm its own figure.
   * - the 项目办 only: removes a field to confirm the figure as it stands; may add one to pull a
   *   figure off the screen and the rankings.
   * Who confirmed, and when, is the server-attributed history entry of that removal.
   */
  unconfirmedFigures: z
    .array(z.enum(MONEY_FIELDS as unknown as [MoneyField, ...MoneyField[]]), { error: '待确认数字须为金额字段列表' })
    .max(MONEY_FIELDS.length, { error: '待确认数字最多3项' })
    .refine((fields) => new Set(fields).size === fields.length, { error: '待确认数字不能重复' }),
  /**
   * 恢复自: the past moment (ISO time) this project was last restored to (回头看), written in the
   * same change as the restored values, so history names the change a restore and says to when.
   * Who restored and when is the server-attributed history entry, as for any edit.
   */
  /** 坐标: where the project is on the map, with where the point came from (domain/coordinates.ts). */
  coordinates: coordinatesSchema,
  /** 项目范围: an optional outline (园区, land parcel) drawn or imported (domain/projectArea.ts). */
  area: areaSchema,
  /** 项目代码 from the 投资项目在线审批监管平台 (domain/projectCode.ts): matched first on import and across years. */
  projectCode: projectCodeSchema,
  /**
   * 累计完成投资（截至上年末）: what was completed in the years before this board's year, since the
   * project started. Carried by the 新建年度看板 rollover (last year's figure plus last year's
   * 已完成投资, exact to the cent); the 项目办 may correct it. 开工以来累计 = this + 已完成投资.
   */
  cumulativeInvestment: money('累计完成投资'),
  /** 上年看板: the board this card was carried over from (same project id there). Written only by the rollover. */
  carriedFrom: z.string({ error: '上年看板须为看板编号' }).regex(/^[A-Za-z0-9_-]{1,64}$/, { error: '上年看板编号无效' }),
  /** 首次列入年度: the year of the first board the project was on; with this board's year, the card's years. */
  firstYear: z.number({ error: '首次列入年度须为数字' }).int({ error: '首次列入年度须为整数' }).min(2000).max(2100),
  restoredFrom: z.string({ error: '恢复时间须为时间' }).refine((value) => /^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(Date.parse(value)), {
    error: '恢复时间须为有效时间',
  }),
} as const

export type ProjectField = keyof typeof projectFieldSchemas
export const PROJECT_FIELDS = Object.keys(projectFieldSchemas) as ProjectField[]

const DEPARTMENT = writtenBy(FieldWriter.department)
const HOLDER = writtenBy(FieldWriter.holder)

/**
 * Who writes what on a project: its department, except who holds it. A project with no stored
 * unit is the office's alone (the role policy reads the unit as stored before the update).
 */
export const PROJECT_POLICY = {
  create: RecordWriter.department,
  delete: RecordWriter.office,
  fields: {
    name: DEPARTMENT,
    nature: DEPARTMENT,
    industry: DEPARTMENT,
    cluster: DEPARTMENT,
    location: DEPARTMENT,
    scope: DEPARTMENT,
    totalInvestment: DEPARTMENT,
    annualPlanInvestment: DEPARTMENT,
    completedInvestment: DEPARTMENT,
    stage: DEPARTMENT,
    rank: DEPARTMENT,
    plannedSignDate: DEPARTMENT,
    plannedStartDate: DEPARTMENT,
    plannedProduceDate: DEPARTMENT,
    actualSignDate: DEPARTMENT,
    actualStartDate: DEPARTMENT,
    actualProduceDate: DEPARTMENT,
    unit: HOLDER,
    leaders: DEPARTMENT,
    owner: DEPARTMENT,
    phone: DEPARTMENT,
    progressNote: DEPARTMENT,
    registered: DEPARTMENT,
    governmentFunded: DEPARTMENT,
    seq: DEPARTMENT,
    // 待确认数字: the department may add a flag (and must, with an implausible figure) but only the
    // office removes one; the asymmetry is checked in server/src/validation/figureRule.ts.
    unconfirmedFigures: DEPARTMENT,
    coordinates: DEPARTMENT,
    area: DEPARTMENT,
    projectCode: DEPARTMENT,
    // Carried by the rollover from the figures the server read itself; only the office corrects it.
    cumulativeInvestment: writtenBy(FieldWriter.office),
    // The cross-year link is the server's statement of what it carried: no client may forge it.
    carriedFrom: writtenBy(FieldWriter.server),
    firstYear: writtenBy(FieldWriter.server),
    // Whoever may restore the project's fields marks the restore.
    restoredFrom: DEPARTMENT,
  } satisfies Record<ProjectField, FieldPolicy>,
} satisfies RecordPolicy

/**
 * Fields a project may lack in the document: absent means "not set" (no date yet, no 序号). An
 * absent 产业类别 or 建设性质 is 未分类 and an absent 是否入库 is 未填: a ledger that does not say
 * them must not be read as 二产/新建/否 — the board shows them unset for the office to fill in.
 */
export const OPTIONAL_PROJECT_FIELDS = [
  'nature',
  'industry',
  'registered',
  'plannedSignDate',
  'plannedStartDate',
  'plannedProduceDate',
  'actualSignDate',
  'actualStartDate',
  'actualProduceDate',
  'seq',
  'unconfirmedFigures',
  'coordinates',
  'area',
  'projectCode',
  'cumulativeInvestment',
  'carriedFrom',
  'firstYear',
  'restoredFrom',
] as const satisfies readonly ProjectField[]
type OptionalProjectField = (typeof OPTIONAL_PROJECT_FIELDS)[number]

type FieldValues = { [K in ProjectField]: z.infer<(typeof projectFieldSchemas)[K]> }
export type ProjectFields = Omit<FieldValues, OptionalProjectField> & Partial<Pick<FieldValues, OptionalProjectField>>
export type Project = ProjectFields & { readonly id: ProjectId }
export type ProjectPatch = Partial<Omit<ProjectFields, 'stage' | 'rank' | 'unconfirmedFigures'>>

export function isProjectField(key: string): key is ProjectField {
  return Object.hasOwn(projectFieldSchemas, key)
}

export function isOptionalProjectField(field: ProjectField): boolean {
  return (OPTIONAL_PROJECT_FIELDS as readonly string[]).includes(field)
}

/** The whole record, for forms and imports that check everything at once. */
export const projectFieldsSchema = z.strictObject(
  Object.fromEntries(
    PROJECT_FIELDS.map((field) => [field, isOptionalProjectField(field) ? projectFieldSchemas[field].optional() : projectFieldSchemas[field]]),
  ) as { [K in ProjectField]: (typeof projectFieldSchemas)[K] },
)

/**
 * What a new card holds before anyone fills it in; also the fallback when a stored value is invalid.
 * 建设性质, 产业类别 and 是否入库 have no default: unset until someone says (OPTIONAL_PROJECT_FIELDS).
 */
export const PROJECT_DEFAULTS: Omit<ProjectFields, 'rank'> = {
  name: '未命名项目',
  cluster: '',
  location: '',
  scope: '',
  totalInvestment: ZERO_WAN,
  annualPlanInvestment: ZERO_WAN,
  completedInvestment: ZERO_WAN,
  stage: Stage.planning,
  unit: '未指定',
  leaders: [],
  owner: '',
  phone: '',
  progressNote: '',
  governmentFunded: false,
}

/** Checks one field's value; returns the Chinese message when it is not acceptable. */
export function checkProjectField(field: ProjectField, value: unknown): string | undefined {
  const result = projectFieldSchemas[field].safeParse(value)
  return result.success ? undefined : (result.error.issues[0]?.message ?? '数据无效')
}
