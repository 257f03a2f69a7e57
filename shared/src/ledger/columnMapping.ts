import { z } from 'zod'
import { PROJECT_FIELDS, type ProjectField } from '../domain/project.ts'
import { PROJECT_FIELD_LABEL } from '../domain/projectFieldLabels.ts'

/**
 * What the office may do with a ledger column the importer does not know (项目进展, 备注, 主管部门 …):
 * read it as a field of the record, read it only as evidence of the stage ("已投产。…"), or ignore
 * it. 当前阶段 and 排序 are not targets: a stage is read from a known column or from evidence.
 */
export const ColumnUse = {
  stageEvidence: 'stageEvidence',
  ignore: 'ignore',
  problems: 'problems',
} as const
export type ColumnUse = (typeof ColumnUse)[keyof typeof ColumnUse]

/** 上年看板 and 首次列入年度 are the rollover's statement (server-written), never a ledger column. */
const UNMAPPABLE = ['rank', 'stage', 'carriedFrom', 'firstYear'] as const
export type MappableField = Exclude<ProjectField, (typeof UNMAPPABLE)[number]>
export type ColumnChoice = MappableField | ColumnUse

export const MAPPABLE_FIELDS = PROJECT_FIELDS.filter((field): field is MappableField => !(UNMAPPABLE as readonly string[]).includes(field))
export const COLUMN_CHOICES: readonly ColumnChoice[] = [...MAPPABLE_FIELDS, ColumnUse.problems, ColumnUse.stageEvidence, ColumnUse.ignore]

export const COLUMN_CHOICE_LABEL: Record<ColumnChoice, string> = {
  ...(Object.fromEntries(MAPPABLE_FIELDS.map((field) => [field, PROJECT_FIELD_LABEL[field]])) as Record<MappableField, string>),
  problems: '存在问题',
  stageEvidence: '阶段依据（从文字读取当前阶段）',
  ignore: '忽略此列',
}

export function isColumnChoice(value: unknown): value is ColumnChoice {
  return typeof value === 'string' && (COLUMN_CHOICES as readonly string[]).includes(value)
}

/** Headers are remembered by their text without spaces and full-width forms: "备 注" = "备注". */
export function mappingKey(header: string): string {
  return header.normalize('NFKC').replace(/\s+/g, '')
}

export const MAX_MAPPED_HEADERS = 200
export const MAX_HEADER_KEY_LENGTH = 60

/**
 * A board's remembered choices, header key → choice. Kept in the board document (meta root), written
 * only by the project office (the server refuses it from anyone else), read by the next import.
 */
export const columnMappingSchema = z
  .record(
    z
      .string()
      .min(1, { error: '列名不能为空' })
      .max(MAX_HEADER_KEY_LENGTH, { error: `列名不能超过${MAX_HEADER_KEY_LENGTH}个字` }),
    z.enum(COLUMN_CHOICES as [ColumnChoice, ...ColumnChoice[]], { error: '列的用途无效' }),
  )
  .refine((mapping) => Object.keys(mapping).length <= MAX_MAPPED_HEADERS, { error: `最多记住${MAX_MAPPED_HEADERS}个列名` })
export type ColumnMapping = z.infer<typeof columnMappingSchema>
