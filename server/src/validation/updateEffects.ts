import type { RecordCollection } from '@guatu/shared/board/boardDoc'

/**
 * What an incoming Yjs update really does to a board, read from its integration into a candidate
 * copy (see CandidateBoard). The server decides on these effects before anything else sees the update.
 */
export type UpdateEffect =
  | { kind: 'createRecord'; collection: RecordCollection; id: string }
  | { kind: 'deleteRecord'; collection: RecordCollection; id: string }
  | { kind: 'setField'; collection: RecordCollection; id: string; field: string; value: unknown }
  | { kind: 'clearField'; collection: RecordCollection; id: string; field: string }

/** A change to a board-wide setting in the `meta` root (targets, thresholds). */
export type SettingEffect = { kind: 'setSetting'; key: string; value: unknown } | { kind: 'clearSetting'; key: string }

function fieldKey(collection: string, id: string, field: string): string {
  return `${collection}\u0000${id}\u0000${field}`
}

/**
 * Looks up the value an update writes to a field, in constant time: policy and history ask for
 * many fields of many records, and an import of 2,000 projects carries some 50,000 effects.
 */
export function writtenValues(effects: readonly UpdateEffect[]): (collection: RecordCollection, id: string, field: string) => unknown {
  const values = new Map<string, unknown>()
  for (const effect of effects) {
    if (effect.kind === 'setField') values.set(fieldKey(effect.collection, effect.id, effect.field), effect.value)
  }
  return (collection, id, field) => values.get(fieldKey(collection, id, field))
}
