import { MinutesChangeKind, type MinutesChange, type MinutesFieldChange, type MinutesMove } from '@guatu/shared/domain/minutes'
import { isProjectField } from '@guatu/shared/domain/project'
import { formatFieldValue, PROJECT_FIELD_LABEL } from '@guatu/shared/domain/projectFieldLabels'
import { isStage, STAGE_LABEL, STAGES, type Stage } from '@guatu/shared/domain/stage'
import { AuditAction, type StoredAuditEntry } from '../audit/auditRecord.ts'

/** The date a move into a stage stamps when it is empty (moveProject): part of the move, not an edit. */
const STAMPED_DATE_FIELD: Record<Stage, string | undefined> = {
  planning: undefined,
  signed: 'actualSignDate',
  started: 'actualStartDate',
  producing: 'actualProduceDate',
}
const PROJECT_ACTIONS: readonly string[] = [AuditAction.create, AuditAction.delete, AuditAction.move, AuditAction.edit]

interface FieldSpan {
  from: unknown
  to: unknown
  entries: number
  /** Every entry was written in the same update as a move (the date the move stamped). */
  stampedOnly: boolean
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null)

function fieldChange(field: string, span: FieldSpan): MinutesFieldChange {
  const label = isProjectField(field) ? PROJECT_FIELD_LABEL[field] : field
  const format = (value: unknown) => (isProjectField(field) ? formatFieldValue(field, value) : String(value ?? '（空）'))
  return { field, label, from: format(span.from), to: format(span.to) }
}

function summaryOf(kind: MinutesChangeKind, move: MinutesMove | undefined, fields: readonly MinutesFieldChange[]): string {
  const parts: string[] = []
  if (kind === MinutesChangeKind.created) parts.push('新建项目')
  if (kind === MinutesChangeKind.deleted) parts.push('删除项目')
  if (move) {
    const dates = move.dates.map((date) => `${date.label}${date.to}`).join('，')
    parts.push(`${move.back ? '退回' : '阶段'}：${STAGE_LABEL[move.from]} → ${STAGE_LABEL[move.to]}${dates ? `（${dates}）` : ''}`)
  }
  for (const field of fields) parts.push(`${field.label}：${field.from} → ${field.to}`)
  return parts.join('；')
}

/**
 * Folds a meeting's history into one net change per project, as a 纪要 states it: each field from
 * its value before the meeting to its value after (a typo and its correction are one edit; a value
 * put back is no edit), the stage likewise (a move and its undo vanish; a net move to an earlier
 * stage is a 退回), and the actual date a move stamps shown with the move — or dropped with it when
 * the move was undone. A project created and deleted within the meeting leaves no line. Nothing is
 * lost: every entry stays in the project's history, and `foldedEntries` says how many are behind
 * the line without a line of their own. `history` is oldest first.
 */
export function netChanges(history: readonly StoredAuditEntry[], nameOf: (projectId: string, fallback?: unknown) => string): MinutesChange[] {
  const byProject = new Map<string, StoredAuditEntry[]>()
  for (const entry of history) {
    if (!entry.projectId || !PROJECT_ACTIONS.includes(entry.action)) continue
    const list = byProject.get(entry.projectId) ?? []
    list.push(entry)
    byProject.set(entry.projectId, list)
  }
  const changes: MinutesChange[] = []
  for (const [projectId, entries] of byProject) {
    const change = projectNetChange(projectId, entries, nameOf)
    if (change) changes.push(change)
  }
  return changes
}

function projectNetChange(
  projectId: string,
  entries: readonly StoredAuditEntry[],
  nameOf: (projectId: string, fallback?: unknown) => string,
): MinutesChange | undefined {
  const created = entries.some((entry) => entry.action === AuditAction.create)
  const lastLife = entries.findLast((entry) => entry.action === AuditAction.create || entry.action === AuditAction.delete)
  const deleted = lastLife?.action === AuditAction.delete
  if (created && deleted) return undefined
  const moveTimes = new Set(entries.filter((entry) => entry.action === AuditAction.move).map((entry) => entry.at))
  let stage: FieldSpan | undefined
  const spans = new Map<string, FieldSpan>()
  for (const entry of entries) {
    if (entry.action === AuditAction.move) {
      stage = stage ? { ...stage, to: entry.to, entries: stage.entries + 1 } : { from: entry.from, to: entry.to, entries: 1, stampedOnly: false }
    } else if (entry.action === AuditAction.edit && entry.field) {
      // A move and the date it stamps are written in one update, so they share the server's time.
      const stamped = moveTimes.has(entry.at) && Object.values(STAMPED_DATE_FIELD).includes(entry.field)
      const span = spans.get(entry.field)
      spans.set(
        entry.field,
        span
          ? { ...span, to: entry.to, entries: span.entries + 1, stampedOnly: span.stampedOnly && stamped }
          : { from: entry.from, to: entry.to, entries: 1, stampedOnly: stamped },
      )
    }
  }
  let move: MinutesMove | undefined
  if (!deleted && stage && isStage(stage.from) && isStage(stage.to) && stage.from !== stage.to) {
    const stamped = STAMPED_DATE_FIELD[stage.to]
    const span = stamped ? spans.get(stamped) : undefined
    const dates = stamped && span?.stampedOnly && !same(span.from, span.to) ? [fieldChange(stamped, span)] : []
    move = { from: stage.from, to: stage.to, back: STAGES.indexOf(stage.to) < STAGES.indexOf(stage.from), dates }
  }
  const fields = [...spans.entries()].filter(([, span]) => !span.stampedOnly && !same(span.from, span.to)).map(([field, span]) => fieldChange(field, span))
  const kind = created ? MinutesChangeKind.created : deleted ? MinutesChangeKind.deleted : MinutesChangeKind.changed
  if (kind === MinutesChangeKind.changed && !move && fields.length === 0) return undefined
  const shown = (created || deleted ? 1 : 0) + (move ? 1 + move.dates.length : 0) + fields.length
  const last = entries.at(-1)!
  const deletedName = entries.find((entry) => entry.action === AuditAction.delete)?.from
  return {
    projectId,
    projectName: nameOf(projectId, deletedName),
    kind,
    move,
    fields: kind === MinutesChangeKind.deleted ? [] : fields,
    actors: [...new Set(entries.map((entry) => entry.actorLabel))],
    at: last.at,
    foldedEntries: Math.max(0, entries.length - shown),
    summary: summaryOf(kind, move, kind === MinutesChangeKind.deleted ? [] : fields),
  }
}
