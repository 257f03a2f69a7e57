import type * as Y from 'yjs'
import { RecordCollection, collectionRoot } from '@guatu/shared/board/boardDoc'
import { RECORD_SCHEMAS, checkRecordField, isOptionalRecordField, isRecordField, requiredRecordFields } from '@guatu/shared/board/recordSchemas'
import { areaCrossingProblem, areaSchema } from '@guatu/shared/domain/projectArea'
import type { UpdateEffect } from './updateEffects.ts'

type RecordKey = `${RecordCollection}:${string}`
const keyOf = (collection: RecordCollection, id: string): RecordKey => `${collection}:${id}`

/**
 * Checks the effects of an update against the board schema: known fields, valid values, no second
 * copy of a record id, no record without its required fields, and references that hold (a problem
 * names an existing project and keeps it). Returns the reason in Chinese, or undefined.
 */
export function checkSchema(doc: Y.Doc, effects: readonly UpdateEffect[]): string | undefined {
  const created = new Set<RecordKey>()
  const deleted = new Set<RecordKey>()
  const fieldsWritten = new Map<RecordKey, Map<string, unknown>>()
  for (const effect of effects) {
    if (effect.kind === 'deleteRecord') deleted.add(keyOf(effect.collection, effect.id))
  }
  for (const effect of effects) {
    const schema = RECORD_SCHEMAS[effect.collection]
    if (!schema.isId(effect.id)) return `${schema.label}编号格式无效：${effect.id.slice(0, 64)}`
    const key = keyOf(effect.collection, effect.id)
    switch (effect.kind) {
      case 'createRecord':
        if (collectionRoot(doc, effect.collection).has(effect.id) || created.has(key)) return `${schema.label}编号重复：${effect.id}`
        created.add(key)
        break
      case 'deleteRecord':
        break
      case 'setField': {
        const problem = checkRecordField(effect.collection, effect.field, effect.value) ?? crossingArea(effect.collection, effect.field, effect.value)
        if (problem) return problem
        const written = fieldsWritten.get(key) ?? new Map<string, unknown>()
        written.set(effect.field, effect.value)
        fieldsWritten.set(key, written)
        break
      }
      case 'clearField':
        // Deleting a record deletes its field values too; those deletions are part of the removal.
        if (deleted.has(key) || !isRecordField(effect.collection, effect.field)) break
        if (!isOptionalRecordField(effect.collection, effect.field)) return `必填字段不能删除：${effect.field}`
        break
      default:
        return assertNever(effect)
    }
  }
  for (const key of created) {
    const [collection] = key.split(':') as [RecordCollection]
    const missing = requiredRecordFields(collection).find((field) => !fieldsWritten.get(key)?.has(field))
    if (missing) return `新${RECORD_SCHEMAS[collection].label}缺少必填字段：${missing}`
  }
  return checkProjectReferences(doc, effects, created)
}

/** Problems and notices belong to one project for life: they must name an existing one when created. */
const PROJECT_OWNED: readonly RecordCollection[] = [
  RecordCollection.problems,
  RecordCollection.notices,
  RecordCollection.decisions,
  RecordCollection.photos,
  RecordCollection.proposals,
]

function checkProjectReferences(doc: Y.Doc, effects: readonly UpdateEffect[], created: ReadonlySet<RecordKey>): string | undefined {
  const projects = collectionRoot(doc, RecordCollection.projects)
  for (const effect of effects) {
    if (effect.kind === 'setField' && effect.collection === RecordCollection.decisions && effect.field === 'meetingId') {
      if (!created.has(keyOf(effect.collection, effect.id))) return '确定事项所属会议不能更改'
      const meetingId = effect.value as string
      if (!collectionRoot(doc, RecordCollection.meetings).has(meetingId) && !created.has(keyOf(RecordCollection.meetings, meetingId))) {
        return `确定事项所属会议不存在：${meetingId}`
      }
    }
    if (effect.kind !== 'setField' || !PROJECT_OWNED.includes(effect.collection) || effect.field !== 'projectId') continue
    const label = RECORD_SCHEMAS[effect.collection].label
    if (!created.has(keyOf(effect.collection, effect.id))) return `${label}所属项目不能更改`
    const projectId = effect.value as string
    if (!projects.has(projectId) && !created.has(keyOf(RecordCollection.projects, projectId))) return `${label}所属项目不存在：${projectId}`
  }
  return undefined
}

/** A 项目范围 valid in shape may still cross itself: a check beyond the schema (domain/projectArea.ts). */
function crossingArea(collection: RecordCollection, field: string, value: unknown): string | undefined {
  if (collection !== RecordCollection.projects || field !== 'area') return undefined
  const area = areaSchema.safeParse(value)
  return area.success ? areaCrossingProblem(area.data.ring) : undefined
}

function assertNever(value: never): never {
  throw new Error(`未处理的更新类型：${JSON.stringify(value)}`)
}
