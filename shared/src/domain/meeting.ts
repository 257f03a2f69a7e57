import { z } from 'zod'
import { plainText, refuseXmlUnsafe } from './safeText.ts'
import { FieldWriter, ON_CREATE, RecordWriter, actorOf, stampedOn, writtenBy, type FieldPolicy, type RecordPolicy } from './fieldPolicy.ts'
import { isIsoDate, type IsoDate } from './dates.ts'

/**
 * 调度会: a progress meeting the project office runs on the board. Units report one by one in
 * agenda order; `reportingUnit` is who speaks now, and every participant's board (and the wall
 * screen) follows it. What happens while the meeting runs is read back from the board's history.
 */
export type MeetingId = string & { readonly __brand: 'MeetingId' }

export const MEETING_ID_PATTERN = /^[A-Za-z0-9_-]{6,64}$/

export function isMeetingId(value: unknown): value is MeetingId {
  return typeof value === 'string' && MEETING_ID_PATTERN.test(value)
}

export function newMeetingId(): MeetingId {
  return `m_${crypto.randomUUID().replaceAll('-', '').slice(0, 20)}` as MeetingId
}

export const MeetingStatus = {
  running: 'running',
  ended: 'ended',
} as const
export type MeetingStatus = (typeof MeetingStatus)[keyof typeof MeetingStatus]

export const MEETING_STATUS_LABEL: Record<MeetingStatus, string> = { running: '进行中', ended: '已结束' }

const count = z.number().int().min(0)
const cents = z.number().int().min(0)

/** One year target at a moment: done against target, in projects or hundredths of 万元. */
export const targetFigureSchema = z.strictObject({
  key: z.string().max(60),
  label: z.string().max(60),
  /** Whether done/target count projects or hundredths of 万元. */
  money: z.boolean(),
  done: cents,
  target: cents,
})
export type TargetFigure = z.infer<typeof targetFigureSchema>

/**
 * Board totals at a moment, for "before and after": count and 总投资 per stage (hundredths of
 * 万元), and — from meetings recorded since the minutes grew them, so optional — 已完成投资 against
 * 年度计划, the year targets, and the projects under each light, judged on `asOf`.
 */
export const boardTotalsSchema = z.strictObject({
  projectCount: count,
  totalInvestmentCents: cents,
  byStage: z.record(z.string(), z.strictObject({ count, investmentCents: cents })),
  completedInvestmentCents: cents.optional(),
  annualPlanCents: cents.optional(),
  targets: z.array(targetFigureSchema).max(40).optional(),
  /** Projects whose worst light is each colour (红灯项目 69, not 红灯 99 条). */
  lightProjects: z.strictObject({ blue: count, yellow: count, red: count }).optional(),
  asOf: z.custom<IsoDate>(isIsoDate).optional(),
})
export type BoardTotals = z.infer<typeof boardTotalsSchema>

/** Free text every export can hold (domain/safeText.ts). */
const text = plainText
const instant = (label: string) =>
  z.string({ error: `${label}须为时间` }).refine((value) => /^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(Date.parse(value)), {
    error: `${label}须为 ISO 时间`,
  })
const unitList = (label: string) =>
  z
    .array(
      z
        .string()
        .trim()
        .min(1, { error: `${label}不能为空` })
        .max(50)
        .superRefine(refuseXmlUnsafe(label)),
      { error: `${label}须为单位列表` },
    )
    .max(200, { error: `${label}过多` })

export const meetingFieldSchemas = {
  title: text('会议名称', 100).refine((value) => value.trim().length > 0, { error: '会议名称不能为空' }),
  date: z.custom<IsoDate>(isIsoDate, { error: '会议日期须为有效日期' }),
  attendees: unitList('参会单位'),
  /** Units in reporting order. */
  agenda: unitList('汇报顺序'),
  status: z.enum([MeetingStatus.running, MeetingStatus.ended], { error: '会议状态无效' }),
  /** The unit reporting now; absent between reports. */
  reportingUnit: text('汇报单位', 50),
  startedAt: instant('开始时间'),
  endedAt: instant('结束时间'),
  chairId: text('主持人', 64),
  chairLabel: text('主持人', 100),
  /** 地点: the meeting room, for the minutes' header. */
  location: text('会议地点', 100),
  totalsBefore: boardTotalsSchema,
  totalsAfter: boardTotalsSchema,
} as const

export type MeetingField = keyof typeof meetingFieldSchemas
export const MEETING_FIELDS = Object.keys(meetingFieldSchemas) as MeetingField[]

/** Meetings are run by the project office, in its own name; the server records when they start and end. */
export const MEETING_POLICY = {
  create: RecordWriter.office,
  delete: RecordWriter.office,
  fields: {
    title: writtenBy(FieldWriter.office),
    date: writtenBy(FieldWriter.office),
    attendees: writtenBy(FieldWriter.office),
    agenda: writtenBy(FieldWriter.office),
    status: writtenBy(FieldWriter.office),
    reportingUnit: writtenBy(FieldWriter.office),
    location: writtenBy(FieldWriter.office),
    startedAt: stampedOn(ON_CREATE),
    endedAt: stampedOn({ on: 'set', field: 'status', value: MeetingStatus.ended }),
    chairId: actorOf(ON_CREATE, 'id'),
    chairLabel: actorOf(ON_CREATE, 'label'),
    totalsBefore: writtenBy(FieldWriter.office),
    totalsAfter: writtenBy(FieldWriter.office),
  } satisfies Record<MeetingField, FieldPolicy>,
} satisfies RecordPolicy
export const OPTIONAL_MEETING_FIELDS = ['reportingUnit', 'endedAt', 'totalsAfter', 'location'] as const satisfies readonly MeetingField[]
type OptionalMeetingField = (typeof OPTIONAL_MEETING_FIELDS)[number]
type FieldValues = { [K in MeetingField]: z.infer<(typeof meetingFieldSchemas)[K]> }
export type MeetingFields = Omit<FieldValues, OptionalMeetingField> & Partial<Pick<FieldValues, OptionalMeetingField>>
export type Meeting = MeetingFields & { readonly id: MeetingId }
