import * as Y from 'yjs'
import type { IsoDate } from '../domain/dates.ts'
import { NoticeStatus, newNoticeId, nextNoticeLevel, type NoticeId, type NoticeLevel } from '../domain/notice.ts'
import { principalId, principalLabel, type Principal } from '../domain/principal.ts'
import type { ProjectId } from '../domain/project.ts'
import { RecordCollection, collectionRoot } from './boardDoc.ts'
import { ProjectValidationError, type CommandOptions } from './commandOptions.ts'
import { checkRecordField } from './recordSchemas.ts'

export interface NewNotice {
  level: NoticeLevel
  requirement: string
  deadline: IsoDate
}

type Clock = CommandOptions & { now?: Date }

function noticesRoot(doc: Y.Doc) {
  return collectionRoot(doc, RecordCollection.notices)
}

function write(doc: Y.Doc, map: Y.Map<unknown>, values: Record<string, unknown>, origin: unknown): void {
  for (const [field, value] of Object.entries(values)) {
    const problem = checkRecordField(RecordCollection.notices, field, value)
    if (problem) throw new ProjectValidationError(field, problem)
  }
  doc.transact(() => {
    for (const [field, value] of Object.entries(values)) map.set(field, value)
  }, origin)
}

function requireNotice(doc: Y.Doc, id: NoticeId): Y.Map<unknown> {
  const map = noticesRoot(doc).get(id)
  if (!map) throw new ProjectValidationError('id', `督办单不存在：${id}`)
  return map
}

/** The project office issues a 督办单 on a project, in its own name. */
export function issueNotice(doc: Y.Doc, projectId: ProjectId, notice: NewNotice, actor: Principal, options: Clock & { id?: NoticeId } = {}): NoticeId {
  const id = options.id ?? newNoticeId()
  const map = new Y.Map<unknown>()
  const values = {
    projectId,
    ...notice,
    status: NoticeStatus.open,
    issuedById: principalId(actor),
    issuedByLabel: principalLabel(actor),
    issuedAt: (options.now ?? new Date()).toISOString(),
  }
  for (const [field, value] of Object.entries(values)) {
    const problem = checkRecordField(RecordCollection.notices, field, value)
    if (problem) throw new ProjectValidationError(field, problem)
  }
  doc.transact(() => {
    noticesRoot(doc).set(id, map)
    for (const [field, value] of Object.entries(values)) map.set(field, value)
  }, options.origin)
  return id
}

/** One rung up the ladder (蓝 → 黄 → 红), optionally with a new deadline and requirement. */
export function escalateNotice(doc: Y.Doc, id: NoticeId, change: { deadline?: IsoDate; requirement?: string } = {}, options: CommandOptions = {}): void {
  const map = requireNotice(doc, id)
  const next = nextNoticeLevel(map.get('level') as NoticeLevel)
  if (!next) throw new ProjectValidationError('level', '已是红色督办，不能再升级')
  write(doc, map, { level: next, ...change }, options.origin)
}

/** The responsible department answers, in its own name. */
export function replyToNotice(doc: Y.Doc, id: NoticeId, reply: string, actor: Principal, options: Clock = {}): void {
  const map = requireNotice(doc, id)
  write(
    doc,
    map,
    { reply, repliedById: principalId(actor), repliedByLabel: principalLabel(actor), repliedAt: (options.now ?? new Date()).toISOString() },
    options.origin,
  )
}

/** 办结: the office closes the notice, in its own name. */
export function closeNotice(doc: Y.Doc, id: NoticeId, actor: Principal, options: Clock = {}): void {
  const map = requireNotice(doc, id)
  write(
    doc,
    map,
    { status: NoticeStatus.closed, closedById: principalId(actor), closedByLabel: principalLabel(actor), closedAt: (options.now ?? new Date()).toISOString() },
    options.origin,
  )
}
